// The package's bin, dist/jitcc: the compile server's native client
// (src/compile-server/native-client.c, built by `npm run build` with jitcc
// and the system cc). It must find the socket the Node launcher's server
// listens on, and give the same output files, stdout, stderr and exit
// status as a compile in the command's own process; what it does not serve
// it hands to the Node launcher. JITCC_SERVER=native-only makes it fail
// instead of handing over, so these tests know which path ran.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testNeedingTools } from '../tools.js';

const bin = fileURLToPath(new URL('../../dist/jitcc', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jitcc-native-client-test-'));
const serverDir = mkdtempSync(join(tmpdir(), 'jitcc-native-client-dir-'));
// The native client is built wherever a system cc links it (CI installs gcc).
const nativeTest = testNeedingTools(['cc'], { serial: true });

interface Run { status: number | null; stdout: Buffer; stderr: Buffer }

function jit(args: string[], mode: 'off' | 'native-only' | 'auto', opts: { cwd?: string; env?: Record<string, string>; umask?: string; dir?: string } = {}): Run {
  const env = { ...process.env, JITCC_SERVER: mode, JITCC_SERVER_DIR: opts.dir ?? serverDir, JITCC_SERVER_IDLE_SECONDS: '60', ...opts.env };
  const r = opts.umask
    ? spawnSync('sh', ['-c', `umask ${opts.umask} && exec "$0" "$@"`, bin, ...args], { cwd: opts.cwd ?? work, env })
    : spawnSync(bin, args, { cwd: opts.cwd ?? work, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const hello = `#include <stdio.h>
#include <stdlib.h>
#include "local.h"
int main(int argc, char **argv) {
  printf("%s %d\\n", GREETING, argc > 1 ? atoi(argv[1]) : LOCAL_VALUE);
  return 0;
}
`;

test.before(() => {
  if (!existsSync(bin)) throw new Error('dist/jitcc is missing: run `npm run build` (npm test does)');
  mkdirSync(join(work, 'sub/inc'), { recursive: true });
  writeFileSync(join(work, 'sub/hello.c'), hello);
  writeFileSync(join(work, 'sub/inc/local.h'), '#define LOCAL_VALUE 42\n');
  writeFileSync(join(work, 'warns.c'), 'int f(int x) { int unused; if (x = 2) return 1; }\n');
  writeFileSync(join(work, 'broken.c'), 'int g(void) { return undeclared_name + ; }\n');
});

test.after.always(() => {
  // Without its socket a server exits at its next idle check.
  for (const f of readdirSync(serverDir)) if (f.endsWith('.sock')) unlinkSync(join(serverDir, f));
  rmSync(work, { recursive: true, force: true });
});

nativeTest('dist/jitcc is a native executable', (t) => {
  t.deepEqual([...readFileSync(bin).subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46]);
});

nativeTest('without a server the native client hands over to the launcher, which starts one the client then finds', (t) => {
  const none = jit(['-c', 'warns.c', '-o', '/dev/null'], 'native-only');
  t.is(none.status, 1);
  t.regex(none.stderr.toString(), /JITCC_SERVER=native-only: no compile server listening/);
  const first = jit(['-c', 'warns.c', '-o', 'first.o'], 'auto');
  t.is(first.status, 0, first.stderr.toString());
  t.true(readdirSync(serverDir).some((f) => f.endsWith('.sock')), 'the launcher started a server');
  const again = jit(['-c', 'warns.c', '-o', 'again.o'], 'native-only');
  t.is(again.status, 0, again.stderr.toString());
  t.true(readFileSync(join(work, 'first.o')).equals(readFileSync(join(work, 'again.o'))));
});

for (const [name, flags] of [['-O0', ['-O0']], ['-O2 -g', ['-O2', '-g']], ['-D and -I relative to the working directory', ['-DGREETING="hi"', '-Iinc']]] as const) {
  nativeTest(`native client and in-process compile write byte-identical objects: ${name}`, (t) => {
    const args = (o: string) => [...flags, '-Iinc', '-DGREETING="hello"', '-c', 'hello.c', '-o', o];
    const cwd = join(work, 'sub');
    const slow = jit(args('slow.o'), 'off', { cwd });
    const fast = jit(args('fast.o'), 'native-only', { cwd });
    t.is(slow.status, 0, slow.stderr.toString());
    t.is(fast.status, 0, fast.stderr.toString());
    t.deepEqual(fast.stderr, slow.stderr);
    t.true(readFileSync(join(cwd, 'fast.o')).equals(readFileSync(join(cwd, 'slow.o'))), 'objects differ');
  });
}

nativeTest('-E to stdout, warnings, errors and exit statuses are those of the in-process compile', (t) => {
  const cwd = join(work, 'sub');
  const e = [jit(['-E', 'hello.c', '-Iinc', '-DGREETING="x"'], 'off', { cwd }), jit(['-E', 'hello.c', '-Iinc', '-DGREETING="x"'], 'native-only', { cwd })];
  t.is(e[1]!.status, 0);
  t.true(e[1]!.stdout.length > 10_000);
  t.true(e[1]!.stdout.equals(e[0]!.stdout));
  for (const args of [['-Wall', '-c', 'warns.c', '-o', '/dev/null'], ['-Wall', '-Werror', '-c', 'warns.c', '-o', '/dev/null'], ['-c', 'broken.c', '-o', '/dev/null']]) {
    const [slow, fast] = [jit(args, 'off'), jit(args, 'native-only')];
    t.deepEqual([fast.status, fast.stderr.toString(), fast.stdout.toString()], [slow.status, slow.stderr.toString(), slow.stdout.toString()], args.join(' '));
  }
  t.regex(jit(['-c', 'broken.c', '-o', '/dev/null'], 'native-only').stderr.toString(), /broken\.c:1:\d+: error:/);
});

nativeTest("the client's environment and umask reach the compile", (t) => {
  const ice = jit(['-c', 'warns.c', '-o', '/dev/null'], 'native-only', { env: { JITCC_TEST_ICE: '1', ODD_VALUE: 'quote " backslash \\ tab \t é' } });
  t.is(ice.status, 4);
  t.regex(ice.stderr.toString(), /injected failure/);
  t.is(jit(['-c', 'warns.c', '-o', 'private.o'], 'native-only', { umask: '077' }).status, 0);
  t.is(statSync(join(work, 'private.o')).mode & 0o777, 0o600);
  t.is(jit(['-c', 'warns.c', '-o', 'shared.o'], 'native-only', { umask: '022' }).status, 0);
  t.is(statSync(join(work, 'shared.o')).mode & 0o777, 0o644);
});

nativeTest('what is not a compile-only command line goes to the launcher', (t) => {
  t.regex(jit(['--version'], 'native-only').stderr.toString(), /not a compile-only command line/);
  const version = jit(['--version'], 'auto');
  t.is(version.status, 0);
  t.regex(version.stdout.toString(), /^jitcc/);
  writeFileSync(join(work, 'prog.c'), 'int main(void) { return 3; }\n');
  t.is(jit(['prog.c', '-o', 'prog'], 'auto').status, 0);
  t.is(spawnSync(join(work, 'prog')).status, 3);
  t.is(jit(['-c', 'warns.c', '-o', 'off.o'], 'off').status, 0);
});

nativeTest('a socket directory that others can enter is refused', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-native-client-open-'));
  chmodSync(dir, 0o755);
  t.regex(jit(['-c', 'warns.c', '-o', '/dev/null'], 'native-only', { dir }).stderr.toString(), /no private runtime directory/);
  // Without native-only the launcher compiles in its own process.
  t.is(jit(['-c', 'warns.c', '-o', 'open.o'], 'auto', { dir }).status, 0);
  t.deepEqual(readdirSync(dir), []);
  rmSync(dir, { recursive: true, force: true });
});
