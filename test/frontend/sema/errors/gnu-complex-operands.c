/* Complex operands (C11 6.5.8p2, 6.5.5p2, GNU __real__): what gcc rejects. */
double _Complex z = 1.0 + 2.0i;
long double _Complex lz;
int *p;
int f(void) {
  int a = z < z;
  int b = z % 2;
  double c = __real__ p;
  lz = lz * lz;
  z = p;
  return a + b + (int)c;
}
long double _Complex g(void) { return lz; }
long double creall(long double _Complex);
long double h(void) { return creall(lz); }
long double _Complex cexpl(long double _Complex);
void k(void) { lz = cexpl(lz); }
