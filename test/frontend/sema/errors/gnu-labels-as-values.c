void *outside = &&nowhere;
void f(int i) {
  goto *i;
  void *p = &&missing;
  goto *p;
}
int g(int i) {
  /* A label distance is a constant of any integer type, plus or minus an integer; nothing else. */
  static const int ok[] = { &&a - &&b, &&b - &&a + 4, 2 + (&&a - &&b) };
  static const int scaled[] = { (&&a - &&b) * 2 };
  static const _Bool truth = &&a - &&b;
  static const double d = &&a - &&b;
a:
b:
  return ok[i] + scaled[0] + truth + (int)d;
}
