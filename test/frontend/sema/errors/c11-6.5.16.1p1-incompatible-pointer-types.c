void f(int *p, char *c) {
  p = c;
}
