void f(long n) {
  char *p = n;
}
