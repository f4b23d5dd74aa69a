// Benchmarks jitcc against gcc and tcc in the same run, and against plain JS.
//
//   npm run bench                 # every kernel of ../shared/bench/kernels
//   npm run bench -- dot fib      # some kernels
//   REPS=5 npm run bench          # median of 5 runs per executable (default 3)
//
// Three tables:
//  1. generated-code speed: each kernel's `main` built by gcc -O2, tcc and
//     jitcc -O2 (linked by cc), CPU time of the child (user+sys), ratio to gcc -O2;
//     the output must equal the kernel's .expected file or the row says WRONG.
//  2. calls from JS: dot and fib compiled in process by jitcc, the same C
//     built by `gcc -O2 -shared` and loaded with koffi, and plain JS.
//  3. compile latency: jitcc compile() of a small function vs gcc → .so → koffi.
// Absolute times on shared machines are noisy; the ratios are what we quote.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import { compile } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kernelsDir = join(root, '..', 'shared', 'bench', 'kernels');
const jitccBin = join(root, 'dist', 'cc.js');
const reps = Number(process.env.REPS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'jitcc-bench-'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** CPU seconds (user+sys) of running `exe`, measured by perl's times() around system(). */
function cpuSeconds(exe: string): { seconds: number; stdout: string } {
  const r = spawnSync('perl', ['-e', 'my $o = `$ARGV[0]`; my @t = times; print STDERR "$t[2] $t[3]\\n"; print $o; exit($? >> 8)', exe], { encoding: 'utf8' });
  const [u, s] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: u! + s!, stdout: r.stdout };
}

interface Row { kernel: string; times: Record<string, number | string> }

function codeSpeed(kernels: string[]): Row[] {
  const compilers: { name: string; build: (src: string, exe: string) => string[] | null }[] = [
    { name: 'gcc -O2', build: (src, exe) => ['gcc', '-O2', '-o', exe, src, '-lm'] },
    { name: 'tcc', build: (src, exe) => (has('tcc') ? ['tcc', '-o', exe, src, '-lm'] : null) },
    { name: 'jitcc -O2', build: (src, exe) => ['node', jitccBin, '-O2', '-o', exe, src, '-lm'] },
  ];
  const rows: Row[] = [];
  for (const k of kernels) {
    const src = join(kernelsDir, `${k}.c`);
    const expected = readFileSync(join(kernelsDir, `${k}.expected`), 'utf8');
    const row: Row = { kernel: k, times: {} };
    for (const c of compilers) {
      const exe = join(work, `${k}-${c.name.replace(/\W+/g, '_')}`);
      const cmd = c.build(src, exe);
      if (!cmd) { row.times[c.name] = 'n/a'; continue; }
      const b = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' });
      if (b.status !== 0) { row.times[c.name] = 'build failed'; continue; }
      const runs: number[] = [];
      let ok = true;
      for (let i = 0; i < reps; i++) {
        const r = cpuSeconds(exe);
        if (r.stdout !== expected) { ok = false; break; }
        runs.push(r.seconds);
      }
      row.times[c.name] = ok ? median(runs) : 'WRONG';
    }
    rows.push(row);
    process.stderr.write(`  ${k}: ${JSON.stringify(row.times)}\n`);
  }
  return rows;
}

function printSpeedTable(rows: Row[]): void {
  const names = ['gcc -O2', 'tcc', 'jitcc -O2'];
  console.log('\n## Generated code: CPU time, ratio to gcc -O2 (lower is better)\n');
  console.log(`| kernel | gcc -O2 (s) | tcc | jitcc -O2 |`);
  console.log(`|---|---|---|---|`);
  const logs: Record<string, number[]> = { tcc: [], 'jitcc -O2': [] };
  for (const r of rows) {
    const base = r.times['gcc -O2'];
    const cells = names.map((n) => {
      const t = r.times[n];
      if (typeof t !== 'number') return String(t);
      if (n === 'gcc -O2') return t.toFixed(3);
      if (typeof base !== 'number') return t.toFixed(3) + 's';
      logs[n]!.push(Math.log(t / base));
      return (t / base).toFixed(2);
    });
    console.log(`| ${r.kernel} | ${cells.join(' | ')} |`);
  }
  const geo = (xs: number[]) => (xs.length ? Math.exp(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2) : '-');
  console.log(`| **geomean** | | **${geo(logs['tcc']!)}** | **${geo(logs['jitcc -O2']!)}** |`);
}

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
  console.log(`# jitcc benchmark (${new Date().toISOString().slice(0, 10)}, median of ${reps} runs)`);
  // BENCH_ONLY=latency (or speed, calls) runs one table.
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'speed') printSpeedTable(codeSpeed(kernels));
  if (!only || only === 'calls') callsFromJs();
  if (!only || only === 'latency') compileLatency();
  rmSync(work, { recursive: true, force: true });
}

main();
