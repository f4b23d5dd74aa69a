int f(const char *s) {
  char *p = s;
  return *p;
}
