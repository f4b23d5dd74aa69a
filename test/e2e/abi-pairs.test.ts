// Types across the System V AMD64 calling convention (psABI §3.2.3), each
// pair of files (caller.c, callee.c) compiled once by gcc and once by jitcc
// (-O0 and -O2), and each jitcc half linked against the other compiler's
// half, so both directions must agree with gcc:
//  - vector-abi/: every GNU vector class — 4-byte INTEGER, 8-byte SSE,
//    16-byte SSE+SSEUP in one whole xmm register, 32-byte MEMORY, vectors
//    in structs, on the stack past xmm7, through `...` and va_arg, and in
//    callbacks;
//  - int128-abi/: __int128 in register pairs, on the stack 16-aligned (and
//    the registers it skips still used), in structs, through `...`,
//    returned in rax:rdx, in callbacks.
// Needs gcc on linux/x64. int128-abi/ runs again for AArch64 (AAPCS64: two
// x registers from an even one, 16-aligned on the stack, x0:x1 results),
// against aarch64-linux-gnu-gcc's half, under qemu-aarch64.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileToObject } from '../../src/index.js';
import { testNeedingTools, testOnHost } from '../tools.js';
import { crossTest, GCC as A64_GCC, QEMU, SYSROOT } from '../codegen/arm64/cross-tools.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const PAIRS = ['vector-abi', 'int128-abi'] as const;
const abiTest = process.arch !== 'x64' || process.platform !== 'linux'
  ? testOnHost(`host is ${process.platform}/${process.arch}, not linux/x64`)
  : testNeedingTools(['gcc']);
const work = mkdtempSync(join(tmpdir(), 'jitcc-vector-abi-'));

function gccObject(pair: string, name: string): string {
  const out = join(work, `${pair}.${name}.gcc.o`);
  execFileSync('gcc', ['-O2', '-Wno-psabi', '-c', join(here, pair, `${name}.c`), '-o', out]);
  return out;
}

function jitccObject(pair: string, name: string, optimize: 0 | 2): string {
  const dir = join(here, pair);
  const out = join(work, `${pair}.${name}.jitcc.O${optimize}.o`);
  writeFileSync(out, compileToObject(readFileSync(join(dir, `${name}.c`), 'utf8'), { file: join(dir, `${name}.c`), optimize, includePaths: [dir] }));
  return out;
}

function run(objects: string[], exe: string): string {
  execFileSync('gcc', ['-o', join(work, exe), ...objects]);
  return execFileSync(join(work, exe), { encoding: 'utf8', timeout: 10_000 });
}

for (const pair of PAIRS) {
  for (const optimize of [0, 2] as const) {
    for (const side of ['callee', 'caller'] as const) {
      const title = `${pair}: jitcc ${side} -O${optimize} with a gcc ${side === 'callee' ? 'caller' : 'callee'}`;
      abiTest(title, (t) => {
        const other = side === 'callee' ? 'caller' : 'callee';
        const out = run([jitccObject(pair, side, optimize), gccObject(pair, other)], `${pair}.${side}.O${optimize}`);
        t.is(out, readFileSync(join(here, pair, 'expected.txt'), 'utf8'));
      });
    }
  }
}

for (const optimize of [0, 2] as const) {
  for (const side of ['callee', 'caller'] as const) {
    const other = side === 'callee' ? 'caller' : 'callee';
    crossTest([A64_GCC, QEMU], `int128-abi on AArch64: jitcc ${side} -O${optimize} with an ${A64_GCC} ${other}`, (t) => {
      const dir = join(here, 'int128-abi');
      const ours = join(work, `a64.${side}.O${optimize}.o`);
      writeFileSync(ours, compileToObject(readFileSync(join(dir, `${side}.c`), 'utf8'), { file: join(dir, `${side}.c`), optimize, includePaths: [dir], target: 'aarch64' }));
      const theirs = join(work, `a64.${other}.gcc.o`);
      execFileSync(A64_GCC, ['-O2', '-c', join(dir, `${other}.c`), '-o', theirs]);
      const exe = join(work, `a64.${side}.O${optimize}`);
      execFileSync(A64_GCC, ['-o', exe, ours, theirs]);
      t.is(execFileSync(QEMU, ['-L', SYSROOT, exe], { encoding: 'utf8', timeout: 60_000 }), readFileSync(join(dir, 'expected.txt'), 'utf8'));
    });
  }
}
