// long double computed by calls to libgcc's soft-float routines, for
// targets whose format has no instructions (TargetInfo.longDouble
// arithmetic 'libgcc': IEEE binary128 on AArch64 Linux, AAPCS64 §10.1),
// as gcc compiles it (libgcc's "Routines for floating point emulation"):
//
//   a op b        __addtf3 __subtf3 __multf3 __divtf3
//   -a            the sign bit flipped in the value's high word (no call)
//   a == b, !=    __eqtf2(a, b) == 0, __netf2(a, b) != 0
//   a < b, <=     __lttf2(a, b) < 0,  __letf2(a, b) <= 0
//   a > b, >=     __gttf2(a, b) > 0,  __getf2(a, b) >= 0
//   unordered     __unordtf2(a, b) != 0
//   from float, double             __extendsftf2 __extenddftf2
//   from int / unsigned (narrower ones widened first), long / unsigned long
//                                  __floatsitf __floatunsitf __floatditf __floatunditf
//   to float, double               __trunctfsf2 __trunctfdf2
//   to int / unsigned (narrower ones truncated after), long / unsigned long
//                                  __fixtfsi __fixunstfsi __fixtfdi __fixunstfdi
//
// Input: value pointers (lower-long-double.ts) and scalar operands.
// Output: IR calls made through the calling convention like any C call
// (emitCall), so the values travel as that convention passes long double
// (AAPCS64: whole q registers). The routines are named with the format's
// libgcc mode letter ('t' for TFmode).

import { globalOperand, intOperand, type Operand } from '../../ir/ir.js';
import type { FloatCond } from '../../ir/ops.js';
import { assert } from '../../diagnostics.js';
import { DOUBLE, floatType, INT, intNameOf, intSize, isSignedType, LONG, UINT, ULONG, type CType } from '../sema/types.js';
import { emitCall } from './lower-expr.js';
import type { FnLowerer } from './lower-function.js';
import { ldConstant, ldTemp, type LongDoubleArithmetic } from './lower-long-double.js';

const LDOUBLE = floatType('ldouble');
const FLOAT = floatType('float');

/** A call to libgcc routine `__<stem><mode><suffix>` with C-typed arguments. */
function callRoutine(fl: FnLowerer, stem: string, suffix: string, ret: CType, args: readonly { readonly value: Operand; readonly type: CType }[]): Operand {
  const name = `__${stem}${fl.target.longDouble.libgccMode}${suffix}`;
  fl.module.helpers.add(name);
  const fnType: Extract<CType, { kind: 'function' }> = {
    kind: 'function', ret, params: args.map((a) => ({ name: null, type: a.type })), isVariadic: false, hasPrototype: true, quals: 0,
  };
  return emitCall(fl, globalOperand(name), fnType, ret, args.length, (i) => args[i]!);
}

const ld = (value: Operand) => ({ value, type: LDOUBLE });

function binary(fl: FnLowerer, op: 'add' | 'sub' | 'mul' | 'div', l: Operand, r: Operand): Operand {
  return callRoutine(fl, op, 'f3', LDOUBLE, [ld(l), ld(r)]);
}

/** -v: the value with its sign bit (bit 127 of binary128, the top of the high word) flipped. */
function neg(fl: FnLowerer, v: Operand): Operand {
  assert(!fl.target.longDouble.hasExplicitIntegerBit, 'libgcc long double arithmetic is for binary128');
  const b = fl.b;
  const d = ldTemp(b);
  b.store('i64', b.load('i64', v), d);
  const high = b.load('i64', b.binary('add', 'ptr', v, intOperand(8)));
  b.store('i64', b.binary('xor', 'i64', high, intOperand(-(1n << 63n))), b.binary('add', 'ptr', d, intOperand(8)));
  return d;
}

/** Each condition as a routine and how its int result is tested against 0. */
const COMPARE: Readonly<Record<FloatCond, readonly [string, 'eq' | 'ne' | 'slt' | 'sle' | 'sgt' | 'sge']>> = {
  oeq: ['eq', 'eq'], une: ['ne', 'ne'], olt: ['lt', 'slt'], ole: ['le', 'sle'], ogt: ['gt', 'sgt'], oge: ['ge', 'sge'],
  uno: ['unord', 'ne'], ord: ['unord', 'eq'],
};

function compare(fl: FnLowerer, cond: FloatCond, l: Operand, r: Operand): Operand {
  const [stem, test] = COMPARE[cond];
  const result = callRoutine(fl, stem, 'f2', INT, [ld(l), ld(r)]);
  return fl.b.compare('icmp', test, 'i32', result, intOperand(0));
}

function fromScalar(fl: FnLowerer, v: Operand, from: CType): Operand {
  const b = fl.b;
  if (from.kind === 'float') return callRoutine(fl, from.name === 'float' ? 'extendsf' : 'extenddf', 'f2', LDOUBLE, [{ value: v, type: from }]);
  const size = from.kind === 'pointer' ? 8 : intSize(intNameOf(from));
  const isSigned = from.kind !== 'pointer' && isSignedType(from, fl.target);
  if (size === 8) {
    const value = from.kind === 'pointer' ? b.convert('ptrtoint', 'i64', 'ptr', v) : v;
    return callRoutine(fl, isSigned ? 'floatdi' : 'floatundi', 'f', LDOUBLE, [{ value, type: isSigned ? LONG : ULONG }]);
  }
  // Narrower integers widen to 32 bits by their own signedness first.
  const ty = size === 1 ? 'i8' : size === 2 ? 'i16' : 'i32';
  const wide = ty === 'i32' ? v : b.convert(isSigned ? 'sext' : 'zext', 'i32', ty, v);
  return callRoutine(fl, isSigned ? 'floatsi' : 'floatunsi', 'f', LDOUBLE, [{ value: wide, type: isSigned ? INT : UINT }]);
}

function toScalar(fl: FnLowerer, v: Operand, to: CType): Operand {
  const b = fl.b;
  if (to.kind === 'int' && to.name === 'bool') return b.convert('trunc', 'i8', 'i32', compare(fl, 'une', v, ldConstant(fl, 0n)));
  if (to.kind === 'float') return callRoutine(fl, 'trunc', to.name === 'float' ? 'fsf2' : 'fdf2', to.name === 'float' ? FLOAT : DOUBLE, [ld(v)]);
  const size = to.kind === 'pointer' ? 8 : intSize(intNameOf(to));
  const isSigned = to.kind !== 'pointer' && isSignedType(to, fl.target);
  if (size === 8) {
    const r = callRoutine(fl, isSigned ? 'fix' : 'fixuns', 'fdi', isSigned ? LONG : ULONG, [ld(v)]);
    return to.kind === 'pointer' ? b.convert('inttoptr', 'ptr', 'i64', r) : r;
  }
  // Narrower results come from the 32-bit routine of their signedness (out-of-range values are undefined anyway).
  const r = callRoutine(fl, isSigned ? 'fix' : 'fixuns', 'fsi', isSigned ? INT : UINT, [ld(v)]);
  return size === 4 ? r : b.convert('trunc', size === 1 ? 'i8' : 'i16', 'i32', r);
}

export const longDoubleLibgcc: LongDoubleArithmetic = { binary, neg, compare, fromScalar, toScalar };
