int f(void) {
  return;
}
