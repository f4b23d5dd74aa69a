// Tiering (compile's `tier` option) against plain -O0 and plain -O2, in one
// run: how soon the first result is there, how fast calls run once warm,
// and how long a fixed amount of work takes from the moment compile() is
// called — where a tiered module starts like -O0 and finishes like -O2.
//
//   npx tsx bench/tier.ts        (ROUNDS=… and LUA_ROUNDS=… change the rounds: 5, 2)
//
// Workloads: (1) one small C file of a few kernels (sieve, sort, hashing, a
// float recurrence), ~100 lines; `work(n)` runs them all; gcc -O2's code
// (called through koffi the same way) is the reference for steady-state
// speed. (2) Lua 5.4 (onelua.c, ~30k lines, fetched by `npm run test:lua`;
// skipped when absent), running a small Lua program per call. Every compile
// is cold (cache: false). Between calls the JS side yields to the event
// loop (as a server or UI does), which is when a tiered module may switch.
// Reported: medians over the rounds.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compile, loadObject, type CompileInput, type CompileOptions, type Module } from '../src/index.js';
import { oneluaSource } from './sources.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);

const source = `
#include <stdint.h>
#include <string.h>

static uint32_t rng_state = 12345;
static uint32_t rng(void) { rng_state ^= rng_state << 13; rng_state ^= rng_state >> 17; rng_state ^= rng_state << 5; return rng_state; }

static int sieve(int n) {
  static unsigned char composite[1 << 16];
  if (n < 0 || n > (int)sizeof composite) n = sizeof composite;
  memset(composite, 0, (size_t)n);
  int count = 0;
  for (int i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    for (int j = i * 2; j < n; j += i) composite[j] = 1;
  }
  return count;
}

static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

static void quicksort(int *v, int lo, int hi) {
  while (lo < hi) {
    int p = v[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i <= j) { swap(&v[i], &v[j]); i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }
    else { quicksort(v, i, hi); hi = j; }
  }
}

static uint64_t fnv1a(const unsigned char *p, int n) {
  uint64_t h = 1469598103934665603ull;
  for (int i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ull; }
  return h;
}

static double recurrence(int n) {
  double x = 0.5, s = 0;
  for (int i = 0; i < n; i++) { x = 3.7 * x * (1 - x); s += x / (1 + i % 13); }
  return s;
}

struct point { int x, y; };
static int manhattan(struct point a, struct point b) { return (a.x > b.x ? a.x - b.x : b.x - a.x) + (a.y > b.y ? a.y - b.y : b.y - a.y); }

static long closest(int n) {
  static struct point pts[512];
  if (n > 512) n = 512;
  for (int i = 0; i < n; i++) { pts[i].x = (int)(rng() % 1000); pts[i].y = (int)(rng() % 1000); }
  long best = 1L << 40;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) { int d = manhattan(pts[i], pts[j]); if (d < best) best = d; }
  return best;
}

/* Everything once; a checksum so nothing is optimised away and tiers can be compared. */
uint64_t work(int n) {
  static int v[1 << 14];
  int m = n < (1 << 14) ? n : (1 << 14);
  rng_state = 12345;
  for (int i = 0; i < m; i++) v[i] = (int)(rng() % 100000);
  quicksort(v, 0, m - 1);
  uint64_t h = fnv1a((const unsigned char *)v, m * (int)sizeof(int));
  h += (uint64_t)sieve(n * 4);
  h += (uint64_t)(recurrence(n) * 1000);
  h += (uint64_t)closest(n / 16);
  return h;
}
`;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const now = () => performance.now();

type Variant = 'O0' | 'O2' | 'tier';
const variants: readonly Variant[] = ['O0', 'O2', 'tier'];
const optionsOf = (v: Variant): CompileOptions => (v === 'tier' ? { tier: 'auto', cache: false } : { optimize: v === 'O0' ? 0 : 2, cache: false });

/** A workload: what to compile and the call to repeat. */
interface Workload {
  readonly title: string;
  readonly input: CompileInput;
  readonly options: CompileOptions;
  readonly rounds: number;
  /** Checkpoints: the calls after which the elapsed time is reported; the last is how many calls a round makes. */
  readonly checkpoints: readonly number[];
  call(mod: Module): unknown;
}

interface Run {
  firstResultMs: number;
  /** Time from compile() until the module ran -O2 code (tier only). */
  tieredMs: number | null;
  /** From compile() until the i-th call returned, for the checkpoints. */
  doneAt: Map<number, number>;
}

/** compile, then the workload's call up to its last checkpoint, yielding between calls. */
async function timeline(w: Workload, v: Variant, expected: unknown): Promise<{ run: Run; mod: Module }> {
  const t0 = now();
  const mod = compile(w.input, { ...w.options, ...optionsOf(v) });
  let tieredMs: number | null = null;
  if (v === 'tier') void mod.whenTiered().then(() => { tieredMs = now() - t0; });
  const result = w.call(mod);
  const firstResultMs = now() - t0;
  if (result !== expected) throw new Error(`${w.title}, ${v}: the call gave ${String(result)}, expected ${String(expected)}`);
  const doneAt = new Map<number, number>([[1, firstResultMs]]);
  for (let i = 2; i <= w.checkpoints.at(-1)!; i++) {
    await yieldToLoop();
    const r = w.call(mod);
    if (r !== result) throw new Error(`${w.title}, ${v}: call ${i} gave ${String(r)}, expected ${String(result)}`);
    if (w.checkpoints.includes(i)) doneAt.set(i, now() - t0);
  }
  if (v === 'tier') {
    await mod.whenTiered();
    tieredMs ??= now() - t0;
    if (mod.tier(mod.symbolNames().find((n) => mod.signatures.has(n))!) !== 2) throw new Error('the tiered module never switched');
  }
  return { run: { firstResultMs, tieredMs, doneAt }, mod };
}

function perCallMs(call: () => unknown): number {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    for (let i = 0; i < 5; i++) call();
    best = Math.min(best, (now() - t0) / 5);
  }
  return best;
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** Runs every variant `rounds` times (interleaved) and prints the table; `reference` is an optional per-call time to compare with. */
async function report(w: Workload, expected: unknown, reference: { name: string; ms: number } | null): Promise<void> {
  const runs = new Map<Variant, Run[]>(variants.map((v) => [v, []]));
  const steady = new Map<Variant, number[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < w.rounds; round++) {
    for (const v of variants) {
      const { run, mod } = await timeline(w, v, expected);
      runs.get(v)!.push(run);
      steady.get(v)!.push(perCallMs(() => w.call(mod)));
      mod.dispose();
    }
  }
  const later = w.checkpoints.slice(1);
  const cols = ['variant'.padEnd(12), '1st result'.padStart(11), '-O2 runs'.padStart(9), ...later.map((c) => `${c} calls`.padStart(10)), 'per call'.padStart(10)];
  if (reference !== null) cols.push(`vs ${reference.name}`.padStart(12));
  const lines = [`${w.title}: ${w.rounds} round(s), medians, ms`, '', cols.join('')];
  for (const v of variants) {
    const rs = runs.get(v)!;
    const first = median(rs.map((r) => r.firstResultMs));
    const o2 = v === 'tier' ? fmt(median(rs.map((r) => r.tieredMs!))) : v === 'O2' ? fmt(first) : '–';
    const call = median(steady.get(v)!);
    const row = [(v === 'tier' ? "tier 'auto'" : `-${v}`).padEnd(12), fmt(first).padStart(11), o2.padStart(9), ...later.map((c) => fmt(median(rs.map((r) => r.doneAt.get(c)!))).padStart(10)), fmt(call).padStart(10)];
    if (reference !== null) row.push(`${(call / reference.ms).toFixed(2)}×`.padStart(12));
    lines.push(row.join(''));
  }
  if (reference !== null) lines.push([reference.name.padEnd(12), ''.padStart(11 + 9 + 10 * later.length), fmt(reference.ms).padStart(10), '1.00×'.padStart(12)].join(''));
  console.log(`${lines.join('\n')}\n`);
}

// The tier worker is a thread started once per process: warm it, and report what the first upgrade cost apart.
{
  const t0 = now();
  const mod = compile('int one(void) { return 1; }', { tier: 'auto', cache: false });
  await mod.whenTiered();
  console.log(`The first tiered module of the process starts the tier worker: its -O2 code ran after ${fmt(now() - t0)} ms.\n`);
  mod.dispose();
}

const N = 8192;
const dir = mkdtempSync(join(tmpdir(), 'jitcc-bench-tier-'));
writeFileSync(join(dir, 'work.c'), source);
execFileSync('gcc', ['-O2', '-fPIC', '-c', join(dir, 'work.c'), '-o', join(dir, 'work.o')]);
const gccMod = loadObject(new Uint8Array(readFileSync(join(dir, 'work.o'))));
const gccWork = gccMod.fn('work', 'uint64_t work(int n)');
const expected = gccWork(N);
await report({
  title: `kernels: work(${N}) (sieve, quicksort, FNV-1a, float recurrence, closest pair)`,
  input: source, options: { file: 'work.c' }, rounds: ROUNDS, checkpoints: [1, 10, 50, 200],
  call: (mod) => mod.fn('work')(N),
}, expected, { name: 'gcc -O2', ms: perCallMs(() => gccWork(N)) });
gccMod.dispose();

const luaProgram = `
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 20000 do t[i] = string.format("%05d:%s", (i * 7919) % 20000, tostring(i)) end
table.sort(t)
local h = 0
for i = 1, #t, 97 do h = (h * 31 + #t[i]) % 1000003 end
return fib(22) + h
`;
let lua: ReturnType<typeof oneluaSource> | null = null;
try {
  lua = oneluaSource();
} catch (e) {
  console.log(`Lua: skipped (${(e as Error).message})`);
}
if (lua !== null) {
  const flags = lua.flags;
  const options: CompileOptions = {
    includePaths: [dirname(lua.path), ...flags.filter((f) => f.startsWith('-I')).map((f) => f.slice(2))],
    defines: Object.fromEntries(flags.filter((f) => f.startsWith('-D')).map((f) => { const [k, v] = f.slice(2).split('='); return [k!, v ?? '1']; })),
    std: 'gnu99', libraries: ['libm.so.6'],
  };
  const wrapper = `#include "onelua.c"
/* One fresh Lua state per call: load, run, read the number the chunk returns. */
double run_lua(const char *code) {
  lua_State *L = luaL_newstate();
  double r = -1;
  luaL_openlibs(L);
  if (luaL_dostring(L, code) == 0) r = lua_tonumber(L, -1);
  lua_close(L);
  return r;
}
`;
  const probe = compile({ sources: { 'lua-bench.c': wrapper } }, { ...options, optimize: 0, cache: false });
  const luaExpected = probe.fn('run_lua')(luaProgram);
  probe.dispose();
  await report({
    title: `Lua 5.4 (onelua.c, ${lua.lines} lines): a fresh state running a small program (recursion, strings, table.sort) per call`,
    input: { sources: { 'lua-bench.c': wrapper } }, options, rounds: Number(process.env.LUA_ROUNDS ?? 2), checkpoints: [1, 5, 20, 60],
    call: (mod) => mod.fn('run_lua')(luaProgram),
  }, luaExpected, null);
}
