int f(void) {
  int = 3;
  return 0;
}
