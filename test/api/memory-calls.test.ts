// Calling a loaded function costs no native memory that outlives dispose()
// (issue 11: compile → fn('f')(1) → dispose() cycles grew RSS by ~4 KB each
// while the same cycles without the call stayed flat). The cause was koffi's
// function object per bound C function, whose native part (~3 KB) is freed
// only at a major GC that V8, not seeing it, runs late; bindings now share
// one stub per process (src/loader/shared-call.ts).
//
// Two proofs in one process:
//   - a bound function owns no native memory: binding and calling the
//     functions of a module, and keeping the JS functions alive, leaves
//     malloc's in-use bytes where they were;
//   - over compile → call → dispose cycles with no forced GC (what a server
//     sees), malloc's in-use bytes grow no more than over as many cycles
//     without the call, measured right before in the same process, and RSS
//     no more than V8's heap steps allow (its curve: bench/memory.ts).
// The 1,000,000-cycle curve is `bench/memory.ts` (README, "Memory").

import test, { type ExecutionContext } from 'ava';
import koffi from 'koffi';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// glibc's struct mallinfo2 (<malloc.h>, glibc ≥ 2.33): ten size_t counters.
const MALLINFO2 = koffi.struct('jitcc_test_mallinfo2', {
  arena: 'size_t', ordblks: 'size_t', smblks: 'size_t', hblks: 'size_t', hblkhd: 'size_t',
  usmblks: 'size_t', fsmblks: 'size_t', uordblks: 'size_t', fordblks: 'size_t', keepcost: 'size_t',
});
let mallinfo2: (() => Record<string, number>) | undefined;

/** Bytes malloc has handed out and not had back (small blocks plus mmapped large ones), all arenas. */
function mallocInUse(): number {
  mallinfo2 ??= koffi.load('libc.so.6').func('mallinfo2', MALLINFO2, []) as () => Record<string, number>;
  const m = mallinfo2();
  return Number(m.uordblks) + Number(m.hblkhd);
}

const source = (i: number) => `int f(int x) { return x + ${i}; }`;

function noCall(i: number): void {
  compile(source(i)).dispose();
}

function call(i: number): void {
  const m = compile(source(i));
  if (m.fn('f')(1) !== i + 1) throw new Error(`cycle ${i}: wrong result`);
  m.dispose();
}

interface Growth { rss: number; native: number }

/** Lets V8's background compile jobs finish, whose zones are malloc memory too (no GC: that is the caller's choice). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Growth over `n` cycles, without forced GC inside: the heap collects when V8 decides. */
async function growth(n: number, from: number, cycle: (i: number) => void): Promise<Growth> {
  gc();
  await settle();
  const rss = process.memoryUsage().rss;
  const native = mallocInUse();
  for (let i = from; i < from + n; i++) cycle(i);
  await settle();
  return { rss: process.memoryUsage().rss - rss, native: mallocInUse() - native };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** x86-64 Linux only: elsewhere bindings are koffi's own (shared-call.ts) and mallinfo2 is glibc's. */
const linuxX64: (title: string, fn: (t: ExecutionContext) => Promise<void>) => void = process.arch === 'x64' && process.platform === 'linux'
  ? (title, fn) => test.serial(title, fn)
  : (title, fn) => test.skip(`${title} (skipped: not x86-64 Linux)`, fn);

linuxX64('a bound and called function owns no native memory, even while its JS function lives', async (t) => {
  const K = 4_000;
  const m = compile(Array.from({ length: K }, (_, i) => `int f${i}(int x) { return x + ${i}; }`).join('\n'));
  for (let i = 0; i < 20; i++) m.fn(`f${i}`)(1); // warm up: the shared stub, koffi's prototype
  gc();
  await settle();
  const before = mallocInUse();
  const kept: unknown[] = [];
  for (let i = 20; i < K; i++) {
    const f = m.fn(`f${i}`);
    if (f(1) !== i + 1) throw new Error(`f${i} computed a wrong result`);
    kept.push(f);
  }
  gc();
  await settle();
  const grown = mallocInUse() - before;
  t.log(`malloc in use grew by ${kib(grown)} for ${kept.length} functions bound, called and kept (${(grown / kept.length).toFixed(0)} bytes each)`);
  // koffi's own function per binding took ~1.1 KB of malloc memory each (and more of V8's heap).
  t.true(grown < kept.length * 384, `binding and calling ${kept.length} functions grew malloc by ${kib(grown)}`);
  m.dispose();
});

linuxX64('compile → call → dispose cycles grow RSS and native memory no more than the cycles without the call', async (t) => {
  t.timeout(240_000);
  // ~3 ms per cycle on a quiet machine: the two runs take about 30 s.
  const N = 5_000;
  for (let i = 0; i < 300; i++) { noCall(i); call(i); } // warm up the compiler, koffi and the allocator
  const start = Date.now();
  const without = await growth(N, 100_000, noCall);
  const withCall = await growth(N, 200_000, call);
  const show = (g: Growth) => `RSS ${kib(g.rss)}, malloc ${kib(g.native)}`;
  t.log(`${N} cycles each in ${((Date.now() - start) / 1000).toFixed(0)} s; without the call: ${show(without)}; with it: ${show(withCall)}`);
  // With koffi's function per binding the call added ~1.1 KB of malloc memory per cycle (5.5 MiB
  // over N; ~3 KB of RSS in all), which this bound catches; malloc's own steps (V8's compile
  // zones among them) measured up to 2 MiB. RSS also holds V8's heap, which grows and shrinks by tens of MiB whenever V8 chooses to
  // collect, with or without the call: its bound catches gross leaks only (bench/memory.ts plots it).
  t.true(withCall.native - without.native < N * 640, `the call added ${kib(withCall.native - without.native)} of malloc memory over ${N} cycles`);
  t.true(withCall.rss - without.rss < 64 * 1024 * 1024, `the call added ${kib(withCall.rss - without.rss)} of RSS over ${N} cycles`);
});
