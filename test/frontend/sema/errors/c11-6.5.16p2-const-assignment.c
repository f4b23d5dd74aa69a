void f(void) {
  const int k = 1;
  k = 2;
}
