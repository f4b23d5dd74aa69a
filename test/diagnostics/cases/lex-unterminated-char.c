int f(void) {
  return 'a;
}
