// The x86-64 inline-asm dialect (gcc manual "Machine Constraints", x86
// family; ir/asm.ts decodes the generic syntax with it): constraint letters
// and register names. The target hands it to the frontend (sema checks asm
// statements and local register variables with it) and lower-asm.ts places
// operands with the same decoding.

import type { AsmDialect, ConstraintLetter } from '../../../ir/asm.js';

/** General registers by 64-bit name, with their 32/16/8-bit names (SDM vol. 1 §3.4.1.1). */
export const GPR_NAMES: readonly (readonly [string, string, string, string])[] = [
  ['rax', 'eax', 'ax', 'al'], ['rbx', 'ebx', 'bx', 'bl'], ['rcx', 'ecx', 'cx', 'cl'], ['rdx', 'edx', 'dx', 'dl'],
  ['rsi', 'esi', 'si', 'sil'], ['rdi', 'edi', 'di', 'dil'], ['rbp', 'ebp', 'bp', 'bpl'], ['rsp', 'esp', 'sp', 'spl'],
  ...[8, 9, 10, 11, 12, 13, 14, 15].map((n) => [`r${n}`, `r${n}d`, `r${n}w`, `r${n}b`] as const),
];

const INT_REG: ConstraintLetter = { kind: 'reg', regClass: 'int' };
const SSE_REG: ConstraintLetter = { kind: 'reg', regClass: 'float' };
const IMM: ConstraintLetter = { kind: 'imm' };
const fixed = (name: string): ConstraintLetter => ({ kind: 'reg', regClass: 'int', fixedReg: name });

const LETTERS: Readonly<Record<string, ConstraintLetter>> = {
  // Register classes: q Q R l U are subsets of the general registers; x v Y (Yz and friends) are sse registers.
  q: INT_REG, Q: INT_REG, R: INT_REG, l: INT_REG, U: INT_REG,
  x: SSE_REG, v: SSE_REG, Y: { kind: 'reg', regClass: 'float', isTwoChars: true },
  // One register each.
  a: fixed('rax'), b: fixed('rbx'), c: fixed('rcx'), d: fixed('rdx'), S: fixed('rsi'), D: fixed('rdi'),
  // Constant ranges (the assembler checks them).
  I: IMM, J: IMM, K: IMM, L: IMM, M: IMM, N: IMM, e: IMM, Z: IMM, G: IMM, H: IMM,
  f: { kind: 'unsupported', message: "x87 register constraint 'f' in asm is not supported" },
  t: { kind: 'unsupported', message: "x87 register constraint 't' in asm is not supported" },
  u: { kind: 'unsupported', message: "x87 register constraint 'u' in asm is not supported" },
  A: { kind: 'unsupported', message: "asm constraint 'A' (the rdx:rax pair) is not supported" },
};

/**
 * What a clobber string names: a register by its 64-bit name (or xmmN),
 * 'cc', 'memory', 'ignored' (x87 and flags we never keep live), or null if
 * gcc would not know it either.
 */
export function parseClobber(text: string): string | null {
  const name = text.startsWith('%') ? text.slice(1) : text;
  if (name === 'cc' || name === 'memory') return name;
  if (name === 'dirflag' || name === 'fpsr' || name === 'fpcr' || name === 'flags' || /^st(\([0-7]\))?$/.test(name)) return 'ignored';
  if (name === 'ah' || name === 'bh' || name === 'ch' || name === 'dh') return `r${name[0]}x`;
  const gpr = GPR_NAMES.find((names) => names.includes(name));
  if (gpr) return gpr[0];
  if (/^[xy]mm([0-9]|1[0-5])$/.test(name)) return `xmm${name.slice(3)}`;
  return null;
}

export const x64AsmDialect: AsmDialect = {
  letters: LETTERS,
  parseClobber,
  isGeneralRegister: (name) => GPR_NAMES.some((n) => n[0] === name),
  reserved: ['rsp', 'rbp'],
};
