// How C types are represented in the IR (the one place lowering decides it).
//
// Input: sema's CType. Output: the IR value type of a scalar, or null for
// aggregates, which always live in memory and are handled through pointers.
//
// Choices:
//  - integers by size: i8/i16/i32/i64/i128; _Bool is i8 holding 0 or 1;
//    __int128 is one i128 value (split into i64 halves only before
//    instruction selection, ir/passes/legalize-i128.ts);
//  - enums as their underlying integer type;
//  - float f32, double f64; long double has no IR value type: like an
//    aggregate its value is the address of its 16 bytes, and
//    lower-long-double.ts computes with it in the target's format;
//  - every pointer is ptr;
//  - GNU vectors are aggregates: they live in memory like structs.

import { assert } from '../../diagnostics.js';
import type { IrType } from '../../ir/ir.js';
import { intNameOf, intSize, isSignedType, type CType, type TargetInfo } from '../sema/types.js';

export function irTypeOf(t: CType): IrType | null {
  switch (t.kind) {
    case 'int': case 'enum': {
      const size = intSize(intNameOf(t));
      return size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : size === 8 ? 'i64' : 'i128';
    }
    case 'float': return t.name === 'float' ? 'f32' : t.name === 'double' ? 'f64' : null;
    case 'pointer': return 'ptr';
    case 'record': case 'array': case 'vector': case 'function': case 'void': case 'error': return null;
  }
}

/** The IR type of a scalar C type (sema guarantees the type is scalar). */
export function scalarIrType(t: CType): IrType {
  const ty = irTypeOf(t);
  assert(ty !== null, `expected a scalar type, got ${t.kind}`);
  return ty;
}

/** The IR type a value of C type `t` travels as: scalars by value, aggregates by address. */
export function valueIrType(t: CType): IrType {
  return irTypeOf(t) ?? 'ptr';
}

/** GNU vectors are memory-resident like records (element-wise code in lower-vector.ts). */
export function isAggregateType(t: CType): boolean {
  return t.kind === 'record' || t.kind === 'array' || t.kind === 'vector';
}

export function isSigned(t: CType, target: TargetInfo): boolean {
  return isSignedType(t, target);
}
