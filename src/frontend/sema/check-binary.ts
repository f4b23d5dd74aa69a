// Binary operators (C11 6.5.5 - 6.5.14, 6.5.17), assignment (6.5.16) and the
// conditional operator (6.5.15): operand constraints, the usual arithmetic
// conversions, pointer arithmetic and comparisons.
//
// Input: AST binary/assign/cond nodes. Output: typed nodes whose operands
// already have the operation's type (see typed.ts).

import { isVlaSized, scaleByVla, vlaPtrDiff } from './vla.js';
import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkCondition, checkExpr, checkModifiable, checkValue, errorExpr } from './check-expr.js';
import {
  castTo, commonArithmeticType, convertForAssignment, foldConstant, isNullPointerConstant, promote, promotedType,
} from './conversions.js';
import {
  areCompatibleUnqualified, compositeType, INT, isArithmetic, isComplete, isError, isInteger, isScalar, isSignedType,
  LONG, pointerTo, PTRDIFF_T, quoteType, sizeOf, unqualified, withQuals, VOID, type CType,
} from './types.js';
import type { BinaryOpName, CompareOpName, TExpr } from './typed.js';
import { wrapWideBitField } from './wide-bitfield.js';
import { complexArithmetic, complexCommonType, complexCompoundAssign, complexEquality, complexTest, isArithmeticOrComplex, isComplexType } from './complex.js';
import { checkVectorBinary, checkVectorCompoundAssign, isVector } from './vector.js';

const ARITH_OPS: Partial<Record<A.BinaryOp, BinaryOpName>> = {
  '*': 'mul', '/': 'div', '%': 'rem', '+': 'add', '-': 'sub', '<<': 'shl', '>>': 'shr', '&': 'and', '^': 'xor', '|': 'or',
};
const COMPARE_OPS: Partial<Record<A.BinaryOp, CompareOpName>> = {
  '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne',
};

export function checkBinary(ctx: SemaContext, e: Extract<A.Expr, { kind: 'binary' }>): TExpr {
  if (e.op === ',') {
    const left = checkValue(ctx, e.left);
    const right = checkValue(ctx, e.right);
    return { kind: 'comma', loc: e.loc, type: right.type, left, right };
  }
  if (e.op === '&&' || e.op === '||') {
    const left = asCondition(checkValue(ctx, e.left));
    const right = asCondition(checkValue(ctx, e.right));
    if (isError(left.type) || isError(right.type)) return errorExpr(e.loc, INT);
    if (!isScalar(left.type) || !isScalar(right.type)) return invalidOperands(ctx, e.loc, left, right);
    return { kind: 'logical', loc: e.loc, type: INT, op: e.op === '&&' ? 'and' : 'or', left, right };
  }
  const left = checkValue(ctx, e.left);
  const right = checkValue(ctx, e.right);
  if (isError(left.type) || isError(right.type)) return errorExpr(e.loc);
  if (isVector(left.type) || isVector(right.type)) return checkVectorBinary(ctx, e.loc, e.op, left, right);
  const cmp = COMPARE_OPS[e.op];
  if (cmp) return foldConstant(ctx, checkCompare(ctx, e.loc, cmp, left, right));
  const op = ARITH_OPS[e.op];
  if (!op) throw new Error(`unknown binary operator ${e.op}`);
  return foldConstant(ctx, arithmetic(ctx, e.loc, op, left, right));
}

/** A complex operand of `&&`/`||` is tested as `z != 0` (6.5.13p2 counts complex as scalar). */
function asCondition(e: TExpr): TExpr {
  return isComplexType(e.type) ? complexTest(e) : e;
}

function invalidOperands(ctx: SemaContext, loc: A.Expr['loc'], left: TExpr, right: TExpr): TExpr {
  ctx.error(loc, `invalid operands to binary expression (${quoteType(left.type)} and ${quoteType(right.type)})`);
  return errorExpr(loc);
}

/** `left op right` for the arithmetic, shift, bitwise and additive operators (values already converted to rvalues). */
function arithmetic(ctx: SemaContext, loc: A.Expr['loc'], op: BinaryOpName, left: TExpr, right: TExpr): TExpr {
  const lt = left.type;
  const rt = right.type;
  if (isComplexType(lt) || isComplexType(rt)) {
    const r = op === 'add' || op === 'sub' || op === 'mul' || op === 'div' ? complexArithmetic(ctx, loc, op, left, right) : null;
    return r ?? invalidOperands(ctx, loc, left, right);
  }
  if (op === 'add' || op === 'sub') {
    if (lt.kind === 'pointer' && isInteger(rt)) return pointerStep(ctx, loc, op === 'sub', left, right);
    if (op === 'add' && isInteger(lt) && rt.kind === 'pointer') return pointerStep(ctx, loc, false, right, left);
    if (op === 'sub' && lt.kind === 'pointer' && rt.kind === 'pointer') {
      if (!areCompatibleUnqualified(unqualified(lt.to), unqualified(rt.to))) {
        ctx.error(loc, `${quoteType(lt)} and ${quoteType(rt)} are not pointers to compatible types`);
        return errorExpr(loc);
      }
      const elemSize = elementSize(ctx, loc, lt);
      if (elemSize === null) return errorExpr(loc);
      if (isVlaSized(lt.to)) return vlaPtrDiff({ kind: 'ptrDiff', loc, type: PTRDIFF_T, left, right, elemSize: 1 }, lt.to);
      return { kind: 'ptrDiff', loc, type: PTRDIFF_T, left, right, elemSize };
    }
  }
  const needsInteger = op === 'rem' || op === 'shl' || op === 'shr' || op === 'and' || op === 'or' || op === 'xor';
  if (needsInteger ? !(isInteger(lt) && isInteger(rt)) : !(isArithmetic(lt) && isArithmetic(rt))) {
    return invalidOperands(ctx, loc, left, right);
  }
  if (op === 'shl' || op === 'shr') {
    // 6.5.7p3: each operand is promoted on its own; the result has the left's type.
    const l = promote(left);
    const shifted: TExpr = { kind: 'binary', loc, type: l.type, op, left: l, right: castTo(promote(right), l.type) };
    return wrapWideBitField(op, left, right, shifted, ctx.target);
  }
  const type = commonArithmeticType(lt, rt, ctx);
  if ((op === 'div' || op === 'rem') && isInteger(type) && right.kind === 'intConst' && right.value === 0n) {
    ctx.warning(loc, `${op === 'div' ? 'division' : 'remainder'} by zero is undefined`, [], 'div-by-zero');
  }
  const result: TExpr = { kind: 'binary', loc, type, op, left: castTo(left, type), right: castTo(right, type) };
  return wrapWideBitField(op, left, right, result, ctx.target);
}

function elementSize(ctx: SemaContext, loc: A.Expr['loc'], ptr: CType): number | null {
  if (ptr.kind !== 'pointer') return null;
  const to = ptr.to;
  // GNU: arithmetic on void * and function pointers steps by one byte.
  if (to.kind === 'void' || to.kind === 'function') return 1;
  if (!isComplete(to)) {
    ctx.error(loc, `arithmetic on a pointer to an incomplete type ${quoteType(to)}`);
    return null;
  }
  return sizeOf(to);
}

function pointerStep(ctx: SemaContext, loc: A.Expr['loc'], isSub: boolean, ptr: TExpr, index: TExpr): TExpr {
  const elemSize = elementSize(ctx, loc, ptr.type);
  if (elemSize === null) return errorExpr(loc);
  if (ptr.type.kind === 'pointer' && isVlaSized(ptr.type.to)) {
    return { kind: 'ptrAdd', loc, type: ptr.type, isSub, ptr, index: scaleByVla(castTo(index, LONG), ptr.type.to), elemSize: 1 };
  }
  return { kind: 'ptrAdd', loc, type: ptr.type, isSub, ptr, index: castTo(index, LONG), elemSize };
}

function checkCompare(ctx: SemaContext, loc: A.Expr['loc'], op: CompareOpName, left: TExpr, right: TExpr): TExpr {
  const lt = left.type;
  const rt = right.type;
  const make = (l: TExpr, r: TExpr): TExpr => ({ kind: 'compare', loc, type: INT, op, left: l, right: r });
  if (isComplexType(lt) || isComplexType(rt)) {
    const r = op === 'eq' || op === 'ne' ? complexEquality(ctx, loc, op, left, right) : null;
    return r ?? invalidOperands(ctx, loc, left, right);
  }
  if (isArithmetic(lt) && isArithmetic(rt)) {
    const type = commonArithmeticType(lt, rt, ctx);
    if (ctx.warnings.signCompare && isInteger(type) && !isSignedType(type, ctx.target) &&
      (isSignedOperand(ctx, left) || isSignedOperand(ctx, right))) {
      ctx.warning(loc, `comparison of integers of different signs: ${quoteType(lt)} and ${quoteType(rt)}`, [], 'sign-compare');
    }
    return make(castTo(left, type), castTo(right, type));
  }
  const isEquality = op === 'eq' || op === 'ne';
  if (lt.kind === 'pointer' && rt.kind === 'pointer') {
    const isVoidSide = lt.to.kind === 'void' || rt.to.kind === 'void';
    if (!areCompatibleUnqualified(unqualified(lt.to), unqualified(rt.to)) && !(isEquality && isVoidSide)) {
      ctx.warning(loc, `comparison of distinct pointer types (${quoteType(lt)} and ${quoteType(rt)})`, [], 'compare-distinct-pointer-types');
    }
    return make(left, castTo(right, lt));
  }
  if (lt.kind === 'pointer' && isInteger(rt)) {
    if (!(isEquality && isNullPointerConstant(right, ctx))) ctx.warning(loc, `comparison between pointer and integer (${quoteType(lt)} and ${quoteType(rt)})`);
    return make(left, castTo(right, lt));
  }
  if (isInteger(lt) && rt.kind === 'pointer') {
    if (!(isEquality && isNullPointerConstant(left, ctx))) ctx.warning(loc, `comparison between pointer and integer (${quoteType(lt)} and ${quoteType(rt)})`);
    return make(castTo(left, rt), right);
  }
  return invalidOperands(ctx, loc, left, right);
}

/** A signed operand that may be negative (constants that are not are exempt, as in gcc). */
function isSignedOperand(ctx: SemaContext, e: TExpr): boolean {
  let x = e;
  while (x.kind === 'cast' && x.isImplicit) x = x.operand;
  if (x.kind === 'intConst') return x.value < 0n;
  return isSignedType(x.type, ctx.target);
}

const COMPOUND_OPS: Record<Exclude<A.AssignOp, '='>, BinaryOpName> = {
  '*=': 'mul', '/=': 'div', '%=': 'rem', '+=': 'add', '-=': 'sub', '<<=': 'shl', '>>=': 'shr', '&=': 'and', '^=': 'xor', '|=': 'or',
};

export function checkAssign(ctx: SemaContext, e: Extract<A.Expr, { kind: 'assign' }>): TExpr {
  const target = checkExpr(ctx, e.target);
  const value = checkValue(ctx, e.value);
  if (isError(target.type) || isError(value.type)) return errorExpr(e.loc);
  if (!checkModifiable(ctx, target, e.loc)) return errorExpr(e.loc);
  const type = unqualified(target.type);
  if (e.op === '=') {
    const v = convertForAssignment(ctx, value, type, { kind: 'assignment' }, e.loc);
    if (v.kind === 'error') return errorExpr(e.loc);
    return { kind: 'assign', loc: e.loc, type, target, value: v };
  }
  const op = COMPOUND_OPS[e.op];
  if (isComplexType(type) || isComplexType(value.type)) {
    const r = op === 'add' || op === 'sub' || op === 'mul' || op === 'div' ? complexCompoundAssign(ctx, e.loc, op, target, value) : null;
    return r ?? invalidOperands(ctx, e.loc, target, value);
  }
  if (isVector(type)) return checkVectorCompoundAssign(ctx, e.loc, e.op, target, value);
  if (type.kind === 'pointer' && (op === 'add' || op === 'sub')) {
    if (!isInteger(value.type)) return invalidOperands(ctx, e.loc, target, value);
    const elemSize = elementSize(ctx, e.loc, type);
    if (elemSize === null) return errorExpr(e.loc);
    if (isVlaSized(type.to)) {
      return { kind: 'compoundAssign', loc: e.loc, type, op, target, value: scaleByVla(castTo(value, LONG), type.to), computeType: type, elemSize: 1 };
    }
    return { kind: 'compoundAssign', loc: e.loc, type, op, target, value: castTo(value, LONG), computeType: type, elemSize };
  }
  // Check `target op value` as a binary expression to find the computation type (6.5.16.2p3).
  const asValue: TExpr = { kind: 'load', loc: target.loc, type, operand: target };
  const result = arithmetic(ctx, e.loc, op, asValue, value);
  if (result.kind === 'error') return result;
  if (result.kind !== 'binary') return invalidOperands(ctx, e.loc, target, value);
  const computeType = op === 'shl' || op === 'shr' ? promotedType(type) : result.type;
  return { kind: 'compoundAssign', loc: e.loc, type, op, target, value: result.right, computeType, elemSize: 0 };
}

export function checkCond(ctx: SemaContext, e: Extract<A.Expr, { kind: 'cond' }>): TExpr {
  const cond = checkCondition(ctx, e.cond);
  const a = checkValue(ctx, e.then);
  const b = checkValue(ctx, e.else);
  if (isError(cond.type) || isError(a.type) || isError(b.type)) return errorExpr(e.loc);
  const type = condResultType(ctx, e.loc, a, b);
  if (type === null) {
    ctx.error(e.loc, `incompatible operand types (${quoteType(a.type)} and ${quoteType(b.type)})`);
    return errorExpr(e.loc);
  }
  return { kind: 'cond', loc: e.loc, type, cond, then: castTo(a, type), else: castTo(b, type) };
}

/** The result type of `?:` (6.5.15p3-6), or null when the arms do not fit together. */
function condResultType(ctx: SemaContext, loc: A.Expr['loc'], a: TExpr, b: TExpr): CType | null {
  const at = a.type;
  const bt = b.type;
  if (isArithmetic(at) && isArithmetic(bt)) return commonArithmeticType(at, bt, ctx);
  if ((isComplexType(at) || isComplexType(bt)) && isArithmeticOrComplex(at) && isArithmeticOrComplex(bt)) return complexCommonType(ctx, at, bt);
  // GNU (and common practice): one void arm makes the whole expression void.
  if (at.kind === 'void' || bt.kind === 'void') return VOID;
  if (at.kind === 'record' && bt.kind === 'record') return at.info === bt.info ? unqualified(at) : null;
  if (at.kind === 'vector' && bt.kind === 'vector') return areCompatibleUnqualified(unqualified(at), unqualified(bt)) ? unqualified(at) : null;
  if (at.kind === 'pointer' && bt.kind === 'pointer') {
    const quals = at.to.quals | bt.to.quals;
    if (at.to.kind === 'void' || bt.to.kind === 'void') {
      if (isNullPointerConstant(a, ctx)) return bt;
      if (isNullPointerConstant(b, ctx)) return at;
      return pointerTo(withQuals(VOID, quals));
    }
    if (!areCompatibleUnqualified(unqualified(at.to), unqualified(bt.to))) {
      ctx.warning(loc, `pointer type mismatch (${quoteType(at)} and ${quoteType(bt)})`);
      return pointerTo(withQuals(VOID, quals));
    }
    return pointerTo(withQuals(compositeType(unqualified(at.to), unqualified(bt.to)), quals));
  }
  if (at.kind === 'pointer' && isInteger(bt)) {
    if (!isNullPointerConstant(b, ctx)) ctx.warning(loc, `pointer/integer type mismatch in conditional expression (${quoteType(at)} and ${quoteType(bt)})`);
    return at;
  }
  if (isInteger(at) && bt.kind === 'pointer') {
    if (!isNullPointerConstant(a, ctx)) ctx.warning(loc, `pointer/integer type mismatch in conditional expression (${quoteType(at)} and ${quoteType(bt)})`);
    return bt;
  }
  return null;
}
