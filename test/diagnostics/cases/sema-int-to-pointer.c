int f(void) {
  int *p = 42;
  return *p;
}
