void *outside = &&nowhere;
void f(int i) {
  goto *i;
  void *p = &&missing;
  goto *p;
}
