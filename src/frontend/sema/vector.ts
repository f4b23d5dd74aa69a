// GNU vector extensions in sema (gcc manual, "Using Vector Instructions
// through Built-in Functions"): the `vector_size` attribute, and the
// operators, conversions, subscripts and builtins on vector types.
//
// Input: types and already-checked operands from check-*.ts, which call in
// here as soon as a vector type is involved. Output: `vector` typed nodes
// (typed.ts VectorOp), or `deref` nodes for subscripts.
//
// gcc's rules, as checked here:
//  - `vector_size(N)` on an integer or floating type T: N a power-of-two
//    multiple of sizeof(T); the type is `__vector(N / sizeof T) T`;
//  - binary operators work element-wise on two vectors of the same length
//    and element size (signedness may differ: the left type wins), or on a
//    vector and a scalar, which is broadcast when it converts to the
//    element type without truncation (a constant must fit, a variable must
//    not be wider or be floating for an integer vector);
//  - %, &, |, ^, <<, >> and ~ need integer elements;
//  - comparisons give a vector of 0 / -1 in the signed integer type of the
//    element's width;
//  - casts reinterpret the bits between vectors, and vectors and scalars,
//    of the same size;
//  - assignment needs the same element type and length (signedness
//    differences included: gcc asks for -flax-vector-conversions), except
//    for comparison results, which gcc types as opaque vectors.

import type { SourceLoc } from '../../diagnostics.js';
import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkValue, errorExpr } from './check-expr.js';
import { evalConst, evalIntConst } from './const-eval.js';
import { castTo, rvalue } from './conversions.js';
import {
  intRange, intNameOf, intSize, intType, isArithmetic, isError, isInteger, LONG, pointerTo, printType, quoteType, sizeOf,
  unqualified, withQuals, type CType, type IntName,
} from './types.js';
import type { BinaryOpName, CompareOpName, TExpr, VectorOp } from './typed.js';

export type VectorType = Extract<CType, { kind: 'vector' }>;

export function isVector(t: CType): t is VectorType {
  return t.kind === 'vector';
}

function node(loc: SourceLoc, type: CType, op: VectorOp): TExpr {
  return { kind: 'vector', loc, type, op };
}

// ---------------------------------------------------------------- the attribute

/** Applies every `vector_size(N)` among `attrs` to `t` (gcc: on the declared scalar type). */
export function applyVectorSize(ctx: SemaContext, t: CType, attrs: readonly A.Attribute[]): CType {
  let type = t;
  for (const a of attrs) {
    if (a.name.replace(/^__(.*)__$/, '$1') !== 'vector_size') continue;
    type = vectorOf(ctx, type, a);
  }
  return type;
}

function vectorOf(ctx: SemaContext, t: CType, a: A.Attribute): CType {
  if (isError(t)) return t;
  const elem = unqualified(t);
  if (!((elem.kind === 'int' && elem.name !== 'bool') || elem.kind === 'enum' || (elem.kind === 'float' && elem.name !== 'ldouble'))) {
    ctx.error(a.loc, `invalid vector type for attribute 'vector_size'`);
    return t;
  }
  const arg = a.args[0];
  const n = arg === undefined ? null : evalIntConst(rvalue(checkValue(ctx, arg)), ctx.target);
  if (n === null || a.args.length !== 1) {
    ctx.error(a.loc, `'vector_size' attribute argument value is not an integer constant`);
    return t;
  }
  const elemSize = BigInt(sizeOf(elem));
  if (n <= 0n || n % elemSize !== 0n) {
    ctx.error(a.loc, `vector size not an integral multiple of component size`);
    return t;
  }
  const length = n / elemSize;
  if ((length & (length - 1n)) !== 0n) {
    ctx.error(a.loc, `number of vector components ${length} not a power of two`);
    return t;
  }
  if (n > 1024n) {
    ctx.error(a.loc, `vector size ${n} is too large`);
    return t;
  }
  return { kind: 'vector', elem, length: Number(length), quals: t.quals };
}

/** A declarator's `vector_size` attribute (`typedef int v4si __attribute__((vector_size(16)))`) applies to the declared type. */
export function applyDeclVectorSize<D extends { readonly type: CType }>(ctx: SemaContext, d: D, attrs: readonly A.Attribute[]): D {
  if (!attrs.some((a) => a.name.replace(/^__(.*)__$/, '$1') === 'vector_size')) return d;
  return { ...d, type: applyVectorSize(ctx, d.type, attrs) };
}

// ---------------------------------------------------------------- helpers

/** The signed integer type as wide as `t` (comparison results). */
function signedIntOfSize(size: number): CType {
  const name: IntName = size === 1 ? 'schar' : size === 2 ? 'short' : size === 4 ? 'int' : 'long';
  return intType(name);
}

function compareResultType(t: VectorType): VectorType {
  return { kind: 'vector', elem: signedIntOfSize(sizeOf(t.elem)), length: t.length, quals: 0 };
}

function isIntVector(t: VectorType): boolean {
  return isInteger(t.elem);
}

/** Same length and element size and kind: the pairs gcc operates on (signedness may differ). */
function areOperandVectorsCompatible(a: VectorType, b: VectorType): boolean {
  return a.length === b.length && sizeOf(a.elem) === sizeOf(b.elem) && isInteger(a.elem) === isInteger(b.elem);
}

/** `{aka …}`-free gcc wording: the type as we print it. */
function invalidOperands(ctx: SemaContext, loc: SourceLoc, op: string, l: CType, r: CType): TExpr {
  ctx.error(loc, `invalid operands to binary ${op} (have ${quoteType(l)} and ${quoteType(r)})`);
  return errorExpr(loc);
}

/**
 * A scalar broadcast to every element of `v` (gcc's scalar_to_vector): the
 * scalar must convert to the element type without truncation.
 */
function splat(ctx: SemaContext, loc: SourceLoc, scalar: TExpr, v: VectorType): TExpr | null {
  const st = scalar.type;
  if (!isArithmetic(st)) return null;
  const elem = v.elem;
  const c = evalConst(scalar, ctx.target);
  if (isInteger(elem)) {
    if (st.kind === 'float') {
      ctx.error(loc, c === null ? `conversion of scalar ${quoteType(st)} to vector ${quoteType(v)} involves truncation` : `cannot convert value to a vector`);
      return errorExpr(loc);
    }
    if (c?.kind === 'int') {
      const r = intRange(intNameOf(elem), ctx.target);
      const value = BigInt.asIntN(64, c.value);
      const unsignedValue = BigInt.asUintN(64, c.value);
      if (!((value >= r.min && value <= r.max) || (unsignedValue >= r.min && unsignedValue <= r.max))) {
        ctx.error(loc, `conversion of scalar ${quoteType(st)} to vector ${quoteType(v)} involves truncation`);
        return errorExpr(loc);
      }
    } else if (intSize(intNameOf(st)) > sizeOf(elem)) {
      ctx.error(loc, `conversion of scalar ${quoteType(st)} to vector ${quoteType(v)} involves truncation`);
      return errorExpr(loc);
    }
  } else if (c === null && sizeOf(st) > sizeOf(elem) && !(isInteger(st) && sizeOf(elem) === 8)) {
    ctx.error(loc, `conversion of scalar ${quoteType(st)} to vector ${quoteType(v)} involves truncation`);
    return errorExpr(loc);
  }
  return node(loc, unqualified(v), { kind: 'splat', operand: castTo(scalar, elem) });
}

// ---------------------------------------------------------------- operators

const ARITH: Partial<Record<A.BinaryOp, BinaryOpName>> = {
  '*': 'mul', '/': 'div', '%': 'rem', '+': 'add', '-': 'sub', '<<': 'shl', '>>': 'shr', '&': 'and', '^': 'xor', '|': 'or',
};
const COMPARE: Partial<Record<A.BinaryOp, CompareOpName>> = {
  '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne',
};

/** `left op right` where at least one operand (already an rvalue) has vector type. */
export function checkVectorBinary(ctx: SemaContext, loc: SourceLoc, op: A.BinaryOp, left: TExpr, right: TExpr): TExpr {
  const lt = unqualified(left.type);
  const rt = unqualified(right.type);
  const cmp = COMPARE[op];
  const arith = ARITH[op];
  if (cmp === undefined && arith === undefined) return invalidOperands(ctx, loc, op, lt, rt);
  let l = left;
  let r = right;
  let type: VectorType;
  if (isVector(lt) && isVector(rt)) {
    if (!areOperandVectorsCompatible(lt, rt)) {
      if (cmp && lt.length === rt.length) {
        ctx.error(loc, `comparing vectors with different element types`);
        return errorExpr(loc);
      }
      return invalidOperands(ctx, loc, op, lt, rt);
    }
    type = lt;
  } else if (isVector(lt)) {
    const s = splat(ctx, loc, right, lt);
    if (s === null) return invalidOperands(ctx, loc, op, lt, rt);
    if (s.kind === 'error') return s;
    type = lt;
    r = s;
  } else if (isVector(rt)) {
    const s = splat(ctx, loc, left, rt);
    if (s === null) return invalidOperands(ctx, loc, op, lt, rt);
    if (s.kind === 'error') return s;
    type = rt;
    l = s;
  } else {
    return invalidOperands(ctx, loc, op, lt, rt);
  }
  if (cmp) return node(loc, compareResultType(type), { kind: 'compare', op: cmp, left: l, right: withType(r, type) });
  const needsInteger = arith === 'rem' || arith === 'shl' || arith === 'shr' || arith === 'and' || arith === 'or' || arith === 'xor';
  if (needsInteger && !isIntVector(type)) return invalidOperands(ctx, loc, op, lt, rt);
  return node(loc, type, { kind: 'binary', op: arith!, left: l, right: withType(r, type) });
}

/** Vectors differing only in signedness share a representation: retype without conversion. */
function withType(e: TExpr, t: VectorType): TExpr {
  return e.type.kind === 'vector' && e.type !== t ? { ...e, type: t } as TExpr : e;
}

/** Unary `+`, `-`, `~`, `!` on a vector operand. */
export function checkVectorUnary(ctx: SemaContext, loc: SourceLoc, op: '+' | '-' | '~' | '!', v: TExpr): TExpr {
  const t = unqualified(v.type) as VectorType;
  switch (op) {
    case '+': return v;
    case '-': return node(loc, t, { kind: 'unary', op: 'neg', operand: v });
    case '~':
      if (!isIntVector(t)) break;
      return node(loc, t, { kind: 'unary', op: 'bitNot', operand: v });
    case '!': break;
  }
  ctx.error(loc, op === '!' ? `wrong type argument to unary exclamation mark` : `wrong type argument to bit-complement`);
  return errorExpr(loc);
}

/** `target op= value` with a vector target. */
export function checkVectorCompoundAssign(ctx: SemaContext, loc: SourceLoc, op: A.AssignOp, target: TExpr, value: TExpr): TExpr {
  const t = unqualified(target.type);
  const asValue: TExpr = { kind: 'load', loc: target.loc, type: t, operand: target };
  const result = checkVectorBinary(ctx, loc, op.slice(0, -1) as A.BinaryOp, asValue, value);
  if (result.kind !== 'vector' || result.op.kind !== 'binary') return result.kind === 'error' ? result : errorExpr(loc);
  if (!isVector(t) || result.type.kind !== 'vector' || !areOperandVectorsCompatible(t, result.type)) {
    return invalidOperands(ctx, loc, op.slice(0, -1), t, value.type);
  }
  return node(loc, t, { kind: 'compoundAssign', op: result.op.op, target, value: withType(result.op.right, t as VectorType), yieldsOld: false });
}

/** `++v`, `v--` …: every element stepped by one (gcc). */
export function checkVectorIncDec(ctx: SemaContext, loc: SourceLoc, isInc: boolean, isPrefix: boolean, target: TExpr): TExpr {
  const t = unqualified(target.type) as VectorType;
  const one: TExpr = t.elem.kind === 'float' ? { kind: 'floatConst', loc, type: t.elem, value: 1 } : { kind: 'intConst', loc, type: t.elem, value: 1n };
  const value = node(loc, t, { kind: 'splat', operand: one });
  return node(loc, t, { kind: 'compoundAssign', op: isInc ? 'add' : 'sub', target, value, yieldsOld: !isPrefix });
}

// ---------------------------------------------------------------- conversions

/** A cast `(to) v` where `to` or the operand is a vector: a same-size bit reinterpretation. */
export function checkVectorCast(ctx: SemaContext, loc: SourceLoc, to: CType, v: TExpr): TExpr {
  const from = unqualified(v.type);
  const target = unqualified(to);
  if (isVector(target)) {
    if (!(isVector(from) || isInteger(from) || from.kind === 'float' || from.kind === 'pointer')) {
      ctx.error(loc, `can't convert a value of type ${quoteType(from)} to vector type ${quoteType(target)}`);
      return errorExpr(loc);
    }
    if (sizeOf(from) !== sizeOf(target)) {
      ctx.error(loc, `cannot convert a value of type ${quoteType(from)} to vector type ${quoteType(target)} which has different size`);
      return errorExpr(loc);
    }
    if (isVector(from) && areSameVector(from, target)) return v.type === target ? v : { ...v, type: target } as TExpr;
    return node(loc, target, { kind: 'bitcast', operand: v });
  }
  const from2 = from as VectorType;
  if (!(isInteger(target) || target.kind === 'pointer')) {
    ctx.error(loc, `can't convert a vector of type ${quoteType(from2)} to type ${quoteType(target)}`);
    return errorExpr(loc);
  }
  if (sizeOf(from2) !== sizeOf(target)) {
    ctx.error(loc, `cannot convert a vector of type ${quoteType(from2)} to type ${quoteType(target)} which has different size`);
    return errorExpr(loc);
  }
  return node(loc, target, { kind: 'bitcast', operand: v });
}

function areSameVector(a: VectorType, b: VectorType): boolean {
  return a.length === b.length && printType(unqualified(a.elem)) === printType(unqualified(b.elem));
}

/** Assignment, initialization, argument passing or return of a vector: null when no vector is involved. */
export function convertVectorForAssignment(ctx: SemaContext, e: TExpr, to: CType, describe: () => string): TExpr | null {
  const from = unqualified(e.type);
  const target = unqualified(to);
  if (!isVector(from) && !isVector(target)) return null;
  if (isVector(from) && isVector(target) && areSameVector(from, target)) return e.type === target ? e : { ...e, type: target } as TExpr;
  // gcc gives comparisons an "opaque" vector type that converts to any integer vector of the same shape.
  const isOpaque = e.kind === 'vector' && e.op.kind === 'compare';
  if (isOpaque && isVector(from) && isVector(target) && isIntVector(target) && areOperandVectorsCompatible(from, target)) return { ...e, type: target } as TExpr;
  const lax = isVector(from) && isVector(target)
    ? [ctx.note(e.loc, `use '-flax-vector-conversions' to permit conversions between vectors with differing element types or numbers of subparts`)]
    : [];
  ctx.error(e.loc, describe(), lax);
  return { kind: 'error', loc: e.loc, type: target };
}

// ---------------------------------------------------------------- subscripts and builtins

/**
 * `v[i]` on a vector: the element lvalue `((T *)&v)[i]` (gcc; out-of-range
 * indexes are not diagnosed). `base` is the unconverted operand, so that an
 * lvalue vector stays assignable through its elements.
 */
export function checkVectorIndex(ctx: SemaContext, loc: SourceLoc, base: TExpr, index: TExpr): TExpr {
  const t = base.type as VectorType;
  if (!isInteger(index.type)) {
    ctx.error(index.loc, `array subscript is not an integer`);
    return errorExpr(loc);
  }
  const object = base.kind === 'load' ? base.operand : base;
  const elem = withQuals(t.elem, t.elem.quals | t.quals);
  const addr: TExpr = { kind: 'addrOf', loc, type: pointerTo(object.type), operand: object };
  const ptr = castTo(addr, pointerTo(elem));
  const sum: TExpr = { kind: 'ptrAdd', loc, type: ptr.type, isSub: false, ptr, index: castTo(index, LONG), elemSize: sizeOf(elem) };
  return { kind: 'deref', loc, type: elem, operand: sum };
}

/** `__builtin_shuffle(a, mask)` and `__builtin_shuffle(a, b, mask)`. */
export function checkShuffle(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>): TExpr {
  const args = e.args.map((a) => checkValue(ctx, a));
  if (args.some((a) => isError(a.type))) return errorExpr(e.loc);
  if (args.length !== 2 && args.length !== 3) {
    ctx.error(e.loc, `wrong number of arguments to function '__builtin_shuffle'`);
    return errorExpr(e.loc);
  }
  const first = args[0]!;
  const second = args.length === 3 ? args[1]! : null;
  const mask = args[args.length - 1]!;
  const ft = unqualified(first.type);
  const mt = unqualified(mask.type);
  if (!isVector(ft) || !isVector(mt) || !isIntVector(mt) || (second !== null && !isVector(second.type))) {
    ctx.error(e.loc, `'__builtin_shuffle' last argument must be an integer vector`);
    return errorExpr(e.loc);
  }
  if (second !== null && !areSameVector(ft, unqualified(second.type) as VectorType)) {
    ctx.error(e.loc, `'__builtin_shuffle' arguments must be vectors`);
    return errorExpr(e.loc);
  }
  if (mt.length !== ft.length || sizeOf(mt.elem) !== sizeOf(ft.elem)) {
    ctx.error(e.loc, `'__builtin_shuffle' number of elements of the argument vector(s) and the mask vector should be the same`);
    return errorExpr(e.loc);
  }
  return node(e.loc, ft, { kind: 'shuffle', first, second, mask });
}

/** `__builtin_convertvector(v, T)`: element-wise conversion to a vector type of the same length. */
export function checkConvertVector(ctx: SemaContext, loc: SourceLoc, v: TExpr, to: CType): TExpr {
  const from = unqualified(v.type);
  const target = unqualified(to);
  if (isError(from) || isError(target)) return errorExpr(loc);
  if (!isVector(from)) {
    ctx.error(loc, `'__builtin_convertvector' first argument must be an integer or floating vector`);
    return errorExpr(loc);
  }
  if (!isVector(target)) {
    ctx.error(loc, `'__builtin_convertvector' second argument must be an integer or floating vector type`);
    return errorExpr(loc);
  }
  if (from.length !== target.length) {
    ctx.error(loc, `'__builtin_convertvector' number of elements of the first argument vector and the second argument vector type should be the same`);
    return errorExpr(loc);
  }
  return node(loc, target, { kind: 'convert', operand: v });
}
