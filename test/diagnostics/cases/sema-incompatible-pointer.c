int f(void) {
  char c = 0;
  int *p = &c;
  return *p;
}
