// The AArch64 backend end to end: each program in programs/ is compiled by
// jitcc for aarch64 (-O0 and -O2, as an object and as `-S` text), linked by
// aarch64-linux-gnu-gcc, run under qemu-aarch64, and must print exactly what
// the same program built by aarch64-linux-gnu-gcc prints (at -O1, or at the
// level a `reference: gcc -On` comment in the program names: gcc contracts
// a·b + c into one fused multiply-add only from -O2, as jitcc always does
// in GNU C, so programs whose results show the rounding compare with -O2).
// A few of the x86-64 e2e programs (test/e2e/programs) run here too: labels
// as values and label differences, whose tables and dispatch are target code,
// and the vectorizer's loops, whose vector code is.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { buildAssembly, buildObject } from '../../../src/build.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { crossTest, GCC, QEMU, SYSROOT } from './cross-tools.js';

const ownDir = fileURLToPath(new URL('./programs/', import.meta.url));
const e2eDir = fileURLToPath(new URL('../../e2e/programs/', import.meta.url));
const programs = new Map<string, string>([
  ...readdirSync(ownDir).filter((f) => f.endsWith('.c')).map((f) => [f, ownDir] as const),
  ...['labels-as-values.c', 'label-differences.c', 'vectorize.c'].map((f) => [f, e2eDir] as const),
]);
const work = mkdtempSync(join(tmpdir(), 'jitcc-a64-prog-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

const run = (exe: string): string => execFileSync(QEMU, ['-L', SYSROOT, exe], { encoding: 'utf8', timeout: 60_000 });
const expected = new Map<string, string>();
function gccOutput(name: string): string {
  let out = expected.get(name);
  if (out === undefined) {
    const exe = join(work, `${name}.gcc`);
    const path = join(programs.get(`${name}.c`)!, `${name}.c`);
    const level = /reference: gcc (-O\d)/.exec(readFileSync(path, 'utf8'))?.[1] ?? '-O1';
    execFileSync(GCC, [level, '-w', path, '-o', exe, '-lm'], { stdio: 'pipe' });
    out = run(exe);
    expected.set(name, out);
  }
  return out;
}

for (const [file, dir] of programs) {
  const name = file.slice(0, -2);
  const source = readFileSync(join(dir, file), 'utf8');
  for (const optimize of [0, 2]) {
    crossTest([GCC, QEMU], `${name}.c at -O${optimize}: our object, linked by ${GCC}, prints what gcc's build prints`, (t) => {
      const obj = join(work, `${name}.O${optimize}.o`);
      writeFileSync(obj, writeElf(buildObject(source, { target: 'aarch64', optimize, file, warnings: ['no-everything'] }).output));
      const exe = join(work, `${name}.O${optimize}`);
      execFileSync(GCC, [obj, '-o', exe, '-lm'], { stdio: 'pipe' });
      t.is(run(exe), gccOutput(name));
    });
  }
  crossTest([GCC, QEMU], `${name}.c at -O2 through -S: the assembler text builds the same program`, (t) => {
    const asm = join(work, `${name}.s`);
    writeFileSync(asm, buildAssembly(source, { target: 'aarch64', optimize: 2, file, warnings: ['no-everything'] }).output);
    const exe = join(work, `${name}.S`);
    execFileSync(GCC, [asm, '-o', exe, '-lm'], { stdio: 'pipe' });
    t.is(run(exe), gccOutput(name));
  });
}
