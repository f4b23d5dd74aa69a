// mod.specialize(name, values) and compile's `specialize` option: the
// specialized function gives the generic one's results for its values,
// shares the module's globals and functions, is optimised for the
// constants (a division by a constant leaves no idiv; a dead branch goes),
// is cached, and goes away with the module; promotion at the first call
// guards on the promoted values. Every misuse is a TypeError, RangeError or
// LoadError naming what is wrong.

import { compile, LoadError, loadObject, compileToObject } from '../../src/index.js';
import { testOnHost } from '../tools.js';

const onX64 = testOnHost(process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`);

const source = `
int calls;
static int scale(int x, int by) { return x * by; }
int kernel(const int *a, int n, int stride, int mode) {
  int s = 0;
  calls++;
  for (int i = 0; i < n; i++) {
    if (mode == 1) s += scale(a[i * stride], 3);
    else s += a[i * stride] / stride;
  }
  return s;
}
long fact(long n) { return n <= 1 ? 1 : n * fact(n - 1); }
double poly(double x, double c) { return c * x * x + 1.0; }
unsigned char clampu8(int v, _Bool saturate) { return saturate ? (v > 255 ? 255 : v < 0 ? 0 : v) : (unsigned char)v; }
struct pair { int a, b; };
int pair_sum(struct pair p, int k) { return p.a + p.b + k; }
`;

onX64('a specialized function computes what the generic one does for its values, sharing globals', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  const a = new Int32Array(64).map((_, i) => i * 7 - 100);
  const kernel = mod.fn('kernel');
  for (const [n, stride, mode] of [[16, 4, 0], [10, 3, 1], [0, 1, 0], [64, 1, 0]] as const) {
    const spec = mod.specialize('kernel', { n, stride, mode });
    t.is(spec(a), kernel(a, n, stride, mode), `n=${n} stride=${stride} mode=${mode}`);
  }
  t.is(mod.global('calls').value, 8, 'both update the one `calls`');
  const partly = mod.specialize('kernel', { stride: 2 });
  t.is(partly(a, 20, 1), kernel(a, 20, 2, 1), 'the remaining parameters stay in order');
  mod.dispose();
});

onX64('the constants are folded: no division left for a constant power of two, the other branch gone', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  mod.specialize('kernel', { stride: 4, mode: 0 });
  const generic = mod.disassemble('kernel', { bytes: false });
  const specialized = mod.disassemble('kernel.spec.1', { bytes: false });
  t.regex(generic, /\bidiv\b/);
  t.notRegex(specialized, /\bidiv\b/);
  t.true(specialized.split('\n').length < generic.split('\n').length, 'shorter than the generic code');
  mod.dispose();
});

onX64('a division by a bound constant that is no power of two becomes a multiply, exact for negative and extreme values', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  const kernel = mod.fn('kernel');
  const spec = mod.specialize('kernel', { stride: 3, mode: 0 });
  const generic = mod.disassemble('kernel', { bytes: false });
  const specialized = mod.disassemble('kernel.spec.1', { bytes: false });
  t.regex(generic, /\bidiv\b/);
  t.notRegex(specialized, /\bidiv\b/);
  t.regex(specialized, /\bimul\b/, 'the quotient comes from a multiply');
  // Negative, positive and both extremes once (the sum must not overflow: that would be undefined).
  const a = new Int32Array(300).map((_, i) => ((i * 7919) % 200_001) - 100_000);
  a[0] = -2147483648;
  a[3] = 2147483647;
  a[6] = -1;
  a[9] = -2;
  for (const n of [0, 1, 7, 50, 100]) t.is(spec(a, n), kernel(a, n, 3, 0), `n=${n}`);
  mod.dispose();
});

onX64('recursion goes to the generic function; floats, _Bool and unsigned results work', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  t.is(mod.specialize('fact', { n: 10 })(), 3628800);
  t.is(mod.specialize('poly', { c: 0.5 })(3), 5.5);
  t.is(mod.specialize('clampu8', { saturate: true })(300), 255);
  t.is(mod.specialize('clampu8', { saturate: false })(300), 44);
  t.is(mod.specialize('clampu8', { v: -5 })(true), 0);
  mod.dispose();
});

onX64('results are cached per function and values; number and bigint name the same value', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  const first = mod.specialize('fact', { n: 5 });
  t.is(mod.specialize('fact', { n: 5n }), first);
  t.not(mod.specialize('fact', { n: 6 }), first);
  mod.dispose();
});

onX64('dispose disposes the specializations first; their functions then throw', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  const spec = mod.specialize('fact', { n: 4 });
  t.is(spec(), 24);
  mod.dispose();
  t.throws(() => spec(), { instanceOf: LoadError, message: /disposed/ });
});

onX64('misuse is an error naming what is wrong', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  t.throws(() => mod.specialize('kernel', { strid: 4 }), { instanceOf: TypeError, message: "specialize: 'kernel' has no parameter 'strid' (did you mean 'stride'?); its parameters: a, n, stride, mode" });
  t.throws(() => mod.specialize('kernel', {}), { instanceOf: TypeError, message: /at least one parameter/ });
  t.throws(() => mod.specialize('kernel', { n: 1.5 }), { instanceOf: TypeError, message: /parameter 'n' of 'kernel' is an integer \(int\)/ });
  t.throws(() => mod.specialize('kernel', { n: 2 ** 40 }), { instanceOf: RangeError, message: /does not fit its type int/ });
  t.throws(() => mod.specialize('kernel', { a: 0n }), { instanceOf: TypeError, message: /only integer, enum, _Bool and floating-point parameters/ });
  t.throws(() => mod.specialize('pair_sum', { p: 1 }), { instanceOf: TypeError, message: /cannot be specialized|aggregate/ });
  t.throws(() => mod.specialize('nope', { n: 1 }), { instanceOf: LoadError, message: "function 'nope' is not defined in this module" });
  t.throws(() => mod.specialize('calls', { n: 1 }), { instanceOf: LoadError });
  mod.dispose();
  const loaded = loadObject(compileToObject('int f(int x) { return x; }', { cache: false }));
  t.throws(() => loaded.specialize('f', { x: 1 }), { instanceOf: LoadError, message: /only modules from compile\(\)/ });
  loaded.dispose();
});

onX64('specialize option: the first call promotes its values, later calls are guarded', (t) => {
  const mod = compile(source, { optimize: 2, cache: false, specialize: { kernel: ['n', 'stride'] } });
  const a = new Int32Array(64).map((_, i) => i * 3 + 1);
  const kernel = mod.fn('kernel');
  const plain = compile(source, { optimize: 2, cache: false }).fn('kernel');
  t.is(kernel(a, 16, 4, 0), plain(a, 16, 4, 0));
  t.regex(mod.disassemble('kernel.spec.1', { bytes: false }), /kernel\.spec\.1:/, 'the first call made the specialization');
  t.is(kernel(a, 16, 4, 1), plain(a, 16, 4, 1), 'same promoted values: the specialized code');
  t.is(kernel(a, 12, 4, 0), plain(a, 12, 4, 0), 'another n: the generic code');
  t.is(kernel(a, 16n, 4, 0), plain(a, 16, 4, 0), 'a bigint 16 is the promoted value');
  t.throws(() => mod.disassemble('kernel.spec.2'), { instanceOf: LoadError }, 'no second specialization');
  mod.dispose();
});

onX64('specialize option errors name the function or parameter', (t) => {
  t.throws(() => compile(source, { specialize: { kernel: ['m'] }, cache: false }), { instanceOf: TypeError, message: "compile: option 'specialize': 'kernel' has no parameter 'm' (its parameters: a, n, stride, mode)" });
  t.throws(() => compile(source, { specialize: { nope: ['n'] }, cache: false }), { instanceOf: TypeError, message: /'nope' is not a function defined in this module/ });
  t.throws(() => compile(source, { specialize: { kernel: 'n' } as never }), { instanceOf: TypeError, message: /option 'specialize'\.kernel/ });
  t.throws(() => compile(source, { specialize: { kernel: [] } }), { instanceOf: TypeError, message: /at least one parameter/ });
});
