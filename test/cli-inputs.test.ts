// The `jitcc` command on odd inputs and options, compared with what gcc
// does: an operand that is no C source is linker input (a warning when not
// linking, as gcc says it), an unknown -std is an error with gcc's
// suggestion. Uses dist/cc.js, which `npm test` builds first.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const jitcc = fileURLToPath(new URL('../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-cli-inputs-'));

function jit(...args: string[]) {
  return spawnSync('node', [jitcc, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

test('jitcc -c on a directory or /dev/null warns that the linker input is unused, as gcc does', (t) => {
  mkdirSync(join(dir, 'subdir'), { recursive: true });
  for (const input of ['subdir', '/dev/null']) {
    const r = jit('-c', input);
    t.is(r.status, 0);
    t.is(r.stderr, `jitcc: warning: ${input}: linker input file unused because linking not done\n`);
  }
});

test('a directory named like a C source is an error, not a silent success', (t) => {
  mkdirSync(join(dir, 'dir.c'), { recursive: true });
  const r = jit('-c', 'dir.c');
  t.is(r.status, 1);
  t.regex(r.stderr, /^jitcc: error: dir\.c: /);
});

test('-std= takes only the names gcc knows', (t) => {
  const r = jit('-std=c99x', '-c', '/dev/null');
  t.is(r.status, 1);
  t.is(r.stderr, "jitcc: error: unrecognized command-line option '-std=c99x'; did you mean '-std=c99'?\n");
});

test('the preprocessing limits are flags: -fmax-include-depth, -fmax-macro-expansion, -fmax-source-bytes', (t) => {
  writeFileSync(join(dir, 'self.h'), '#include "self.h"\n');
  writeFileSync(join(dir, 'self.c'), '#include "self.h"\nint x;\n');
  const deep = jit('-fmax-include-depth=5', '-c', 'self.c', '-o', '/dev/null');
  t.is(deep.status, 1);
  t.regex(deep.stderr, /error: #include nested depth 5 exceeds maximum of 5 \(use -fmax-include-depth=DEPTH to increase the maximum\)/);
  let chain = '#define a0 x\n';
  for (let i = 1; i <= 30; i++) chain += `#define a${i} a${i - 1} a${i - 1}\n`;
  writeFileSync(join(dir, 'chain.c'), `${chain}int a30;\n`);
  const expansion = jit('-fmax-macro-expansion=1000', '-E', 'chain.c');
  t.is(expansion.status, 1);
  t.regex(expansion.stderr, /chain\.c:32:5: error: macro expansion produced more than 1000 tokens/);
  const size = jit('-fmax-source-bytes=10', '-c', 'self.c', '-o', '/dev/null');
  t.is(size.status, 1);
  t.regex(size.stderr, /self\.c: file is 25 bytes, more than the source size limit of 10 bytes/);
  const bad = jit('-fmax-include-depth=many', '-c', 'self.c');
  t.is(bad.status, 1);
  t.is(bad.stderr, "jitcc: error: argument to '-fmax-include-depth=' should be a positive integer, not 'many'\n");
});

test('#include of a device is an error, never a hang', (t) => {
  writeFileSync(join(dir, 'dev.c'), '#include "/dev/stdin"\n#include "/dev/zero"\n');
  const r = jit('-c', 'dev.c', '-o', '/dev/null');
  t.is(r.status, 1);
  t.regex(r.stderr, /dev\.c:1:10: error: cannot include '\/dev\/stdin': not a regular file/);
  t.regex(r.stderr, /dev\.c:2:10: error: cannot include '\/dev\/zero': not a regular file/);
});
