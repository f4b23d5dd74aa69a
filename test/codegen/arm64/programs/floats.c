/* Floating point: arithmetic, conversions both ways at every width, compares with NaN, selects, constants. */
#include <stdio.h>
#include <math.h>

__attribute__((noinline)) double pick(double a, double b, int c) { return c ? a : b; }
__attribute__((noinline)) float mixf(float a, int b, double c) { return a * b + (float)c; }

int main(void) {
  volatile double d = 3.75, e = -2.5, z = 0.0;
  volatile float f = 1.25f;
  double nan = z / z;
  printf("%g %g %g %g\n", d + e, d - e, d * e, d / e);
  printf("%g %g\n", f * 3.1f, (double)f / 3);
  printf("%d %d %d %d %d %d\n", d < e, d > e, nan < d, nan != nan, nan == nan, !(nan >= d));
  printf("%d %u %lld %llu\n", (int)e, (unsigned)d, (long long)(d * 1e12), (unsigned long long)1e19);
  printf("%g %g %g\n", (double)-7, (double)4000000000u, (double)18446744073709551615ull);
  printf("%g %g\n", (float)(signed char)-5, (double)(unsigned short)65535);
  printf("%g %g %g\n", pick(d, e, 1), pick(d, e, 0), mixf(f, 3, 0.5));
  printf("%g %g %g\n", sqrt(d * 4), fabs(e), floor(d));
  printf("%.17g %.9g\n", 0.1 + 0.2, (float)0.1);
  printf("%g %g\n", -d, -(double)f);
  printf("%g %g %g %g %g\n", floor(e), ceil(e), trunc(e), round(e), round(d));
  printf("%g %g %g %g\n", floorf(f), ceilf(f), copysign(d, e), copysignf(f, -0.0f));
  printf("%g %g %g %g %g\n", fmin(d, e), fmax(d, e), fmin(nan, d), fmax(d, nan), sqrtf(f));
  return 0;
}
