void f(int m) {
  static int s[m];
}
