// Running C built by the AArch64 cross gcc under qemu-user, for tests that
// compare our AAPCS64 lowering with gcc's behaviour.
//
// A test that needs these tools skips with the reason when they are
// missing, and fails instead under CI (test/tools.ts).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeedingTools } from '../../../tools.js';

const GCC = 'aarch64-linux-gnu-gcc';
const QEMU = 'qemu-aarch64';
const SYSROOT = '/usr/aarch64-linux-gnu';

/** `test`, or when the cross tools are missing a visible skip (a failure under CI, which installs them). */
export const crossTest = testNeedingTools([GCC, QEMU]);

/** Compiles `source` with `aarch64-linux-gnu-gcc -O<level>`, runs it under qemu, returns its stdout. */
export function runAarch64(source: string, level = 1): string {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-aapcs64-'));
  const c = join(dir, 'prog.c');
  const exe = join(dir, 'prog');
  writeFileSync(c, source);
  execFileSync(GCC, [`-O${level}`, '-w', '-o', exe, c]);
  return execFileSync(QEMU, ['-L', SYSROOT, exe], { encoding: 'utf8', timeout: 60_000 });
}

/** Output lines `key value…` as a map from key to the rest of the line. */
export function keyedLines(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of out.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) m.set(line.slice(0, sp), line.slice(sp + 1));
  }
  return m;
}
