// long double computed by the IR's memory-to-memory long double operations
// (ops.ts 'ldmem', 'ldcmp'), for targets that compute their format with
// instructions (TargetInfo.longDouble arithmetic 'ir': the 80-bit extended
// format of x86-64).
//
// Input: value pointers (lower-long-double.ts) and scalar operands.
// Output: IR. The operations' conversions mirror what such hardware has:
// ldext reads signed 16/32/64-bit integers and floats, ldtrunc writes them
// (truncating toward zero, C11 6.3.1.4p1), so unsigned 64-bit values are
// corrected by 2^64 / 2^63 here (C11 6.3.1.4, 6.3.1.5).

import type { FunctionBuilder } from '../../ir/builder.js';
import { intOperand, type IrType, type Operand } from '../../ir/ir.js';
import type { FloatCond, Opcode } from '../../ir/ops.js';
import { ldFromInteger } from '../sema/long-double.js';
import { intNameOf, intSize, isSignedType, type CType } from '../sema/types.js';
import type { FnLowerer } from './lower-function.js';
import { ldConstant, ldTemp, type LongDoubleArithmetic } from './lower-long-double.js';

function ldOp(b: FunctionBuilder, op: Opcode, args: Operand[], memTy?: IrType): void {
  b.emit(memTy === undefined ? { op, result: null, ty: null, args } : { op, result: null, ty: null, opTy: memTy, args });
}

function binary(fl: FnLowerer, op: 'add' | 'sub' | 'mul' | 'div', l: Operand, r: Operand): Operand {
  const d = ldTemp(fl.b);
  ldOp(fl.b, op === 'add' ? 'ldadd' : op === 'sub' ? 'ldsub' : op === 'mul' ? 'ldmul' : 'lddiv', [d, l, r]);
  return d;
}

function neg(fl: FnLowerer, v: Operand): Operand {
  const d = ldTemp(fl.b);
  ldOp(fl.b, 'ldneg', [d, v]);
  return d;
}

function compare(fl: FnLowerer, cond: FloatCond, l: Operand, r: Operand): Operand {
  const result = fl.b.newValue('i32');
  fl.b.emit({ op: 'ldcmp', result, ty: 'i32', cond, args: [l, r] });
  return { kind: 'value', id: result };
}

function fromScalar(fl: FnLowerer, v: Operand, from: CType): Operand {
  const b = fl.b;
  const d = ldTemp(b);
  if (from.kind === 'float') {
    const ty: IrType = from.name === 'float' ? 'f32' : 'f64';
    b.store(ty, v, d);
    ldOp(b, 'ldext', [d, d], ty);
    return d;
  }
  // Integers: ldext reads signed 16/32/64-bit memory, so widen into i64 first.
  const size = intSize(intNameOf(from));
  const ty: IrType = size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : 'i64';
  const isSigned = isSignedType(from, fl.target);
  const wide = ty === 'i64' ? v : b.convert(isSigned ? 'sext' : 'zext', 'i64', ty, v);
  b.store('i64', wide, d);
  ldOp(b, 'ldext', [d, d], 'i64');
  if (ty === 'i64' && !isSigned) {
    // ldext read v − 2^64 when the top bit is set: add 2^64 back (exact: 64 significand bits).
    const isHigh = b.compare('icmp', 'slt', 'i64', v, intOperand(0));
    const fix = b.select('i32', 'ptr', isHigh, ldConstant(fl, ldFromInteger(1n << 64n)), ldConstant(fl, 0n));
    ldOp(b, 'ldadd', [d, d, fix]);
  }
  return d;
}

function toScalar(fl: FnLowerer, v: Operand, to: CType): Operand {
  const b = fl.b;
  if (to.kind === 'int' && to.name === 'bool') return b.convert('trunc', 'i8', 'i32', compare(fl, 'une', v, ldConstant(fl, 0n)));
  if (to.kind === 'float') {
    const ty: IrType = to.name === 'float' ? 'f32' : 'f64';
    const t = b.slot(8, 8);
    ldOp(b, 'ldtrunc', [t, v], ty);
    return b.load(ty, t);
  }
  const size = to.kind === 'pointer' ? 8 : intSize(intNameOf(to));
  const ty: IrType = size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : 'i64';
  const isSigned = to.kind !== 'pointer' && isSignedType(to, fl.target);
  const t = b.slot(8, 8);
  if (size === 8 && !isSigned) {
    // ldtrunc is signed: values ≥ 2^63 are converted after subtracting 2^63, whose bit is put back.
    const limit = ldConstant(fl, ldFromInteger(1n << 63n));
    const isHigh = compare(fl, 'oge', v, limit);
    const bias = b.select('i32', 'ptr', isHigh, limit, ldConstant(fl, 0n));
    const reduced = binary(fl, 'sub', v, bias);
    ldOp(b, 'ldtrunc', [t, reduced], 'i64');
    const topBit = b.binary('shl', 'i64', b.convert('zext', 'i64', 'i32', isHigh), intOperand(63));
    const r = b.binary('xor', 'i64', b.load('i64', t), topBit);
    return to.kind === 'pointer' ? b.convert('inttoptr', 'ptr', 'i64', r) : r;
  }
  // Narrow results come from a wider signed conversion, as gcc does (out-of-range values are undefined anyway).
  const wideTy: IrType = size === 8 ? 'i64' : size === 4 && isSigned ? 'i32' : size === 4 ? 'i64' : 'i32';
  ldOp(b, 'ldtrunc', [t, v], wideTy);
  const w = b.load(wideTy, t);
  const r = wideTy === ty ? w : b.convert('trunc', ty, wideTy, w);
  return to.kind === 'pointer' ? b.convert('inttoptr', 'ptr', 'i64', r) : r;
}

export const longDoubleOps: LongDoubleArithmetic = { binary, neg, compare, fromScalar, toScalar };
