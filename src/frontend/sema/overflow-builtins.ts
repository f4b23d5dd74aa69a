// GNU checked arithmetic: __builtin_add_overflow / sub / mul (any integer
// operand and result types), their `_p` forms (result type from the third
// operand, which is not evaluated, nothing stored), and the typed forms
// __builtin_[su](add|sub|mul)(l|ll)?_overflow.
//
// Semantics (gcc manual, "Integer Overflow Builtins"): the operation is
// done in infinite precision; the result converted to the result type is
// stored, and the builtin returns whether that conversion changed the value.
//
// Input: the call. Output: a typed statement expression over 64-bit words,
// so lowering needs nothing new. Each operand is widened to a two-word
// two's-complement value (hi: long, lo: unsigned long); add and sub carry
// between the words, mul multiplies the magnitudes in 32-bit limbs into a
// 128-bit magnitude and a sign. The true result then fits the result type
// when its high word is only the sign extension of the low word and the low
// word survives truncation to the type's width.
// Invariant: each operand and the result pointer are evaluated once.

import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkValue, errorExpr } from './check-expr.js';
import { castTo } from './conversions.js';
import { BOOL, INT, intType, isError, isInteger, isSignedInt, quoteType, sizeOf, unqualified, type CType, type IntName } from './types.js';
import type { BinaryOpName, CompareOpName, TExpr, TStmt } from './typed.js';
import { bindHiddenLocal } from './hidden-local.js';

const ULONG = intType('ulong');
const SLONG = intType('long');
type Op = 'add' | 'sub' | 'mul';

/** Words of a value in 128-bit two's complement (add/sub), or a magnitude and sign (mul). */
interface Wide { readonly hi: TExpr; readonly lo: TExpr }

class WordExprs {
  private readonly decls: TStmt[] = [];
  constructor(private readonly ctx: SemaContext, private readonly loc: A.Expr['loc']) {}

  /** Binds `v` to a hidden local (inside functions) so it is computed once. */
  let(v: TExpr): TExpr {
    return bindHiddenLocal(this.ctx, this.decls, 'ovf', v);
  }
  stmt(e: TExpr): void {
    this.decls.push({ kind: 'expr', loc: this.loc, expr: e });
  }
  finish(result: TExpr): TExpr {
    return this.decls.length === 0 ? result : { kind: 'stmtExpr', loc: this.loc, type: result.type, body: this.decls, result };
  }

  u(v: bigint): TExpr { return { kind: 'intConst', loc: this.loc, type: ULONG, value: v }; }
  s(v: bigint): TExpr { return { kind: 'intConst', loc: this.loc, type: SLONG, value: v }; }
  bin(op: BinaryOpName, left: TExpr, right: TExpr): TExpr {
    return { kind: 'binary', loc: this.loc, type: left.type, op, left, right: castTo(right, right.type === left.type || op === 'shl' || op === 'shr' ? right.type : left.type) };
  }
  cmp(op: CompareOpName, left: TExpr, right: TExpr): TExpr { return { kind: 'compare', loc: this.loc, type: INT, op, left, right }; }
  and(a: TExpr, b: TExpr): TExpr { return { kind: 'logical', loc: this.loc, type: INT, op: 'and', left: a, right: b }; }
  or(a: TExpr, b: TExpr): TExpr { return { kind: 'logical', loc: this.loc, type: INT, op: 'or', left: a, right: b }; }
  not(a: TExpr): TExpr { return { kind: 'not', loc: this.loc, type: INT, operand: a }; }
  cond(c: TExpr, a: TExpr, b: TExpr): TExpr { return { kind: 'cond', loc: this.loc, type: a.type, cond: c, then: a, else: b }; }
  neg(a: TExpr): TExpr { return { kind: 'neg', loc: this.loc, type: a.type, operand: a }; }
  bitNot(a: TExpr): TExpr { return { kind: 'bitNot', loc: this.loc, type: a.type, operand: a }; }
}

interface IntShape { readonly bits: number; readonly isSigned: boolean }

function shapeOf(ctx: SemaContext, t: CType): IntShape {
  const u = unqualified(t);
  const name: IntName = u.kind === 'int' ? u.name : 'int';
  return { bits: sizeOf(u) * 8, isSigned: isSignedInt(name, ctx.target) };
}

/** The operand as two words: lo its 64-bit pattern, hi its sign extension (0 for unsigned types). */
function widen(w: WordExprs, ctx: SemaContext, x: TExpr): Wide {
  const lo = w.let(castTo(x, ULONG));
  const hi = shapeOf(ctx, x.type).isSigned ? w.let(w.bin('shr', castTo(lo, SLONG), w.u(63n))) : w.s(0n);
  return { hi, lo };
}

/** Exact a ± b as two words (|result| < 2^65, so hi is small). */
function addSub(w: WordExprs, a: Wide, b: Wide, op: 'add' | 'sub'): Wide {
  const lo = w.let(w.bin(op, a.lo, b.lo));
  // Carry out of the low word (add) or borrow into it (sub), as 0/1.
  const carry = castTo(op === 'add' ? w.cmp('lt', lo, a.lo) : w.cmp('lt', a.lo, b.lo), SLONG);
  const hi = w.let(w.bin(op, w.bin(op, a.hi, b.hi), carry));
  return { hi, lo };
}

/** Does the two's-complement pair (hi, lo) lie in the range of `shape`? */
function fitsTwosComplement(w: WordExprs, r: Wide, shape: IntShape): TExpr {
  const n = BigInt(shape.bits);
  if (shape.isSigned) {
    const hiIsSignOfLo = w.cmp('eq', r.hi, w.bin('shr', castTo(r.lo, SLONG), w.u(63n)));
    if (shape.bits === 64) return hiIsSignOfLo;
    const truncated = castTo(w.bin('shr', castTo(w.bin('shl', r.lo, w.u(64n - n)), SLONG), w.u(64n - n)), ULONG);
    return w.and(hiIsSignOfLo, w.cmp('eq', truncated, r.lo));
  }
  const hiIsZero = w.cmp('eq', r.hi, w.s(0n));
  if (shape.bits === 64) return hiIsZero;
  return w.and(hiIsZero, w.cmp('eq', w.bin('shr', r.lo, w.u(n)), w.u(0n)));
}

/** Exact a × b: the 128-bit magnitude (hi:lo, unsigned) and whether the product is negative. */
function multiply(w: WordExprs, a: Wide, b: Wide): { hi: TExpr; lo: TExpr; isNegative: TExpr } {
  const aNeg = w.let(w.cmp('lt', a.hi, w.s(0n)));
  const bNeg = w.let(w.cmp('lt', b.hi, w.s(0n)));
  const ma = w.let(w.cond(aNeg, w.neg(a.lo), a.lo));
  const mb = w.let(w.cond(bNeg, w.neg(b.lo), b.lo));
  const mask = w.u(0xffffffffn);
  const a0 = w.let(w.bin('and', ma, mask));
  const a1 = w.let(w.bin('shr', ma, w.u(32n)));
  const b0 = w.let(w.bin('and', mb, mask));
  const b1 = w.let(w.bin('shr', mb, w.u(32n)));
  const p00 = w.let(w.bin('mul', a0, b0));
  const p01 = w.let(w.bin('mul', a0, b1));
  const p10 = w.let(w.bin('mul', a1, b0));
  const p11 = w.bin('mul', a1, b1);
  const mid = w.let(w.bin('add', w.bin('add', w.bin('shr', p00, w.u(32n)), w.bin('and', p01, mask)), w.bin('and', p10, mask)));
  const lo = w.let(w.bin('or', w.bin('shl', mid, w.u(32n)), w.bin('and', p00, mask)));
  const hi = w.let(w.bin('add', w.bin('add', w.bin('add', p11, w.bin('shr', p01, w.u(32n))), w.bin('shr', p10, w.u(32n))), w.bin('shr', mid, w.u(32n))));
  return { hi, lo, isNegative: w.let(w.cmp('ne', aNeg, bNeg)) };
}

/** Does the signed magnitude (negative?, hi:lo) lie in the range of `shape`? */
function fitsMagnitude(w: WordExprs, m: { hi: TExpr; lo: TExpr; isNegative: TExpr }, shape: IntShape): TExpr {
  const hiIsZero = w.cmp('eq', m.hi, w.u(0n));
  const isZero = w.and(hiIsZero, w.cmp('eq', m.lo, w.u(0n)));
  if (!shape.isSigned) {
    const max = (1n << BigInt(shape.bits)) - 1n;
    return w.or(isZero, w.and(w.not(m.isNegative), w.and(hiIsZero, w.cmp('le', m.lo, w.u(max)))));
  }
  const limit = 1n << BigInt(shape.bits - 1);
  return w.and(hiIsZero, w.cmp('le', m.lo, w.cond(m.isNegative, w.u(limit), w.u(limit - 1n))));
}

const typedForms = /^__builtin_([su])(add|sub|mul)(l|ll)?_overflow$/;

/** The overflow builtins; null when `name` is not one. */
export function checkOverflowBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const generic = /^__builtin_(add|sub|mul)_overflow(_p)?$/.exec(name);
  const typed = typedForms.exec(name);
  if (generic === null && typed === null) return null;
  const op = (generic?.[1] ?? typed![2]!) as Op;
  const isPredicate = generic?.[2] === '_p';
  if (e.args.length !== 3) {
    ctx.error(e.loc, `too ${e.args.length < 3 ? 'few' : 'many'} arguments to function call, expected 3, have ${e.args.length}`);
    return errorExpr(e.loc, BOOL);
  }
  const args = e.args.map((a) => checkValue(ctx, a));
  if (args.some((a) => isError(a.type))) return errorExpr(e.loc, BOOL);
  let resultType: CType;
  let a = args[0]!;
  let b = args[1]!;
  if (typed !== null) {
    const width = typed[3] === 'l' ? 'long' : typed[3] === 'll' ? 'llong' : 'int';
    const t = intType((typed[1] === 'u' ? `u${width}` : width) as IntName);
    a = castTo(a, t);
    b = castTo(b, t);
    resultType = t;
    if (!isPointerTo(args[2]!.type, t)) {
      ctx.error(args[2]!.loc, `argument 3 of '${name}' must be a pointer to ${quoteType(t)}, not ${quoteType(args[2]!.type)}`);
      return errorExpr(e.loc, BOOL);
    }
  } else {
    for (const [i, x] of [a, b].entries()) {
      if (!isInteger(x.type) || isBoolLike(x.type)) {
        ctx.error(x.loc, `operand ${i + 1} of '${name}' must be an integer, not ${quoteType(x.type)}`);
        return errorExpr(e.loc, BOOL);
      }
    }
    const third = args[2]!.type;
    const pointee = isPredicate ? third : third.kind === 'pointer' ? third.to : null;
    if (pointee === null || !isInteger(pointee) || isBoolLike(pointee) || (!isPredicate && (pointee.quals & 1) !== 0)) {
      ctx.error(args[2]!.loc, isPredicate ? `argument 3 of '${name}' must be an integer, not ${quoteType(third)}`
        : `argument 3 of '${name}' must be a pointer to a non-const integer, not ${quoteType(third)}`);
      return errorExpr(e.loc, BOOL);
    }
    resultType = unqualified(pointee);
  }
  const w = new WordExprs(ctx, e.loc);
  const resultPtr = isPredicate ? null : w.let(args[2]!);
  const wa = widen(w, ctx, a);
  const wb = widen(w, ctx, b);
  const shape = shapeOf(ctx, resultType);
  let fits: TExpr;
  let low: TExpr;
  if (op === 'mul') {
    const m = multiply(w, wa, wb);
    fits = fitsMagnitude(w, m, shape);
    low = w.cond(m.isNegative, w.neg(m.lo), m.lo);
  } else {
    const r = addSub(w, wa, wb, op);
    fits = fitsTwosComplement(w, r, shape);
    low = r.lo;
  }
  if (resultPtr !== null) {
    const target: TExpr = { kind: 'deref', loc: e.loc, type: resultType, operand: resultPtr };
    w.stmt({ kind: 'assign', loc: e.loc, type: resultType, target, value: castTo(low, resultType) });
  }
  return w.finish(castTo(w.not(fits), BOOL));
}

function isBoolLike(t: CType): boolean {
  const u = unqualified(t);
  return (u.kind === 'int' && u.name === 'bool') || u.kind === 'enum';
}

function isPointerTo(t: CType, to: CType): boolean {
  return t.kind === 'pointer' && unqualified(t.to).kind === 'int' && sizeOf(t.to) === sizeOf(to) &&
    (unqualified(t.to) as { name: IntName }).name.replace(/^ll/, 'l').replace(/^ull/, 'ul') === (to as { name: IntName }).name.replace(/^ll/, 'l').replace(/^ull/, 'ul');
}
