// What gcc leaves to libgcc for __int128 (libgcc's "Routines for integer
// arithmetic" and "Routines for floating point emulation"), as calls:
//
//   a / b, a % b        __divti3 __modti3, unsigned __udivti3 __umodti3
//   to float, double, long double
//                       __floattisf __floattidf __floatti<m>f,
//                       unsigned __floatuntisf __floatuntidf __floatunti<m>f
//   from float, double, long double
//                       __fixsfti __fixdfti __fix<m>fti,
//                       unsigned __fixunssfti __fixunsdfti __fixuns<m>fti
//
// where <m> is the long double format's libgcc mode letter, which the
// target's calling convention names. Everything else on __int128 is IR
// on i128 values (ir.ts), split before instruction selection.
//
// Input: operands of C type __int128 or unsigned __int128 (IR i128), or of
// a floating type. Output: the routine's result, from an ordinary call made
// through the calling convention (emitCall), which passes the 128-bit
// values as the ABI says.

import { globalOperand, type Operand } from '../../ir/ir.js';
import { intNameOf, intType, isSignedType, sizeOf, type CType } from '../sema/types.js';
import { emitCall } from './lower-expr.js';
import type { FnLowerer } from './lower-function.js';

/** True for __int128 and unsigned __int128 (and enums never are). */
export function isInt128(t: CType): boolean {
  return t.kind === 'int' && sizeOf(t) === 16;
}

function callRoutine(fl: FnLowerer, name: string, ret: CType, args: readonly { readonly value: Operand; readonly type: CType }[]): Operand {
  fl.module.helpers.add(name);
  const fnType: Extract<CType, { kind: 'function' }> = {
    kind: 'function', ret, params: args.map((a) => ({ name: null, type: a.type })), isVariadic: false, hasPrototype: true, quals: 0,
  };
  return emitCall(fl, globalOperand(name), fnType, ret, args.length, (i) => args[i]!);
}

/** `l / r` or `l % r` of type `type` (an __int128 type). */
export function int128DivRem(fl: FnLowerer, op: 'div' | 'rem', type: CType, l: Operand, r: Operand): Operand {
  const isSigned = isSignedType(type, fl.target);
  const name = `__${isSigned ? '' : 'u'}${op === 'div' ? 'div' : 'mod'}ti3`;
  return callRoutine(fl, name, type, [{ value: l, type }, { value: r, type }]);
}

/** The libgcc mode letters of a floating type: sf, df, or the target's long double mode. */
function floatMode(fl: FnLowerer, t: Extract<CType, { kind: 'float' }>): string {
  return t.name === 'float' ? 's' : t.name === 'double' ? 'd' : fl.target.longDouble.libgccMode;
}

/** Whether `from → to` converts between an __int128 type and a floating type. */
export function isInt128FloatConversion(from: CType, to: CType): boolean {
  return (isInt128(from) && to.kind === 'float') || (from.kind === 'float' && isInt128(to));
}

/** The conversion `from → to` between an __int128 type and a floating type (C11 6.3.1.4, 6.3.1.5). */
export function convertInt128Float(fl: FnLowerer, v: Operand, from: CType, to: CType): Operand {
  if (to.kind === 'float') {
    const signed = isSignedType(from, fl.target);
    return callRoutine(fl, `__float${signed ? '' : 'un'}ti${floatMode(fl, to)}f`, to, [{ value: v, type: from }]);
  }
  const f = from as Extract<CType, { kind: 'float' }>;
  const signed = isSignedType(to, fl.target);
  const result = intType(intNameOf(to));
  return callRoutine(fl, `__fix${signed ? '' : 'uns'}${floatMode(fl, f)}fti`, result, [{ value: v, type: f }]);
}
