void f(int m) {
  goto inside;
  {
    int b[m];
  inside:
    b[0] = 1;
  }
}
