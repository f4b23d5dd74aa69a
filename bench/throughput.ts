// Compile throughput on real-size files (issue 9): SQLite's sqlite3.c and
// Lua's one-file build, each compiled to an object by tcc, gcc -O0, gcc -O2,
// and jitcc -O0 and -O2 twice: on one thread (JITCC_JOBS=1) and on a thread
// per core (JITCC_JOBS=<cores>: its functions compiled on the threads after
// the IR passes, driver/parallel-codegen.ts; by default jitcc uses only the
// cores that are idle). For each: CPU time (user + sys, all
// threads: the figure that matters on a shared machine), wall time, source
// lines per CPU second and per wall second, peak RSS, and the ratio of
// jitcc's CPU time to gcc's. Every
// jitcc object is then linked and run (a few SQL statements; a Lua script),
// so a fast but wrong compile shows as WRONG.
//
//   npm run build && npx tsx bench/throughput.ts          # both files
//   npx tsx bench/throughput.ts sqlite3.c                 # one
//   REPS=3 npx tsx bench/throughput.ts                    # best of 3 runs per compiler
//   ONLY='1t|gcc|tcc' npx tsx bench/throughput.ts sqlite3.c   # only the compilers whose name matches
//
// Goals (issue 9): jitcc ≥ 150k lines/s at -O0 and ≥ 30k lines/s at -O2,
// peak RSS ≤ 1 GiB; on sqlite3.c ≤ 0.35× gcc -O0's CPU and ≤ 0.25× gcc -O2's.
// Needs GNU time (/usr/bin/time) for CPU and RSS, gcc and tcc.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneluaSource, sqliteSource, type BenchSource } from './sources.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// JITCC_BIN: another build's driver (A/B comparisons of two builds in one run).
const jitccBin = process.env.JITCC_BIN ?? join(root, 'dist', 'cc.js');
const reps = Number(process.env.REPS ?? 1);
const work = mkdtempSync(join(tmpdir(), 'jitcc-throughput-'));

interface Measure { cpu: number; wall: number; rssMb: number; ok: boolean; error?: string }

/** Runs a command under GNU time: CPU seconds (user + sys), wall seconds, peak RSS. */
function measure(cmd: string, args: readonly string[], extraEnv: Record<string, string> = {}): Measure {
  // JITCC_SERVER=off: the compile runs in the measured process, not in a compile server it would hand it to.
  const env = { ...process.env, JITCC_SERVER: 'off', ...extraEnv };
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith('@@time '));
  if (!line) return { cpu: NaN, wall: NaN, rssMb: NaN, ok: false, error: r.error?.message ?? r.stderr.slice(0, 400) };
  const [wall, user, sys, rssKb] = line.split(' ').slice(1).map(Number);
  return { cpu: user! + sys!, wall: wall!, rssMb: rssKb! / 1024, ok: r.status === 0, error: r.status === 0 ? undefined : r.stderr.slice(0, 600) };
}

function best(cmd: string, args: readonly string[], env?: Record<string, string>): Measure {
  let out: Measure | null = null;
  for (let i = 0; i < reps; i++) {
    const m = measure(cmd, args, env);
    if (!m.ok) return m;
    if (out === null || m.cpu < out.cpu) out = m;
  }
  return out!;
}

const sqlMain = `
#include <stdio.h>
#include "sqlite3.h"
static int row(void *u, int n, char **v, char **c) {
  (void)u;
  for (int i = 0; i < n; i++) printf("%s=%s%s", c[i], v[i] ? v[i] : "NULL", i + 1 < n ? " " : "\\n");
  return 0;
}
int main(void) {
  sqlite3 *db; char *err = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
  const char *sql =
    "create table t(a integer primary key, b text);"
    "insert into t(b) values ('x'), ('y'), ('z');"
    "with recursive c(n) as (select 1 union all select n + 1 from c where n < 1000) insert into t(b) select printf('r%d', n) from c;"
    "select count(*) as n, sum(a) as s, max(b) as m from t;"
    "select group_concat(b, ',') as g from (select b from t order by a limit 5);";
  if (sqlite3_exec(db, sql, row, 0, &err) != SQLITE_OK) { printf("error: %s\\n", err); return 1; }
  sqlite3_close(db);
  return 0;
}
`;

/** Links and runs the object jitcc made; true when it behaves like the gcc build. */
function runs(src: BenchSource, obj: string): boolean {
  const exe = `${obj}.exe`;
  try {
    if (src.name === 'sqlite3.c') {
      const main = join(work, 'sqlmain.c');
      writeFileSync(main, sqlMain);
      execFileSync('gcc', [`-I${dirname(src.path)}`, main, obj, '-o', exe, '-lm', '-lpthread', '-ldl']);
      return execFileSync(exe, { encoding: 'utf8' }) === 'n=1003 s=503506 m=z\ng=x,y,z,r1,r2\n';
    }
    execFileSync('gcc', [obj, '-o', exe, '-lm', '-ldl']);
    const script = 'local t = {} for i = 1, 1000 do t[i] = i * i end print(#t, t[1000], string.format("%5.2f", math.pi), ("x"):rep(3))';
    return execFileSync(exe, ['-e', script], { encoding: 'utf8' }) === '1000\t1000000\t 3.14\txxx\n';
  } catch {
    return false;
  }
}

const oneThread = { JITCC_JOBS: '1' };
const perCore = { JITCC_JOBS: String(availableParallelism()) };
const compilers: { name: string; cmd: string; args: (src: BenchSource, out: string) => string[]; isJitcc: boolean; env?: Record<string, string> }[] = [
  { name: 'tcc', cmd: 'tcc', args: (s, o) => ['-c', ...s.flags.filter((f) => !f.startsWith('-std')), s.path, '-o', o], isJitcc: false },
  { name: 'gcc -O0', cmd: 'gcc', args: (s, o) => ['-O0', '-c', ...s.flags, s.path, '-o', o], isJitcc: false },
  { name: 'gcc -O2', cmd: 'gcc', args: (s, o) => ['-O2', '-c', ...s.flags, s.path, '-o', o], isJitcc: false },
  { name: 'jitcc -O0 1t', cmd: 'node', args: (s, o) => [jitccBin, '-O0', '-c', ...s.flags, s.path, '-o', o], isJitcc: true, env: oneThread },
  { name: 'jitcc -O0 Nt', cmd: 'node', args: (s, o) => [jitccBin, '-O0', '-c', ...s.flags, s.path, '-o', o], isJitcc: true, env: perCore },
  { name: 'jitcc -O2 1t', cmd: 'node', args: (s, o) => [jitccBin, '-O2', '-c', ...s.flags, s.path, '-o', o], isJitcc: true, env: oneThread },
  { name: 'jitcc -O2 Nt', cmd: 'node', args: (s, o) => [jitccBin, '-O2', '-c', ...s.flags, s.path, '-o', o], isJitcc: true, env: perCore },
];

function fmt(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed for CPU time and peak RSS: apt-get install time');
if (!existsSync(jitccBin)) throw new Error('dist/cc.js is missing: run `npm run build` first');
const wanted = process.argv.slice(2);
// Only the files asked for are fetched (Lua's source may be absent).
const sources = ([['sqlite3.c', sqliteSource], ['onelua.c', oneluaSource]] as const)
  .filter(([name]) => wanted.length === 0 || wanted.includes(name)).map(([, source]) => source());

for (const src of sources) {
  console.log(`\n${src.name}: ${src.lines.toLocaleString('en')} lines (best of ${reps} run${reps > 1 ? 's' : ''} each; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; "1t": JITCC_JOBS=1, "Nt": JITCC_JOBS=${perCore.JITCC_JOBS})`);
  console.log(`${'compiler'.padEnd(12)} ${'CPU s'.padStart(7)} ${'wall s'.padStart(7)} ${'lines/CPU s'.padStart(11)} ${'lines/wall s'.padStart(12)} ${'RSS MB'.padStart(7)} ${'×gcc-O0'.padStart(8)} ${'×gcc-O2'.padStart(8)}  runs`);
  const results = new Map<string, Measure>();
  const only = process.env.ONLY === undefined ? null : new RegExp(process.env.ONLY);
  for (const c of compilers) {
    if (only !== null && !only.test(c.name)) continue;
    const out = join(work, `${src.name}.${c.name.replace(/\W+/g, '_')}.o`);
    const m = best(c.cmd, c.args(src, out), c.env);
    results.set(c.name, m);
    const gcc0 = results.get('gcc -O0')?.cpu ?? NaN;
    const gcc2 = results.get('gcc -O2')?.cpu ?? NaN;
    const check = !m.ok ? `FAILED: ${m.error?.split('\n')[0] ?? ''}` : c.isJitcc ? (runs(src, out) ? 'ok' : 'WRONG') : '';
    console.log(`${c.name.padEnd(12)} ${fmt(m.cpu).padStart(7)} ${fmt(m.wall).padStart(7)} ${fmt(src.lines / m.cpu, 0).padStart(11)} ${fmt(src.lines / m.wall, 0).padStart(12)} ${fmt(m.rssMb, 0).padStart(7)} ${fmt(m.cpu / gcc0).padStart(8)} ${fmt(m.cpu / gcc2).padStart(8)}  ${check}`);
  }
  // Lines per CPU second on one thread; per wall second on a thread per core (on a quiet machine).
  const none: Measure = { cpu: NaN, wall: NaN, rssMb: NaN, ok: false };
  const j0 = results.get('jitcc -O0 1t') ?? none;
  const j2 = results.get('jitcc -O2 1t') ?? none;
  const w0 = results.get('jitcc -O0 Nt') ?? none;
  const w2 = results.get('jitcc -O2 Nt') ?? none;
  const goals: [string, boolean][] = [
    ['-O0 ≥ 150k lines/CPU s', src.lines / j0.cpu >= 150_000],
    ['-O0 ≥ 150k lines/wall s', src.lines / w0.wall >= 150_000],
    ['-O2 ≥ 30k lines/CPU s', src.lines / j2.cpu >= 30_000],
    ['-O2 ≥ 30k lines/wall s', src.lines / w2.wall >= 30_000],
    ['peak RSS ≤ 1 GiB', [j0, j2, w0, w2].filter((m) => m !== none).every((m) => m.rssMb <= 1024)],
  ];
  if (src.name === 'sqlite3.c') {
    goals.push(['-O0 ≤ 0.35× gcc -O0 CPU', j0.cpu <= 0.35 * (results.get('gcc -O0') ?? none).cpu]);
    goals.push(['-O2 ≤ 0.25× gcc -O2 CPU', j2.cpu <= 0.25 * (results.get('gcc -O2') ?? none).cpu]);
  }
  console.log(`goals: ${goals.map(([g, ok]) => `${g} ${ok ? 'met' : 'NOT met'}`).join('; ')}`);
}
rmSync(work, { recursive: true, force: true });
