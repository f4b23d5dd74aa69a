// compile(src, { tier }): callable at once from -O0 code, then switched to
// -O2 code built on the tier worker. The switch must really happen (tier 2,
// other machine code, the old code's pages gone), be invisible to callers
// (same function objects, same results, one program state, stable function
// pointers), reach code still running in the first tier (its calls go
// through the stubs), let calls in flight finish on the old code, and
// survive dispose while the -O2 build is pending.

import { readFileSync } from 'node:fs';
import { compile, compileAsync, LoadError } from '../../src/index.js';
import { testOnHost } from '../tools.js';

const onX64 = testOnHost(process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`);

const source = `
int counter;
static const int table[4] = { 1, 10, 100, 1000 };
static int sq(int x) { return x * x; }
long fib(int n) { counter++; return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int (*pick(int which))(int) { return which ? sq : 0; }
int apply(int v) { return pick(1)(v) + table[v & 3]; }
long sum_to(long n) { long s = 0; for (long i = 0; i < n; i++) s += i % 7; return s; }
/* An address inside the code of step() itself, whichever tier runs it. */
__attribute__((noinline)) static long here(void) { return (long)__builtin_return_address(0); }
long step(void) { return here(); }
volatile int stop, seen;
/* Runs in whatever tier it was entered in until stopped; seen = 1 once a call to step() reached other code. */
int wait_for_new_step(void) {
  long first = step();
  while (!stop) if (!seen && step() != first) seen = 1;
  return seen;
}
`;

/** The permissions ('r-xp', '---p'…) of the mapping holding `address` in this process. */
function protectionAt(address: bigint): string | null {
  for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    if (m !== null && BigInt(`0x${m[1]}`) <= address && address < BigInt(`0x${m[2]}`)) return m[3]!;
  }
  return null;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits until the mapping at `address` has protection `want` (async calls of
 * other tests in this file, into any module, hold off every retirement).
 */
async function protectionBecomes(address: bigint, want: string): Promise<string | null> {
  const deadline = Date.now() + 120_000;
  while (protectionAt(address) !== want && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return protectionAt(address);
}

onX64("tier: 'auto' runs -O0 code at once and switches to -O2 code, invisibly to callers", async (t) => {
  const mod = compile(source, { tier: 'auto' });
  const fib = mod.fn('fib');
  const apply = mod.fn('apply');
  t.is(mod.tier('fib'), 0);
  t.is(fib(15), 610);
  t.is(apply(3), 9 + 1000);
  const pointer = mod.fn('pick')(1);
  const fibAddress = mod.symbol('fib');
  const oldStep = mod.fn('step')() as bigint | number;
  const oldCode = mod.disassemble('fib');
  const counted = mod.global('counter').value;
  t.is(protectionAt(BigInt(oldStep)), 'r-xp');

  await mod.whenTiered();
  t.is(mod.tier('fib'), 2);
  t.is(mod.tier('apply'), 2);
  t.is(mod.fn('fib'), fib, 'the same function object');
  t.is(fib(15), 610);
  t.is(apply(3), 9 + 1000);
  // One program state: the -O2 code counts on in the same global.
  t.is(mod.global('counter').value, (counted as number) * 2);
  // Function pointers and symbols are the stubs: the same before and after.
  t.is(mod.fn('pick')(1), pointer);
  t.is(mod.symbol('fib'), fibAddress);
  const newStep = mod.fn('step')() as bigint | number;
  t.not(newStep, oldStep, 'step() runs other machine code');
  t.not(mod.disassemble('fib'), oldCode);
  // Nothing runs the old code any more: its pages are discarded (W^X: they never became writable).
  t.is(await protectionBecomes(BigInt(oldStep), '---p'), '---p');
  t.is(protectionAt(BigInt(newStep)), 'r-xp');
  t.is(protectionAt(fibAddress), 'r-xp', 'the stubs are code, never written');
  mod.dispose();
  t.throws(() => fib(3), { message: /disposed/ });
});

onX64('a call running in the first tier reaches the second tier through the stubs, and finishes before the old code goes', async (t) => {
  const mod = compile(source, { tier: { afterCalls: 1000 } });
  const oldStep = BigInt(mod.fn('step')() as number);
  const stop = mod.global('stop');
  const seen = mod.global('seen');
  // In the first tier until stopped.
  const running = mod.fn('wait_for_new_step').async();
  await mod.whenTiered();
  t.is(mod.tier('step'), 2);
  const deadline = Date.now() + 60_000;
  while (seen.value === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  t.is(seen.value, 1, 'the first-tier loop called the -O2 step()');
  await tick();
  t.is(protectionAt(oldStep), 'r-xp', 'the old code stays while a call may run it');
  stop.value = 1;
  t.is(await running, 1);
  t.is(await protectionBecomes(oldStep, '---p'), '---p', 'the old code is discarded once no call can run it');
  mod.dispose();
});

onX64('concurrent calls across the switch all get the right results', async (t) => {
  const mod = compile(source, { tier: 'auto' });
  const sumTo = mod.fn('sum_to');
  const fib = mod.fn('fib');
  const expected = (n: number) => { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; };
  const inFlight: Promise<unknown>[] = [];
  const sizes: number[] = [];
  // Async calls start before, during and after the switch; synchronous ones in between.
  const tiered = mod.whenTiered();
  let before = 0;
  let after = 0;
  const deadline = Date.now() + 120_000;
  for (let round = 0; after < 30 && Date.now() < deadline; round++) {
    const n = 200_000 + (round % 100) * 1_000;
    sizes.push(n);
    inFlight.push(sumTo.async(n));
    t.is(fib(12), 144);
    if (mod.tier('sum_to') === 2) after++;
    else before++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const sawTier2 = before > 0 && after > 0;
  await tiered;
  t.true(sawTier2, 'the switch happened while calls were being made');
  const results = await Promise.all(inFlight);
  results.forEach((r, i) => t.is(r, expected(sizes[i]!)));
  t.is(mod.tier('sum_to'), 2);
  mod.dispose();
});

onX64('afterCalls: N starts the -O2 build after N calls from JS', async (t) => {
  const mod = compile('int twice(int x) { return 2 * x; }', { tier: { afterCalls: 5 } });
  const twice = mod.fn('twice');
  for (let i = 0; i < 4; i++) t.is(twice(i), 2 * i);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.is(mod.tier('twice'), 0, 'no build before the Nth call');
  t.is(twice(21), 42);
  const deadline = Date.now() + 120_000;
  while (mod.tier('twice') !== 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  t.is(mod.tier('twice'), 2);
  t.is(twice(21), 42);
  mod.dispose();
});

onX64('static functions and data of several units stay apart and shared across tiers', async (t) => {
  const mod = compile({
    sources: {
      'a.c': 'static int n; static int bump(void) { return ++n; } int a_bump(void) { return bump(); } int b_bump(void); int both(void) { return a_bump() * 100 + b_bump(); }',
      'b.c': 'static int n = 50; static int bump(void) { return ++n; } int b_bump(void) { return bump(); }',
    },
  }, { tier: 'auto' });
  const both = mod.fn('both');
  t.is(both(), 151);
  await mod.whenTiered();
  t.is(mod.tier('both'), 2);
  t.is(both(), 252);
  t.is(mod.fn('b_bump')(), 53);
  mod.dispose();
});

onX64('a tiered module can be specialized, before and after the switch', async (t) => {
  const src = 'static int w(int x) { return 3 * x; } int scale(int x) { return w(x); } int kernel(int n, int d) { int s = 0; for (int i = 0; i < n; i++) s += scale(i) / d; return s; }';
  const mod = compile(src, { tier: 'auto' });
  const before = mod.specialize('kernel', { n: 10, d: 4 });
  t.is(before(), mod.fn('kernel')(10, 4));
  await mod.whenTiered();
  await tick();
  t.is(before(), mod.fn('kernel')(10, 4), 'what the specialization calls in the module moved to -O2 with it');
  t.is(mod.specialize('kernel', { n: 7 })(3), mod.fn('kernel')(7, 3));
  mod.dispose();
});

onX64('readFile builds the second tier on the main thread', async (t) => {
  const mod = compile('#include "k.h"\nint k(void) { return K; }', { tier: 'auto', readFile: (p) => (p.endsWith('k.h') ? '#define K 7\n' : null) });
  t.is(mod.fn('k')(), 7);
  await mod.whenTiered();
  t.is(mod.tier('k'), 2);
  t.is(mod.fn('k')(), 7);
  mod.dispose();
});

onX64('dispose while the -O2 build is pending is safe', async (t) => {
  const mod = compile(source, { tier: 'auto' });
  const tiered = mod.whenTiered();
  t.is(mod.fn('fib')(10), 55);
  mod.dispose();
  await t.throwsAsync(tiered, { instanceOf: LoadError, message: /disposed before its second tier/ });
  // The worker finishes the dropped build first; a later module's upgrade proves it went nowhere.
  const other = compile('int one(void) { return 1; }', { tier: 'auto' });
  await other.whenTiered();
  t.is(other.fn('one')(), 1);
  other.dispose();
  t.throws(() => mod.tier('fib'), { instanceOf: LoadError, message: /disposed/ });
});

onX64('destructors run at dispose through the stubs after the switch', async (t) => {
  const mod = compile(`
    int seen;
    int *out;
    int value(void) { return 42; }
    __attribute__((destructor)) static void fini(void) { if (out) *out = value(); }
    void set_out(int *p) { out = p; }
  `, { tier: 'auto' });
  const cell = new Int32Array(1);
  mod.fn('set_out')(cell);
  await mod.whenTiered();
  await tick();
  t.is(mod.tier('value'), 2);
  mod.dispose();
  t.is(cell[0], 42);
});

onX64('bad tier options and questions are typed errors', async (t) => {
  t.throws(() => compile('int f(void){return 0;}', { tier: 'fast' as never }), { instanceOf: TypeError, message: /option 'tier'/ });
  t.throws(() => compile('int f(void){return 0;}', { tier: { afterCalls: -1 } }), { instanceOf: RangeError, message: /afterCalls/ });
  t.throws(() => compile('int f(void){return 0;}', { tier: { after: 3 } as never }), { instanceOf: TypeError, message: /unknown key 'after'/ });
  await t.throwsAsync(compileAsync('int f(void){return 0;}', { tier: 'auto' }), { instanceOf: TypeError, message: /'tier' is compile\(\)'s/ });
  const plain = compile('int f(void){return 0;}');
  t.throws(() => plain.tier('f'), { instanceOf: LoadError, message: /not compiled with the 'tier' option/ });
  await t.throwsAsync(plain.whenTiered(), { instanceOf: LoadError });
  plain.dispose();
  const tiered = compile('int f(void){return 0;} int g;', { tier: { afterCalls: 10 } });
  t.throws(() => tiered.tier('nope'), { instanceOf: LoadError, message: /'nope' is not defined/ });
  t.throws(() => tiered.tier('g'), { instanceOf: LoadError });
  tiered.dispose();
  t.throws(() => compile('int f(void){return }', { tier: 'auto' }), { message: /error/ });
});
