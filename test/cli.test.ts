// The `jitcc` command as a subprocess: objects that gcc links, assembly that
// `as` accepts, executables linked through the system driver, diagnostics on
// stderr with a non-zero exit. Uses dist/cc.js, which `npm test` builds first.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const jitcc = fileURLToPath(new URL('../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-cli-'));

function run(cmd: string, args: string[], cwd = dir) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8' });
}
function jit(...args: string[]) {
  return run('node', [jitcc, ...args]);
}

const fibC = `
long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int counter = 5;
static int bump(int by) { counter += by; return counter; }
int bump_twice(int by) { bump(by); return bump(by); }
`;
const mainC = `
#include <stdio.h>
long fib(long n);
int bump_twice(int by);
extern int counter;
int main(void) {
  int bumped = bump_twice(3);
  printf("%ld %d %d\\n", fib(30), bumped, counter);
  return 0;
}
`;

test.before(() => {
  if (!existsSync(jitcc)) throw new Error('dist/cc.js is missing: run `npm run build` (npm test does)');
  writeFileSync(join(dir, 'fib.c'), fibC);
  writeFileSync(join(dir, 'main.c'), mainC);
});

for (const opt of ['-O0', '-O2']) {
  test.serial(`jitcc ${opt} -c writes an object that gcc links with a gcc-compiled main`, (t) => {
    const c = jit(opt, '-c', 'fib.c', '-o', 'fib.o');
    t.is(c.status, 0, c.stderr);
    const readelf = run('readelf', ['-a', '-W', 'fib.o']);
    t.is(readelf.stderr, '', 'readelf prints no warnings');
    const link = run('gcc', ['main.c', 'fib.o', '-o', 'prog']);
    t.is(link.status, 0, link.stderr);
    t.is(run('./prog', []).stdout, '832040 11 11\n');
  });
}

test.serial('jitcc -S writes assembly that as accepts and gcc links', (t) => {
  const s = jit('-O1', '-S', 'fib.c', '-o', 'fib.s');
  t.is(s.status, 0, s.stderr);
  const as = run('as', ['fib.s', '-o', 'fib-as.o']);
  t.is(as.status, 0, as.stderr);
  const link = run('gcc', ['main.c', 'fib-as.o', '-o', 'prog-as']);
  t.is(link.status, 0, link.stderr);
  t.is(run('./prog-as', []).stdout, '832040 11 11\n');
});

test.serial('jitcc links an executable from several sources through the system driver', (t) => {
  writeFileSync(join(dir, 'main2.c'), 'int printf(const char *, ...);\nlong fib(long n);\nint main(void) { printf("%ld\\n", fib(20)); return 0; }\n');
  const r = jit('-O1', 'main2.c', 'fib.c', '-o', 'prog2');
  t.is(r.status, 0, r.stderr);
  t.is(run('./prog2', []).stdout, '6765\n');
});

test.serial('a bad program exits non-zero with gcc-style diagnostics and writes nothing', (t) => {
  writeFileSync(join(dir, 'bad.c'), 'int f(int x) {\n  return y;\n}\n');
  const r = jit('-c', 'bad.c', '-o', 'bad.o');
  t.is(r.status, 1);
  t.is(r.stderr, "bad.c:2:10: error: use of undeclared identifier 'y'\n    2 |   return y;\n      |          ^\n");
  t.false(existsSync(join(dir, 'bad.o')));
});

test('-march and -m<ext> choose the extensions the code uses; -fno-builtin keeps library calls', (t) => {
  const src = join(dir, 'math.c');
  writeFileSync(src, '#include <math.h>\ndouble f(double x) { return floor(sqrt(x)); }\n');
  const asm = (...flags: string[]) => jit('-O2', '-S', ...flags, src, '-o', '-');
  t.notRegex(asm().stdout, /roundsd/, 'the x86-64 baseline has no SSE4.1');
  t.regex(asm().stdout, /sqrtsd/);
  t.regex(asm('-march=x86-64-v2').stdout, /roundsd/);
  t.regex(asm('-msse4.1').stdout, /roundsd/);
  t.notRegex(asm('-march=haswell', '-mno-sse4.1').stdout, /roundsd/);
  const plain = asm('-fno-builtin', '-march=haswell').stdout;
  t.notRegex(plain, /sqrtsd|roundsd/);
  t.regex(plain, /call\s+sqrt/);
  const bad = asm('-march=pentium-pro-max');
  t.is(bad.status, 1);
  t.regex(bad.stderr, /bad value 'pentium-pro-max' for '-march=' switch/);
});

test.serial('-ftime-report prints a row per phase that ran, then the total, on stderr', (t) => {
  const r = jit('-O2', '-ftime-report', '-c', 'fib.c', '-o', 'fib-timed.o');
  t.is(r.status, 0, r.stderr);
  const phases = [...r.stderr.matchAll(/^ (\S+)\s+:\s+[\d.]+ \(\s*\d+%\)\s+\d+$/gm)].map((m) => m[1]);
  // 'lex' is absent when the file's tokens are cached (a compile server that saw it before).
  for (const p of ['preprocess', 'parse', 'sema', 'lower', 'mem2reg', 'inline', 'isel', 'regalloc', 'emit', 'encode', 'object']) t.true(phases.includes(p), `row for ${p}`);
  t.regex(r.stderr, /^ TOTAL\s+:\s+[\d.]+\s+usr \d+ ms\s+sys \d+ ms\s+wall \d+ ms$/m);
  t.true(existsSync(join(dir, 'fib-timed.o')));
});
