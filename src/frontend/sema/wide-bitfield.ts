// gcc's typing of bit-fields wider than int: a `long long` bit-field of
// width N (32 < N < 64) has an N-bit integer type of its own, so arithmetic
// on it wraps at N bits before any conversion to a wider type (gcc
// manual "Structures, unions, enumerations, and bit-fields": the type is
// the declared type with N bits; the torture test bitfld-5 checks
// `(unsigned long long)(s.b - 8)` for a 40-bit `b` equal to 2).
//
// Input: the operands and the result of a binary +, -, * or <<. Output: the
// result wrapped to N bits (masked when unsigned, sign-extended from bit
// N-1 when signed) when an operand is such a bit-field and the other one
// is no wider than int; otherwise the result unchanged.

import type { TExpr } from './typed.js';
import { intNameOf, intSize, isInteger, isSignedType } from './types.js';
import type { TargetInfo } from './types.js';
import type { BinaryOpName } from './typed.js';

/** True for the value of a bit-field wider than int: an explicit cast must keep a node, or it would still wrap. */
export function isWideBitFieldValue(e: TExpr): boolean {
  return wideWidth(e) !== null;
}

/** The width of a wide bit-field rvalue (a load of such a member), or null. */
function wideWidth(e: TExpr): number | null {
  if (e.kind !== 'load' || e.operand.kind !== 'member') return null;
  const w = e.operand.member.bitWidth;
  return w !== null && w > 32 && w < 64 ? w : null;
}

function isNarrow(e: TExpr): boolean {
  return isInteger(e.type) && intSize(intNameOf(e.type)) <= 4;
}

export function wrapWideBitField(op: BinaryOpName, left: TExpr, right: TExpr, result: TExpr, target: TargetInfo): TExpr {
  if (op !== 'add' && op !== 'sub' && op !== 'mul' && op !== 'shl') return result;
  if (!isInteger(result.type) || intSize(intNameOf(result.type)) !== 8) return result;
  const lw = wideWidth(left);
  const rw = wideWidth(right);
  // Two wide fields: the usual arithmetic conversions pick the wider N-bit type (bitfld-3).
  const width = lw !== null && rw !== null && op !== 'shl' ? Math.max(lw, rw)
    : lw !== null && (isNarrow(right) || op === 'shl') ? lw : rw !== null && isNarrow(left) && op !== 'shl' ? rw : null;
  if (width === null) return result;
  const type = result.type;
  const loc = result.loc;
  const int = (value: bigint): TExpr => ({ kind: 'intConst', loc, type, value });
  if (!isSignedType(type, target)) {
    return { kind: 'binary', loc, type, op: 'and', left: result, right: int((1n << BigInt(width)) - 1n) };
  }
  const shift = int(BigInt(64 - width));
  const up: TExpr = { kind: 'binary', loc, type, op: 'shl', left: result, right: shift };
  return { kind: 'binary', loc, type, op: 'shr', left: up, right: shift };
}
