// Benchmarks jitcc against gcc, clang and tcc in the same run, and against plain JS.
//
//   npm run bench                 # every kernel of ../shared/bench/kernels
//   npm run bench -- dot fib      # some kernels
//   ROUNDS=7 npm run bench        # interleaved rounds per kernel and compiler (default 5)
//   BENCH_ONLY=speed|calls|latency   one table;  BENCH_IR=0 skips the cachegrind counts
//   COLUMNS='jitcc -O2,gcc -O2'   only these columns (names as printed)
//
// Three parts:
//  1. generated-code speed (kernels.ts): each kernel's `main` built by
//     jitcc -O2, gcc -O2/-O1/-O0, clang -O2 and tcc, and its JS version,
//     interleaved rounds of CPU time, ratio to gcc -O2, the geomean, a
//     cachegrind instruction ratio, and compile time per kernel;
//  2. calls from JS: dot and fib compiled in process by jitcc, the same C
//     built by `gcc -O2 -shared` and loaded with koffi, and plain JS;
//  3. compile latency: jitcc compile() of a small function vs gcc → .so → koffi.
// Absolute times on shared machines are noisy; the ratios are what we quote.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import { compile } from '../src/index.js';
import { columns, measureKernels, printKernelTables } from './kernels.js';
import { has } from './measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// ../shared beside the repository; a worktree under wt/ finds it one level further up.
const kernelsDir = process.env.BENCH_KERNELS ?? [join(root, '..', 'shared', 'bench', 'kernels'), join(root, '..', '..', 'shared', 'bench', 'kernels')].find(existsSync) ?? join(root, '..', 'shared', 'bench', 'kernels');
const jitccBin = join(root, 'dist', 'cc.js');
const rounds = Number(process.env.ROUNDS ?? process.env.REPS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'jitcc-bench-'));

function time(fn: () => void, iterations: number): number {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e9 / iterations;
}

function callsFromJs(): void {
  const dotSrc = readFileSync(join(kernelsDir, 'dot.c'), 'utf8');
  const fibSrc = readFileSync(join(kernelsDir, 'fib.c'), 'utf8');
  const n = 100_000;
  const a = new Float64Array(n).map((_, i) => (i % 13) * 0.5);
  const b = new Float64Array(n).map((_, i) => (i % 7) * 0.25 - 0.5);
  const jsDot = (x: Float64Array, y: Float64Array, len: number) => { let s = 0; for (let i = 0; i < len; i++) s += x[i]! * y[i]!; return s; };
  const jsFib = (k: number): number => (k < 2 ? k : jsFib(k - 1) + jsFib(k - 2));

  const jdot = compile(dotSrc, { optimize: 2, defines: { NO_MAIN: 1 } });
  const jfib = compile(fibSrc, { optimize: 2, defines: { NO_MAIN: 1 } });
  const so = join(work, 'kernels.so');
  execFileSync('gcc', ['-O2', '-shared', '-fPIC', '-DNO_MAIN', '-o', so, join(kernelsDir, 'dot.c'), join(kernelsDir, 'fib.c')]);
  const lib = koffi.load(so);
  const gdot = lib.func('double dot(const double *a, const double *b, int n)');
  const gfib = lib.func('int fib(int n)');

  const rows: [string, () => void, number][] = [
    ['dot n=1e5: jitcc -O2', () => jdot.fn('dot')(a, b, n), 2000],
    ['dot n=1e5: gcc -O2 via koffi', () => gdot(a, b, n), 2000],
    ['dot n=1e5: plain JS', () => jsDot(a, b, n), 2000],
    ['fib(27): jitcc -O2', () => jfib.fn('fib')(27), 20],
    ['fib(27): gcc -O2 via koffi', () => gfib(27), 20],
    ['fib(27): plain JS', () => jsFib(27), 20],
  ];
  const jd = jdot.fn('dot'), jf = jfib.fn('fib');
  if (jd(a, b, n) !== gdot(a, b, n) || jf(27) !== gfib(27)) console.log('**WRONG RESULT from jitcc**');
  console.log('\n## Calling from JS: time per call, ratio to gcc -O2 via koffi\n');
  console.log('| call | time | ratio |');
  console.log('|---|---|---|');
  const results = rows.map(([name, fn, it]) => [name, time(fn, it)] as const);
  for (let i = 0; i < results.length; i++) {
    const [name, t] = results[i]!;
    const base = results[i - (i % 3) + 1]![1];
    console.log(`| ${name} | ${(t * 1e6).toFixed(1)} µs | ${(t / base).toFixed(2)} |`);
  }
  jdot.dispose();
  jfib.dispose();
}

function compileLatency(): void {
  const src = `
    int clamp(int x, int lo, int hi) { return x < lo ? lo : x > hi ? hi : x; }
    long sum(const int *a, int n) {
      long s = 0;
      for (int i = 0; i < n; i++) s += clamp(a[i], -100, 100);
      return s;
    }`;
  // cache: false measures a real compile; the last row shows what the compile cache saves on a repeat.
  const jit = (opt: number, cache = false) => () => { const m = compile(src, { optimize: opt, cache }); m.fn('sum'); m.dispose(); };
  const gccSo = (opt: string) => () => {
    const c = join(work, 'lat.c'), so = join(work, `lat${Math.random()}.so`);
    writeFileSync(c, src);
    execFileSync('gcc', [opt, '-shared', '-fPIC', '-o', so, c]);
    koffi.load(so).func('long sum(const int *a, int n)');
  };
  const rows: [string, () => void, number][] = [
    ['jitcc -O0 compile()', jit(0), 50],
    ['jitcc -O2 compile()', jit(2), 50],
    ['jitcc -O2 compile(), cache hit', jit(2, true), 50],
    ['gcc -O0 → .so → koffi', gccSo('-O0'), 5],
    ['gcc -O2 → .so → koffi', gccSo('-O2'), 5],
  ];
  if (has('tcc')) rows.push(['tcc → .so → koffi', () => {
    const c = join(work, 'lat.c'), so = join(work, `lat${Math.random()}.so`);
    writeFileSync(c, src);
    execFileSync('tcc', ['-shared', '-o', so, c]);
    koffi.load(so).func('long sum(const int *a, int n)');
  }, 10]);
  console.log('\n## Compile latency (20-line source to callable function, wall)\n');
  console.log('| path | ms |');
  console.log('|---|---|');
  for (const [name, fn, it] of rows) console.log(`| ${name} | ${(time(fn, it) * 1e3).toFixed(2)} |`);
}

function main(): void {
  if (!existsSync(kernelsDir)) {
    console.log(`bench: ${kernelsDir} is absent (../shared beside the repo); nothing to measure`);
    return;
  }
  if (!existsSync(jitccBin)) throw new Error('run `npm run build` first (bench/run.ts uses dist/cc.js for executables)');
  const wanted = process.argv.slice(2);
  const all = readdirSync(kernelsDir).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();
  const kernels = wanted.length ? all.filter((k) => wanted.includes(k)) : all;
  console.log(`# jitcc benchmark (${new Date().toISOString().slice(0, 10)}, median of ${rounds} interleaved rounds)`);
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'speed') {
    const wantedCols = process.env.COLUMNS?.split(',').map((c) => c.trim());
    const cols = columns(root).filter((c) => !wantedCols || wantedCols.includes(c.name) || c.name === 'gcc -O2');
    const missing = cols.filter((c) => c.build('x.c', 'x') === null).map((c) => c.name);
    if (missing.length) console.log(`(not installed, so n/a: ${missing.join(', ')})`);
    const withIr = process.env.BENCH_IR !== '0' && has('valgrind');
    printKernelTables(measureKernels(root, kernelsDir, kernels, cols, { rounds, work, withIr }), cols);
  }
  if (!only || only === 'calls') callsFromJs();
  if (!only || only === 'latency') compileLatency();
  rmSync(work, { recursive: true, force: true });
}

main();
