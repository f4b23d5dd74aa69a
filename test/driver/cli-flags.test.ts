// The `jitcc` driver as build systems use it (issue 12): gcc's -M family
// compared with gcc's own rules, -x and standard input, preprocessed (.i)
// inputs, -fPIC objects in a shared library whose globals another module
// preempts, the information flags configure scripts ask, and gcc flags that
// jitcc does not act on. Runs dist/cc.js as a subprocess (npm test builds it).
import test, { type Implementation } from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasGcc } from '../tools.js';

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-driver-'));
// Tests comparing with gcc or linking run only where gcc is; CI installs it, so there they must run (and fail without it).
const withGcc = (title: string, fn: Implementation<[]>): void => {
  if (hasGcc() || process.env.CI) test.serial(title, fn);
  else test.serial.skip(`${title} (skipped: gcc not found)`, fn);
};

function run(cmd: string, args: string[], input?: string) {
  return spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', input });
}
function jit(args: string[], input?: string) {
  return run('node', [jitcc, ...args], input);
}
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

test.before(() => {
  if (!existsSync(jitcc)) throw new Error('dist/cc.js is missing: run `npm run build` (npm test does)');
  mkdirSync(join(dir, 'inc'));
  mkdirSync(join(dir, 'sys'));
  mkdirSync(join(dir, 'quote'));
  writeFileSync(join(dir, 'inc', 'a.h'), '#include "b.h"\n#define A_VALUE (B_VALUE + 1)\n');
  writeFileSync(join(dir, 'inc', 'b.h'), '#define B_VALUE 41\n');
  writeFileSync(join(dir, 'sys', 'syshdr.h'), '#include "sysinner.h"\n');
  writeFileSync(join(dir, 'sys', 'sysinner.h'), 'typedef int sys_int;\n');
  writeFileSync(join(dir, 'quote', 'q.h'), '#define Q_VALUE 7\n');
  writeFileSync(join(dir, 'main.c'), [
    '#include <stdio.h>', '#include "a.h"', '#include <syshdr.h>', '#include "q.h"',
    'sys_int main(void) { printf("%d %d\\n", A_VALUE, Q_VALUE); return 0; }', '',
  ].join('\n'));
});

const depFlags = ['-Iinc', '-isystem', 'sys', '-iquote', 'quote'];

for (const m of ['-M', '-MM']) {
  withGcc(`${m} prints the same make rule as gcc (headers in order, system headers per ${m})`, (t) => {
    const ours = jit([m, ...depFlags, 'main.c']);
    t.is(ours.status, 0, ours.stderr);
    const gcc = run('gcc', [m, ...depFlags, 'main.c']);
    // Headers gcc finds in its own directory are ours in include/: compare the project's part and the system flags.
    const project = (s: string) => s.replace(/\\\n/g, ' ').split(/\s+/).filter((p) => p !== '' && !p.startsWith('/'));
    t.deepEqual(project(ours.stdout), project(gcc.stdout));
    if (m === '-M') t.regex(ours.stdout, /\/usr\/include\/stdio\.h/);
    else t.notRegex(ours.stdout, /stdio\.h|syshdr/);
  });
}

withGcc('-MD -MF -MT -MP write the rule beside the object; the object still links and runs', (t) => {
  const r = jit(['-c', '-MMD', '-MP', '-MF', 'deps/main.dep', '-MT', 'custom.o', '-MQ', 'a b$.o', ...depFlags, 'main.c', '-o', 'main.o']);
  t.is(r.status, 1, 'the -MF directory does not exist yet: an error, as with gcc');
  mkdirSync(join(dir, 'deps'));
  const ok = jit(['-c', '-MMD', '-MP', '-MF', 'deps/main.dep', '-MT', 'custom.o', '-MQ', 'a b$.o', ...depFlags, 'main.c', '-o', 'main.o']);
  t.is(ok.status, 0, ok.stderr);
  t.is(read('deps/main.dep'), 'custom.o a\\ b$$.o: main.c inc/a.h inc/b.h quote/q.h\ninc/a.h:\ninc/b.h:\nquote/q.h:\n');
  const d = jit(['-c', '-MD', ...depFlags, 'main.c', '-o', 'main2.o']);
  t.is(d.status, 0, d.stderr);
  t.regex(read('main2.d'), /^main2\.o: main\.c \/usr\/include\/stdc-predef\.h /);
  t.is(run('gcc', ['main.o', '-o', 'main']).status, 0);
  t.is(run('./main', []).stdout, '42 7\n');
});

test.serial('-x c with - reads standard input; -E output compiles again as .i and as -x cpp-output', (t) => {
  const src = '#define TWICE(x) ((x) * 2)\nint twice(int v) { return TWICE(v); }\nint linux = 3;\n';
  const e = jit(['-E', '-'], src);
  t.is(e.status, 0, e.stderr);
  t.notRegex(e.stdout, /TWICE/);
  writeFileSync(join(dir, 'pre.i'), e.stdout);
  // `linux` is no macro for jitcc in any mode; a predefined macro expanded twice would show here as a changed name.
  const c = jit(['-c', 'pre.i', '-o', 'pre.o', '-DTWICE=broken']);
  t.is(c.status, 0, c.stderr);
  const syms = run('nm', ['pre.o']).stdout;
  t.regex(syms, /T twice/);
  t.regex(syms, /D linux/);
  const x = jit(['-x', 'cpp-output', '-c', '-', '-o', 'stdin.o'], e.stdout);
  t.is(x.status, 0, x.stderr);
  t.regex(run('nm', ['stdin.o']).stdout, /T twice/);
  const noX = jit(['-c', '-'], src);
  t.is(noX.status, 1);
  t.regex(noX.stderr, /-E or -x required when input is from standard input/);
});

test.serial('-P drops line markers; -include and -D from -Wp, reach the preprocessor', (t) => {
  writeFileSync(join(dir, 'forced.h'), '#define FORCED 5\n');
  writeFileSync(join(dir, 'p.c'), 'int v = FORCED + WP;\n');
  const r = jit(['-E', '-P', '-include', 'forced.h', '-Wp,-DWP=2', 'p.c']);
  t.is(r.status, 0, r.stderr);
  t.notRegex(r.stdout, /^#/m);
  t.regex(r.stdout, /int v = 5 \+ 2;/);
});

withGcc('with -c, a linker input is gcc\'s warning and nothing is written for it', (t) => {
  writeFileSync(join(dir, 'lib.c'), 'int lib_value = 1;\n');
  t.is(jit(['-c', 'lib.c', '-o', 'lib.o']).status, 0);
  const r = jit(['-c', 'lib.o']);
  t.is(r.status, 0);
  t.is(r.stderr, 'jitcc: warning: lib.o: linker input file unused because linking not done\n');
});

withGcc('-fPIC: a shared library built from jitcc objects links, and its default-visibility globals are preempted', (t) => {
  writeFileSync(join(dir, 'shlib.c'), [
    'int counter = 1;',
    'int hidden_counter __attribute__((visibility("hidden"))) = 10;',
    'static int private_counter = 100;',
    'int bump(void) { counter++; hidden_counter++; private_counter++; return counter + hidden_counter + private_counter; }',
    'int *counter_address(void) { return &counter; }',
    'int (*bump_address(void))(void) { return bump; }', '',
  ].join('\n'));
  // The executable defines its own `counter`: the library's references must bind to it (ELF preemption).
  writeFileSync(join(dir, 'useshlib.c'), [
    '#include <stdio.h>',
    'int counter = 1000;', 'int bump(void); int *counter_address(void); int (*bump_address(void))(void);',
    'int main(void) { int r = bump(); printf("%d %d %d %d\\n", r, counter, counter_address() == &counter, bump_address() == bump); return 0; }', '',
  ].join('\n'));
  for (const pic of ['-fPIC', '-fpic']) {
    const c = jit([pic, '-O2', '-c', 'shlib.c', '-o', 'shlib.o']);
    t.is(c.status, 0, c.stderr);
    const so = jit(['-shared', 'shlib.o', '-o', 'libshlib.so']);
    t.is(so.status, 0, so.stderr);
    const exe = run('gcc', ['useshlib.c', '-L.', '-lshlib', '-Wl,-rpath,' + dir, '-o', 'useshlib']);
    t.is(exe.status, 0, exe.stderr);
    t.is(run('./useshlib', []).stdout, '1113 1001 1 1\n');
  }
  const noPic = jit(['-c', 'shlib.c', '-o', 'nopic.o']);
  t.is(noPic.status, 0);
  t.not(run('gcc', ['-shared', 'nopic.o', '-o', 'libnopic.so']).status, 0, 'without -fPIC the library does not link, as with gcc');
  const hidden = jit(['-fPIC', '-fvisibility=hidden', '-c', 'shlib.c', '-o', 'hidden.o']);
  t.is(hidden.status, 0);
  t.notRegex(run('objdump', ['-dr', 'hidden.o']).stdout, /GOTPCREL/, '-fvisibility=hidden keeps every access direct');
  t.regex(run('readelf', ['-s', 'hidden.o']).stdout, /HIDDEN +\d+ counter/);
});

withGcc('-ffunction-sections puts each function in its own section, so ld --gc-sections drops the unused ones', (t) => {
  writeFileSync(join(dir, 'sections.c'), [
    '#include <stdio.h>',
    'int unused_helper(int x) { return x * 1234567; }',
    'int used_helper(int x) { return x + 1; }',
    'int main(void) { printf("%d\\n", used_helper(41)); return 0; }', '',
  ].join('\n'));
  const c = jit(['-ffunction-sections', '-O0', '-c', 'sections.c', '-o', 'sections.o']);
  t.is(c.status, 0, c.stderr);
  const headers = run('readelf', ['-S', '-W', 'sections.o']).stdout;
  for (const fn of ['unused_helper', 'used_helper', 'main']) t.regex(headers, new RegExp(`\\.text\\.${fn} +PROGBITS`));
  const link = run('gcc', ['sections.o', '-Wl,--gc-sections', '-o', 'sections']);
  t.is(link.status, 0, link.stderr);
  t.is(run('./sections', []).stdout, '42\n');
  t.notRegex(run('nm', ['sections']).stdout, /unused_helper/);
  t.regex(run('nm', ['sections']).stdout, /used_helper/);
});

test.serial('information flags answer as configure scripts expect', (t) => {
  t.is(jit(['-dumpmachine']).stdout, 'x86_64-linux-gnu\n');
  t.is(jit(['--target=aarch64', '-dumpmachine']).stdout, 'aarch64-linux-gnu\n');
  t.is(jit(['-dumpversion']).stdout, '4.2.1\n');
  const v = jit(['-v']);
  t.is(v.status, 0);
  t.regex(v.stderr, /gcc-compatible/);
  t.regex(jit(['--version']).stdout, /^jitcc \(jitcc\) \d+\.\d+\.\d+\n/);
  const inc = jit(['-print-file-name=include']).stdout.trim();
  t.true(existsSync(join(inc, 'stddef.h')));
});

withGcc('flags that change nothing are silent; unknown ones are warnings, not errors', (t) => {
  const silent = jit(['-c', '-O2', '-pipe', '-fno-strict-aliasing', '-fstack-protector-strong', '-march=native', '-ffunction-sections',
    '-fno-common', '-Wformat=2', '-D_FORTIFY_SOURCE=2', '-ggdb', '-fomit-frame-pointer', 'lib.c', '-o', 'lib2.o']);
  t.is(silent.status, 0);
  t.is(silent.stderr, '');
  const unknown = jit(['-c', '--frobnicate', '-fsanitize=address', 'lib.c', '-o', 'lib3.o']);
  t.is(unknown.status, 0);
  t.is(unknown.stderr, "jitcc: warning: unknown option '--frobnicate' ignored\njitcc: warning: '-fsanitize=address' is not supported; ignored\n");
});
