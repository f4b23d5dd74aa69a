/* long double is x87 80-bit extended (SysV §3.1.2): passed in memory,
   returned in %st0, read by va_arg from the overflow area; gcc-compiled
   printf and libm see the same bits. */
#include <stdarg.h>
#include <stdio.h>

long double sqrtl(long double);
long double expl(long double);

static long double third = 1.0L / 3;
static long double table[3] = { 0.1L, -2.5L, 0x1.fffffffffffffffep+16383L };
struct S { int a; long double x; };
union U { long double x; unsigned short w[8]; };

long double add(long double a, long double b) { return a + b; }

long double many(long double a, long double b, long double c, long double d, long double e,
                 long double f, long double g, long double h, long double i, long double j) {
  return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10;
}

long double sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  long double s = 0;
  for (int i = 0; i < n; i++) {
    if (i % 2) s += va_arg(ap, double);
    else s += va_arg(ap, long double);
  }
  va_end(ap);
  return s;
}

long double scaled(struct S s) { return s.x * s.a; }
struct S make(int a, long double x) { struct S s = { a, x }; return s; }

int main(void) {
  long double x = 0.1L;
  printf("%.21Lg %.21Lg\n", x, third);
  printf("%.21Lg %.21Lg %.21Lg\n", table[0], table[1], table[2]);
  printf("%.21Lg\n", add(x, 2.5L));
  printf("%.21Lg\n", many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5L));
  printf("%.21Lg\n", sum(4, 1.25L, 0.5, x, 3.0));
  struct S s = make(3, 1.5L);
  printf("%.21Lg %d\n", scaled(s), s.a);
  printf("%.21Lg %.21Lg\n", sqrtl(2.0L), expl(1.0L));
  unsigned long long u = 18446744073709551615ULL;
  long double lu = u;
  printf("%.21Lg %llu %lld %d\n", lu, (unsigned long long)lu, (long long)(-x * 1e10L), (int)(x * 100));
  double d = x;
  float f = x;
  printf("%.17g %.9g %d %d %d %d\n", d, (double)f, x < 0.2L, x == 0.1L, !x, x > d);
  long double y = x++;
  printf("%.21Lg %.21Lg %.21Lg\n", x, y, -y);
  union U v;
  v.x = -1.0L;
  printf("%04x %04x %d %d\n", v.w[4], v.w[3], (int)sizeof(long double), (int)_Alignof(long double));
  long double acc = 1;
  for (int i = 1; i <= 25; i++) acc *= i;
  printf("%.21Lg %d\n", acc, acc == 15511210043330985984000000.0L);
  return 0;
}
