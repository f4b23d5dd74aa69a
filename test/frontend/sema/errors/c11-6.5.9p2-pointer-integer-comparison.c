int f(int *p, int n) {
  return p == n;
}
