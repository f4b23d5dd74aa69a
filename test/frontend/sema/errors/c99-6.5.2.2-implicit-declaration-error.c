int f(void) {
  return foo(1, 2);
}
