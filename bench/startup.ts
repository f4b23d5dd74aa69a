// Start-up and fixed costs, each against its anchor in the same run (issue 9):
//
//   npm run bench:startup              # builds dist/ first
//   ROUNDS=25 npm run bench:startup    # rounds per measurement (default 15; medians)
//   BENCH_ONLY=fresh|cli|make|warm npm run bench:startup
//
// 1. Fresh process, wall time: `node -e 0` (the anchor); a process that
//    imports jitcc, compiles a 25-line function and calls it; the same with
//    tcc → .so → koffi for reference. Goal: jitcc ≤ 3.5× node -e 0.
// 2. The command, CPU time (user + sys of the process and its children):
//    gcc -c (the anchor), tcc -c, jitcc -c in its own process
//    (JITCC_SERVER=off) and through the compile server (the client's CPU
//    plus the server's, read from /proc), from the package's bin (dist/jitcc,
//    the native client) and from the Node launcher (dist/jitcc.cjs). Input: hello.c including
//    <stdio.h>, <stdlib.h> and <string.h>. Goal: ≤ 4× gcc -c.
// 3. `make -j2` over 100 small files, CC=gcc against CC=jitcc: through a
//    warm compile server (interleaved rounds), the first make (which starts
//    the server), and in-process (one run): wall and CPU time.
// 4. Warm compile to a callable in one process: median of 50 distinct
//    25-line sources after 200 and after 1000 compiles, -O0 and -O2.
//    Goals: ≤ 1 ms, ≤ 3 ms.
// Rounds interleave the commands being compared, so a burst of load on
// this shared machine hits all of them; the ratios are what we quote.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bin = join(dist, 'jitcc'); // the package's bin: the compile server's native client
const nodeLauncher = join(dist, 'jitcc.cjs');
const rounds = Number(process.env.ROUNDS ?? 15);
const only = process.env.BENCH_ONLY;
const work = mkdtempSync(join(tmpdir(), 'jitcc-startup-'));
const serverDir = mkdtempSync(join(tmpdir(), 'jitcc-startup-server-'));
const clockTicks = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// ------------------------------------------------------------------ measuring children

/** fork/exec/wait4 in Python: wall time and the child's CPU time (its own and its reaped children's), in µs. */
const timer = join(work, 'timer.py');
writeFileSync(timer, `import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
sys.stderr.write("\\nTIMER %.6f %.6f %d\\n" % (time.perf_counter() - t, ru.ru_utime + ru.ru_stime, os.waitstatus_to_exitcode(status)))
`);

interface Sample { wall: number; cpu: number; stdout: string }

function measure(cmd: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Sample {
  const r = spawnSync('python3', [timer, ...cmd], { cwd: opts.cwd ?? work, env: opts.env ?? process.env, encoding: 'utf8' });
  const m = /TIMER (\S+) (\S+) (-?\d+)\n$/.exec(r.stderr);
  if (m === null) throw new Error(`cannot time ${cmd.join(' ')}: ${r.stderr}`);
  if (m[3] !== '0') throw new Error(`${cmd.join(' ')} failed (${m[3]}):\n${r.stderr}\n${r.stdout}`);
  return { wall: Number(m[1]) * 1e3, cpu: Number(m[2]) * 1e3, stdout: r.stdout };
}

/** CPU milliseconds used so far by the compile server of `dir` and its workers (0 when none runs). */
function serverCpu(dir: string = serverDir): number {
  let ticks = 0;
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const stat = (pid: string) => { try { return readFileSync(`/proc/${pid}/stat`, 'latin1'); } catch { return null; } };
  const cmdline = (pid: string) => { try { return readFileSync(`/proc/${pid}/cmdline`, 'latin1'); } catch { return ''; } };
  const servers = new Set(pids.filter((p) => cmdline(p).includes(dir)));
  for (const pid of pids) {
    const s = stat(pid);
    if (s === null) continue;
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on (state, ppid, …)
    if (!servers.has(pid) && !servers.has(fields[1]!)) continue;
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return (ticks * 1000) / clockTicks;
}

const serverEnv = { ...process.env, JITCC_SERVER: 'require', JITCC_SERVER_DIR: serverDir };
const localEnv = { ...process.env, JITCC_SERVER: 'off' };

// ------------------------------------------------------------------ sources

/** A 25-line C source; `i` makes each one distinct (names and constants). */
function source25(i: number): string {
  return `/* checksum ${i} */
static unsigned mix${i}(unsigned h, unsigned x) {
  h ^= x + 0x9e3779b9u + (h << 6) + (h >> 2);
  return h * ${2 * i + 3}u;
}
static int clamp${i}(int v, int lo, int hi) {
  return v < lo ? lo : v > hi ? hi : v;
}
unsigned checksum${i}(const int *a, int n) {
  unsigned h = ${i}u;
  for (int k = 0; k < n; k++) {
    int v = clamp${i}(a[k], -1000, 1000);
    if (v % 2 == 0) h = mix${i}(h, (unsigned)v);
    else h = mix${i}(h, (unsigned)(v * 3 + 1));
  }
  return h;
}
double average${i}(const double *x, int n) {
  double s = 0;
  for (int k = 0; k < n; k++) s += x[k];
  return n > 0 ? s / n : 0.0;
}
int fib${i}(int n) {
  return n < 2 ? n : fib${i}(n - 1) + fib${i}(n - 2);
}
`;
}

const helloC = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  char buf[64];
  strcpy(buf, "hello");
  int n = argc > 1 ? atoi(argv[1]) : 3;
  for (int i = 0; i < n; i++) printf("%s %d\\n", buf, i);
  return 0;
}
`;

// ------------------------------------------------------------------ 1. fresh process

function freshProcess(): void {
  const jitScript = join(work, 'fresh-jitcc.mjs');
  writeFileSync(jitScript, `const { compile } = await import(${JSON.stringify(pathToFileURL(join(dist, 'index.js')).href)});
const mod = compile(${JSON.stringify(source25(7))});
const r = mod.fn('fib7')(10);
if (r !== 55) throw new Error('wrong result ' + r);
`);
  const tccScript = join(work, 'fresh-tcc.mjs');
  writeFileSync(tccScript, `import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const koffi = createRequire(${JSON.stringify(join(root, 'package.json'))})('koffi');
const c = ${JSON.stringify(join(work, 'fresh.c'))}, so = ${JSON.stringify(join(work, 'fresh'))} + process.pid + '.so';
writeFileSync(c, ${JSON.stringify(source25(7))});
execFileSync('tcc', ['-shared', '-o', so, c]);
const r = koffi.load(so).func('int fib7(int)')(10);
if (r !== 55) throw new Error('wrong result ' + r);
`);
  const rows: [string, string[]][] = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ["import('jitcc') + compile 25 lines + first call", [process.execPath, jitScript]],
  ];
  if (has('tcc')) rows.push(['tcc → .so → koffi + first call', [process.execPath, tccScript]]);
  const samples = rows.map(() => [] as Sample[]);
  for (let r = 0; r < rounds; r++) rows.forEach(([, cmd], i) => samples[i]!.push(measure(cmd)));
  const anchor = median(samples[0]!.map((s) => s.wall));
  console.log('\n## Fresh process: wall time, ratio to `node -e 0` (goal for jitcc ≤ 3.5)\n');
  console.log('| process | wall (ms) | CPU (ms) | ratio |');
  console.log('|---|---|---|---|');
  rows.forEach(([name], i) => {
    const wall = median(samples[i]!.map((s) => s.wall));
    console.log(`| ${name} | ${wall.toFixed(0)} | ${median(samples[i]!.map((s) => s.cpu)).toFixed(0)} | ${(wall / anchor).toFixed(2)} |`);
  });
}

// ------------------------------------------------------------------ 2. the command

function commandLine(): void {
  writeFileSync(join(work, 'hello.c'), helloC);
  // The server is started and warmed up first (its first compiles run cold code).
  const cold = measure([bin, '-c', 'hello.c', '-o', 'hello-srv.o'], { env: serverEnv });
  for (let i = 0; i < 60; i++) measure([bin, '-c', 'hello.c', '-o', 'hello-srv.o'], { env: serverEnv });
  const rows: [string, string[], NodeJS.ProcessEnv, boolean][] = [
    ['gcc -c', ['gcc', '-c', 'hello.c', '-o', 'hello-gcc.o'], process.env, false],
    ['jitcc -c, compile server (native client + server)', [bin, '-c', 'hello.c', '-o', 'hello-srv.o'], serverEnv, true],
    ['jitcc.cjs -c, compile server (Node client + server)', [nodeLauncher, '-c', 'hello.c', '-o', 'hello-srv.o'], serverEnv, true],
    ['jitcc -c, in its own process (JITCC_SERVER=off)', [bin, '-c', 'hello.c', '-o', 'hello-own.o'], localEnv, false],
  ];
  if (has('tcc')) rows.splice(1, 0, ['tcc -c', ['tcc', '-c', 'hello.c', '-o', 'hello-tcc.o'], process.env, false]);
  const cpu = rows.map(() => [] as number[]);
  const wall = rows.map(() => [] as number[]);
  const serverShare = rows.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    rows.forEach(([, cmd, env, isServer], i) => {
      const before = isServer ? serverCpu() : 0;
      const s = measure(cmd, { env });
      if (isServer) serverShare[i]! += serverCpu() - before;
      cpu[i]!.push(s.cpu);
      wall[i]!.push(s.wall);
    });
  }
  // /proc counts in 10 ms ticks: the server's share is the average over all rounds.
  const clientCpu = cpu.map((c) => median(c));
  rows.forEach(([, , , isServer], i) => { if (isServer) cpu[i] = cpu[i]!.map((c) => c + serverShare[i]! / rounds); });
  const anchor = median(cpu[0]!);
  console.log('\n## `jitcc -c hello.c` (stdio.h, stdlib.h, string.h): CPU time, ratio to gcc -c (goal ≤ 4)\n');
  console.log('| command | CPU (ms) | wall (ms) | ratio |');
  console.log('|---|---|---|---|');
  rows.forEach(([name], i) => console.log(`| ${name} | ${median(cpu[i]!).toFixed(1)} | ${median(wall[i]!).toFixed(0)} | ${(median(cpu[i]!) / anchor).toFixed(2)} |`));
  console.log('');
  rows.forEach(([name, , , isServer], i) => {
    if (isServer) console.log(`${name}: the client ${clientCpu[i]!.toFixed(1)} ms + the server ${(serverShare[i]! / rounds).toFixed(1)} ms of CPU per compile.`);
  });
  console.log(`The first compile, which starts the server: ${cold.wall.toFixed(0)} ms wall, ${cold.cpu.toFixed(0)} ms CPU in the client.`);
  const same = readFileSync(join(work, 'hello-srv.o')).equals(readFileSync(join(work, 'hello-own.o')));
  console.log(`Objects from the server and from the command's own process are ${same ? 'byte-identical' : '**DIFFERENT**'}.`);
}

// ------------------------------------------------------------------ 3. make -j

function makeProject(): void {
  if (!has('make')) { console.log('\n(make is not installed: no make table)'); return; }
  const dir = join(work, 'project');
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < 100; i++) {
    names.push(`unit${i}`);
    writeFileSync(join(dir, `unit${i}.c`), `#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n${source25(i)}\nvoid report${i}(const char *tag) {\n  char buf[32];\n  strncpy(buf, tag, sizeof buf - 1);\n  buf[31] = 0;\n  printf("%s %u\\n", buf, checksum${i}(NULL, 0));\n}\n`);
  }
  writeFileSync(join(dir, 'Makefile'), `OBJS = ${names.map((n) => `${n}.o`).join(' ')}\nall: $(OBJS)\n%.o: %.c\n\t$(CC) -O0 -c $< -o $@\nclean:\n\trm -f $(OBJS)\n`);
  const jobs = String(Math.max(2, Math.min(cpus().length, 8)));
  // A server of its own, started by the first make: that make pays for starting the server and
  // warming up its workers (V8 optimises the compiler's code over its first few dozen compiles).
  const makeServerDir = mkdtempSync(join(tmpdir(), 'jitcc-startup-make-server-'));
  const makeServerEnv = { ...serverEnv, JITCC_SERVER_DIR: makeServerDir };
  const run = (cc: string, env: NodeJS.ProcessEnv, server: string | null) => {
    execFileSync('make', ['-s', 'clean'], { cwd: dir });
    const before = server === null ? 0 : serverCpu(server);
    const s = measure(['make', '-s', `-j${jobs}`, `CC=${cc}`], { cwd: dir, env });
    return { wall: s.wall, cpu: s.cpu + (server === null ? 0 : serverCpu(server) - before) };
  };
  const rows: [string, { wall: number[]; cpu: number[] }][] = [];
  try {
    const cold = run(bin, makeServerEnv, makeServerDir);
    const makeRounds = Math.max(2, Math.min(5, Math.floor(rounds / 3)));
    const gcc = { wall: [] as number[], cpu: [] as number[] };
    const warm = { wall: [] as number[], cpu: [] as number[] };
    for (let r = 0; r < makeRounds; r++) {
      for (const [into, s] of [[gcc, run('gcc', process.env, null)], [warm, run(bin, makeServerEnv, makeServerDir)]] as const) {
        into.wall.push(s.wall);
        into.cpu.push(s.cpu);
      }
    }
    rows.push(['gcc', gcc], ['jitcc, compile server (warm)', warm], ['jitcc, the make that starts the compile server', { wall: [cold.wall], cpu: [cold.cpu] }]);
    // One round only: a hundred Node processes each loading and warming the compiler cost minutes.
    const own = run(bin, localEnv, null);
    rows.push(['jitcc, in-process (JITCC_SERVER=off), one run', { wall: [own.wall], cpu: [own.cpu] }]);
    const anchor = median(gcc.wall);
    console.log(`\n## \`make -j${jobs}\` over 100 small files (each with stdio.h, stdlib.h, string.h): median of ${makeRounds} interleaved rounds\n`);
    console.log('| CC | wall (s) | CPU (s) | wall ratio to gcc | CPU ratio to gcc |');
    console.log('|---|---|---|---|---|');
    for (const [name, r] of rows) {
      console.log(`| ${name} | ${(median(r.wall) / 1e3).toFixed(2)} | ${(median(r.cpu) / 1e3).toFixed(2)} | ${(median(r.wall) / anchor).toFixed(2)} | ${(median(r.cpu) / median(gcc.cpu)).toFixed(2)} |`);
    }
  } finally {
    rmSync(makeServerDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ 4. warm compile

async function warmCompile(): Promise<void> {
  const { compile } = (await import(pathToFileURL(join(dist, 'index.js')).href)) as typeof import('../src/index.js');
  console.log('\n## Warm compile of 25 lines to a callable, in one process: median of 50 distinct sources (goals: -O0 ≤ 1 ms, -O2 ≤ 3 ms)\n');
  console.log('V8 keeps optimising the compiler\'s code over the first thousand or so compiles: the median of compiles 201–250 and of 1001–1050.\n');
  console.log('| level | after 200 compiles: wall (ms) | CPU (ms) | after 1000: wall (ms) | CPU (ms) |');
  console.log('|---|---|---|---|---|');
  let next = 1000;
  for (const optimize of [0, 2]) {
    const once = () => {
      const i = next++;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const mod = compile(source25(i), { optimize });
      const r = mod.fn(`fib${i}`)(10);
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      mod.dispose();
      if (r !== 55) throw new Error(`wrong result ${r}`);
      return { wall, cpu: (c.user + c.system) / 1e3 };
    };
    const window = () => {
      const runs = Array.from({ length: 50 }, once);
      return `${median(runs.map((r) => r.wall)).toFixed(2)} | ${median(runs.map((r) => r.cpu)).toFixed(2)}`;
    };
    for (let w = 0; w < 200; w++) once();
    const early = window();
    for (let w = 250; w < 1000; w++) once();
    console.log(`| -O${optimize} | ${early} | ${window()} |`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(bin)) throw new Error('run `npm run build` first (bench/startup.ts measures dist/)');
  console.log(`# jitcc start-up benchmark (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}, median of ${rounds} rounds)`);
  try {
    if (!only || only === 'fresh') freshProcess();
    if (!only || only === 'cli') commandLine();
    if (!only || only === 'make') makeProject();
    if (!only || only === 'warm') await warmCompile();
  } finally {
    // Without its socket the server exits at its next idle check.
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
