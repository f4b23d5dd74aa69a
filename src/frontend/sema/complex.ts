// Complex types (C11 6.2.5p11, 6.3.1.6-7, 6.3.1.8; GNU integer complex and
// `__real__`/`__imag__`): sema desugars every complex operation into nodes
// lowering already knows, so no later stage has a notion of "complex".
//
// Representation: `T _Complex` is a record type whose RecordInfo is shared
// per element type and marked with `complexElem`; its two members (real part
// at 0, imaginary part at sizeof(T)) give exactly the layout of 6.2.5p13
// ("an array of two elements of the corresponding real type"), and the
// calling conventions pass it as they pass such a record (lower/abi/).
//
// Input: typed expressions from check-*.ts (through hooks in
// check-binary.ts, check-expr.ts, conversions.ts, check-init.ts).
// Output: typed expressions built from `member`, `compoundLiteral`,
// `comma`, `binary`, `compare`, `logical` and `call` nodes:
//  - a complex value is made as an unnamed object initialised with its two
//    parts (a compound literal, 6.5.2.5), read as `load`;
//  - an operand read more than once is first bound to a hidden object
//    (`comma(compoundLiteral, body)`), so it is evaluated once;
//  - complex*complex and complex/complex on floating types call libgcc's
//    __mulsc3/__muldc3/__divsc3/__divdc3 (__mulxc3/__multc3… for long
//    double, by the target's format) as gcc -O0 does (Annex G NaN and
//    infinity rules); integer complex computes the textbook formulas inline.
// Invariant: every complex expression whose parts are compile-time constants
// is recorded in `constants`, so static initializers fold (6.6p7).

import type { SourceLoc } from '../../diagnostics.js';
import type { SemaContext } from './context.js';
import { castTo, commonArithmeticType, isLvalue, longDoubleConst, promotedType, rvalue } from './conversions.js';
import { ldArith, ldFromInteger, ldFromNumber, ldNegate, type LdValue, type LongDoubleFormat } from './long-double.js';
import {
  alignOf, BOOL, floatType, INT, isArithmetic, isError, isInteger, LONG, printType, sizeOf, unqualified, withQuals,
  wrapInt, type CType, type RecordInfo, type TargetInfo,
} from './types.js';
import type { FuncSym, InitEntry, TExpr, VarSym } from './typed.js';

// ---------------------------------------------------------------- the types

const infos = new Map<string, RecordInfo>();

/** `elem _Complex` for a real floating or integer type `elem`. */
export function complexType(elem: CType): CType {
  const e = unqualified(elem.kind === 'enum' ? { kind: 'int', name: elem.info.underlying, quals: 0 } : elem);
  const key = printType(e);
  let info = infos.get(key);
  if (!info) {
    const size = sizeOf(e);
    info = {
      id: -1000 - infos.size, tag: null, isUnion: false, size: 2 * size, align: alignOf(e), hasFlexibleArray: false, defLoc: null,
      members: [
        // Names no program can spell: `z.x` on a complex value stays an error.
        { name: '__real__', type: e, offset: 0, bitWidth: null, bitOffset: 0 },
        { name: '__imag__', type: e, offset: size, bitWidth: null, bitOffset: 0 },
      ],
      complexElem: e,
    };
    infos.set(key, info);
  }
  return { kind: 'record', info, quals: 0 };
}

/** The element (corresponding real) type of a complex type, or null for other types. */
export function complexElem(t: CType): CType | null {
  return t.kind === 'record' ? t.info.complexElem ?? null : null;
}

export function isComplexType(t: CType): boolean {
  return complexElem(t) !== null;
}

/** The real type a value of type `t` takes part in the usual arithmetic conversions with (6.3.1.8p1). */
function realOf(t: CType): CType {
  return complexElem(t) ?? t;
}

/** Real arithmetic or complex: the operand types complex operators accept. */
export function isArithmeticOrComplex(t: CType): boolean {
  return isArithmetic(t) || isComplexType(t);
}

// ---------------------------------------------------------------- constants

type Num = number | bigint;
/** Folded parts; for long double elements also their exact values (`re`/`im` are only the nearest doubles). */
interface ComplexConst { readonly re: Num; readonly im: Num; readonly reLd?: LdValue; readonly imLd?: LdValue }
const constants = new WeakMap<TExpr, ComplexConst>();

/**
 * The value of a constant part. Integer parts are kept unwrapped (castTo
 * leaves conversions to plain char unfolded): + - * commute with wrapping
 * modulo 2^n, so complexConstantEntries wraps once, knowing the target.
 */
function leafValue(e: TExpr): Num | null {
  if (e.kind === 'floatConst') return e.value;
  if (e.kind === 'intConst') return e.value;
  if (e.kind === 'cast' && e.isImplicit && e.type.kind === 'int' && e.operand.kind === 'intConst') return e.operand.value;
  return null;
}

function isLongDouble(t: CType): boolean {
  return t.kind === 'float' && t.name === 'ldouble';
}

/**
 * The exact long double value of a constant part: its `ld` bits, or the
 * number it holds (a double or an integer, exact in either format).
 */
function ldLeaf(e: TExpr): LdValue | null {
  if (e.kind === 'floatConst') return e.ld ?? ldFromNumber(e.value);
  const v = leafValue(e);
  return typeof v === 'bigint' ? ldFromInteger(v) : null;
}

/** The parts of a complex expression folded at compile time, or null. */
export function complexConstantOf(e: TExpr): ComplexConst | null {
  return constants.get(e) ?? null;
}

function constLeaf(loc: SourceLoc, t: CType, v: Num, target: TargetInfo | null = null, ld?: LdValue): TExpr {
  if (ld !== undefined && isLongDouble(t)) return longDoubleConst(loc, t, ld);
  if (t.kind === 'float') {
    const n = Number(v);
    return { kind: 'floatConst', loc, type: t, value: t.name === 'float' ? Math.fround(n) : n };
  }
  const asBig = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  if (target !== null && t.kind === 'int') return { kind: 'intConst', loc, type: t, value: wrapInt(asBig, t.name, target) };
  return castTo({ kind: 'intConst', loc, type: LONG, value: asBig }, t);
}

/**
 * A static initializer's entries for a complex object at `offset`: its two
 * parts as constants, or null when the value is not a constant.
 */
export function complexConstantEntries(e: TExpr, offset: number, target: TargetInfo): InitEntry[] | null {
  const elem = complexElem(e.type);
  const c = complexConstantOf(e);
  if (elem === null || c === null) return null;
  return [
    { kind: 'expr', offset, expr: constLeaf(e.loc, elem, c.re, target, c.reLd), bitField: null },
    { kind: 'expr', offset: offset + sizeOf(elem), expr: constLeaf(e.loc, elem, c.im, target, c.imLd), bitField: null },
  ];
}

// ---------------------------------------------------------------- building blocks

function hiddenObject(loc: SourceLoc, type: CType): VarSym {
  return {
    kind: 'var', name: '.complex', type, storage: 'auto', linkage: 'none', irName: '.complex', loc,
    isDefined: true, isUsed: true, explicitAlign: 0, isThreadLocal: false,
  };
}

/** A complex value of type `t` from its two parts (already of the element type). */
function make(loc: SourceLoc, t: CType, re: TExpr, im: TExpr): TExpr {
  const elem = complexElem(t)!;
  const sym = hiddenObject(loc, t);
  const entries: InitEntry[] = [
    { kind: 'expr', offset: 0, expr: re, bitField: null },
    { kind: 'expr', offset: sizeOf(elem), expr: im, bitField: null },
  ];
  const obj: TExpr = { kind: 'compoundLiteral', loc, type: t, sym, init: { type: t, entries, loc } };
  const value: TExpr = { kind: 'load', loc, type: t, operand: obj };
  const r = leafValue(re);
  const i = leafValue(im);
  if (r !== null && i !== null) {
    // Long double parts keep their exact bits: the numbers alone would round them to double.
    const reLd = isLongDouble(elem) ? ldLeaf(re) ?? undefined : undefined;
    const imLd = isLongDouble(elem) ? ldLeaf(im) ?? undefined : undefined;
    constants.set(value, { re: r, im: i, reLd, imLd });
  }
  return value;
}

function makeConst(loc: SourceLoc, t: CType, c: ComplexConst): TExpr {
  const elem = complexElem(t)!;
  return make(loc, t, constLeaf(loc, elem, c.re), constLeaf(loc, elem, c.im));
}

/** Reading `e` has no side effects and costs little: it may be repeated. */
function isRepeatable(e: TExpr): boolean {
  if (e.kind === 'intConst' || e.kind === 'floatConst') return true;
  if (constants.has(e)) return true;
  if (e.kind === 'load') return e.operand.kind === 'var';
  if (e.kind === 'addrOf') return e.operand.kind === 'var';
  return false;
}

/** Evaluates `e` once and passes `body` a repeatable expression with its value. */
function bind(e: TExpr, body: (ref: TExpr) => TExpr): TExpr {
  if (isRepeatable(e)) return body(e);
  const t = unqualified(e.type);
  const sym = hiddenObject(e.loc, t);
  const init: TExpr = {
    kind: 'compoundLiteral', loc: e.loc, type: t, sym,
    init: { type: t, entries: [{ kind: 'expr', offset: 0, expr: e, bitField: null }], loc: e.loc },
  };
  const ref: TExpr = { kind: 'load', loc: e.loc, type: t, operand: { kind: 'var', loc: e.loc, type: t, sym } };
  const result = body(ref);
  return { kind: 'comma', loc: e.loc, type: result.type, left: init, right: result };
}

/** The real (0) or imaginary (1) part of `e` as an lvalue when `e` is one, else as a member of the rvalue. */
export function partOf(e: TExpr, which: 0 | 1): TExpr {
  const t = e.type;
  if (t.kind !== 'record' || !t.info.complexElem) throw new Error('partOf: not a complex value');
  const member = t.info.members![which]!;
  const c = constants.get(e);
  if (c) return constLeaf(e.loc, t.info.complexElem, which === 0 ? c.re : c.im, null, which === 0 ? c.reLd : c.imLd);
  const base = e.kind === 'load' ? e.operand : e;
  return { kind: 'member', loc: e.loc, type: withQuals(member.type, t.quals), base, member, offset: member.offset };
}

/** The value of one part of `e`. */
function part(e: TExpr, which: 0 | 1): TExpr {
  const p = partOf(e, which);
  return p.kind === 'member' ? { kind: 'load', loc: p.loc, type: unqualified(p.type), operand: p } : p;
}

function zero(loc: SourceLoc, t: CType): TExpr {
  return constLeaf(loc, t, t.kind === 'float' ? 0 : 0n);
}

/**
 * `l op r` on parts of element type `t`, computed in the promoted type
 * (integer complex of char/short). Constant long double parts fold exactly
 * in the target's format `fmt`; without it they are left to run time.
 */
function arith(loc: SourceLoc, t: CType, op: 'add' | 'sub' | 'mul' | 'div', l: TExpr, r: TExpr, fmt?: LongDoubleFormat): TExpr {
  const p = promotedType(t);
  const lv = leafValue(l);
  const rv = leafValue(r);
  if (lv !== null && rv !== null && isLongDouble(t)) {
    const a = ldLeaf(l), b = ldLeaf(r);
    if (fmt !== undefined && a !== null && b !== null) return longDoubleConst(loc, t, ldArith(op, a, b, fmt));
  } else if (lv !== null && rv !== null && t.kind === 'float') {
    const a = Number(lv);
    const b = Number(rv);
    const v = op === 'add' ? a + b : op === 'sub' ? a - b : op === 'mul' ? a * b : a / b;
    return constLeaf(loc, t, v);
  }
  if (typeof lv === 'bigint' && typeof rv === 'bigint' && op !== 'div') {
    return constLeaf(loc, t, op === 'add' ? lv + rv : op === 'sub' ? lv - rv : lv * rv);
  }
  return castTo({ kind: 'binary', loc, type: p, op, left: castTo(l, p), right: castTo(r, p) }, t);
}

function negate(loc: SourceLoc, t: CType, x: TExpr): TExpr {
  const v = leafValue(x);
  if (v !== null && isLongDouble(t)) return longDoubleConst(loc, t, ldNegate(ldLeaf(x)!));
  if (v !== null && t.kind === 'float') return constLeaf(loc, t, -Number(v));
  if (typeof v === 'bigint') return constLeaf(loc, t, -v);
  const p = promotedType(t);
  return castTo({ kind: 'neg', loc, type: p, operand: castTo(x, p) }, t);
}

// ---------------------------------------------------------------- conversions (6.3.1.6, 6.3.1.7)

/** Converts `e` to `to` where one of the two types is complex (castTo's hook; no diagnostics). */
export function convertComplex(e: TExpr, to: CType): TExpr {
  const target = unqualified(to);
  const toElem = complexElem(target);
  const fromElem = complexElem(e.type);
  if (toElem !== null && fromElem !== null) {
    if (target.kind === 'record' && e.type.kind === 'record' && target.info === e.type.info) return e;
    return bind(e, (ref) => make(e.loc, target, castTo(part(ref, 0), toElem), castTo(part(ref, 1), toElem)));
  }
  if (toElem !== null) return make(e.loc, target, castTo(e, toElem), zero(e.loc, toElem));
  if (fromElem === null) throw new Error('convertComplex: no complex type');
  // Complex to _Bool: true when either part is nonzero (6.3.1.2); to a real type: the real part (6.3.1.7p2).
  if (target.kind === 'int' && target.name === 'bool') return castTo(complexTest(e), BOOL);
  return castTo(part(e, 0), target);
}

/** `e != 0` for a complex `e`, as an int (conditions, `!`, `&&`, `||`). */
export function complexTest(e: TExpr): TExpr {
  const c = constants.get(e);
  if (c) return { kind: 'intConst', loc: e.loc, type: INT, value: Number(c.re) !== 0 || Number(c.im) !== 0 ? 1n : 0n };
  const elem = complexElem(e.type)!;
  return bind(e, (ref) => {
    const ne = (x: TExpr): TExpr => ({ kind: 'compare', loc: e.loc, type: INT, op: 'ne', left: x, right: zero(e.loc, elem) });
    return { kind: 'logical', loc: e.loc, type: INT, op: 'or', left: ne(part(ref, 0)), right: ne(part(ref, 1)) };
  });
}

/** The type of `a op b` when either is complex (6.3.1.8p1: the common real type, made complex). */
export function complexCommonType(ctx: SemaContext, a: CType, b: CType): CType {
  return complexType(commonArithmeticType(realOf(a), realOf(b), ctx));
}

// ---------------------------------------------------------------- operators

/** `left op right` for + - * / with a complex operand; null when the operands do not allow it. */
export function complexArithmetic(
  ctx: SemaContext, loc: SourceLoc, op: 'add' | 'sub' | 'mul' | 'div', left: TExpr, right: TExpr,
): TExpr | null {
  if (!isArithmeticOrComplex(left.type) || !isArithmeticOrComplex(right.type)) return null;
  if (isError(left.type) || isError(right.type)) return null;
  const type = complexCommonType(ctx, left.type, right.type);
  const elem = complexElem(type)!;
  // A real operand stays real (Annex G.5.1): z*2.0 scales both parts.
  const conv = (e: TExpr): TExpr => castTo(e, isComplexType(e.type) ? type : elem);
  const l = conv(left);
  const r = conv(right);
  const lc = isComplexType(l.type);
  const rc = isComplexType(r.type);
  const lcst = constants.get(l);
  const rcst = constants.get(r);
  const isFloat = elem.kind === 'float';
  const re = (x: TExpr, isComplex: boolean) => (isComplex ? part(x, 0) : x);
  const im = (x: TExpr, isComplex: boolean) => (isComplex ? part(x, 1) : zero(loc, elem));
  const fmt = ctx.target.longDouble;
  if (op === 'add' || op === 'sub') {
    return bind(l, (a) => bind(r, (b) => make(loc, type,
      arith(loc, elem, op, re(a, lc), re(b, rc), fmt),
      !rc ? im(a, lc) : !lc && op === 'sub' ? negate(loc, elem, im(b, rc)) : !lc ? im(b, rc) : arith(loc, elem, op, im(a, lc), im(b, rc), fmt))));
  }
  if (op === 'mul' && (!lc || !rc)) {
    const [z, k] = lc ? [l, r] : [r, l];
    return bind(z, (a) => bind(k, (s) => make(loc, type, arith(loc, elem, 'mul', part(a, 0), s, fmt), arith(loc, elem, 'mul', part(a, 1), s, fmt))));
  }
  if (op === 'div' && !rc) {
    return bind(l, (a) => bind(r, (s) => make(loc, type, arith(loc, elem, 'div', part(a, 0), s, fmt), arith(loc, elem, 'div', part(a, 1), s, fmt))));
  }
  // Both complex (a real dividend is made complex: Annex G.5.1p3 leaves that to the implementation, gcc does this).
  const lz = lc ? l : castTo(l, type);
  // (Folding runs in doubles: long double products are left to libgcc at run time.)
  if (isFloat && !isLongDouble(elem) && (lcst || !lc) && rcst) {
    const lk = constants.get(lz);
    if (lk) return makeConst(loc, type, foldMulDiv(op, lk, rcst));
  }
  if (isFloat) return callLibgcc(ctx, loc, op, type, lz, r);
  return bind(lz, (a) => bind(r, (b) => {
    const [x, y, u, v] = [part(a, 0), part(a, 1), part(b, 0), part(b, 1)];
    const mul = (p: TExpr, q: TExpr) => arith(loc, elem, 'mul', p, q);
    if (op === 'mul') return make(loc, type, arith(loc, elem, 'sub', mul(x, u), mul(y, v)), arith(loc, elem, 'add', mul(x, v), mul(y, u)));
    return intDivide(loc, type, x, y, u, v);
  }));
}

/**
 * (x+yi)/(u+vi) for integer complex the way gcc expands it (Smith's method,
 * gcc's default "wide" complex division): divide by the larger-magnitude
 * part of the divisor first, truncating at each integer division.
 */
function intDivide(loc: SourceLoc, type: CType, x: TExpr, y: TExpr, u: TExpr, v: TExpr): TExpr {
  const elem = complexElem(type)!;
  const p = promotedType(elem);
  const op = (o: 'add' | 'sub' | 'mul' | 'div', a: TExpr, b: TExpr) => arith(loc, elem, o, a, b);
  const abs = (a: TExpr): TExpr => {
    const w = castTo(a, p);
    const isNeg: TExpr = { kind: 'compare', loc, type: INT, op: 'lt', left: w, right: zero(loc, p) };
    return { kind: 'cond', loc, type: p, cond: isNeg, then: { kind: 'neg', loc, type: p, operand: w }, else: w };
  };
  const uSmaller: TExpr = { kind: 'compare', loc, type: INT, op: 'lt', left: abs(u), right: abs(v) };
  // |u| < |v|: r = u/v, d = u*r + v, ((x*r + y) + (y*r - x)i) / d
  const small = bind(op('div', u, v), (r) => bind(op('add', op('mul', u, r), v), (d) =>
    make(loc, type, op('div', op('add', op('mul', x, r), y), d), op('div', op('sub', op('mul', y, r), x), d))));
  // otherwise: r = v/u, d = v*r + u, ((y*r + x) + (y - x*r)i) / d
  const large = bind(op('div', v, u), (r) => bind(op('add', op('mul', v, r), u), (d) =>
    make(loc, type, op('div', op('add', op('mul', y, r), x), d), op('div', op('sub', y, op('mul', x, r)), d))));
  return { kind: 'cond', loc, type, cond: uSmaller, then: small, else: large };
}

/** Constant folding of complex * and / with the textbook formulas (exact for the small values static initializers use). */
function foldMulDiv(op: 'add' | 'sub' | 'mul' | 'div', l: ComplexConst, r: ComplexConst): ComplexConst {
  const [a, b, c, d] = [Number(l.re), Number(l.im), Number(r.re), Number(r.im)];
  if (op === 'mul') return { re: a * c - b * d, im: a * d + b * c };
  const den = c * c + d * d;
  return { re: (a * c + b * d) / den, im: (b * c - a * d) / den };
}

/** `__muldc3(a, b, c, d)` and friends: libgcc's complex multiply/divide with the Annex G special cases. */
function callLibgcc(ctx: SemaContext, loc: SourceLoc, op: 'add' | 'sub' | 'mul' | 'div', type: CType, l: TExpr, r: TExpr): TExpr {
  const elem = complexElem(type)!;
  // libgcc's mode letters: SCmode, DCmode, and long double's own (XCmode or TCmode, TargetInfo.longDouble).
  const letter = elem.kind === 'float' && elem.name === 'float' ? 's' : elem.kind === 'float' && elem.name === 'ldouble' ? ctx.target.longDouble.libgccMode : 'd';
  const name = `__${op === 'mul' ? 'mul' : 'div'}${letter}c3`;
  const fnType: Extract<CType, { kind: 'function' }> = {
    kind: 'function', ret: type, isVariadic: false, hasPrototype: true, quals: 0,
    params: [0, 1, 2, 3].map(() => ({ name: null, type: elem })),
  };
  let sym = ctx.linked.get(name);
  if (!sym) {
    const fsym: FuncSym = { kind: 'func', name, type: fnType, linkage: 'external', irName: name, loc, isDefined: false, isUsed: true, isInline: false };
    ctx.linked.set(name, fsym);
    ctx.symbols.push(fsym);
    sym = fsym;
  }
  const callee: TExpr = { kind: 'decay', loc, type: { kind: 'pointer', to: fnType, quals: 0 }, operand: { kind: 'func', loc, type: fnType, sym: sym as FuncSym } };
  return bind(l, (a) => bind(r, (b) => ({
    kind: 'call', loc, type, callee, fnType, args: [part(a, 0), part(a, 1), part(b, 0), part(b, 1)],
  })));
}

/** `-z` (6.5.3.3p3) and GNU `~z` (the complex conjugate). */
export function complexUnary(loc: SourceLoc, op: 'neg' | 'conj', v: TExpr): TExpr {
  const type = unqualified(v.type);
  const elem = complexElem(type)!;
  const neg = (x: TExpr) => negate(loc, elem, x);
  return bind(v, (a) => make(loc, type, op === 'neg' ? neg(part(a, 0)) : part(a, 0), neg(part(a, 1))));
}

/** `==` / `!=` with a complex operand (6.5.9p4: equal when both parts are); null when not allowed. */
export function complexEquality(ctx: SemaContext, loc: SourceLoc, op: 'eq' | 'ne', left: TExpr, right: TExpr): TExpr | null {
  if (!isArithmeticOrComplex(left.type) || !isArithmeticOrComplex(right.type)) return null;
  const type = complexCommonType(ctx, left.type, right.type);
  const elem = complexElem(type)!;
  const l = castTo(left, type);
  const r = castTo(right, type);
  return bind(l, (a) => bind(r, (b) => {
    const cmp = (x: TExpr, y: TExpr): TExpr => {
      const p = promotedType(elem);
      return { kind: 'compare', loc, type: INT, op, left: castTo(x, p), right: castTo(y, p) };
    };
    return { kind: 'logical', loc, type: INT, op: op === 'eq' ? 'and' : 'or', left: cmp(part(a, 0), part(b, 0)), right: cmp(part(a, 1), part(b, 1)) };
  }));
}

/** An imaginary constant `2.0i` (GNU): the complex value 0 + 2.0i. */
export function imaginaryConstant(loc: SourceLoc, value: TExpr): TExpr {
  const elem = unqualified(value.type);
  return make(loc, complexType(elem), zero(loc, elem), value);
}

/** GNU `__real__ x` / `__imag__ x`: an lvalue part of a complex lvalue; of a real x, x itself or 0. */
export function realImag(loc: SourceLoc, which: 0 | 1, x: TExpr): TExpr {
  if (isComplexType(x.type)) return isLvalue(x) ? { ...partOf(x, which), loc } as TExpr : part(x, which);
  const v = rvalue(x);
  if (which === 0) return v;
  const z = zero(loc, isInteger(v.type) || v.type.kind === 'float' ? unqualified(v.type) : floatType('double'));
  return isRepeatable(v) ? z : { kind: 'comma', loc, type: z.type, left: v, right: z };
}

/** `target op= value` with a complex side: `*p = *p op value` with `p = &target` evaluated once. */
export function complexCompoundAssign(
  ctx: SemaContext, loc: SourceLoc, op: 'add' | 'sub' | 'mul' | 'div', target: TExpr, value: TExpr,
): TExpr | null {
  const type = unqualified(target.type);
  const addr: TExpr = { kind: 'addrOf', loc, type: { kind: 'pointer', to: target.type, quals: 0 }, operand: target };
  let failed = false;
  const result = bind(addr, (p) => {
    const lv: TExpr = { kind: 'deref', loc, type: target.type, operand: p };
    const cur: TExpr = { kind: 'load', loc, type, operand: lv };
    const r = complexArithmetic(ctx, loc, op, cur, value);
    if (r === null || r.kind === 'error') {
      failed = true;
      return cur;
    }
    return { kind: 'assign', loc, type, target: lv, value: castTo(r, type) };
  });
  return failed ? null : result;
}

/** GNU `++z` / `z--` on a complex lvalue: adds or subtracts 1 to the real part; postfix yields the old value. */
export function complexIncDec(ctx: SemaContext, loc: SourceLoc, isInc: boolean, isPrefix: boolean, target: TExpr): TExpr | null {
  const op = isInc ? 'add' : 'sub';
  const one: TExpr = { kind: 'intConst', loc, type: INT, value: 1n };
  if (isPrefix) return complexCompoundAssign(ctx, loc, op, target, one);
  const type = unqualified(target.type);
  const addr: TExpr = { kind: 'addrOf', loc, type: { kind: 'pointer', to: target.type, quals: 0 }, operand: target };
  return bind(addr, (p) => {
    const lv: TExpr = { kind: 'deref', loc, type: target.type, operand: p };
    return bind({ kind: 'load', loc, type, operand: lv }, (old) => {
      const next = complexArithmetic(ctx, loc, op, old, one)!;
      const store: TExpr = { kind: 'assign', loc, type, target: lv, value: castTo(next, type) };
      return { kind: 'comma', loc, type, left: store, right: old };
    });
  });
}
