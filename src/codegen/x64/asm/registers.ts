// Register names as AT&T asm text writes them (`%eax`, `%r8d`, `%xmm3`),
// mapped to our preg numbers (regs.ts) and widths.

import type { OpSize } from '../inst.js';
import { regName, XMM0 } from '../regs.js';

export interface AsmRegister {
  readonly preg: number;
  /** Width in bytes; 16 for xmm. */
  readonly size: OpSize | 16;
  /** ah/bh/ch/dh: the second byte of rax…rbx (encoded as 4–7 without REX). */
  readonly isHighByte?: boolean;
}

const BY_NAME = new Map<string, AsmRegister>();
for (let r = 0; r < 16; r++) {
  for (const size of [1, 2, 4, 8] as const) BY_NAME.set(regName(r, size), { preg: r, size });
  BY_NAME.set(`xmm${r}`, { preg: XMM0 + r, size: 16 });
}
['ah', 'ch', 'dh', 'bh'].forEach((name, k) => BY_NAME.set(name, { preg: k, size: 1, isHighByte: true }));

export function lookupRegister(name: string): AsmRegister | null {
  return BY_NAME.get(name) ?? null;
}

/** The preg of a 64-bit register name (`rbx` → 3), or null. */
export function regNumber(name64: string): number | null {
  const r = BY_NAME.get(name64);
  return r && r.size === 8 ? r.preg : null;
}

/** The text name of preg at a width, with ah–dh for the high-byte modifier. */
export function asmRegName(preg: number, size: OpSize | 16, isHighByte = false): string {
  if (preg >= XMM0) return `xmm${preg - XMM0}`;
  if (isHighByte) return ['ah', 'ch', 'dh', 'bh'][preg] ?? regName(preg, 1);
  return regName(preg, size === 16 ? 8 : size);
}
