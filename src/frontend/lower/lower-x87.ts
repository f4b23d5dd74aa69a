// long double as x87 80-bit extended precision (SysV §3.1.2: sizeof 16,
// alignment 16, the value in the low 10 bytes).
//
// The IR has no 80-bit value type, so a long double value is represented
// by a ptr to 16 bytes of memory holding it, like an aggregate, and its
// arithmetic is the IR's memory-to-memory x87 operations (ops.ts 'x87').
// Input: operands of C type long double (such ptrs) or of the other
// scalar types. Output: IR computing C's long double operations.
//
// Invariants: a value pointer refers to memory nobody writes while the
// value is in use: every operation result gets a fresh stack slot; an
// lvalue's value is its address (lower-expr.ts copies it only where the
// object changes while the old value is still needed, as in `x++`).
// Constants are written into a slot with two stores (no rodata needed).
// Conversions cover what x87 lacks in hardware: FILD/FISTTP are signed,
// so unsigned 64-bit values are corrected by 2^64 / 2^63 (C11 6.3.1.4).

import type { FunctionBuilder } from '../../ir/builder.js';
import { intOperand, type IrType, type Operand } from '../../ir/ir.js';
import type { FloatCond, Opcode } from '../../ir/ops.js';
import { intNameOf, intSize, isSignedType, type CType, type TargetInfo } from '../sema/types.js';
import { x87FromInteger, x87FromNumber, type X87Bits } from '../sema/x87-value.js';

export function isLongDouble(t: CType): boolean {
  return t.kind === 'float' && t.name === 'ldouble';
}

/** A fresh 16-byte, 16-aligned stack object for one long double result. */
export function ldTemp(b: FunctionBuilder): Operand {
  return b.slot(16, 16);
}

/** A long double constant, written into a fresh slot (significand, then sign and exponent). */
export function ldConstant(b: FunctionBuilder, bits: X87Bits): Operand {
  const p = ldTemp(b);
  b.store('i64', intOperand(BigInt.asUintN(64, bits)), p);
  b.store('i16', intOperand(bits >> 64n), b.binary('add', 'ptr', p, intOperand(8)));
  return p;
}

function x87(b: FunctionBuilder, op: Opcode, args: Operand[], memTy?: IrType): void {
  b.emit(memTy === undefined ? { op, result: null, ty: null, args } : { op, result: null, ty: null, opTy: memTy, args });
}

/** l op r for the four arithmetic operators (C11 6.5.5, 6.5.6). */
export function ldBinary(b: FunctionBuilder, op: 'add' | 'sub' | 'mul' | 'div', l: Operand, r: Operand): Operand {
  const d = ldTemp(b);
  x87(b, op === 'add' ? 'x87add' : op === 'sub' ? 'x87sub' : op === 'mul' ? 'x87mul' : 'x87div', [d, l, r]);
  return d;
}

export function ldNeg(b: FunctionBuilder, v: Operand): Operand {
  const d = ldTemp(b);
  x87(b, 'x87neg', [d, v]);
  return d;
}

/** A copy of the value (for `x++`, whose result is the old value). */
export function ldCopy(b: FunctionBuilder, v: Operand): Operand {
  const d = ldTemp(b);
  b.store('i64', b.load('i64', v), d);
  b.store('i16', b.load('i16', b.binary('add', 'ptr', v, intOperand(8))), b.binary('add', 'ptr', d, intOperand(8)));
  return d;
}

/** An i32 0/1 comparison result. */
export function ldCompare(b: FunctionBuilder, cond: FloatCond, l: Operand, r: Operand): Operand {
  const result = b.newValue('i32');
  b.emit({ op: 'x87cmp', result, ty: 'i32', cond, args: [l, r] });
  return { kind: 'value', id: result };
}

/** `v != 0` (or `== 0`) as an i32 0/1 (6.3.1.2). */
export function ldCompareZero(b: FunctionBuilder, v: Operand, cond: 'ne' | 'eq'): Operand {
  return ldCompare(b, cond === 'ne' ? 'une' : 'oeq', v, ldConstant(b, 0n));
}

/** Converts `v` of C type `from` to `to` when either is long double (6.3.1.4, 6.3.1.5). */
export function convertLongDouble(b: FunctionBuilder, target: TargetInfo, v: Operand, from: CType, to: CType): Operand {
  if (isLongDouble(from) && isLongDouble(to)) return v;
  return isLongDouble(to) ? toLongDouble(b, target, v, from) : fromLongDouble(b, target, v, to);
}

function toLongDouble(b: FunctionBuilder, target: TargetInfo, v: Operand, from: CType): Operand {
  if (v.kind === 'int') {
    const bits = from.kind === 'int' || from.kind === 'enum' ? intSize(intNameOf(from)) * 8 : 64;
    return ldConstant(b, x87FromInteger(isSignedType(from, target) ? BigInt.asIntN(bits, v.value) : BigInt.asUintN(bits, v.value)));
  }
  if (v.kind === 'float') return ldConstant(b, x87FromNumber(v.value));
  const d = ldTemp(b);
  if (from.kind === 'float') {
    const ty: IrType = from.name === 'float' ? 'f32' : 'f64';
    b.store(ty, v, d);
    x87(b, 'x87ext', [d, d], ty);
    return d;
  }
  // Integers: FILD reads signed 16/32/64-bit memory, so widen into i64 first.
  const size = intSize(intNameOf(from));
  const ty: IrType = size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : 'i64';
  const isSigned = isSignedType(from, target);
  const wide = ty === 'i64' ? v : b.convert(isSigned ? 'sext' : 'zext', 'i64', ty, v);
  b.store('i64', wide, d);
  x87(b, 'x87ext', [d, d], 'i64');
  if (ty === 'i64' && !isSigned) {
    // FILD read v − 2^64 when the top bit is set: add 2^64 back (exact: 64 significand bits).
    const isHigh = b.compare('icmp', 'slt', 'i64', v, intOperand(0));
    const fix = b.select('i32', 'ptr', isHigh, ldConstant(b, x87FromInteger(1n << 64n)), ldConstant(b, 0n));
    x87(b, 'x87add', [d, d, fix]);
  }
  return d;
}

function fromLongDouble(b: FunctionBuilder, target: TargetInfo, v: Operand, to: CType): Operand {
  if (to.kind === 'int' && to.name === 'bool') return b.convert('trunc', 'i8', 'i32', ldCompareZero(b, v, 'ne'));
  if (to.kind === 'float') {
    const ty: IrType = to.name === 'float' ? 'f32' : 'f64';
    const t = b.slot(8, 8);
    x87(b, 'x87trunc', [t, v], ty);
    return b.load(ty, t);
  }
  const size = to.kind === 'pointer' ? 8 : intSize(intNameOf(to));
  const ty: IrType = size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : 'i64';
  const isSigned = to.kind !== 'pointer' && isSignedType(to, target);
  const t = b.slot(8, 8);
  if (size === 8 && !isSigned) {
    // FISTTP is signed: values ≥ 2^63 are converted after subtracting 2^63, whose bit is put back.
    const limit = ldConstant(b, x87FromInteger(1n << 63n));
    const isHigh = ldCompare(b, 'oge', v, limit);
    const bias = b.select('i32', 'ptr', isHigh, limit, ldConstant(b, 0n));
    const reduced = ldBinary(b, 'sub', v, bias);
    x87(b, 'x87trunc', [t, reduced], 'i64');
    const topBit = b.binary('shl', 'i64', b.convert('zext', 'i64', 'i32', isHigh), intOperand(63));
    const r = b.binary('xor', 'i64', b.load('i64', t), topBit);
    return to.kind === 'pointer' ? b.convert('inttoptr', 'ptr', 'i64', r) : r;
  }
  // Narrow results come from a wider signed conversion, as gcc does (out-of-range values are undefined anyway).
  const wideTy: IrType = size === 8 ? 'i64' : size === 4 && isSigned ? 'i32' : size === 4 ? 'i64' : 'i32';
  x87(b, 'x87trunc', [t, v], wideTy);
  const w = b.load(wideTy, t);
  const r = wideTy === ty ? w : b.convert('trunc', ty, wideTy, w);
  return to.kind === 'pointer' ? b.convert('inttoptr', 'ptr', 'i64', r) : r;
}
