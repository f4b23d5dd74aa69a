/* Complex values across calls (SysV AMD64 3.2.3): complex float in one SSE
   eightbyte, complex double in two; passed to and returned from libm's
   gcc-compiled functions, through va_arg, and inside structs. */
#include <complex.h>
#include <stdarg.h>
#include <stdio.h>

static double _Complex twice(double _Complex z) { return 2 * z; }
static float _Complex swapf(float _Complex z) { return cimagf(z) + crealf(z) * I; }

/* Many arguments: the later ones go on the stack. */
static double _Complex sum(double _Complex a, double _Complex b, double _Complex c, double _Complex d, double _Complex e) {
  return a + b + c + d + e;
}

static double _Complex vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double _Complex s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, double _Complex);
  va_end(ap);
  return s;
}

static float _Complex vsumf(int n, ...) {
  va_list ap;
  va_start(ap, n);
  float _Complex s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, float _Complex);
  va_end(ap);
  return s;
}

struct pair { int tag; float _Complex f; double _Complex d; };
static struct pair bump(struct pair p) { p.tag++; p.f *= 2; p.d = conj(p.d); return p; }

int main(void) {
  double _Complex e = cexp(I * 3.141592653589793);
  printf("cexp(i pi) = %.6f %+.6fi\n", creal(e), cimag(e));
  double _Complex r = csqrt(-4.0 + 0.0i);
  printf("csqrt(-4) = %g %+gi\n", creal(r), cimag(r));
  float _Complex rf = csqrtf(3.0f + 4.0fi);
  printf("csqrtf(3+4i) = %g %+gi\n", crealf(rf), cimagf(rf));
  printf("cabs(3+4i) = %g carg(i) = %.6f\n", cabs(3 + 4 * I), carg(I));
  double _Complex p = cpow(1 + I, 2);
  printf("cpow = %.6f %+.6fi\n", creal(p), cimag(p));
  double _Complex t = twice(1.5 - 2i);
  printf("twice = %g %+gi\n", creal(t), cimag(t));
  float _Complex s = swapf(1 + 2i);
  printf("swapf = %g %+gi\n", crealf(s), cimagf(s));
  double _Complex u = sum(1, 2i, 3 + 3i, 4 - 1i, 0.5 + 0.25i);
  printf("sum = %g %+gi\n", creal(u), cimag(u));
  double _Complex v = vsum(3, 1.0 + 1i, 2.0 + 0i, (double _Complex)(-1.0 + 4i));
  printf("vsum = %g %+gi\n", creal(v), cimag(v));
  float _Complex vf = vsumf(2, (float _Complex)(1 + 2i), (float _Complex)(0.5f - 0.5if));
  printf("vsumf = %g %+gi\n", crealf(vf), cimagf(vf));
  struct pair q = bump((struct pair){ 1, 1 + 1i, 2 + 3i });
  printf("pair = %d %g%+gi %g%+gi\n", q.tag, crealf(q.f), cimagf(q.f), creal(q.d), cimag(q.d));
  return 0;
}
