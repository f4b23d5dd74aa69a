// Conversions between scalar C types (C11 6.3.1) as IR instructions:
// extension by the source's signedness, truncation, int/float conversions,
// pointer/integer casts, and conversion to _Bool (compare with zero).
//
// Input: an operand holding a value of C type `from`. Output: an operand of
// the IR type of `to`. Constants are folded instead of converted, so the IR
// never converts a literal.

import type { IrType, Operand } from '../../ir/ir.js';
import { floatOperand, intOperand, sizeOfType } from '../../ir/ir.js';
import type { FunctionBuilder } from '../../ir/builder.js';
import { intNameOf, isSignedType, wrapInt, type CType, type TargetInfo } from '../sema/types.js';
import { scalarIrType } from './ir-types.js';
import type { FnLowerer } from './lower-function.js';
import { convertLongDouble, isLongDouble } from './lower-long-double.js';
import { convertInt128Float, isInt128FloatConversion } from './lower-int128.js';

export function convertValue(fl: FnLowerer, v: Operand, from: CType, to: CType): Operand {
  const b = fl.b;
  const target = fl.target;
  if (to.kind === 'void') return v;
  if (isInt128FloatConversion(from, to) && v.kind !== 'int' && v.kind !== 'float') return convertInt128Float(fl, v, from, to);
  if (isLongDouble(from) || isLongDouble(to)) return convertLongDouble(fl, v, from, to);
  const fromTy = scalarIrType(from);
  const toTy = scalarIrType(to);
  if (to.kind === 'int' && to.name === 'bool') return toBool(b, target, v, from, fromTy);
  if (v.kind === 'int') return foldInt(target, fromTy === 'ptr' ? BigInt.asIntN(64, v.value) : v.value, to, toTy);
  if (v.kind === 'float' && to.kind === 'float') return floatOperand(to.name === 'float' ? Math.fround(v.value) : v.value);
  if (v.kind === 'float' && (to.kind === 'int' || to.kind === 'enum') && Number.isFinite(v.value)) {
    return intOperand(wrapInt(BigInt(Math.trunc(v.value)), intNameOf(to), target));
  }
  const isFromSigned = isSignedType(from, target);
  if (fromTy === toTy) return v;
  if (toTy === 'ptr') {
    // Integer to pointer: widen to 64 bits first (6.3.2.3p5); __int128 keeps its low half.
    const wide = fromTy === 'i64' ? v
      : fromTy === 'i128' ? b.convert('trunc', 'i64', 'i128', v)
      : b.convert(isFromSigned ? 'sext' : 'zext', 'i64', fromTy, v);
    return b.convert('inttoptr', 'ptr', 'i64', wide);
  }
  if (fromTy === 'ptr') {
    const asInt = b.convert('ptrtoint', 'i64', 'ptr', v);
    // To __int128: sign-extended, as gcc documents ("Arrays and pointers implementation").
    if (toTy === 'i128') return b.convert('sext', 'i128', 'i64', asInt);
    return toTy === 'i64' ? asInt : b.convert('trunc', toTy, 'i64', asInt);
  }
  const isFromFloat = fromTy === 'f32' || fromTy === 'f64';
  const isToFloat = toTy === 'f32' || toTy === 'f64';
  if (isFromFloat && isToFloat) return b.convert(toTy === 'f64' ? 'fpext' : 'fptrunc', toTy, fromTy, v);
  if (isFromFloat) return b.convert(isSignedType(to, target) ? 'fptosi' : 'fptoui', toTy, fromTy, v);
  if (isToFloat) return b.convert(isFromSigned ? 'sitofp' : 'uitofp', toTy, fromTy, v);
  if (sizeOfType(toTy) < sizeOfType(fromTy)) return b.convert('trunc', toTy, fromTy, v);
  return b.convert(isFromSigned ? 'sext' : 'zext', toTy, fromTy, v);
}

function foldInt(target: TargetInfo, value: bigint, to: CType, toTy: IrType): Operand {
  if (to.kind === 'float') return floatOperand(to.name === 'float' ? Math.fround(Number(value)) : Number(value));
  if (toTy === 'ptr') return intOperand(BigInt.asUintN(64, value));
  return intOperand(wrapInt(value, intNameOf(to), target));
}

/** `v != 0` as an i32 0/1 (6.3.1.2). */
export function compareWithZero(b: FunctionBuilder, v: Operand, ty: IrType, cond: 'ne' | 'eq'): Operand {
  if (ty === 'f32' || ty === 'f64') return b.compare('fcmp', cond === 'ne' ? 'une' : 'oeq', ty, v, floatOperand(0));
  return b.compare('icmp', cond, ty, v, intOperand(0));
}

function toBool(b: FunctionBuilder, target: TargetInfo, v: Operand, from: CType, fromTy: IrType): Operand {
  if (v.kind === 'int') return intOperand(v.value !== 0n ? 1 : 0);
  if (v.kind === 'float') return intOperand(v.value !== 0 ? 1 : 0);
  if (from.kind === 'int' && from.name === 'bool') return v;
  void target;
  const c = compareWithZero(b, v, fromTy, 'ne');
  return b.convert('trunc', 'i8', 'i32', c);
}
