// The driver's diagnostic plumbing that the case files cannot show:
// internal errors (through the JITCC_TEST_ICE=1 hook in src/build.ts) in the
// CLI and the library, colours with -fdiagnostics-color=always, and the
// `-dM -E` macro dump. Uses dist/cc.js, which `npm test` builds first.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildObject } from '../../src/build.js';
import { CompileError, InternalCompilerError } from '../../src/diagnostics.js';
import { testNeedingTools } from '../tools.js';

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-diag-'));

function jit(args: string[], env: Record<string, string> = {}) {
  return spawnSync('node', [jitcc, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
}

writeFileSync(join(dir, 'ok.c'), 'int add_one(int x) { return x + 1; }\n');
writeFileSync(join(dir, 'unused.c'), 'int f(void) {\n  int unused;\n  return 0;\n}\n');
writeFileSync(join(dir, 'macros.c'), '#define ANSWER 42\n#define TWICE(x) ((x) * 2)\n#undef ANSWER\n#define ANSWER 43\n');

test('an internal error names the file and function, exits 4, and hides the stack', (t) => {
  const r = jit(['-c', 'ok.c', '-o', '/dev/null'], { JITCC_TEST_ICE: '1' });
  t.is(r.status, 4);
  t.is(r.stderr, "ok.c:1:1: internal compiler error: injected failure in function 'add_one' (JITCC_TEST_ICE=1)\n" +
    'jitcc: rerun with --debug for a stack trace, and please report this bug\n');
});

test('--debug shows the stack trace of an internal error', (t) => {
  const r = jit(['--debug', '-c', 'ok.c', '-o', '/dev/null'], { JITCC_TEST_ICE: '1' });
  t.is(r.status, 4);
  t.regex(r.stderr, /^ok\.c:1:1: internal compiler error: /);
  t.regex(r.stderr, /\n\s+at .*build/);
});

test.serial('the library throws a typed InternalCompilerError carrying the location', (t) => {
  process.env.JITCC_TEST_ICE = '1';
  try {
    const e = t.throws(() => buildObject('int g(void) { return 1; }\n', { file: 'lib.c' }), { instanceOf: InternalCompilerError });
    t.is(e?.loc?.file, 'lib.c');
    t.regex(e?.message ?? '', /^lib\.c:1:\d+: internal compiler error: injected failure in function 'g'/);
  } finally {
    delete process.env.JITCC_TEST_ICE;
  }
  t.truthy(buildObject('int g(void) { return 1; }\n', { file: 'lib.c' }).output);
});

test.serial('the library applies the warning options and -Werror', (t) => {
  const src = 'int f(void) {\n  int unused;\n  return 0;\n}\n';
  t.deepEqual(buildObject(src, { file: 'w.c' }).diagnostics, []);
  const walled = buildObject(src, { file: 'w.c', warnings: ['-Wall'] });
  t.is(walled.formatted.split('\n')[0], "w.c:2:7: warning: unused variable 'unused' [-Wunused-variable]");
  const e = t.throws(() => buildObject(src, { file: 'w.c', warnings: ['-Wall', '-Werror'] }), { instanceOf: CompileError });
  t.is(e?.formatted.split('\n')[0], "w.c:2:7: error: unused variable 'unused' [-Werror=unused-variable]");
});

test('-fdiagnostics-color=always paints location, severity, option and caret; never and pipes stay plain', (t) => {
  const r = jit(['-fdiagnostics-color=always', '-Wall', '-c', 'unused.c', '-o', '/dev/null']);
  t.is(r.status, 0);
  t.is(r.stderr,
    "\x1b[1munused.c:2:7:\x1b[0m \x1b[1;35mwarning:\x1b[0m unused variable 'unused' [\x1b[1;35m-Wunused-variable\x1b[0m]\n" +
    '    2 |   int unused;\n' +
    '      |       \x1b[1;32m^~~~~~\x1b[0m\n');
  for (const flags of [['-fdiagnostics-color=never'], ['-fdiagnostics-color=auto'], []]) {
    const plain = jit([...flags, '-Wall', '-c', 'unused.c', '-o', '/dev/null']);
    t.false(plain.stderr.includes('\x1b['), flags.join(' '));
    t.true(plain.stderr.startsWith("unused.c:2:7: warning: unused variable 'unused' [-Wunused-variable]\n"));
  }
});

test('-dM -E prints the macros defined at the end, sorted, with the predefined ones', (t) => {
  const r = jit(['-dM', '-E', 'macros.c']);
  t.is(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  t.true(lines.includes('#define ANSWER 43'));
  t.true(lines.includes('#define TWICE(x) ((x) * 2)'));
  t.true(lines.includes('#define __x86_64__ 1'));
  t.false(lines.includes('#define ANSWER 42'));
  const defines = lines.filter((l) => l.startsWith('#define '));
  t.deepEqual(defines, [...defines].sort());
});

testNeedingTools(['gcc'])('jitcc -E output with line markers is accepted by gcc, which reports errors at the original lines', (t) => {
  // Local headers only: with glibc's, the predefined macros legitimately differ
  // from gcc's (e.g. _Float32 is a gcc keyword but a glibc typedef for jitcc).
  writeFileSync(join(dir, 'outer.h'), 'int outer_first;\n#include "inner.h"\nint outer_after;\n');
  writeFileSync(join(dir, 'inner.h'), '#define GREETING 7\nint inner_decl;\n');
  writeFileSync(join(dir, 'pp.c'), '#include "outer.h"\nint say(void) { return GREETING; }\nint broken(void) { return nope; }\n');
  const r = jit(['-E', 'pp.c', '-o', 'pp.i']);
  t.is(r.status, 0, r.stderr);
  const gcc = spawnSync('gcc', ['-c', 'pp.i', '-o', '/dev/null'], { cwd: dir, encoding: 'utf8' });
  t.is(gcc.status, 1);
  t.regex(gcc.stderr, /pp\.c:3:27: error: .nope. undeclared/);
  t.notRegex(gcc.stderr, /In file included/);
});
