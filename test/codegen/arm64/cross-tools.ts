// The AArch64 cross tools the arm64 tests use (Debian: binutils-aarch64-linux-gnu,
// gcc-aarch64-linux-gnu + libc6-dev-arm64-cross, qemu-user), and a test
// registrar that skips with the reason when one is missing — and fails
// instead when CI is set, since CI installs them (STYLE.md §8).

import test, { type ExecutionContext } from 'ava';
import { hasTool } from '../../tools.js';

export const AS = 'aarch64-linux-gnu-as';
export const GCC = 'aarch64-linux-gnu-gcc';
export const OBJDUMP = 'aarch64-linux-gnu-objdump';
export const QEMU = 'qemu-aarch64';
/** The cross sysroot qemu-user loads the dynamic linker and libc from. */
export const SYSROOT = '/usr/aarch64-linux-gnu';

/** The tools of `tools` that do not run (`--version`; qemu-aarch64, binutils and gcc all answer it). */
export function missingTools(tools: readonly string[]): string[] {
  return tools.filter((t) => !hasTool(t));
}

/**
 * Registers `fn` as a test needing `tools`. When some are missing it is
 * skipped with their names in the title, or, under CI, fails saying so.
 */
export function crossTest(tools: readonly string[], title: string, fn: (t: ExecutionContext) => void | Promise<void>): void {
  const missing = missingTools(tools);
  if (missing.length === 0) test(title, fn);
  else if (process.env.CI) test(title, (t) => t.fail(`${missing.join(', ')} not installed, and CI must run this test`));
  else test.skip(`${title} (skipped: ${missing.join(', ')} not installed)`, fn);
}
