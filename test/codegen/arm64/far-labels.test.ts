// Constant-pool loads and jump-table `adr`s beyond ±1 MiB on AArch64: a
// function whose code between a `switch` (jump table, and double constants
// no fmov immediate holds) and the end — where the pool and the table go —
// is several MiB long. Relaxation (core/pipeline.ts, arm64/encode.ts) makes
// those loads `adr` + `add #H, lsl #12` (+ a load through x16); the program,
// linked by aarch64-linux-gnu-gcc and run under qemu, must print what gcc's
// build prints. The listing check proves the long forms are really there.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { buildObject } from '../../../src/build.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { crossTest, GCC, OBJDUMP, QEMU, SYSROOT } from './cross-tools.js';

// 40,960 volatile read-modify-writes of a global, each 8 instructions (32
// bytes) at -O0 and -O2 (the address is made again each time): 1.3 MiB of
// code between the switch and the pool, under the 16 MiB the long forms
// reach. Should the code shrink below 1 MiB, the listing checks fail.
const source = `
#include <stdio.h>
volatile int sink;
#define S sink = sink * 3 + k;
#define S8 S S S S S S S S
#define S64 S8 S8 S8 S8 S8 S8 S8 S8
#define S512 S64 S64 S64 S64 S64 S64 S64 S64
#define S4K S512 S512 S512 S512 S512 S512 S512 S512
#define S32K S4K S4K S4K S4K S4K S4K S4K S4K
double big(int k) {
  double r;
  switch (k) {
  case 0: r = 0.1; break;
  case 1: r = 1.3; break;
  case 2: r = -2.7; break;
  case 3: r = 3.3; break;
  case 4: r = 4.01; break;
  case 5: r = 5.55; break;
  default: r = 9.9; break;
  }
  S32K S4K S4K
  return r * 1.1;
}
int main(void) {
  for (int k = 0; k < 8; k++) {
    sink = 0;
    double r = big(k);
    printf("%d %.6f %d\\n", k, r, sink);
  }
  return 0;
}
`;

const work = mkdtempSync(join(tmpdir(), 'jitcc-a64-far-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

const run = (exe: string): string => execFileSync(QEMU, ['-L', SYSROOT, exe], { encoding: 'utf8', timeout: 120_000 });
let expected: string | undefined;
function gccOutput(): string {
  if (expected === undefined) {
    writeFileSync(join(work, 'far.c'), source);
    execFileSync(GCC, ['-O1', join(work, 'far.c'), '-o', join(work, 'far.gcc')], { stdio: 'pipe' });
    expected = run(join(work, 'far.gcc'));
  }
  return expected;
}

for (const optimize of [0, 2]) {
  crossTest([GCC, QEMU, OBJDUMP], `a pool load and a jump-table adr over 1 MiB from their labels at -O${optimize} run as gcc's build`, (t) => {
    const obj = join(work, `far.O${optimize}.o`);
    writeFileSync(obj, writeElf(buildObject(source, { target: 'aarch64', optimize, file: 'far.c' }).output));
    // The first instructions of big(): the long forms (adr followed by add/sub …, lsl #12).
    const listing = execFileSync(OBJDUMP, ['-d', '--disassemble=big', obj], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const head = listing.split('\n').slice(0, 400).join('\n');
    t.regex(head, /adr\s+x16,[^\n]*\n[^\n]*add\s+x16, x16, #0x[0-9a-f]+, lsl #12\n[^\n]*ldr\s+d\d+, \[x16\]/, 'a pool load through x16');
    t.regex(head, /adr\s+(x\d+),[^\n]*\n[^\n]*add\s+\1, \1, #0x[0-9a-f]+, lsl #12\n[^\n]*ldrsw/, 'a far jump-table adr');
    const exe = join(work, `far.O${optimize}`);
    execFileSync(GCC, [obj, '-o', exe], { stdio: 'pipe' });
    t.is(run(exe), gccOutput());
  });
}
