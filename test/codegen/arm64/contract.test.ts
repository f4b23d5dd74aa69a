// Floating-point contraction on AArch64 follows gcc's -ffp-contract default
// for the dialect: under -std=gnu11 `a * b + c` is one fmadd, rounded once;
// under -std=c11 it is an fmul and an fadd. The rounding difference shows at
// run time: with a = 1 + 2^-27, b = 1 - 2^-27, c = -1 the exact a·b + c is
// -2^-54, while rounding a·b first gives 1 and then 0.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { buildAssembly, buildObject } from '../../../src/build.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { crossTest, GCC, QEMU, SYSROOT } from './cross-tools.js';

const SOURCE = `
  #include <stdio.h>
  __attribute__((noinline)) double mla(double a, double b, double c) { return a * b + c; }
  __attribute__((noinline)) double mls(double a, double b, double c) { return c - a * b; }
  __attribute__((noinline)) float nmls(float a, float b, float c) { return a * b - c; }
  int main(void) {
    volatile double a = 1 + 0x1p-27, b = 1 - 0x1p-27;
    printf("%a %a %a\\n", mla(a, b, -1), mls(a, b, 1), (double)nmls(2, 3, 1));
    return 0;
  }
`;

test('gnu11 fuses multiply-add into fmadd/fmsub/fnmsub; c11 does not', (t) => {
  const gnu = buildAssembly(SOURCE, { target: 'aarch64', optimize: 2, std: 'gnu11' }).output;
  t.regex(gnu, /fmadd\td0, d0, d1, d2/);
  t.regex(gnu, /fmsub\td0, d0, d1, d2/);
  t.regex(gnu, /fnmsub\ts0, s0, s1, s2/);
  const iso = buildAssembly(SOURCE, { target: 'aarch64', optimize: 2, std: 'c11' }).output;
  t.notRegex(iso, /fmadd|fmsub|fnmsub/);
  t.regex(iso, /fmul\td\d+, d0, d1/);
});

const work = mkdtempSync(join(tmpdir(), 'jitcc-a64-contract-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

for (const [std, expected] of [['gnu11', '-0x1p-54 0x1p-54 0x1.4p+2\n'], ['c11', '0x0p+0 0x0p+0 0x1.4p+2\n']] as const) {
  crossTest([GCC, QEMU], `-std=${std}: the result is rounded ${std === 'gnu11' ? 'once' : 'twice'}`, (t) => {
    const obj = join(work, `${std}.o`);
    const exe = join(work, std);
    writeFileSync(obj, writeElf(buildObject(SOURCE, { target: 'aarch64', optimize: 2, std }).output));
    execFileSync(GCC, [obj, '-o', exe], { stdio: 'pipe' });
    t.is(execFileSync(QEMU, ['-L', SYSROOT, exe], { encoding: 'utf8' }), expected);
  });
}
