// AArch64 registers: numbering, names at every width, and the register file
// the allocator uses.
//
// Numbering (pregs, below core's FIRST_VREG = 64):
//   0–30   x0–x30, the general-purpose registers (w0–w30 as 32-bit views)
//   31     sp, the stack pointer
//   32–63  v0–v31, the SIMD&FP registers (b/h/s/d/q views, vN.<T> vectors)
// The zero register is not a register number: encoding 31 means sp in some
// instruction fields and xzr/wzr in others (Arm ARM C1.2.5, "Register names"),
// so machine IR writes the zero register as its own operand kind (`zr()` in
// inst.ts) and register 31 always means sp. The encoder checks each field
// accepts what it is given.
//
// AAPCS64 §6.1.1 (general-purpose) and §6.1.2 (SIMD&FP):
//   x0–x7 arguments and results, x8 the indirect result location,
//   x9–x15 temporaries, x16/x17 (IP0/IP1) intra-procedure-call scratch that
//   veneers and PLT stubs may destroy, x18 the platform register (reserved:
//   Apple and Windows use it; we never allocate it), x19–x28 callee-saved,
//   x29 the frame pointer, x30 the link register;
//   v0–v7 arguments and results, v8–v15 callee-saved in their low 64 bits
//   only (d8–d15), v16–v31 temporaries.

import type { RegClass, RegisterFile } from '../core/mach.js';

export const X0 = 0, X1 = 1, X2 = 2, X3 = 3, X4 = 4, X5 = 5, X6 = 6, X7 = 7, X8 = 8;
export const X9 = 9, X10 = 10, X11 = 11, X12 = 12, X13 = 13, X14 = 14, X15 = 15;
/** IP0 and IP1: scratch registers of veneers, stubs and emission (never allocated). */
export const X16 = 16, X17 = 17;
/** The platform register (never allocated). */
export const X18 = 18;
export const X19 = 19, X20 = 20, X21 = 21, X22 = 22, X23 = 23, X24 = 24, X25 = 25, X26 = 26, X27 = 27, X28 = 28;
/** Frame pointer (x29) and link register (x30). */
export const FP = 29, LR = 30;
export const SP = 31;
export const V0 = 32;

export function xreg(n: number): number {
  return n;
}
export function vreg(n: number): number {
  return V0 + n;
}
export function isGpr(preg: number): boolean {
  return preg >= 0 && preg <= 30;
}
export function isFpr(preg: number): boolean {
  return preg >= V0 && preg < V0 + 32;
}
/** The 5-bit number that goes into an instruction's register field (sp encodes as 31). */
export function hwNum(preg: number): number {
  return preg & 31;
}

export function pregClass(preg: number): RegClass {
  return isFpr(preg) ? 'float' : 'int';
}

/** Views of a SIMD&FP register as a scalar: b (8-bit) … q (128-bit). */
export type FpView = 'b' | 'h' | 's' | 'd' | 'q';

export const FP_VIEW_OF_SIZE: Readonly<Record<1 | 2 | 4 | 8 | 16, FpView>> = { 1: 'b', 2: 'h', 4: 's', 8: 'd', 16: 'q' };

/** The name of a preg: general registers at 4 (wN) or 8 (xN) bytes, SIMD&FP registers at any scalar size. */
export function regName(preg: number, size: 1 | 2 | 4 | 8 | 16 = 8): string {
  if (isFpr(preg)) return `${FP_VIEW_OF_SIZE[size]}${preg - V0}`;
  if (preg === SP) return size === 8 ? 'sp' : 'wsp';
  return `${size === 8 ? 'x' : 'w'}${preg}`;
}

/** §6.4.2 (parameter passing): general-purpose argument registers, in order. */
export const INT_ARG_REGS: readonly number[] = [X0, X1, X2, X3, X4, X5, X6, X7];
/** SIMD&FP argument registers, in order. */
export const FLOAT_ARG_REGS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7].map(vreg);
/** §6.4.2 rule B.3 / C.3: where the caller passes the address of a result returned in memory. */
export const INDIRECT_RESULT_REG = X8;

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const CALLEE_SAVED: ReadonlySet<number> = new Set([...range(X19, X28), FP, ...range(8, 15).map(vreg)]);
/**
 * Destroyed by a call: x0–x18 (x18 too, as far as our code may assume),
 * x30 (the call writes it) and v0–v31 — v8–v15 as well, because only their
 * low halves survive and a 16-byte value in them would not.
 */
export const CALLER_SAVED: readonly number[] = [...range(X0, X18), LR, ...range(0, 31).map(vreg)];

/**
 * What a call destroys as the allocator sees it: CALLER_SAVED less v8–v15,
 * whose low 64 bits survive (§6.1.2) — and the allocator's float values
 * are scalars of at most 64 bits. (Values that fill a whole q register
 * never live in an allocated register: they are split into 64-bit pieces.)
 */
export const CALL_CLOBBERS: readonly number[] = [...range(X0, X18), LR, ...range(0, 7).map(vreg), ...range(16, 31).map(vreg)];

export const a64Registers: RegisterFile = {
  // Caller-saved first, as on x86-64: short intervals then cost no saves in
  // the prologue; values live across calls fall through to callee-saved ones.
  // v8–v15 are last among the floats: a value in them must be ≤ 8 bytes to
  // survive a call (the allocator's float class holds scalars).
  allocatable: {
    int: [...range(X0, X15), ...range(X19, X28)],
    float: [...range(0, 7), ...range(16, 31), ...range(8, 15)].map(vreg),
    // 16-byte vectors: never v8–v15, whose upper halves a call does not keep.
    vec: [...range(0, 7), ...range(16, 31)].map(vreg),
  } satisfies Record<RegClass, readonly number[]>,
  calleeSaved: CALLEE_SAVED,
  regName: (preg) => regName(preg),
};
