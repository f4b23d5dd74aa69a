/* Complex operands (C11 6.5.8p2, 6.5.5p2, GNU __real__): what gcc rejects. */
double _Complex z = 1.0 + 2.0i;
int *p;
int f(void) {
  int a = z < z;
  int b = z % 2;
  double c = __real__ p;
  z = p;
  return a + b + (int)c;
}
