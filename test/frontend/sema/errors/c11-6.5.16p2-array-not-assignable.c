void f(int a[3]) {
  int b[3];
  b = a;
}
