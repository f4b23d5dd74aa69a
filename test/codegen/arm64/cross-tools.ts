// The AArch64 cross tools the arm64 tests use (Debian: binutils-aarch64-linux-gnu,
// gcc-aarch64-linux-gnu + libc6-dev-arm64-cross, qemu-user), and a test
// registrar for them: skipped with the reason when one is missing, failed
// under CI (test/tools.ts, STYLE.md §8).

import type { ExecutionContext } from 'ava';
import { testNeedingTools } from '../../tools.js';

export const AS = 'aarch64-linux-gnu-as';
export const GCC = 'aarch64-linux-gnu-gcc';
export const OBJDUMP = 'aarch64-linux-gnu-objdump';
export const QEMU = 'qemu-aarch64';
/** The cross sysroot qemu-user loads the dynamic linker and libc from. */
export const SYSROOT = '/usr/aarch64-linux-gnu';

export function crossTest(tools: readonly string[], title: string, fn: (t: ExecutionContext) => void | Promise<void>): void {
  testNeedingTools(tools)(title, fn);
}
