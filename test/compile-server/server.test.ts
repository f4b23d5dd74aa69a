// The `jitcc` command's fast path (compile-server/): the same command lines
// run through the compile server and in the command's own process must give
// byte-identical output files, stdout and stderr, and the same exit status,
// with the client's working directory, environment and umask; concurrent
// compiles, a killed server and a stale socket are handled; an unsafe socket
// directory is refused. Uses dist/jitcc.cjs (the package's bin), which
// `npm test` builds first. Each test file gets its own server directory,
// whose sockets are removed at the end so its server exits.
import test from 'ava';
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const jitcc = fileURLToPath(new URL('../../dist/jitcc.cjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jitcc-server-test-'));
const serverDir = mkdtempSync(join(tmpdir(), 'jitcc-server-dir-'));

interface Run { status: number | null; stdout: Buffer; stderr: Buffer }

function jit(args: string[], mode: 'off' | 'require' | 'auto', opts: { cwd?: string; env?: Record<string, string>; umask?: string; dir?: string } = {}): Run {
  const env = { ...process.env, JITCC_SERVER: mode, JITCC_SERVER_DIR: opts.dir ?? serverDir, JITCC_SERVER_IDLE_SECONDS: '60', ...opts.env };
  const cmd = opts.umask ? ['sh', ['-c', `umask ${opts.umask} && exec "$0" "$@"`, process.execPath, jitcc, ...args]] as const : [process.execPath, [jitcc, ...args]] as const;
  const r = spawnSync(cmd[0], [...cmd[1]], { cwd: opts.cwd ?? work, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `args` both ways, writing to `out` (if any) under both names; returns both runs and outputs. */
function both(args: (out: string) => string[], out: string | null, opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const cwd = opts.cwd ?? work;
  const slow = jit(args(out ? `slow-${out}` : ''), 'off', opts);
  const fast = jit(args(out ? `fast-${out}` : ''), 'require', opts);
  const files = out ? [readFileSync(join(cwd, `slow-${out}`)), readFileSync(join(cwd, `fast-${out}`))] : null;
  return { slow, fast, files };
}

const hello = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "local.h"
static const char *greeting = GREETING;
int main(int argc, char **argv) {
  char buf[64];
  strcpy(buf, greeting);
  printf("%s %d\\n", buf, argc > 1 ? atoi(argv[1]) : LOCAL_VALUE);
  return 0;
}
`;
const warns = 'int f(int x) { int unused; if (x = 2) return 1; }\n';
const broken = 'int g(void) { return undeclared_name + ; }\n';

test.before(() => {
  if (!existsSync(jitcc)) throw new Error('dist/jitcc.cjs is missing: run `npm run build` (npm test does)');
  mkdirSync(join(work, 'sub/inc'), { recursive: true });
  writeFileSync(join(work, 'sub/hello.c'), hello);
  writeFileSync(join(work, 'sub/inc/local.h'), '#define LOCAL_VALUE 42\n');
  writeFileSync(join(work, 'warns.c'), warns);
  writeFileSync(join(work, 'broken.c'), broken);
});

test.after.always(() => {
  // Without its socket a server exits at its next idle check.
  for (const f of readdirSync(serverDir)) if (f.endsWith('.sock')) unlinkSync(join(serverDir, f));
  rmSync(work, { recursive: true, force: true });
});

const objectCases: [string, string[]][] = [
  ['-O0 -c', ['-O0']], ['-O2 -c', ['-O2']], ['-g -c', ['-g']], ['-D and -I, relative to the working directory', ['-DGREETING="hi"', '-Iinc']],
];
for (const [name, flags] of objectCases) {
  test.serial(`fast path and in-process compile write byte-identical objects: ${name}`, (t) => {
    const r = both((o) => [...flags, '-Iinc', '-DGREETING="hello"', '-c', 'hello.c', '-o', o], 'hello.o', { cwd: join(work, 'sub') });
    t.is(r.slow.status, 0, r.slow.stderr.toString());
    t.is(r.fast.status, 0, r.fast.stderr.toString());
    t.deepEqual(r.fast.stderr, r.slow.stderr);
    t.true(r.files![0]!.equals(r.files![1]!), 'objects differ');
  });
}

test.serial('-S and -E to a file and to stdout are identical', (t) => {
  const s = both((o) => ['-O1', '-S', 'hello.c', '-Iinc', '-DGREETING="x"', '-o', o], 'hello.s', { cwd: join(work, 'sub') });
  t.is(s.fast.status, 0);
  t.true(s.files![0]!.equals(s.files![1]!));
  const e = both(() => ['-E', 'hello.c', '-Iinc', '-DGREETING="x"'], null, { cwd: join(work, 'sub') });
  t.is(e.fast.status, 0);
  t.true(e.fast.stdout.length > 10_000);
  t.true(e.fast.stdout.equals(e.slow.stdout));
});

test.serial('warnings, errors and exit statuses are identical', (t) => {
  const w = both((o) => ['-Wall', '-c', 'warns.c', '-o', o], 'warns.o');
  t.is(w.fast.status, 0);
  t.regex(w.fast.stderr.toString(), /warning: unused variable 'unused'/);
  t.deepEqual(w.fast.stderr.toString(), w.slow.stderr.toString());
  const werror = both((o) => ['-Wall', '-Werror', '-c', 'warns.c', '-o', o], null);
  t.is(werror.fast.status, 1);
  t.deepEqual([werror.fast.stderr.toString(), werror.fast.status], [werror.slow.stderr.toString(), werror.slow.status]);
  const e = both((o) => ['-c', 'broken.c', '-o', o], null);
  t.is(e.fast.status, 1);
  t.regex(e.fast.stderr.toString(), /broken\.c:1:\d+: error:/);
  t.deepEqual(e.fast.stderr, e.slow.stderr);
  t.false(existsSync(join(work, 'fast-')));
  // A usage error (unknown flags are only warnings, as with clang: issue 12).
  const usage = both(() => ['-c', '-std=c99x', 'warns.c'], null);
  t.is(usage.fast.status, 1);
  t.deepEqual(usage.fast.stderr, usage.slow.stderr);
  const unknown = both(() => ['-c', '--no-such-flag', 'warns.c', '-o', '/dev/null'], null);
  t.is(unknown.fast.status, 0);
  t.deepEqual(unknown.fast.stderr, unknown.slow.stderr);
});

test.serial("the client's environment reaches the compile (JITCC_TEST_ICE: internal error, exit 4)", (t) => {
  const r = both(() => ['-c', 'warns.c', '-o', '/dev/null'], null, { env: { JITCC_TEST_ICE: '1' } });
  t.is(r.fast.status, 4);
  t.regex(r.fast.stderr.toString(), /injected failure/);
  t.deepEqual(r.fast.stderr, r.slow.stderr);
  // The next request, without the variable, compiles normally in the same server.
  t.is(jit(['-c', 'warns.c', '-o', '/dev/null'], 'require').status, 0);
});

test.serial("output files get the client's umask", (t) => {
  const r = jit(['-c', 'warns.c', '-o', 'private.o'], 'require', { umask: '077' });
  t.is(r.status, 0, r.stderr.toString());
  t.is(statSync(join(work, 'private.o')).mode & 0o777, 0o600);
  const r2 = jit(['-c', 'warns.c', '-o', 'shared.o'], 'require', { umask: '022' });
  t.is(r2.status, 0);
  t.is(statSync(join(work, 'shared.o')).mode & 0o777, 0o644);
});

test.serial('concurrent compiles are all answered, each with its own output', async (t) => {
  const runs = [0, 1, 2, 3, 4, 5].map((i) => new Promise<number | null>((resolve) => {
    writeFileSync(join(work, `par${i}.c`), `int par${i}(int x) { return x * ${i}; }\n`);
    const env = { ...process.env, JITCC_SERVER: 'require', JITCC_SERVER_DIR: serverDir };
    spawn(process.execPath, [jitcc, '-c', `par${i}.c`, '-o', `par${i}.o`], { cwd: work, env, stdio: 'ignore' }).on('exit', resolve);
  }));
  t.deepEqual(await Promise.all(runs), [0, 0, 0, 0, 0, 0]);
  for (let i = 0; i < 6; i++) {
    const slow = jit(['-c', `par${i}.c`, '-o', `par${i}-slow.o`], 'off');
    t.is(slow.status, 0);
    t.true(readFileSync(join(work, `par${i}.o`)).equals(readFileSync(join(work, `par${i}-slow.o`))), `par${i}.o`);
  }
});

test.serial('a stale socket name is replaced by a new server', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-server-stale-'));
  t.is(jit(['-c', 'warns.c', '-o', '/dev/null'], 'require', { dir }).status, 0);
  const sock = readdirSync(dir).find((f) => f.endsWith('.sock'))!;
  // The server loses its name (as when it died and left the file): it exits, and a regular file takes the name.
  unlinkSync(join(dir, sock));
  writeFileSync(join(dir, sock), 'not a socket');
  const r = jit(['-c', 'warns.c', '-o', 'stale.o'], 'require', { dir });
  t.is(r.status, 0, r.stderr.toString());
  t.true(statSync(join(dir, sock)).isSocket());
  unlinkSync(join(dir, sock));
  rmSync(dir, { recursive: true, force: true });
});

test.serial('a socket directory that others can enter is refused', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-server-open-'));
  chmodSync(dir, 0o755);
  const required = jit(['-c', 'warns.c', '-o', '/dev/null'], 'require', { dir });
  t.is(required.status, 1);
  t.regex(required.stderr.toString(), /JITCC_SERVER=require: no private runtime directory/);
  // Without `require`, the command compiles in its own process.
  t.is(jit(['-c', 'warns.c', '-o', 'open.o'], 'auto', { dir }).status, 0);
  t.deepEqual(readdirSync(dir), []);
  rmSync(dir, { recursive: true, force: true });
});

test.serial('linking, -run and standard input stay in the command’s own process', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-server-none-'));
  writeFileSync(join(work, 'prog.c'), 'int main(void) { return 3; }\n');
  t.is(jit(['prog.c', '-o', 'prog'], 'auto', { dir }).status, 0);
  t.is(spawnSync(join(work, 'prog')).status, 3);
  t.is(jit(['-run', 'prog.c'], 'auto', { dir }).status, 3);
  t.deepEqual(readdirSync(dir), [], 'no server was started');
  rmSync(dir, { recursive: true, force: true });
});
