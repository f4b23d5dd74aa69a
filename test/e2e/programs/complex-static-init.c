/* Static initializers with complex values fold at compile time (6.6p7). */
#include <complex.h>
#include <stdio.h>

double _Complex g = 1.0 + 2.0i;
static float _Complex gf = 3.0f - 1.5if;
double _Complex from_real = 7;
double _Complex neg = -(2.0 - 0.5i);
struct s { int k; double _Complex z; _Complex unsigned short us; } gs = { 7, 2.5 + 0.5i, 100 + 200i };
_Complex char cc[2] = { 1 + 2i, 3 - 4i };
double _Complex arr[] = { 1, 2i, 3 + 3i };
double re = __real__ (4.0 + 5.0i);

int main(void) {
  static double _Complex local = 0.25 - 8i;
  printf("%g %+gi\n", creal(g), cimag(g));
  printf("%g %+gi\n", crealf(gf), cimagf(gf));
  printf("%g %+gi\n", creal(from_real), cimag(from_real));
  printf("%g %+gi\n", creal(neg), cimag(neg));
  printf("%d %g %+gi %u %u\n", gs.k, creal(gs.z), cimag(gs.z), __real__ gs.us, __imag__ gs.us);
  printf("%d %d %d %d\n", __real__ cc[0], __imag__ cc[0], __real__ cc[1], __imag__ cc[1]);
  for (int i = 0; i < 3; i++) printf("%g %+gi\n", creal(arr[i]), cimag(arr[i]));
  printf("%g %g %+gi\n", re, creal(local), cimag(local));
  return 0;
}
