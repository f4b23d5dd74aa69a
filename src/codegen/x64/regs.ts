// x86-64 registers: numbering, names at every width, and the register file
// the allocator uses.
//
// Numbering: GPRs 0–15 in hardware encoding order (rax=0 … r15=15, so the
// low three bits go into ModRM/SIB and bit 3 into REX), XMM0–15 as 16–31.
// System V AMD64 ABI §3.2.1: rbx, rbp, r12–r15 are callee-saved; every XMM
// register is caller-saved. rsp is the stack pointer and never allocatable;
// rbp is the frame pointer, allocatable (last) in functions that omit it.

import type { RegClass, RegisterFile } from '../core/mach.js';

export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
export const XMM0 = 16;

export function xmm(n: number): number {
  return XMM0 + n;
}
export function isXmm(preg: number): boolean {
  return preg >= XMM0 && preg < XMM0 + 16;
}
/** The 4-bit hardware number used in ModRM/SIB/REX. */
export function hwNum(preg: number): number {
  return preg & 15;
}

const NAMES64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const NAMES32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const NAMES16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
// With any REX prefix, byte registers 4–7 are spl/bpl/sil/dil (never ah–bh; we never use those).
const NAMES8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];

export function regName(preg: number, size: 1 | 2 | 4 | 8 = 8): string {
  if (isXmm(preg)) return `xmm${preg - XMM0}`;
  switch (size) {
    case 8: return NAMES64[preg]!;
    case 4: return NAMES32[preg]!;
    case 2: return NAMES16[preg]!;
    case 1: return NAMES8[preg]!;
  }
}

/** §3.2.3: integer arguments, in order. */
export const INT_ARG_REGS: readonly number[] = [RDI, RSI, RDX, RCX, R8, R9];
/** §3.2.3: floating-point arguments, in order. */
export const FLOAT_ARG_REGS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7].map(xmm);

export const CALLEE_SAVED: ReadonlySet<number> = new Set([RBX, RBP, R12, R13, R14, R15]);
/** Destroyed by a call (§3.2.1, figure 3.4). */
export const CALLER_SAVED: readonly number[] = [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, ...Array.from({ length: 16 }, (_, i) => xmm(i))];

export const x64Registers: RegisterFile = {
  // Caller-saved first: short intervals then cost no prologue pushes; values
  // live across calls fall through to the callee-saved ones.
  allocatable: {
    int: [RAX, RCX, RDX, RSI, RDI, R8, R9, R10, R11, RBX, R12, R13, R14, R15, RBP],
    float: Array.from({ length: 16 }, (_, i) => xmm(i)),
    vec: Array.from({ length: 16 }, (_, i) => xmm(i)),
  } satisfies Record<RegClass, readonly number[]>,
  calleeSaved: CALLEE_SAVED,
  framePointer: RBP,
  regName: (preg) => regName(preg),
};
