int f(void) {
  register int x asm("foo") = 1;
  return x;
}
