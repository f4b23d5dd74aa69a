// End to end through the public API: C source → compile() → call from JS.
import test from 'ava';
import { compile, CompileError, UnresolvedSymbolError } from '../../src/index.js';

const kernels = `
  double dot(const double *a, const double *b, int n) {
    double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s;
  }
  long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
  long sum(const int *a, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
  }
  /* Marks composites in flags[0..n) and returns the number of primes below n. */
  int sieve(unsigned char *flags, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) flags[i] = i >= 2;
    for (int i = 2; i < n; i++) {
      if (!flags[i]) continue;
      count++;
      for (int j = i * 2; j < n; j += i) flags[j] = 0;
    }
    return count;
  }
  unsigned long strlen(const char *s);
  int twice_len(const char *s) { return (int)strlen(s) * 2; }
`;

for (const optimize of [0, 1, 2]) {
  test(`dot, fib, sum, sieve and a libc call at -O${optimize}`, (t) => {
    const mod = compile(kernels, { optimize });
    try {
      t.is(mod.fn('dot')(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]), 3), 32);
      t.is(mod.fn('fib')(30), 832040);
      const ints = Int32Array.from({ length: 1000 }, (_, i) => i * (i % 2 ? -3 : 7));
      t.is(mod.fn('sum')(ints, ints.length), ints.reduce((a, b) => a + b, 0));
      const flags = new Uint8Array(100);
      t.is(mod.fn('sieve')(flags, 100), 25);
      t.deepEqual([...flags.slice(0, 12)], [0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1]);
      t.is(mod.fn('twice_len')('hello, world'), 24);
      t.is(typeof mod.symbol('dot'), 'bigint');
    } finally {
      mod.dispose();
    }
  });
}

test('calling a function of a disposed module throws instead of jumping into unmapped memory', (t) => {
  const mod = compile('int one(void) { return 1; }');
  const one = mod.fn('one');
  t.is(one(), 1);
  mod.dispose();
  t.throws(() => one(), { message: /dispose/ });
});

test('a syntax error is a CompileError with a gcc-style diagnostic', (t) => {
  const e = t.throws(() => compile('int f(void) {\n  return 1\n}\n', { file: 'bad.c' }), { instanceOf: CompileError });
  t.regex(e!.message, /^bad\.c:2:11: error: expected ';'/m);
  t.regex(e!.message, /\n {4}2 \| {3}return 1\n/);
});

test('an undeclared identifier is reported with its position', (t) => {
  const e = t.throws(() => compile('int f(void) {\n  return nope + 1;\n}\n', { file: 'u.c' }), { instanceOf: CompileError });
  t.regex(e!.message, /^u\.c:2:10: error: use of undeclared identifier 'nope'/m);
  t.regex(e!.message, /\| {10}\^~~~/);
});

test('an unresolved external names every missing symbol and the process stays healthy', (t) => {
  const src = 'int missing_one(int); int missing_two(void);\nint f(int x) { return missing_one(x) + missing_two(); }';
  const e = t.throws(() => compile(src), { instanceOf: UnresolvedSymbolError });
  t.deepEqual([...e!.symbols].sort(), ['missing_one', 'missing_two']);
  const ok = compile('int g(int x) { return x + 1; }');
  t.is(ok.fn('g')(41), 42);
  ok.dispose();
});

test('a C source string from JS is UTF-8: non-ASCII literals mean what they mean in a UTF-8 file', (t) => {
  const mod = compile(`
    #include <string.h>
    const char *greeting(void) { return "héllo €"; }
    unsigned long length(void) { return strlen("héllo €"); }
    unsigned wide(void) { return L'€'; }`, { cache: false });
  t.is(mod.fn('greeting')(), 'héllo €');
  t.is(mod.fn('length')(), 10);
  t.is(mod.fn('wide')(), 0x20ac);
  mod.dispose();
});
