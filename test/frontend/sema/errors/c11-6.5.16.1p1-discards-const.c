void f(const char *s) {
  char *t = s;
}
