// long double in the format the target names (TargetInfo.longDouble): the
// values' representation in the IR and the operations on them, which go to
// one of two implementations by how the target computes the format:
//  - long-double-ops.ts: the IR's memory-to-memory long double operations
//    (ops.ts 'ldmem'), which the backend turns into instructions (the
//    80-bit extended format on x86-64);
//  - long-double-libgcc.ts: calls to libgcc's soft-float routines, as gcc
//    makes them (IEEE binary128 on AArch64 Linux: __addtf3, __lttf2…).
//
// The IR has no long double value type, so a long double value is a ptr to
// the 16 bytes of memory holding it, like an aggregate. Invariants: a
// value pointer refers to memory nobody writes while the value is in use:
// every operation result gets a fresh stack slot; an lvalue's value is its
// address (lower-expr.ts copies it only where the object changes while the
// old value is still needed, as in `x++`). Constants are written into a
// slot with two stores (no rodata needed).

import type { FunctionBuilder } from '../../ir/builder.js';
import { intOperand, type Operand } from '../../ir/ir.js';
import type { FloatCond } from '../../ir/ops.js';
import { ldFromInteger, ldFromNumber, longDoubleBytes, type LdValue } from '../sema/long-double.js';
import { intNameOf, intSize, isSignedType, type CType } from '../sema/types.js';
import type { FnLowerer } from './lower-function.js';
import { longDoubleOps } from './long-double-ops.js';
import { longDoubleLibgcc } from './long-double-libgcc.js';

/** One way of computing long double; every result is a fresh value pointer (or, for compare, an i32 0/1). */
export interface LongDoubleArithmetic {
  binary(fl: FnLowerer, op: 'add' | 'sub' | 'mul' | 'div', l: Operand, r: Operand): Operand;
  neg(fl: FnLowerer, v: Operand): Operand;
  compare(fl: FnLowerer, cond: FloatCond, l: Operand, r: Operand): Operand;
  /** A long double from a non-constant value of an integer, pointer or floating C type (6.3.1.4, 6.3.1.5). */
  fromScalar(fl: FnLowerer, v: Operand, from: CType): Operand;
  /** A long double converted to another scalar C type. */
  toScalar(fl: FnLowerer, v: Operand, to: CType): Operand;
}

function arithmetic(fl: FnLowerer): LongDoubleArithmetic {
  return fl.target.longDouble.arithmetic === 'ir' ? longDoubleOps : longDoubleLibgcc;
}

export function isLongDouble(t: CType): boolean {
  return t.kind === 'float' && t.name === 'ldouble';
}

/** A fresh 16-byte, 16-aligned stack object for one long double result. */
export function ldTemp(b: FunctionBuilder): Operand {
  return b.slot(16, 16);
}

/** The two stores of a long double's value bytes: 8 then 2 (80-bit extended) or 8 then 8 (binary128). */
function valueWords(fl: FnLowerer): readonly ['i64', 'i16' | 'i64'] {
  return ['i64', fl.target.longDouble.hasExplicitIntegerBit ? 'i16' : 'i64'];
}

/** A long double constant, written into a fresh slot. */
export function ldConstant(fl: FnLowerer, v: LdValue): Operand {
  const b = fl.b;
  const bytes = longDoubleBytes(v, fl.target.longDouble);
  const view = new DataView(bytes.buffer);
  const [, high] = valueWords(fl);
  const p = ldTemp(b);
  b.store('i64', intOperand(view.getBigUint64(0, true)), p);
  b.store(high, intOperand(high === 'i16' ? BigInt(view.getUint16(8, true)) : view.getBigUint64(8, true)), b.binary('add', 'ptr', p, intOperand(8)));
  return p;
}

/** A copy of the value (for `x++`, whose result is the old value). */
export function ldCopy(fl: FnLowerer, v: Operand): Operand {
  const b = fl.b;
  const [, high] = valueWords(fl);
  const d = ldTemp(b);
  b.store('i64', b.load('i64', v), d);
  b.store(high, b.load(high, b.binary('add', 'ptr', v, intOperand(8))), b.binary('add', 'ptr', d, intOperand(8)));
  return d;
}

/** l op r for the four arithmetic operators (C11 6.5.5, 6.5.6). */
export function ldBinary(fl: FnLowerer, op: 'add' | 'sub' | 'mul' | 'div', l: Operand, r: Operand): Operand {
  return arithmetic(fl).binary(fl, op, l, r);
}

export function ldNeg(fl: FnLowerer, v: Operand): Operand {
  return arithmetic(fl).neg(fl, v);
}

/** An i32 0/1 comparison result. */
export function ldCompare(fl: FnLowerer, cond: FloatCond, l: Operand, r: Operand): Operand {
  return arithmetic(fl).compare(fl, cond, l, r);
}

/** `v != 0` (or `== 0`) as an i32 0/1 (6.3.1.2). */
export function ldCompareZero(fl: FnLowerer, v: Operand, cond: 'ne' | 'eq'): Operand {
  return ldCompare(fl, cond === 'ne' ? 'une' : 'oeq', v, ldConstant(fl, 0n));
}

/** Converts `v` of C type `from` to `to` when either is long double (6.3.1.4, 6.3.1.5); constants fold. */
export function convertLongDouble(fl: FnLowerer, v: Operand, from: CType, to: CType): Operand {
  if (isLongDouble(from) && isLongDouble(to)) return v;
  if (!isLongDouble(to)) return arithmetic(fl).toScalar(fl, v, to);
  if (v.kind === 'int') {
    const bits = from.kind === 'int' || from.kind === 'enum' ? intSize(intNameOf(from)) * 8 : 64;
    return ldConstant(fl, ldFromInteger(isSignedType(from, fl.target) ? BigInt.asIntN(bits, v.value) : BigInt.asUintN(bits, v.value)));
  }
  if (v.kind === 'float') return ldConstant(fl, ldFromNumber(v.value));
  return arithmetic(fl).fromScalar(fl, v, from);
}
