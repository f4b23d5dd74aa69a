void f(void) {
again:
again:
  ;
}
