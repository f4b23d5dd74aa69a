// long double across the gcc/jitcc boundary in one process (SysV §3.2.3,
// class X87): arguments in memory (also past the registers, and in
// variadic calls), results in %st0 (also a struct of one long double),
// va_arg from the overflow area. koffi has no long double, so the JS side
// sees only double results computed in C.

import { compile, loadObject } from '../../src/index.js';
import { gccObject, gccTest } from './helpers.js';

const GCC_SOURCE = `
#include <stdarg.h>
struct L { long double x; };
struct M { int a; long double x; };
struct L gcc_lone(long double a) { struct L l = { a * 2 }; return l; }
long double gcc_sum_m(struct M m, long double k) { return m.a + m.x * k; }
long double gcc_vsum(int n, ...) {
  va_list ap; va_start(ap, n);
  long double s = 0;
  while (n--) s += va_arg(ap, long double);
  va_end(ap);
  return s;
}
long double gcc_ten(long double a, long double b, long double c, long double d, long double e,
                    long double f, long double g, long double h, long double i, long double j) {
  return a - b + c - d + e - f + g - h + i - j * 3;
}
long double jit_half(long double);
long double jit_vsum(int n, ...);
struct L jit_lone(long double);
double gcc_calls_jit(void) { return (double)(jit_half(3.0L) + jit_vsum(2, 0.25L, 1.0L) + jit_lone(2.0L).x); }
double gcc_precise(void) { long double one = jit_lone(0.5L).x; return (double)(((one + 0x1p-60L) - one) * 0x1p60L); }
`;

const JIT_LIB = `
#include <stdarg.h>
struct L { long double x; };
long double jit_half(long double x) { return x / 2; }
long double jit_vsum(int n, ...) {
  va_list ap; va_start(ap, n);
  long double s = 0;
  while (n--) s += va_arg(ap, long double);
  va_end(ap);
  return s;
}
struct L jit_lone(long double a) { struct L l = { a * 2 }; return l; }
`;

const JIT_APP = `
struct L { long double x; };
struct M { int a; long double x; };
struct L gcc_lone(long double a);
long double gcc_sum_m(struct M m, long double k);
long double gcc_vsum(int n, ...);
long double gcc_ten(long double a, long double b, long double c, long double d, long double e,
                    long double f, long double g, long double h, long double i, long double j);
double app(void) {
  struct M m = { 4, 0.1L };
  return (double)(gcc_lone(1.1L).x + gcc_sum_m(m, 3) + gcc_vsum(3, 1.0L, 0.1L, 2.0L) + gcc_ten(1, 2, 3, 4, 5, 6, 7, 8, 9, 0.3L));
}
double precise(void) { long double one = gcc_lone(0.5L).x; return (double)(((one + 0x1p-60L) - one) * 0x1p60L); }
`;

for (const flags of [['-O0'], ['-O2']]) {
  gccTest(`long double crosses between gcc ${flags.join(' ')} and jitcc ${flags.join(' ')} code`, (t) => {
    const opt = flags[0] === '-O2' ? 2 : 0;
    const lib = compile(JIT_LIB, { optimize: opt });
    const gcc = loadObject(gccObject('ldouble', GCC_SOURCE, ['-c', ...flags]), { link: [lib] });
    const app = compile(JIT_APP, { link: [gcc], optimize: opt });
    // 2.2 + 4.3 + 3.1 + 4.1, summed in extended precision.
    t.true(Math.abs((app.fn('app')() as number) - 13.7) < 1e-12);
    t.is(app.fn('precise')(), 1);
    t.is(gcc.fn('gcc_calls_jit', 'double gcc_calls_jit(void)')(), 1.5 + 1.25 + 4);
    t.is(gcc.fn('gcc_precise', 'double gcc_precise(void)')(), 1);
    app.dispose();
    gcc.dispose();
    lib.dispose();
  });
}

// _Complex long double (SysV §3.2.3, COMPLEX_X87): passed in memory, returned in %st0 (real) and
// %st1 (imaginary); complex * and / call libgcc's __mulxc3 and __divxc3 as gcc does.
const GCC_COMPLEX = `
_Complex long double gcc_cmul(_Complex long double a, _Complex long double b) { return a * b; }
_Complex long double jit_cmake(long double re, long double im);
double gcc_calls_jit_complex(void) { _Complex long double z = jit_cmake(1.5L, -2.0L); return (double)(__real__ z * 10 + __imag__ z); }
`;

const JIT_COMPLEX_LIB = `
_Complex long double jit_cmake(long double re, long double im) { _Complex long double z; __real__ z = re; __imag__ z = im; return z; }
`;

const JIT_COMPLEX_APP = `
_Complex long double gcc_cmul(_Complex long double a, _Complex long double b);
double app(void) {
  _Complex long double a = 1.0L + 2.0Li, b = 3.0L - 1.0Li;
  _Complex long double p = gcc_cmul(a, b);                 /* 5 + 5i */
  _Complex long double q = (a * b) / b;                    /* 1 + 2i, through __mulxc3 and __divxc3 */
  return (double)(__real__ p * 1000 + __imag__ p * 100 + __real__ q * 10 + __imag__ q);
}
`;

for (const flags of [['-O0'], ['-O2']]) {
  gccTest(`complex long double crosses between gcc ${flags.join(' ')} and jitcc ${flags.join(' ')} code`, (t) => {
    const opt = flags[0] === '-O2' ? 2 : 0;
    const lib = compile(JIT_COMPLEX_LIB, { optimize: opt });
    const gcc = loadObject(gccObject('cldouble', GCC_COMPLEX, ['-c', ...flags]), { link: [lib] });
    const app = compile(JIT_COMPLEX_APP, { link: [gcc], optimize: opt });
    t.is(app.fn('app')(), 5000 + 500 + 10 + 2);
    t.is(gcc.fn('gcc_calls_jit_complex', 'double gcc_calls_jit_complex(void)')(), 13);
    app.dispose();
    gcc.dispose();
    lib.dispose();
  });
}
