void f(int m) {
  int a[m] = {1};
}
