// Implicit conversions (C11 6.3) and the assignment constraints (6.5.16.1)
// that argument passing, return and initialization share.
//
// Input: typed expressions. Output: the same expressions wrapped in explicit
// `load`, `decay` and `cast` nodes, plus gcc-worded diagnostics for
// conversions that are not allowed.
// Invariant: a conversion to the type an expression already has (ignoring
// qualifiers) adds no node.

import { isWideBitFieldValue } from './wide-bitfield.js';
import { ldFromInteger, ldFromNumber, ldToNumber, type LdValue } from './long-double.js';
import type { SourceLoc } from '../../diagnostics.js';
import type { SemaContext } from './context.js';
import { evalConst } from './const-eval.js';
import {
  areCompatible, areCompatibleUnqualified, INT, intNameOf, intRank, intSize, isArithmetic, isError, isInteger,
  isSignedInt, UINT, isVoidPointer, pointerTo, printType, toUnsigned, unqualified, Q_CONST, Q_VOLATILE, Q_RESTRICT,
  intType, DOUBLE, type CType, type IntName,
} from './types.js';
import { convertVectorForAssignment } from './vector.js';
import type { TExpr } from './typed.js';
import { convertComplex, isArithmeticOrComplex, isComplexType } from './complex.js';

/** Is this expression an lvalue (6.3.2.1p1)? */
export function isLvalue(e: TExpr): boolean {
  switch (e.kind) {
    case 'var': case 'deref': case 'string': case 'compoundLiteral': return true;
    case 'member': return isLvalue(e.base);
    default: return false;
  }
}

/**
 * Lvalue conversion and decay (6.3.2.1p2-4): the value of an expression used
 * as an operand. Arrays become pointers to their first element, functions
 * pointers to themselves, other lvalues are loaded (losing qualifiers).
 */
export function rvalue(e: TExpr): TExpr {
  if (e.type.kind === 'array') return { kind: 'decay', loc: e.loc, type: pointerTo(e.type.elem), operand: e };
  if (e.type.kind === 'function') return { kind: 'decay', loc: e.loc, type: pointerTo(e.type), operand: e };
  if (e.kind === 'func') return e;
  if (isLvalue(e)) {
    const loaded: TExpr = { kind: 'load', loc: e.loc, type: unqualified(e.type), operand: e };
    // A bit-field promotes by its width, not its declared type, as gcc types
    // it (6.3.1.1p2; bf-sign-2): narrower than int → int, also from long or
    // long long; exactly 32 bits of a 64-bit type → int or unsigned int.
    // Converting right away gives every later operator the promoted type.
    const width = e.kind === 'member' ? e.member.bitWidth : null;
    if (width !== null && isInteger(e.type) && intNameOf(e.type) !== 'bool') {
      const isWideType = intSize(intNameOf(e.type)) === 8;
      if (width < 32 || (width === 32 && isWideType)) {
        const to = width === 32 && !isSignedInt(intNameOf(e.type), { isCharSigned: true }) /* long or long long: the target does not matter */ ? UINT : INT;
        return { kind: 'cast', loc: e.loc, type: to, operand: loaded, isImplicit: true };
      }
    }
    return loaded;
  }
  return e;
}

/** Wraps `e` in a conversion to `to` unless it already has that type. */
export function castTo(e: TExpr, to: CType, isImplicit = true): TExpr {
  if (isError(e.type) || isError(to)) return e.kind === 'error' ? e : { ...e, type: isError(to) ? to : e.type };
  // Before the same-type shortcut: a complex value must keep its identity (complex.ts records constants by node).
  if (isComplexType(e.type) || isComplexType(to)) return convertComplex(e, to);
  // `(unsigned long long)s.wide + 1` computes in 64 bits: the cast ends the bit-field's own N-bit type.
  if (!isImplicit && isWideBitFieldValue(e)) return { kind: 'cast', loc: e.loc, type: unqualified(to), operand: e, isImplicit };
  if (sameRepresentation(e.type, to)) return e.type === to ? e : withType(e, to);
  // Fold conversions of constants; plain char is left alone because its
  // signedness depends on the target, which this helper does not know.
  if (e.kind === 'intConst' && (to.kind === 'int' || to.kind === 'enum') && intNameOf(to) !== 'char') {
    return { kind: 'intConst', loc: e.loc, type: to, value: wrapToType(e.value, to) };
  }
  if ((e.kind === 'intConst' || e.kind === 'floatConst') && to.kind === 'float' && to.name === 'ldouble') {
    return longDoubleConst(e.loc, unqualified(to), e.kind === 'intConst' ? ldFromInteger(e.value) : e.ld ?? ldFromNumber(e.value));
  }
  if (e.kind === 'floatConst' && e.ld !== undefined && to.kind === 'float') {
    // Rounds the exact value once (not the double already rounded from it) to float.
    const n = ldToNumber(e.ld);
    return { kind: 'floatConst', loc: e.loc, type: unqualified(to), value: to.name === 'float' ? Math.fround(n) : n };
  }
  if ((e.kind === 'intConst' || e.kind === 'floatConst') && to.kind === 'float') {
    const n = Number(e.value);
    return { kind: 'floatConst', loc: e.loc, type: unqualified(to), value: to.name === 'float' ? Math.fround(n) : n };
  }
  return { kind: 'cast', loc: e.loc, type: unqualified(to), operand: e, isImplicit };
}

/** A long double constant: its exact value and the nearest double. */
export function longDoubleConst(loc: TExpr['loc'], type: CType, ld: LdValue): TExpr {
  return { kind: 'floatConst', loc, type, value: ldToNumber(ld), ld };
}

function withType(e: TExpr, type: CType): TExpr {
  return { ...e, type } as TExpr;
}

function wrapToType(v: bigint, t: CType): bigint {
  const name = intNameOf(t);
  if (name === 'bool') return v === 0n ? 0n : 1n;
  const bits = intSize(name) * 8;
  return isSignedInt(name, { isCharSigned: true } /* never plain char (castTo) */) ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

/** Same type up to qualifiers, with no conversion needed. */
function sameRepresentation(a: CType, b: CType): boolean {
  if (a.kind === 'pointer' && b.kind === 'pointer') return true;
  if ((a.kind === 'int' || a.kind === 'enum') && (b.kind === 'int' || b.kind === 'enum')) return intNameOf(a) === intNameOf(b);
  if (a.kind === 'float' && b.kind === 'float') return a.name === b.name;
  return a.kind === b.kind && areCompatibleUnqualified(a, b);
}

function isConstLeaf(e: TExpr): boolean {
  return e.kind === 'intConst' || e.kind === 'floatConst';
}

/**
 * Folds an operator node whose operands are all literal constants into one
 * constant, so lowering never emits arithmetic on two constants. Division by
 * zero and other non-constant results are left alone.
 */
export function foldConstant(ctx: SemaContext, e: TExpr): TExpr {
  let operands: TExpr[];
  switch (e.kind) {
    case 'binary': case 'compare': operands = [e.left, e.right]; break;
    case 'neg': case 'bitNot': case 'not': operands = [e.operand]; break;
    case 'cast': operands = e.type.kind === 'void' ? [] : [e.operand]; break;
    default: return e;
  }
  if (operands.length === 0 || !operands.every(isConstLeaf)) return e;
  const v = evalConst(e, ctx.target);
  if (v?.kind === 'int' && (isInteger(e.type))) return { kind: 'intConst', loc: e.loc, type: e.type, value: v.value };
  if (v?.kind === 'float' && e.type.kind === 'float' && e.type.name === 'ldouble') return longDoubleConst(e.loc, e.type, v.ld ?? ldFromNumber(v.value));
  if (v?.kind === 'float' && e.type.kind === 'float') return { kind: 'floatConst', loc: e.loc, type: e.type, value: v.value };
  return e;
}

/** Integer promotions (6.3.1.1p2): types of rank below int become int. */
export function promotedType(t: CType): CType {
  if (t.kind === 'enum') return intType(t.info.underlying === 'uint' ? 'uint' : intRank(t.info.underlying) < 3 ? 'int' : t.info.underlying);
  if (t.kind === 'int' && intRank(t.name) < intRank('int')) return INT;
  return unqualified(t);
}

export function promote(e: TExpr): TExpr {
  return castTo(e, promotedType(e.type));
}

/** The common real type of the usual arithmetic conversions (6.3.1.8). */
export function commonArithmeticType(a: CType, b: CType, ctx: SemaContext): CType {
  if (a.kind === 'float' || b.kind === 'float') {
    const rank = (t: CType) => (t.kind !== 'float' ? 0 : t.name === 'float' ? 1 : t.name === 'double' ? 2 : 3);
    return rank(a) >= rank(b) ? unqualified(a) : unqualified(b);
  }
  const pa = intNameOf(promotedType(a));
  const pb = intNameOf(promotedType(b));
  if (pa === pb) return intType(pa);
  const sa = isSignedInt(pa, ctx.target);
  const sb = isSignedInt(pb, ctx.target);
  if (sa === sb) return intType(intRank(pa) >= intRank(pb) ? pa : pb);
  const [u, s] = sa ? [pb, pa] : [pa, pb];
  if (intRank(u) >= intRank(s)) return intType(u);
  if (intSize(s) > intSize(u)) return intType(s);
  return intType(toUnsigned(s) as IntName);
}

/** Default argument promotions (6.5.2.2p6): integer promotions, float to double. */
export function defaultArgumentPromotion(e: TExpr): TExpr {
  if (e.type.kind === 'float' && e.type.name === 'float') return castTo(e, DOUBLE);
  if (isInteger(e.type)) return promote(e);
  return e;
}

/** A null pointer constant (6.3.2.3p3): an integer constant 0, possibly cast to void *. */
export function isNullPointerConstant(e: TExpr, ctx: SemaContext): boolean {
  let x = e;
  if (x.kind === 'cast' && !x.isImplicit && isVoidPointer(x.type)) x = x.operand;
  if (!isInteger(x.type)) return false;
  const v = evalConst(x, ctx.target);
  return v?.kind === 'int' && v.value === 0n;
}

/** Where a value is being converted as if by assignment, for messages. */
export type AssignContext =
  | { readonly kind: 'assignment' }
  | { readonly kind: 'initialization' }
  | { readonly kind: 'return' }
  | { readonly kind: 'argument'; readonly index: number; readonly callee: string | null };

/**
 * Converts an rvalue `e` to the (unqualified) type `to` as if by assignment
 * (6.5.16.1), reporting constraint violations in gcc's words.
 */
export function convertForAssignment(ctx: SemaContext, e: TExpr, to: CType, where: AssignContext, loc: SourceLoc): TExpr {
  const from = e.type;
  const target = unqualified(to);
  if (isError(from) || isError(to)) return castTo(e, target);
  if (from.kind === 'void') {
    ctx.error(loc, `void value not ignored as it ought to be`);
    return { kind: 'error', loc: e.loc, type: target };
  }
  if (isArithmetic(target) && isArithmetic(from)) return castTo(e, target);
  // 6.5.16.1p1: any arithmetic type, complex included, converts to any other.
  if ((isComplexType(target) || isComplexType(from)) && isArithmeticOrComplex(target) && isArithmeticOrComplex(from)) return castTo(e, target);
  if (target.kind === 'record' && from.kind === 'record' && target.info === from.info) return e;
  const vec = convertVectorForAssignment(ctx, e, target, () => incompatibleMessage(where, target, from));
  if (vec !== null) return vec;
  if (target.kind === 'int' && target.name === 'bool' && from.kind === 'pointer') return castTo(e, target);
  if (target.kind === 'pointer') {
    if (isNullPointerConstant(e, ctx)) return castTo(e, target);
    if (from.kind === 'pointer') {
      checkPointerAssignment(ctx, from, target, where, loc);
      return castTo(e, target);
    }
    if (isInteger(from)) {
      ctx.warning(loc, where.kind === 'return' ? incompatibleMessage(where, target, from) : `${describe(where, target, from)} makes pointer from integer without a cast`, [], 'int-conversion');
      return castTo(e, target);
    }
  }
  if (isInteger(target) && from.kind === 'pointer') {
    ctx.warning(loc, where.kind === 'return' ? incompatibleMessage(where, target, from) : `${describe(where, target, from)} makes integer from pointer without a cast`, [], 'int-conversion');
    return castTo(e, target);
  }
  ctx.error(loc, incompatibleMessage(where, target, from));
  return { kind: 'error', loc: e.loc, type: target };
}

function checkPointerAssignment(ctx: SemaContext, from: CType, to: CType, where: AssignContext, loc: SourceLoc): void {
  if (from.kind !== 'pointer' || to.kind !== 'pointer') return;
  const fromTo = from.to;
  const toTo = to.to;
  const isVoidEither = fromTo.kind === 'void' || toTo.kind === 'void';
  if (!isVoidEither && !areCompatibleUnqualified(fromTo, toTo)) {
    // gcc accepts pointees that differ only in signedness (int * vs unsigned *)
    // with a -Wpointer-sign warning; csmith and much real code rely on it.
    if (differOnlyInSignedness(fromTo, toTo)) {
      ctx.warning(loc, `pointer targets in ${discardsPrefix(where)} differ in signedness`, [], 'pointer-sign');
      return;
    }
    ctx.warning(loc, incompatiblePointerMessage(where, to, from), [], 'incompatible-pointer-types');
    return;
  }
  // 6.5.16.1p1: the target's pointee must have all the source pointee's qualifiers.
  const lost = fromTo.quals & ~toTo.quals & (Q_CONST | Q_VOLATILE | Q_RESTRICT);
  if (lost !== 0) {
    const q = lost & Q_CONST ? 'const' : lost & Q_VOLATILE ? 'volatile' : 'restrict';
    ctx.warning(loc, `${discardsPrefix(where)} discards '${q}' qualifier from pointer target type`, [], 'discarded-qualifiers');
  }
  // Nested pointers must be compatible with qualifiers too (int ** vs const int **).
  if (!isVoidEither && fromTo.kind === 'pointer' && !areCompatible(withoutTopQuals(fromTo), withoutTopQuals(toTo))) {
    ctx.warning(loc, incompatiblePointerMessage(where, to, from), [], 'incompatible-pointer-types');
  }
}

/** Two integer (or enum) pointees of the same rank whose only difference is signedness. */
function differOnlyInSignedness(a: CType, b: CType): boolean {
  const isIntLike = (t: CType): boolean => t.kind === 'int' || t.kind === 'enum';
  if (!isIntLike(a) || !isIntLike(b)) return false;
  const an = a.kind === 'enum' ? a.info.underlying : a.kind === 'int' ? a.name : null;
  const bn = b.kind === 'enum' ? b.info.underlying : b.kind === 'int' ? b.name : null;
  if (an === null || bn === null || an === 'bool' || bn === 'bool') return false;
  return toUnsigned(an) === toUnsigned(bn);
}

function withoutTopQuals(t: CType): CType {
  return unqualified(t);
}

function q(t: CType): string {
  return `'${printType(t)}'`;
}

function describe(where: AssignContext, to: CType, from: CType): string {
  switch (where.kind) {
    case 'assignment': return `assignment to ${q(to)} from ${q(from)}`;
    case 'initialization': return `initialization of ${q(to)} from ${q(from)}`;
    case 'return': return `returning ${q(from)} from a function with return type ${q(to)}`;
    case 'argument': return `passing argument ${where.index + 1} of ${where.callee ? `'${where.callee}'` : 'function call'}`;
  }
}

function discardsPrefix(where: AssignContext): string {
  switch (where.kind) {
    case 'assignment': return 'assignment';
    case 'initialization': return 'initialization';
    case 'return': return 'return';
    case 'argument': return `passing argument ${where.index + 1} of ${where.callee ? `'${where.callee}'` : 'function call'}`;
  }
}

function incompatiblePointerMessage(where: AssignContext, to: CType, from: CType): string {
  switch (where.kind) {
    case 'assignment': return `assignment to ${q(to)} from incompatible pointer type ${q(from)}`;
    case 'initialization': return `initialization of ${q(to)} from incompatible pointer type ${q(from)}`;
    case 'return': return `returning ${q(from)} from a function with incompatible result type ${q(to)}`;
    case 'argument': return `passing argument ${where.index + 1} of ${where.callee ? `'${where.callee}'` : 'function call'} from incompatible pointer type`;
  }
}

function incompatibleMessage(where: AssignContext, to: CType, from: CType): string {
  switch (where.kind) {
    case 'assignment': return `incompatible types when assigning to type ${q(to)} from type ${q(from)}`;
    case 'initialization': return `incompatible types when initializing type ${q(to)} using type ${q(from)}`;
    case 'return': return `returning ${q(from)} from a function with incompatible result type ${q(to)}`;
    case 'argument': return `incompatible type for argument ${where.index + 1} of ${where.callee ? `'${where.callee}'` : 'function call'}`;
  }
}
