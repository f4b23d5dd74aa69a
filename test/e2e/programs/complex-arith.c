/* Complex arithmetic (C11 6.2.5p11, 6.3.1.8) and GNU extensions: __real__/__imag__ as lvalues, ~ as the conjugate, integer complex. */
#include <complex.h>
#include <stdio.h>

static void show(const char *what, double _Complex z) { printf("%s = %.17g %+.17gi\n", what, creal(z), cimag(z)); }

static int calls;
static double _Complex counted(double _Complex z) { calls++; return z; }

int main(void) {
  double _Complex a = 1 + 2 * I, b = 3.0 - 4.0i;
  show("a+b", a + b);
  show("a-b", a - b);
  show("a*b", a * b);
  show("a/b", a / b);
  show("-a", -a);
  show("~a", ~a);
  show("a*2", a * 2);
  show("3-a", 3 - a);
  show("a/4", a / 4);
  show("1/a", 1 / a);
  printf("a==a %d a!=b %d a==1 %d (1+0i)==1 %d\n", a == a, a != b, a == 1, (1 + 0i) == 1);
  printf("!a %d !(0i) %d a&&b %d\n", !a, !(0.0 * I), a && b);
  if (0.5i) puts("imaginary is true");

  double _Complex c = a;
  c += 1; show("c+=1", c);
  c -= b; show("c-=b", c);
  c *= a; show("c*=a", c);
  c /= b; show("c/=b", c);
  __real__ c = 10;
  __imag__ c *= 3;
  show("parts", c);
  double *p = &__imag__ c;
  *p = -1;
  show("through pointer", c);
  double _Complex old = c++;
  show("c++ old", old);
  show("++c", ++c);
  show("c-- old", c--);
  show("--c", --c);

  /* Conversions: real to complex, complex to real and to _Bool, between complex types. */
  double d = a;
  _Bool t = 0.0 + 1e-300i;
  float _Complex f = a / 3;
  printf("d=%g t=%d f=%.9g%+.9gi\n", d, t, crealf(f), cimagf(f));
  printf("sizes %zu %zu %zu align %zu\n", sizeof(float _Complex), sizeof(double _Complex), sizeof(long double _Complex), _Alignof(double _Complex));

  /* Operands are evaluated once. */
  double _Complex e = counted(a) * counted(b) + counted(a);
  show("e", e);
  printf("calls %d\n", calls);

  /* GNU integer complex. */
  _Complex int zi = 3 + 4i;
  _Complex int wi = zi * zi - 1;
  printf("int %d %+di, %d %+di\n", __real__ wi, __imag__ wi, __real__ (wi / zi), __imag__ (wi / zi));
  __complex__ short hs = 2;
  hs += 5i;
  printf("short %d %+di\n", __real__ hs, __imag__ hs);
  printf("builtins %g %g %g\n", __builtin_creal(a), __builtin_cimag(a), __builtin_cimag(__builtin_conj(a)));
  return 0;
}
