// Loads objects built by the system gcc (read with readElf) and calls them:
// the loader must handle what a real compiler emits at -O0 and -O2, as PIE
// (gcc's default here), -fPIC and -fno-pic, in the small and large code
// models: PC32/PLT32/GOTPCRELX/32/32S/64 and GOTPC64/GOTOFF64/PLTOFF64/GOT64
// relocations, .rodata jump tables, mergeable strings, .bss, a static
// function, libc and libm calls, and an .init_array constructor.
// Skipped, with the reason shown, where gcc or an x86-64 host is missing.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import { readElf } from '../../src/link/elf/read.js';
import { loadObjectFile as loadObject } from '../../src/loader/load.js';
import type { LoadedModule } from '../../src/loader/module.js';
import { hasGcc, testNeedingTools, testOnHost } from '../tools.js';

const here = fileURLToPath(new URL('./gcc/', import.meta.url));


const canRun = process.arch === 'x64' && hasGcc();
const gccTest = process.arch !== 'x64' ? testOnHost(`host is ${process.arch}, not x64`) : testNeedingTools(['gcc']);
const scratch = canRun ? mkdtempSync(join(tmpdir(), 'jitcc-loader-')) : '';
test.after.always(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function compile(file: string, flags: readonly string[]): Uint8Array {
  const out = join(scratch, `${file}.${flags.join('_') || 'default'}.o`);
  execFileSync('gcc', ['-c', ...flags, join(here, file), '-o', out]);
  return readFileSync(out);
}

const PROTOTYPES = {
  get_initialized: 'int get_initialized(void)',
  bump: 'int bump(int by)',
  lookup: 'int lookup(int i)',
  sum_squares: 'int sum_squares(int n)',
  format: 'int format(char *buf, int n, int x, const char *s)',
  length: 'unsigned long length(const char *s)',
  hyp: 'double hyp(double a, double b)',
  fib: 'long fib(long n)',
  name: 'const char *name(void)',
  get_bump: 'void *get_bump(void)',
  call_it: 'int call_it(int (*f)(int), int x)',
  mean: 'double mean(const double *a, int n)',
  classify: 'int classify(int c)',
} as const;

function call(mod: LoadedModule, name: keyof typeof PROTOTYPES, ...args: unknown[]): unknown {
  return mod.fn(name, PROTOTYPES[name])(...args);
}

const VARIANTS: readonly (readonly string[])[] = [
  ['-O0'], ['-O2'], ['-O0', '-fPIC'], ['-O2', '-fPIC'], ['-O0', '-fno-pic'], ['-O2', '-fno-pic'], ['-O2', '-fcommon'],
  // The large code model: GOTPC64/GOTOFF64/PLTOFF64 against _GLOBAL_OFFSET_TABLE_ (PIE, PIC), or only 64-bit absolutes.
  ['-O2', '-mcmodel=large'], ['-O0', '-mcmodel=large', '-fPIC'], ['-O2', '-mcmodel=large', '-fno-pic'],
  // One section per function and object; debug info (relocated, never loaded); stack protector calls into libc.
  ['-O2', '-ffunction-sections', '-fdata-sections'], ['-O0', '-g'], ['-O2', '-fstack-protector-all'],
];

for (const flags of VARIANTS) {
  gccTest(`gcc ${flags.join(' ')} sample.c loads and runs`, (t) => {
    const mod = loadObject(readElf(compile('sample.c', flags), 'sample.o'));
    try {
      t.is(call(mod, 'get_initialized'), 1234, 'the .init_array constructor ran');
      t.is(call(mod, 'bump', 3), 801);
      t.is(call(mod, 'bump', 2), 1002);
      t.deepEqual([0, 1, 5, 7, 8].map((i) => call(mod, 'lookup', i)), [1, 1, 8, 21, 1]);
      t.is(call(mod, 'sum_squares', 10), 385);
      const buf = Buffer.alloc(16);
      t.is(call(mod, 'format', buf, 16, 42, 'ok'), 5);
      t.is(buf.toString('latin1', 0, 5), '42:ok');
      t.is(call(mod, 'length', 'hello'), 5);
      t.is(call(mod, 'hyp', 3, 4), 5);
      t.is(call(mod, 'fib', 25), 75025);
      t.is(call(mod, 'name'), 'jitcc');
      const bumpAddr = call(mod, 'get_bump');
      t.is(bumpAddr, mod.symbol('bump'));
      t.is(call(mod, 'call_it', bumpAddr, 1), 1103);
      t.is(call(mod, 'call_it', (x: number) => x * 2, 21), 42);
      t.is(call(mod, 'mean', new Float64Array([1, 2, 3, 6]), 4), 3);
      t.deepEqual([-1, 0, 2, 7, 8].map((c) => call(mod, 'classify', c)), [-1, 10, 42, 17, -1]);
      t.is(koffi.decode(mod.symbol('counter'), 'int'), 11);
    } finally {
      mod.dispose();
    }
  });
}

for (const flags of [['-O2'], ['-O2', '-fPIC']]) {
  gccTest(`gcc ${flags.join(' ')}: libc's stdout is reachable`, (t) => {
    const mod = loadObject(readElf(compile('uses-stdout.c', flags), 'uses-stdout.o'));
    t.is(mod.fn('stdout_fileno', 'int stdout_fileno(void)')(), 1);
    mod.dispose();
  });
}

for (const flags of [['-O2'], ['-O2', '-fPIC'], ['-O0', '-fno-pic']]) {
  gccTest(`gcc ${flags.join(' ')}: a module links against another module`, (t) => {
    const lib = loadObject(readElf(compile('lib.c', flags), 'lib.o'));
    const app = loadObject(readElf(compile('app.c', flags), 'app.o'), { link: [lib] });
    const useLib = app.fn('use_lib', 'int use_lib(int x)');
    t.is(useLib(5), 111);
    t.is(useLib(5), 112);
    t.is(koffi.decode(lib.symbol('shared_counter'), 'int'), 102);
    app.dispose();
    lib.dispose();
  });
}
