// Running C programs in process: Module.runMain (argv, exit status, stdio
// flushed), `jitcc -run` (tcc's convention for arguments, -l), and the
// libc_nonshared wrappers (atexit handlers run at exit, or at dispose like
// dlclose). End to end: C source → compile → load → run → check.

import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/index.js';

const x64 = process.arch === 'x64' && process.platform === 'linux' ? test : test.skip;
const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jitcc-run-'));

x64('runMain passes argv as C does and returns main\'s status', (t) => {
  const mod = compile(`
    #include <string.h>
    char seen[256];
    int main(int argc, char **argv) {
      if (argv[argc] != 0) return 99;
      for (int i = 0; i < argc; i++) { strcat(seen, argv[i]); strcat(seen, "|"); }
      return argc * 100 + 7; /* 307: the status keeps the low 8 bits, as exit() does */
    }`, { cache: false });
  t.is(mod.runMain(['one', 'two words']), 307 & 0xff);
  t.is(new TextDecoder().decode(new Uint8Array(mod.global('seen').array as Int8Array).subarray(0, 23)), 'a.out|one|two words|\0\0\0');
  mod.dispose();
});

x64('runMain works for main(void) and refuses a module without main', (t) => {
  const mod = compile('int main(void) { return 3; }', { cache: false });
  t.is(mod.runMain(['ignored']), 3);
  mod.dispose();
  const lib = compile('int f(void) { return 1; }', { cache: false });
  t.throws(() => lib.runMain(), { message: /defines no function 'main'/ });
  lib.dispose();
});

x64('atexit handlers of a module run when it is disposed, as dlclose runs them', (t) => {
  const calls: number[] = [];
  const mod = compile(`
    #include <stdlib.h>
    void note(int);
    static void first(void) { note(1); }
    static void second(void) { note(2); }
    int setup(void) { return atexit(first) | atexit(second); }`, { cache: false, imports: { note: (x: number) => { calls.push(x); } } });
  t.is(mod.fn('setup')(), 0);
  t.deepEqual(calls, []);
  mod.dispose();
  t.deepEqual(calls, [2, 1]); // C11 7.22.4.4: reverse order of registration
});

function runCli(args: string[]) {
  return spawnSync(process.execPath, [jitcc, ...args], { encoding: 'utf8', timeout: 60_000 });
}

x64('jitcc -run prints what main prints, passes the arguments after the source, exits with its status', (t) => {
  const src = join(work, 'args.c');
  writeFileSync(src, `#include <stdio.h>
    #include <math.h>
    #include <stdlib.h>
    static void bye(void) { printf("bye\\n"); }
    int main(int argc, char **argv) {
      atexit(bye);
      for (int i = 1; i < argc; i++) printf("%s;", argv[i]);
      printf("%.4f\\n", sqrt(2.0)); /* buffered: must be flushed before the process ends */
      return argc;
    }\n`);
  const r = runCli(['-O2', '-lm', '-run', src, 'a b', '-c', '--x']);
  t.is(r.stderr, '');
  t.is(r.stdout, 'a b;-c;--x;1.4142\nbye\n');
  t.is(r.status, 4);
});

x64('jitcc -run reports unresolved symbols and missing libraries as errors, not crashes', (t) => {
  const src = join(work, 'missing.c');
  writeFileSync(src, 'void nowhere(void);\nint main(void) { nowhere(); return 0; }\n');
  const r = runCli(['-run', src]);
  t.is(r.status, 1);
  t.regex(r.stderr, /undefined symbol: 'nowhere'/);
  const lib = runCli(['-lno-such-library', '-run', join(work, 'args.c')]);
  t.is(lib.status, 1);
  t.regex(lib.stderr, /cannot open shared library 'libno-such-library\.so'/);
});
