/* The callee side of the vector ABI pair. */
#include <stdarg.h>
#include "vec.h"

v4si add4(v4si a, v4si b) { return a + b; }
v4sf mul4f(v4sf a, v4sf b) { return a * b; }
v2df sub2d(v2df a, v2df b) { return a - b; }
v2si swap2(v2si a) { v2si r = { a[1], a[0] }; return r; }
v2hi neg2h(v2hi a) { return -a; }
v8si twice8(v8si a) { return a + a; }
struct wrap wrapped(struct wrap w, int k) { w.v = w.v * k; return w; }
struct mixed mixed_add(struct mixed m) { m.v += m.x; m.x = m.v[0] - m.v[1]; return m; }
v4si sum9(int a, int b, int c, int d, int e, int f, int g, v4si x1, v4si x2, v4si x3, v4si x4, v4si x5, v4si x6, v4si x7, v4si x8, v4si x9) {
  return x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 * 100 + (a + b + c + d + e + f + g);
}
double mix(double d, v4si a, float f, v2df b) { return d + a[0] + a[3] + f + b[0] * b[1]; }
v4si vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  v4si s = { 0, 0, 0, 0 };
  for (int i = 0; i < n; i++) s += va_arg(ap, v4si);
  va_end(ap);
  return s;
}
v4si apply(v4si (*fn)(v4si, v4si), v4si a, v4si b) { return fn(a, b) + 1; }
int stack32(long a, long b, long c, long d, long e, long f, long g, v8si v) { return v[0] + v[7] + (int)g; }
