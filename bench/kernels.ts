// Generated-code speed on ../shared/bench/kernels: each kernel's `main`
// built by jitcc -O2 and by the reference compilers, and its JavaScript
// version (bench/js/NAME.mjs, written by us, run by this node), timed in
// one interleaved run.
//
// Every round runs every kernel under every compiler, in an order rotated
// by one compiler per round, so a burst of load on this shared machine hits
// all columns alike; the figure is the median of the rounds' CPU times
// (user+sys of the child, so waiting for a core does not count). An output
// different from NAME.expected marks the cell WRONG. The JS column includes
// Node's start-up (about 0.04 s of CPU) and its JIT warm-up.
//
// Secondary, stable figure: instructions executed by the jitcc -O2 and
// gcc -O2 executables on a smaller workload (IR_ARGS), under cachegrind.
// Compile time: CPU time of jitcc's in-process compile of each kernel
// (median of COMPILE_ROUNDS rounds after a warm-up round) and of `gcc -O2 -c`.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compileToObject } from '../src/index.js';
import { cpuSeconds, geomean, has, instructions, median } from './measure.js';

export interface Column {
  readonly name: string;
  /** The command that builds `exe` from `src`, or null when the tool is missing (JS needs none). */
  build(src: string, exe: string): string[] | null;
  /** The command that runs the kernel. */
  run(exe: string, kernel: string): string[];
}

export interface KernelResult {
  readonly kernel: string;
  /** Median CPU seconds per column name, or a reason ('WRONG', 'n/a', 'build failed'). */
  readonly times: Record<string, number | string>;
  /** jitcc -O2 instructions / gcc -O2 instructions on the reduced workload. */
  irRatio: number | string;
  /** ms of CPU per compile: jitcc -O2 in process, gcc -O2 -c as a child. */
  compileMs: { jitcc: number; gcc: number; lines: number };
}

/** Smaller workloads for the cachegrind counts (each main's argv). */
const IR_ARGS: Record<string, string[]> = {
  crc32: ['15'], dot: ['4000'], fib: ['33'], hash: ['6'], interp: ['1500000'],
  mandelbrot: ['200', '150', '1000'], matmul: ['240', '2'], nbody: ['10000'], particles: ['800'],
  quicksort: ['300000', '2'], saxpy: ['15000'], sieve: ['10000000', '2'], tree: ['200000', '1'],
};

export function columns(root: string): Column[] {
  const jitccBin = join(root, 'dist', 'cc.js');
  const native = (exe: string) => [exe];
  const cc = (tool: string, ...flags: string[]): Column => ({
    name: [tool, ...flags].join(' '),
    build: (src, exe) => (has(tool) ? [tool, ...flags, '-o', exe, src, '-lm'] : null),
    run: native,
  });
  return [
    { name: 'jitcc -O2', build: (src, exe) => [process.execPath, jitccBin, '-O2', '-o', exe, src, '-lm'], run: native },
    cc('gcc', '-O2'),
    cc('gcc', '-O1'),
    cc('clang', '-O2'),
    cc('tcc'),
    cc('gcc', '-O0'),
    { name: 'JS', build: () => [], run: (_exe, k) => [process.execPath, join(root, 'bench', 'js', `${k}.mjs`)] },
  ];
}

export function measureKernels(root: string, kernelsDir: string, kernels: readonly string[], cols: readonly Column[], opts: { rounds: number; work: string; withIr: boolean }): KernelResult[] {
  const exes = new Map<string, string | null>(); // kernel/column → exe, null when not built
  const results = kernels.map((kernel): KernelResult => ({ kernel, times: {}, irRatio: 'n/a', compileMs: { jitcc: NaN, gcc: NaN, lines: 0 } }));
  for (const r of results) {
    const src = join(kernelsDir, `${r.kernel}.c`);
    for (const c of cols) {
      const exe = join(opts.work, `${r.kernel}-${c.name.replace(/\W+/g, '_')}`);
      const cmd = c.build(src, exe);
      if (cmd === null) { r.times[c.name] = 'n/a'; exes.set(`${r.kernel}/${c.name}`, null); continue; }
      if (cmd.length > 0) {
        const b = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' });
        if (b.status !== 0) { r.times[c.name] = 'build failed'; exes.set(`${r.kernel}/${c.name}`, null); process.stderr.write(b.stderr); continue; }
      }
      exes.set(`${r.kernel}/${c.name}`, exe);
    }
  }
  const samples = new Map<string, number[]>();
  for (let round = 0; round < opts.rounds; round++) {
    process.stderr.write(`  round ${round + 1}/${opts.rounds}:`);
    for (const r of results) {
      const expected = readFileSync(join(kernelsDir, `${r.kernel}.expected`), 'utf8');
      for (let k = 0; k < cols.length; k++) {
        const c = cols[(k + round) % cols.length]!;
        const exe = exes.get(`${r.kernel}/${c.name}`);
        if (!exe || r.times[c.name] === 'WRONG') continue;
        const t = cpuSeconds(c.run(exe, r.kernel));
        if (t.stdout !== expected || t.status !== 0) { r.times[c.name] = 'WRONG'; continue; }
        const key = `${r.kernel}/${c.name}`;
        samples.set(key, [...(samples.get(key) ?? []), t.seconds]);
      }
      process.stderr.write(` ${r.kernel}`);
    }
    process.stderr.write('\n');
  }
  for (const r of results) {
    for (const c of cols) {
      const s = samples.get(`${r.kernel}/${c.name}`);
      if (s && r.times[c.name] === undefined) r.times[c.name] = median(s);
    }
    if (opts.withIr) r.irRatio = irRatio(r.kernel, exes);
  }
  compileTimes(results, kernelsDir, opts.work);
  return results;
}

function irRatio(kernel: string, exes: ReadonlyMap<string, string | null>): number | string {
  const j = exes.get(`${kernel}/jitcc -O2`), g = exes.get(`${kernel}/gcc -O2`);
  if (!j || !g) return 'n/a';
  const args = IR_ARGS[kernel] ?? [];
  const a = instructions([j, ...args]), b = instructions([g, ...args]);
  if (!a || !b) return 'n/a';
  return a.stdout === b.stdout ? a.count / b.count : 'WRONG';
}

const COMPILE_ROUNDS = 5;

/**
 * Compile CPU time per kernel: one warm-up compile of every kernel (the
 * compiler's own code gets optimised by V8), then COMPILE_ROUNDS rounds over
 * all kernels; the median per kernel. gcc -O2 -c as a child, median of 3.
 */
function compileTimes(results: readonly KernelResult[], kernelsDir: string, work: string): void {
  const texts = results.map((r) => readFileSync(join(kernelsDir, `${r.kernel}.c`), 'latin1'));
  const once = (k: number) => {
    const t0 = process.cpuUsage();
    compileToObject(texts[k]!, { optimize: 2, file: join(kernelsDir, `${results[k]!.kernel}.c`), cache: false });
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000;
  };
  results.forEach((_, k) => once(k));
  const samples = results.map(() => [] as number[]);
  for (let round = 0; round < COMPILE_ROUNDS; round++) results.forEach((_, k) => samples[k]!.push(once(k)));
  results.forEach((r, k) => {
    const src = join(kernelsDir, `${r.kernel}.c`);
    const gccRuns = Array.from({ length: 3 }, () => cpuSeconds(['gcc', '-O2', '-c', '-o', join(work, 'k.o'), src]).seconds * 1000);
    r.compileMs = { jitcc: median(samples[k]!), gcc: median(gccRuns), lines: texts[k]!.split('\n').length - 1 };
  });
}

/** Markdown tables: run time ratios to gcc -O2, then compile times. */
export function printKernelTables(results: readonly KernelResult[], cols: readonly Column[]): void {
  const base = 'gcc -O2';
  const others = cols.map((c) => c.name).filter((n) => n !== base);
  console.log('\n## Generated code: CPU time, ratio to gcc -O2 (lower is better)\n');
  console.log(`| kernel | gcc -O2 (s) | ${others.join(' | ')} | jitcc/gcc instructions |`);
  console.log(`|---|---|${others.map(() => '---|').join('')}---|`);
  const ratios: Record<string, number[]> = Object.fromEntries(others.map((n) => [n, []]));
  const irs: number[] = [];
  for (const r of results) {
    const b = r.times[base];
    const cells = others.map((n) => {
      const t = r.times[n];
      if (typeof t !== 'number') return String(t ?? '-');
      if (typeof b !== 'number') return `${t.toFixed(3)}s`;
      ratios[n]!.push(t / b);
      return (t / b).toFixed(2);
    });
    if (typeof r.irRatio === 'number') irs.push(r.irRatio);
    const ir = typeof r.irRatio === 'number' ? r.irRatio.toFixed(2) : r.irRatio;
    console.log(`| ${r.kernel} | ${typeof b === 'number' ? b.toFixed(3) : b} | ${cells.join(' | ')} | ${ir} |`);
  }
  const g = (xs: number[]) => (xs.length ? `**${geomean(xs).toFixed(2)}**` : '-');
  console.log(`| **geomean** | | ${others.map((n) => g(ratios[n]!)).join(' | ')} | ${g(irs)} |`);
  summary(results);
  console.log('\n## Compile time per kernel (CPU ms; jitcc -O2 in process, gcc -O2 -c as a child)\n');
  console.log('| kernel | lines | jitcc -O2 | gcc -O2 -c | jitcc lines/s |');
  console.log('|---|---|---|---|---|');
  let lines = 0, ms = 0;
  for (const r of results) {
    const c = r.compileMs;
    lines += c.lines;
    ms += c.jitcc;
    console.log(`| ${r.kernel} | ${c.lines} | ${c.jitcc.toFixed(1)} | ${c.gcc.toFixed(1)} | ${Math.round((c.lines / c.jitcc) * 1000)} |`);
  }
  console.log(`| **total** | ${lines} | ${ms.toFixed(1)} | | ${Math.round((lines / ms) * 1000)} |`);
  const lua = luaCompileTime();
  if (lua) console.log(`| Lua 5.4 (${lua.files} files, -O0 / -O2) | ${lua.lines} | ${lua.o0.toFixed(0)} / ${lua.o2.toFixed(0)} | | ${Math.round((lua.lines / lua.o2) * 1000)} |`);
}

/**
 * A real program's compile time per line: every Lua 5.4 source file that
 * `npm run test:lua` fetched (cached outside the repository), compiled in
 * process at -O0 and at -O2 (best of 3 after a warm-up, CPU ms), so the
 * optimiser's share shows. Null when the sources are absent.
 */
function luaCompileTime(): { files: number; lines: number; o0: number; o2: number } | null {
  const dir = join(process.env.JITCC_LUA_CACHE ?? join(homedir(), '.cache', 'jitcc-lua'), 'src', 'src');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.c') && f !== 'luac.c' && f !== 'onelua.c').sort();
  const texts = files.map((f) => readFileSync(join(dir, f), 'latin1'));
  const defines = { LUA_COMPAT_5_3: 1, LUA_USE_LINUX: 1, LUA_USE_JUMPTABLE: 0 };
  const all = (optimize: number) => {
    const t0 = process.cpuUsage();
    texts.forEach((text, k) => compileToObject(text, { optimize, file: join(dir, files[k]!), std: 'gnu99', defines, cache: false }));
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000;
  };
  all(2);
  const best = (optimize: number) => Math.min(all(optimize), all(optimize), all(optimize));
  return { files: files.length, lines: texts.reduce((n, t) => n + t.split('\n').length - 1, 0), o0: best(0), o2: best(2) };
}

/** One line per goal: geomean and worst kernel of jitcc -O2, and kernels where it loses to the slow baselines. */
function summary(results: readonly KernelResult[]): void {
  const j = 'jitcc -O2';
  let worst = { kernel: '-', ratio: 0 };
  const losses: string[] = [];
  for (const r of results) {
    const t = r.times[j], b = r.times['gcc -O2'];
    if (typeof t !== 'number') continue;
    if (typeof b === 'number' && t / b > worst.ratio) worst = { kernel: r.kernel, ratio: t / b };
    for (const slow of ['tcc', 'gcc -O0', 'JS']) {
      const s = r.times[slow];
      if (typeof s === 'number' && s <= t) losses.push(`${r.kernel} (${slow})`);
    }
  }
  console.log(`\nworst jitcc -O2 kernel: ${worst.kernel} ${worst.ratio.toFixed(2)}×; not faster than tcc / gcc -O0 / JS: ${losses.length ? losses.join(', ') : 'none'}`);
}
