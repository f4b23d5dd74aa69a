int g(int x, double d) {
  int y;
  const int c = 1;
  asm("" : "r"(y));
  asm("" : "=r"(x + 1));
  asm("" : "=r"(c));
  asm("" : : "=r"(x));
  asm("" : "=r"(y) : "1"(x));
  asm("" : : "m"(x + 1));
  asm("" : : "f"(d));
  asm("" : : "A"(x));
  asm("" : : "r"(d));
  asm("" : : : "eqx");
  asm goto("" : : : : out);
out:
  return y;
}
