// Several files of one command line compiled on worker threads
// (driver/parallel.ts): the threads really compile (no file falls back to
// the calling thread), and the command's objects, output and exit status are
// byte for byte those of compiling the files one after another.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../src/driver/args.js';
import { compileInParallel, parallelThreads } from '../../src/driver/parallel.js';
import { compileThreadBudget } from '../../src/driver/threads.js';
import { availableParallelism, loadavg } from 'node:os';
import { hasGcc } from '../tools.js';

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-parallel-'));

const sources: Record<string, string> = {
  'a.c': '#include <stdio.h>\nint twice(int x);\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n',
  'b.c': 'int twice(int x) { return 2 * x; }\n',
  'c.c': 'static int unused(void) { return 1; }\nint three(void) { int x; return 3; }\n',
  'warn.c': 'int w(void) { }\n',
  'bad.c': 'int bad(void) { return y; }\n',
};
for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);

function jit(args: string[], jobs: string) {
  return spawnSync('node', [jitcc, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, JITCC_JOBS: jobs, JITCC_SERVER: 'off' } });
}

test.before(() => {
  if (!existsSync(jitcc)) throw new Error('dist/cc.js is missing: run `npm run build` (npm test does)');
});

test.serial('compileInParallel compiles every file on the threads, and the objects equal the one-at-a-time ones', (t) => {
  const files = ['a.c', 'b.c', 'c.c'];
  const seq = jit(['-c', ...files], '1');
  t.is(seq.status, 0, seq.stderr);
  const expected = files.map((f) => readFileSync(join(dir, f.replace('.c', '.o'))));
  const a = parseArgs(['-c', ...files.map((f) => join(dir, f))]);
  const cwd = process.cwd();
  process.chdir(dir);
  let results;
  try {
    results = compileInParallel(a, null, 2);
  } finally {
    process.chdir(cwd);
  }
  t.is(results.length, files.length);
  results.forEach((r, i) => {
    t.not(r, null, `${files[i]} was not compiled by a thread`);
    t.false(r!.failed, r!.stderr);
    // gcc's rule: `-c` writes each object into the current directory.
    t.is(r!.object, files[i]!.replace('.c', '.o'));
    t.deepEqual(readFileSync(join(dir, r!.object!)), expected[i]);
  });
});

test.serial('JITCC_JOBS chooses the thread count; one file, -ftime-report or -E stay in this thread', (t) => {
  const old = process.env.JITCC_JOBS;
  process.env.JITCC_JOBS = '2';
  try {
    const abs = (f: string) => join(dir, f);
    t.is(parallelThreads(parseArgs(['-c', abs('a.c'), abs('b.c'), abs('c.c')])), 2);
    t.is(parallelThreads(parseArgs(['-c', abs('a.c')])), 0);
    t.is(parallelThreads(parseArgs(['-c', '-ftime-report', abs('a.c'), abs('b.c')])), 0);
    t.is(parallelThreads(parseArgs(['-E', abs('a.c'), abs('b.c')])), 0);
    process.env.JITCC_JOBS = '1';
    t.is(parallelThreads(parseArgs(['-c', abs('a.c'), abs('b.c'), abs('c.c')])), 0);
  } finally {
    if (old === undefined) delete process.env.JITCC_JOBS; else process.env.JITCC_JOBS = old;
  }
});

test.serial('warnings and errors of files compiled on threads come out in command-line order with the same exit status', (t) => {
  const files = ['-Wall', 'warn.c', 'a.c', 'bad.c', 'b.c'];
  const seq = jit(['-c', ...files], '1');
  const objects = ['warn.o', 'a.o', 'b.o'].map((o) => readFileSync(join(dir, o)));
  const par = jit(['-c', ...files], '2');
  t.is(par.status, seq.status);
  t.not(par.status, 0);
  t.is(par.stdout, seq.stdout);
  t.is(par.stderr, seq.stderr);
  t.regex(par.stderr, /warn\.c:1:\d+: warning:[^]*bad\.c:1:24: error: use of undeclared identifier 'y'/);
  t.deepEqual(['warn.o', 'a.o', 'b.o'].map((o) => readFileSync(join(dir, o))), objects);
});

if (hasGcc() || process.env.CI) {
  test.serial('a program linked from files compiled on threads runs', (t) => {
    const r = jit(['a.c', 'b.c', '-o', 'prog'], '2');
    t.is(r.status, 0, r.stderr);
    t.is(spawnSync(join(dir, 'prog'), { encoding: 'utf8' }).stdout, '42\n');
  });
} else {
  test.serial.skip('a program linked from files compiled on threads runs (skipped: gcc not found)', () => {});
}

test.serial('without JITCC_JOBS the budget is the idle cores: at least 1, at most one per core', (t) => {
  const old = process.env.JITCC_JOBS;
  delete process.env.JITCC_JOBS;
  try {
    const budget = compileThreadBudget();
    const cores = availableParallelism();
    t.true(budget >= 1 && budget <= cores);
    // The load average moves while we look: the budget lies between what it gives before and after.
    t.true(budget <= Math.max(1, Math.floor(cores - Math.min(loadavg()[0]!, 1e9))) + 1);
  } finally {
    if (old !== undefined) process.env.JITCC_JOBS = old;
  }
});
