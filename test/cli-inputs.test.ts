// The `jitcc` command on odd inputs and options, compared with what gcc
// does: an operand that is no C source is linker input (a warning when not
// linking, as gcc says it), an unknown -std is an error with gcc's
// suggestion. Uses dist/cc.js, which `npm test` builds first.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
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
