// Constant _Complex long double parts keep all 64 bits of the x87
// significand when sema folds them: `1.1L + 2.2Li`, a real plus an
// imaginary constant, negation, scaling by a real, static initializers.
#include <stdio.h>

static _Complex long double g = 1.1L + 2.2Li;
static _Complex long double gn = -(1.1L - 2.2Li);
static _Complex long double gs = (1.1L + 2.2Li) * 3.0L;

int main(void) {
  _Complex long double l = 1.1L + 2.2Li;
  long double r = 1.1L;
  _Complex long double m = r + 2.2Li;
  _Complex long double d = (1.1L + 2.2Li) / 3.0L;
  printf("%La %La\n", __real__ g, __imag__ g);
  printf("%La %La\n", __real__ gn, __imag__ gn);
  printf("%La %La\n", __real__ gs, __imag__ gs);
  printf("%La %La\n", __real__ l, __imag__ l);
  printf("%La %La\n", __real__ m, __imag__ m);
  printf("%La %La\n", __real__ d, __imag__ d);
  printf("%La\n", __imag__ (2.2Li + 1.0L));
  return 0;
}
