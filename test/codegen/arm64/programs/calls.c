/* AAPCS64 calls: many arguments, structs of every class in both directions, HFAs, x8 results, varargs, long double. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

struct s1 { char c; };
struct s12 { int a, b, c; };
struct s16 { long a; double b; };
struct big { long v[5]; };
struct hfa3 { float x, y, z; };
struct hfa4d { double a, b, c, d; };
struct mixed { float f; int i; };

__attribute__((noinline)) long many(int a, long b, short c, signed char d, unsigned e, long f, int g, long h, int i, long j, double x, float y) {
  return a + b + c + d + e + f + g + h + i + j + (long)x + (long)y;
}
__attribute__((noinline)) double manyf(double a, double b, double c, double d, double e, double f, double g, double h, double i, float j, int k) {
  return a + b + c + d + e + f + g + h + i + j + k;
}
__attribute__((noinline)) struct s12 make12(int k) { struct s12 s = { k, k * 2, k * 3 }; return s; }
__attribute__((noinline)) struct big makebig(long k) { struct big b; for (int i = 0; i < 5; i++) b.v[i] = k + i; return b; }
__attribute__((noinline)) long sumbig(struct big b) { long s = 0; for (int i = 0; i < 5; i++) s += b.v[i]; return s; }
__attribute__((noinline)) struct hfa3 scale3(struct hfa3 h, float k) { h.x *= k; h.y *= k; h.z *= k; return h; }
__attribute__((noinline)) struct hfa4d rev4(struct hfa4d h) { struct hfa4d r = { h.d, h.c, h.b, h.a }; return r; }
__attribute__((noinline)) double use16(struct s16 s, struct s1 c, struct mixed m) { return s.a + s.b + c.c + m.f + m.i; }
__attribute__((noinline)) long double ldmul(long double a, long double b) { return a * b + 1; }
__attribute__((noinline)) int vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}
__attribute__((noinline)) double vmix(const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  double s = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p == 'i') s += va_arg(ap, int);
    else if (*p == 'd') s += va_arg(ap, double);
    else if (*p == 'h') { struct hfa3 h = va_arg(ap, struct hfa3); s += h.x + h.y + h.z; }
    else if (*p == 'b') { struct big b = va_arg(ap, struct big); s += b.v[4]; }
    else if (*p == 's') { struct s12 t = va_arg(ap, struct s12); s += t.c; }
  }
  s += va_arg(ap2, int) * 1000;
  va_end(ap2);
  va_end(ap);
  return s;
}

int main(void) {
  printf("%ld\n", many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.5, 12.5f));
  printf("%g\n", manyf(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
  struct s12 s = make12(7);
  printf("%d %d %d\n", s.a, s.b, s.c);
  struct big b = makebig(100);
  printf("%ld %ld\n", b.v[4], sumbig(b));
  struct hfa3 h = { 1, 2, 3 };
  h = scale3(h, 2);
  printf("%g %g %g\n", h.x, h.y, h.z);
  struct hfa4d q = rev4((struct hfa4d){ 1, 2, 3, 4 });
  printf("%g %g %g %g\n", q.a, q.b, q.c, q.d);
  printf("%g\n", use16((struct s16){ 5, 0.5 }, (struct s1){ 3 }, (struct mixed){ 0.25f, 9 }));
  printf("%.3Lf\n", ldmul(1.5L, 3.0L));
  printf("%d\n", vsum(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  printf("%g\n", vmix("idhbsdidddddddd", 1, 2.5, h, b, s, 1.0, 2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
  char buf[64];
  snprintf(buf, sizeof buf, "%s-%d-%.2f", "x", 42, 3.14159);
  printf("%s %zu\n", buf, strlen(buf));
  return 0;
}
