/* long double constants fold exactly, as gcc folds them: literals rounded
   once to 64 significand bits, arithmetic and comparisons on the exact
   values, conversions to 64-bit integers without a detour through double. */
#include <stdio.h>

static long double third = 1.0L / 3;
static int ne = 0.1L != 0.1;
static unsigned long long big = 18446744073709549568.5L;
static long double tiny = 0x1p-16445L;

int main(void) {
  long double z = 1.0L / 3;
  int a = 0.1L == 0.1, b = 0.1L < 0.1, c = 0.1L > 0.1f;
  unsigned long long u = (unsigned long long)18446744073709551615.0L;
  long long l = (long long)-9223372036854775807.0L;
  int t = 1e-4000L ? 1 : 2;
  printf("%.21Lg %.21Lg %d %d %d %d\n", z, third, a, b, c, ne);
  printf("%llu %lld %d %llu %Lg %d\n", u, l, t, big, tiny, tiny > 0);
  printf("%.21Lg %.21Lg %.21Lg\n", 1.18973149535723176502e+4932L, 3.6451995318824746025e-4951L, 0x1.23456789abcdef01p+3L);
  return 0;
}
