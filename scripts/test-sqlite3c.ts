// SQLite's amalgamation compiled whole (issue 9): the single 269,000-line
// sqlite3.c of the better-sqlite3 npm package (fetched by bench/sources.ts
// into ~/.cache/jitcc-sqlite, never into the repository) compiled by jitcc
// at each level into one object, linked by gcc with scripts/sqlite-runner.c
// and run on test/sqlite/workload.sql (B-tree, VDBE, planner, printf, JSON,
// FTS5, floating point). Its output must equal that of the same runner
// linked with gcc -O0's object of the same file and flags.
//
// Prints each compile's wall time, CPU time and peak RSS (GNU time, when
// installed) — for information: speed is measured by bench/throughput.ts.
//
//   npm run test:sqlite3c                      # -O0 and -O2
//   SQLITE3C_OPTS=-O2 npx tsx scripts/test-sqlite3c.ts
//
// Input: dist/cc.js (`npm run test:sqlite3c` builds it), gcc. Output: exit 0
// when every level matches; objects and outputs in a temporary directory,
// removed when everything matched.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteSource } from '../bench/sources.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jitcc = join(root, 'dist', 'cc.js');
const runner = join(root, 'scripts', 'sqlite-runner.c');
const workload = join(root, 'test', 'sqlite', 'workload.sql');
const levels = (process.env.SQLITE3C_OPTS ?? '-O0 -O2').split(/\s+/).filter((s) => s !== '');
const work = mkdtempSync(join(tmpdir(), 'jitcc-sqlite3c-'));
const hasGnuTime = existsSync('/usr/bin/time');

const log = (s: string) => process.stderr.write(`test-sqlite3c: ${s}\n`);

interface Run { status: number | null; stdout: string; stderr: string; figures: string }

/** Runs a command; under GNU time when installed, whose figures (wall, CPU, peak RSS) come back as text. */
function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const started = performance.now();
  const r = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '@@time %e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const wall = (performance.now() - started) / 1000;
  let stderr = r.stderr ?? String(r.error);
  let figures = `${wall.toFixed(1)} s wall`;
  const line = stderr.split('\n').reverse().find((l) => l.startsWith('@@time '));
  if (line !== undefined) {
    const [, user, sys, rssKb] = line.split(' ').slice(1).map(Number);
    figures += `, ${(user! + sys!).toFixed(1)} s CPU, ${(rssKb! / 1024).toFixed(0)} MB peak RSS`;
    stderr = stderr.replace(`${line}\n`, '').replace(line, '');
  }
  return { status: r.status, stdout: r.stdout ?? '', stderr, figures };
}

function check(what: string, r: Run): void {
  if (r.status === 0) return;
  log(`${what} failed (exit ${r.status}):\n${r.stderr.slice(0, 4000)}`);
  process.exit(1);
}

if (!existsSync(jitcc)) throw new Error('dist/cc.js is missing: run `npm run build` first');
const src = sqliteSource();
// The workload's FTS5, math functions and soundex() are compile-time options of the amalgamation.
const flags = [...src.flags, '-DSQLITE_ENABLE_FTS5', '-DSQLITE_ENABLE_MATH_FUNCTIONS', '-DSQLITE_SOUNDEX', `-I${dirname(src.path)}`];
const linkWith = (obj: string, exe: string) => check(`linking ${exe}`, run('gcc', [...flags, runner, obj, '-o', exe, '-lm', '-lpthread', '-ldl']));

log(`${src.path}: ${src.lines.toLocaleString('en')} lines`);
const gccObj = join(work, 'gcc-O0.o');
const ref = run('gcc', ['-O0', '-c', ...flags, src.path, '-o', gccObj]);
check('gcc -O0', ref);
log(`gcc -O0: ${ref.figures}`);
linkWith(gccObj, join(work, 'gcc-O0'));
const expected = run(join(work, 'gcc-O0'), [workload]);
check('the gcc build on the workload', expected);
writeFileSync(join(work, 'expected.txt'), expected.stdout);

let failures = 0;
for (const level of levels) {
  const name = `jitcc${level}`;
  const obj = join(work, `${name}.o`);
  // JITCC_SERVER=off: compiled in the command's own process, so the figures are the compile's.
  const c = run('node', [jitcc, level, '-c', ...flags, src.path, '-o', obj], { ...process.env, JITCC_SERVER: 'off' });
  check(`jitcc ${level}`, c);
  linkWith(obj, join(work, name));
  const out = run(join(work, name), [workload]);
  writeFileSync(join(work, `${name}.txt`), out.stdout);
  const lines = out.stdout.split('\n');
  const firstDiff = expected.stdout.split('\n').findIndex((l, i) => l !== lines[i]);
  if (out.status === 0 && out.stdout === expected.stdout) {
    log(`jitcc ${level}: ${c.figures}; ${lines.length - 1} output lines equal gcc's build`);
  } else {
    failures++;
    log(`jitcc ${level}: ${c.figures}; DIFFERENT from gcc's build (exit ${out.status}), first at line ${firstDiff + 1}:`);
    log(`  gcc:   ${expected.stdout.split('\n')[firstDiff]}`);
    log(`  jitcc: ${lines[firstDiff]}`);
    if (out.stderr) log(out.stderr.slice(0, 2000));
  }
}
if (failures > 0) {
  log(`${failures} of ${levels.length} levels differ; outputs kept in ${work}`);
  process.exit(1);
}
// Sanity: the workload really ran (rows, not only errors).
if (!/\|/.test(readFileSync(join(work, 'expected.txt'), 'utf8')) || /^error:/m.test(expected.stdout)) {
  log(`the reference build printed errors or no rows; see ${work}/expected.txt`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
log(`all ${levels.length} levels match`);
