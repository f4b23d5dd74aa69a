/* The callee side of the __int128 ABI pair. */
#include <stdarg.h>
#include "i128.h"

i128 add2(i128 a, i128 b) { return a + b; }
u128 mul_wide(unsigned long a, unsigned long b) { return (u128)a * b; }
i128 after5(long a, long b, long c, long d, long e, i128 x, long f) { return x * 1000 + a + b + c + d + e + f; }
i128 onstack(long a, long b, long c, long d, long e, long f, long g, i128 x, long h, i128 y) {
  return x - y + (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h);
}
double mixed(double d, i128 a, float f, u128 b) { return d + (double)a + f + (double)(b >> 64); }
struct holds wrap(struct holds h, int k) { h.v = h.v * k - 1; return h; }
struct pair shift_pair(struct pair p, int n) { p.v <<= n; p.tag += n; return p; }
i128 vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  i128 s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, i128) * (i + 1) + va_arg(ap, int);
  va_end(ap);
  return s;
}
i128 apply(i128 (*f)(i128, i128), i128 a, i128 b) { return f(a, b) * 3 + f(b, a); }
