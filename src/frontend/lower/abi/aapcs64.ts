// The Procedure Call Standard for the Arm 64-bit Architecture (AAPCS64,
// 2023Q3) for Linux, as the frontend sees it: homogeneous aggregates,
// composites in general registers or by reference, the indirect result
// address (x8), plain char unsigned and long double as IEEE binary128
// (§10.1), and va_arg over the AAPCS64 va_list (appendix B).
//
// Classification (§5.9, §6.8.2 stages B and C):
//  - float, double: one IR value (the backend puts it in the next v register);
//    long double (quad precision) and 16-byte short vectors: one whole
//    q register, i.e. the pieces 'f64' 'up'; 8-byte short vectors 'f64';
//  - a Homogeneous Floating-point or Short-Vector Aggregate (HFA/HVA,
//    §5.9.5: one to four members, all of one floating-point type or one
//    short-vector size, counted through nested records, unions and arrays,
//    with no padding) travels in consecutive v registers, one per member
//    (all in registers or all on the stack, C.2/C.3);
//  - any other composite of at most 16 bytes travels in one or two general
//    registers ('i64' pieces of its padded copy, C.10), an even-numbered
//    first one when 16-aligned (C.8: `align 16`);
//  - a larger composite is passed by reference to a copy the caller makes
//    (B.4), and returned through memory whose address the caller passes in
//    x8 (§6.9; the callee need not return it);
//  - an empty GNU struct takes no register (as gcc);
//  - __int128 (a quad-word integer, 16-aligned, §5.1) is two general
//    registers starting at an even one (C.8, C.9: x0–x7), else the stack at
//    a 16-aligned address; returned in x0 (low) and x1.
// Variadic arguments travel exactly as named ones do (Linux; not Apple's).
// gcc 12 (the cross compiler the tests compare with) ignores zero-width
// bit-fields when it looks for homogeneous aggregates, and so do we.

import { intOperand, type Operand, type RegPiece } from '../../../ir/ir.js';
import { alignOf, sizeOf, type CType, type TargetInfo } from '../../sema/types.js';
import type { LongDoubleFormat } from '../../sema/long-double.js';
import { irTypeOf, isAggregateType } from '../ir-types.js';
import type { FnLowerer } from '../lower-function.js';
import { addIndex, addOffset, copyBytes } from '../lower-memory.js';
import type { CallingConvention, ParamShape, ReturnShape } from './convention.js';

/** The fundamental type of a homogeneous aggregate's members (§5.9.5): a floating-point type or a short vector size. */
type HaBase = 'f32' | 'f64' | 'f128' | 'v8' | 'v16';

const BASE_BYTES: Readonly<Record<HaBase, number>> = { f32: 4, f64: 8, f128: 16, v8: 8, v16: 16 };
const BASE_PIECES: Readonly<Record<HaBase, readonly RegPiece[]>> = { f32: ['f32'], f64: ['f64'], f128: ['f64', 'up'], v8: ['f64'], v16: ['f64', 'up'] };
const MAX_MEMBERS = 4;

/** The floating-point or short-vector type `t` is, if it is one (§5.1, §5.4). */
function fundamentalVfp(t: CType): HaBase | null {
  if (t.kind === 'float') return t.name === 'float' ? 'f32' : t.name === 'double' ? 'f64' : 'f128';
  if (t.kind === 'vector') {
    const size = sizeOf(t);
    return size === 8 ? 'v8' : size === 16 ? 'v16' : null;
  }
  return null;
}

/** Members of `t` as a candidate homogeneous aggregate: count 0 for no members, null when it cannot be one. */
function haMembers(t: CType): { readonly base: HaBase | null; readonly count: number } | null {
  const base = fundamentalVfp(t);
  if (base !== null) return { base, count: 1 };
  switch (t.kind) {
    case 'array': {
      if (t.length === null || t.isVla) return null;
      const elem = haMembers(t.elem);
      return elem === null ? null : { base: elem.base, count: elem.count * t.length };
    }
    case 'record': {
      let common: HaBase | null = null;
      let count = 0;
      for (const m of t.info.members ?? []) {
        if (m.bitWidth === 0) continue; // gcc ≥ 12: zero-width bit-fields do not count
        if (m.bitWidth !== null) return null;
        if (m.type.kind === 'array' && m.type.length === null) return null; // a flexible array member
        const sub = haMembers(m.type);
        if (sub === null) return null;
        if (sub.count === 0) continue;
        if (common !== null && sub.base !== common) return null;
        common = sub.base;
        count = t.info.isUnion ? Math.max(count, sub.count) : count + sub.count;
      }
      return { base: common, count };
    }
    default:
      return null;
  }
}

/** `t` as a homogeneous aggregate (or a lone floating-point/short-vector value): its base and member count. */
export function homogeneousAggregate(t: CType): { readonly base: HaBase; readonly count: number } | null {
  const ha = haMembers(t);
  if (ha === null || ha.base === null || ha.count < 1 || ha.count > MAX_MEMBERS) return null;
  // No padding: the members fill the type exactly.
  if (sizeOf(t) !== ha.count * BASE_BYTES[ha.base]) return null;
  return { base: ha.base, count: ha.count };
}

function haPieces(ha: { readonly base: HaBase; readonly count: number }): RegPiece[] {
  return Array.from({ length: ha.count }, () => BASE_PIECES[ha.base]).flat();
}

/** Alignment above 8 travels on the piece group (stack placement, C.8's even register pair). */
function withAlign(pieces: readonly RegPiece[], t: CType): ParamShape {
  const align = Math.min(alignOf(t), 16);
  return align > 8 ? { kind: 'pieces', pieces, align } : { kind: 'pieces', pieces };
}

type Passing =
  | { readonly kind: 'vfp'; readonly ha: { readonly base: HaBase; readonly count: number } }
  | { readonly kind: 'gpr'; readonly words: number }
  | { readonly kind: 'indirect' }
  | { readonly kind: 'empty' };

/** Where a value that is not an integer, pointer, float or double goes (§6.8.2). */
function classify(t: CType): Passing {
  const ha = homogeneousAggregate(t);
  if (ha !== null) return { kind: 'vfp', ha };
  const size = sizeOf(t);
  if (size === 0) return { kind: 'empty' };
  if (size > 16) return { kind: 'indirect' };
  return { kind: 'gpr', words: Math.ceil(size / 8) };
}

function paramShape(t: CType): ParamShape {
  const ty = irTypeOf(t);
  if (ty === 'i128') return { kind: 'pieces', pieces: ['i64', 'i64'], align: 16 };
  if (ty !== null) return { kind: 'scalar', ty };
  if (!isAggregateType(t) && !(t.kind === 'float')) return { kind: 'scalar', ty: 'ptr' };
  const c = classify(t);
  switch (c.kind) {
    case 'vfp': return withAlign(haPieces(c.ha), t);
    case 'gpr': return withAlign(c.words === 1 ? ['i64'] : ['i64', 'i64'], t);
    case 'indirect': return { kind: 'indirect' };
    case 'empty': return { kind: 'empty' };
  }
}

function returnShape(t: CType): ReturnShape {
  if (irTypeOf(t) === 'i128') return { kind: 'pieces', pieces: ['i64', 'i64'] };
  if (!isAggregateType(t) && !(t.kind === 'float' && t.name === 'ldouble')) return { kind: 'scalar', ty: irTypeOf(t) ?? 'void' };
  const c = classify(t);
  switch (c.kind) {
    case 'vfp': return { kind: 'pieces', pieces: haPieces(c.ha) };
    case 'gpr': return { kind: 'pieces', pieces: c.words === 1 ? ['i64'] : ['i64', 'i64'] };
    // §6.9: the caller passes the result's address in x8; it does not come back.
    case 'indirect': return { kind: 'sret', isReturned: false };
    case 'empty': return { kind: 'scalar', ty: 'void' };
  }
}

// ---------------------------------------------------------------- va_arg (appendix B)
//
//   typedef struct { void *__stack;     // +0: next stacked argument
//                    void *__gr_top;    // +8: end of the general register save area
//                    void *__vr_top;    // +16: end of the FP/SIMD register save area
//                    int __gr_offs;     // +24: -(unread general registers × 8), ≥ 0 once exhausted
//                    int __vr_offs; }   // +28: -(unread v registers × 16), ≥ 0 once exhausted
//           va_list;
//
// va_start is the IR `vastart`; va_arg (B.4) takes the value from the save
// area while its register class has room for all of it, else from the
// stack. A homogeneous aggregate's members sit 16 bytes apart in the v
// register save area and are gathered into a temporary.

const STACK = 0;
const GR_TOP = 8;
const VR_TOP = 16;
const GR_OFFS = 24;
const VR_OFFS = 28;

function lowerVaArg(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const b = fl.b;
  const scalar = irTypeOf(t);
  const c: Passing = scalar === 'f32' || scalar === 'f64'
    ? { kind: 'vfp', ha: { base: scalar, count: 1 } }
    : scalar !== null ? { kind: 'gpr', words: scalar === 'i128' ? 2 : 1 } : classify(t);
  if (c.kind === 'empty') return fl.temp(t);
  const isIndirect = c.kind === 'indirect';
  const inVfp = c.kind === 'vfp';
  // The bytes va_arg reads: the value, or for an indirect one the pointer to it.
  const size = isIndirect ? 8 : sizeOf(t);
  const align = isIndirect ? 8 : Math.min(alignOf(t), 16);
  const offsField = inVfp ? VR_OFFS : GR_OFFS;
  const regBytes = inVfp ? 16 * c.ha.count : Math.ceil(size / 8) * 8;

  const tryRegs = b.newBlock();
  const inRegs = b.newBlock();
  const onStack = b.newBlock();
  const join = b.newBlock();
  const addr = b.addParam(join, 'ptr');
  const offs = b.load('i32', addOffset(fl, ap, offsField));
  b.br(b.compare('icmp', 'sge', 'i32', offs, intOperand(0)), onStack, tryRegs);

  b.setBlock(tryRegs);
  // A 16-aligned value in general registers starts at an even register (C.8).
  const start = !inVfp && align > 8 ? b.binary('and', 'i32', b.binary('add', 'i32', offs, intOperand(15)), intOperand(-16)) : offs;
  const next = b.binary('add', 'i32', start, intOperand(regBytes));
  b.store('i32', next, addOffset(fl, ap, offsField));
  b.br(b.compare('icmp', 'sgt', 'i32', next, intOperand(0)), onStack, inRegs);

  b.setBlock(inRegs);
  const top = b.load('ptr', addOffset(fl, ap, inVfp ? VR_TOP : GR_TOP));
  let regAddr = addIndex(fl, top, b.convert('sext', 'i64', 'i32', start));
  if (c.kind === 'vfp' && c.ha.count > 1) {
    // Members of a homogeneous aggregate: one 16-byte register slot each, gathered.
    const member = BASE_BYTES[c.ha.base];
    const tmp = fl.temp(t);
    for (let k = 0; k < c.ha.count; k++) copyBytes(fl, addOffset(fl, tmp, k * member), addOffset(fl, regAddr, 16 * k), member);
    regAddr = tmp;
  }
  b.jmp(join, [regAddr]);

  b.setBlock(onStack);
  let stack = b.load('ptr', addOffset(fl, ap, STACK));
  if (align > 8) {
    const raw = b.convert('ptrtoint', 'i64', 'ptr', stack);
    stack = b.convert('inttoptr', 'ptr', 'i64', b.binary('and', 'i64', b.binary('add', 'i64', raw, intOperand(15)), intOperand(-16)));
  }
  b.store('ptr', addOffset(fl, stack, Math.ceil(size / 8) * 8), addOffset(fl, ap, STACK));
  b.jmp(join, [stack]);

  b.setBlock(join);
  const at: Operand = { kind: 'value', id: addr };
  if (isIndirect) return b.load('ptr', at);
  return scalar !== null ? b.load(scalar, at) : at;
}

/** §10.1: long double is IEEE binary128 (quad precision), computed by libgcc's soft-float routines as gcc does. */
const BINARY128: LongDoubleFormat = { precision: 113, hasExplicitIntegerBit: false, arithmetic: 'libgcc', libgccMode: 't' };

/** §10.1.3: plain char is unsigned; B.3: va_list is a 32-byte struct __va_list, passed like any composite. */
const target: TargetInfo = {
  name: 'aarch64', isCharSigned: false, vaList: { tag: '__va_list', size: 32, isArray: false }, longDouble: BINARY128,
};

export const aapcs64: CallingConvention = { name: 'aapcs64', target, paramShape, returnShape, lowerVaArg };
