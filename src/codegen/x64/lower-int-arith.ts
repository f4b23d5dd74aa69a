// Instruction selection for integer arithmetic: add, sub, mul, and/or/xor,
// shifts, division and remainder (with the power-of-two shortcuts).
//
// Input: one IR instruction's operands and result vreg, through the
// function's X64Lowering. Output: x64 machine instructions appended to the
// current block. lower.ts dispatches here; these have no state of their own.

import type { IrType, Operand } from '../../ir/ir.js';
import { exactSize, intSize, type X64Lowering } from './lower.js';
import { fitsInt32, imm, mem, reg, type X64Op, type X64Operand } from './inst.js';
import { RAX, RDX } from './regs.js';

/** d = add a, C → lea d, [a + C];  d = add a, b → lea d, [a + b] (three-address, no copy). */
export function lowerAdd(lw: X64Lowering, d: number, a: Operand, b: Operand, ty: IrType): void {
  if (a.kind !== 'value' && b.kind === 'value') [a, b] = [b, a];
  const size = intSize(ty);
  const c = lw.imm32(b, ty);
  const base = lw.regOf(a, ty);
  if (c !== null) lw.emit('lea', size, [reg(d), mem(base, Number(c))]);
  else lw.emit('lea', size, [reg(d), mem(base, 0, lw.regOf(b, ty), 1)]);
}

/** d = sub a, C → lea d, [a - C];  otherwise mov d, a; sub d, b. */
export function lowerSub(lw: X64Lowering, d: number, a: Operand, b: Operand, ty: IrType): void {
  const size = intSize(ty);
  const c = lw.imm32(b, ty);
  if (c !== null && c !== -(1n << 31n) && a.kind === 'value') {
    lw.emit('lea', size, [reg(d), mem(lw.vreg(a.id), Number(-c))]);
    return;
  }
  const rhs = lw.rmi(b, ty);
  lw.materializeInto(d, a, ty);
  lw.emit('sub', size, [reg(d), rhs]);
}

/** d = mul a, C → imul d, a, C;  otherwise mov d, a; imul d, b. */
export function lowerMul(lw: X64Lowering, d: number, a: Operand, b: Operand, ty: IrType): void {
  if (a.kind !== 'value' && b.kind === 'value') [a, b] = [b, a];
  const size = intSize(ty);
  const c = lw.imm32(b, ty);
  if (c !== null) {
    lw.emit('imul3', size, [reg(d), reg(lw.regOf(a, ty)), imm(c)]);
    return;
  }
  const rhs = lw.regOf(b, ty);
  lw.materializeInto(d, a, ty);
  lw.emit('imul', size, [reg(d), reg(rhs)]);
}

/**
 * The high half of the double-width product:
 *   i64:  mov rax, a; mul|imul b; mov d, rdx     (SDM "MUL", "IMUL" one-operand form)
 *   i8–i32: both operands extended to 64 bits (zero for umulh, sign for
 *           smulh), one 64-bit imul, and a shift right by the width: the
 *           product of two N-bit values fits in 2N ≤ 64 bits.
 */
export function lowerMulHigh(lw: X64Lowering, op: 'smulh' | 'umulh', d: number, a: Operand, b: Operand, ty: IrType): void {
  const isSigned = op === 'smulh';
  if (ty === 'i64' || ty === 'ptr') {
    if (a.kind !== 'value' && b.kind === 'value') [a, b] = [b, a];
    const rb = lw.regOf(b, ty);
    lw.materializeInto(RAX, a, ty);
    lw.emit(isSigned ? 'imul1' : 'mul', 8, [reg(rb)], { implicitUses: [RAX], implicitDefs: [RAX, RDX] });
    lw.emit('mov', 8, [reg(d), reg(RDX)]);
    return;
  }
  const width = exactSize(ty) * 8;
  const widen = (x: Operand): number => {
    const r = lw.regOf(x, ty);
    const t = lw.temp('int');
    if (width === 32) lw.emit(isSigned ? 'movsxd' : 'mov', isSigned ? 8 : 4, [reg(t), reg(r)]);
    else lw.emit(isSigned ? 'movsx' : 'movzx', isSigned ? 8 : 4, [reg(t), reg(r)], { srcSize: exactSize(ty) });
    return t;
  };
  const wa = widen(a);
  const wb = widen(b);
  lw.emit('imul', 8, [reg(wa), reg(wb)]);
  lw.emit('mov', 8, [reg(d), reg(wa)]);
  lw.emit(isSigned ? 'sar' : 'shr', 8, [reg(d), imm(width)]);
}

/** d = and a, b|C → mov d, a; and d, b|C  (also or, xor). */
export function lowerBitwise(lw: X64Lowering, op: 'and' | 'or' | 'xor', d: number, a: Operand, b: Operand, ty: IrType): void {
  if (a.kind !== 'value' && b.kind === 'value') [a, b] = [b, a];
  const rhs = lw.rmi(b, ty);
  lw.materializeInto(d, a, ty);
  lw.emit(op, intSize(ty), [reg(d), rhs]);
}

/**
 * d = shl a, C → mov d, a; shl d, C
 * d = shl a, b → mov rcx, b; mov d, a; shl d, cl
 * Right shifts of i8/i16 first extend a to 32 bits (movzx for lshr, movsx for ashr).
 */
export function lowerShift(lw: X64Lowering, op: 'shl' | 'lshr' | 'ashr', d: number, a: Operand, b: Operand, ty: IrType): void {
  const size = intSize(ty);
  const x86: X64Op = op === 'shl' ? 'shl' : op === 'lshr' ? 'shr' : 'sar';
  let amount: X64Operand;
  if (b.kind === 'int') amount = imm(b.value & BigInt(size * 8 - 1));
  else {
    lw.materializeInto(1, b, ty); // rcx (preg 1): the count register (SDM "SAL/SAR/SHL/SHR")
    amount = reg(1);
  }
  if (op !== 'shl' && (ty === 'i8' || ty === 'i16')) {
    lw.emit(op === 'lshr' ? 'movzx' : 'movsx', 4, [reg(d), reg(lw.regOf(a, ty))], { srcSize: exactSize(ty) });
  } else {
    lw.materializeInto(d, a, ty);
  }
  lw.emit(x86, size, [reg(d), amount]);
}

/**
 * d = sdiv a, b → mov rax, a; cqo; idiv b; mov d, rax   (srem: rdx)
 * d = udiv a, b → mov rax, a; mov edx, 0; div b; mov d, rax
 * i8/i16 operands are extended to 32 bits first.
 */
export function lowerDivRem(lw: X64Lowering, op: 'sdiv' | 'udiv' | 'srem' | 'urem', d: number, a: Operand, b: Operand, ty: IrType): void {
  const isSigned = op === 'sdiv' || op === 'srem';
  const size = intSize(ty);
  if (b.kind === 'int' && (ty === 'i32' || ty === 'i64') && lowerDivByPowerOfTwo(lw, op, d, a, b.value, ty)) return;
  const widen = (x: Operand): number => {
    const r = lw.regOf(x, ty);
    if (ty !== 'i8' && ty !== 'i16') return r;
    const t = lw.temp('int');
    lw.emit(isSigned ? 'movsx' : 'movzx', 4, [reg(t), reg(r)], { srcSize: exactSize(ty) });
    return t;
  };
  const divisor = widen(b);
  const dividend = widen(a);
  lw.emit('mov', size, [reg(RAX), reg(dividend)]);
  if (isSigned) lw.emit(size === 8 ? 'cqo' : 'cdq', size, [], { implicitUses: [RAX], implicitDefs: [2] });
  else lw.emit('mov', 4, [reg(2), imm(0)]);
  lw.emit(isSigned ? 'idiv' : 'div', size, [reg(divisor)], { implicitUses: [RAX, 2], implicitDefs: [RAX, 2] });
  const result = op === 'sdiv' || op === 'udiv' ? RAX : 2;
  lw.emit('mov', 8, [reg(d), reg(result)]);
}

/**
 * Division by a constant 2^k without `div` (Hacker's Delight §10-1):
 *   udiv a, 2^k → shr d, k            urem a, 2^k → and d, 2^k−1
 *   sdiv a, 2^k → t = (a >>s W−1) >>u W−k  (2^k−1 if a < 0, else 0);  d = (a + t) >>s k
 *   srem a, 2^k → d = a − ((a + t) & −2^k)
 * so negative dividends round toward zero as C requires. Returns false for
 * other divisors.
 */
export function lowerDivByPowerOfTwo(lw: X64Lowering, op: 'sdiv' | 'udiv' | 'srem' | 'urem', d: number, a: Operand, divisor: bigint, ty: 'i32' | 'i64'): boolean {
  const width = ty === 'i64' ? 64 : 32;
  const v = op === 'sdiv' || op === 'srem' ? BigInt.asIntN(width, divisor) : BigInt.asUintN(width, divisor);
  if (v <= 0n || (v & (v - 1n)) !== 0n) return false;
  const k = v.toString(2).length - 1;
  const size = intSize(ty);
  const mask = (m: bigint): X64Operand => (fitsInt32(m) ? imm(m) : reg(lw.regOf({ kind: 'int', value: m }, ty)));
  if (k === 0) {
    if (op === 'sdiv' || op === 'udiv') lw.materializeInto(d, a, ty);
    else lw.emit('mov', 4, [reg(d), imm(0)]);
    return true;
  }
  if (op === 'udiv' || op === 'urem') {
    const rhs = op === 'udiv' ? imm(k) : mask(v - 1n);
    lw.materializeInto(d, a, ty);
    lw.emit(op === 'udiv' ? 'shr' : 'and', size, [reg(d), rhs]);
    return true;
  }
  const x = lw.regOf(a, ty);
  const bias = lw.temp('int');
  lw.emit('mov', 8, [reg(bias), reg(x)]);
  lw.emit('sar', size, [reg(bias), imm(width - 1)]);
  lw.emit('shr', size, [reg(bias), imm(width - k)]);
  if (op === 'sdiv') {
    lw.emit('lea', size, [reg(d), mem(bias, 0, x, 1)]);
    lw.emit('sar', size, [reg(d), imm(k)]);
    return true;
  }
  const rounded = lw.temp('int');
  lw.emit('lea', size, [reg(rounded), mem(bias, 0, x, 1)]);
  lw.emit('and', size, [reg(rounded), mask(-v)]);
  lw.emit('mov', 8, [reg(d), reg(x)]);
  lw.emit('sub', size, [reg(d), reg(rounded)]);
  return true;
}
