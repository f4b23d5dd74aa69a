// The System V AMD64 calling convention (psABI §3.2.3 "Parameter Passing",
// §3.5.7 "Variable Argument Lists") as the frontend sees it: the
// classification of aggregates into eightbytes, long double as the x87
// 80-bit format (§3.1.2), the hidden result pointer, and va_arg.
//
// Classification of an aggregate passed or returned by value:
//  - larger than 16 bytes → MEMORY;
//  - a member not at an offset aligned to its type (packed records) → MEMORY;
//  - long double members (class X87) → MEMORY, as for arguments;
//  - each eightbyte merges the classes of the scalar leaves overlapping it:
//    INTEGER wins over SSE (integers, pointers, enums, bit-fields are
//    INTEGER; float and double are SSE); an eightbyte holding only padding
//    counts as INTEGER (gcc never sees such types in practice);
//  - GNU vectors (§3.2.3 treats __m64/__m128 as SSE and SSE+SSEUP): a
//    vector of 8 bytes is one SSE eightbyte, of 16 bytes SSE then SSEUP
//    (one whole xmm register), of 4 bytes or less its elements' class
//    (gcc passes them in general registers); larger ones are MEMORY without
//    AVX, as gcc does ("AVX vector argument without AVX enabled changes the
//    ABI"). SSEUP merged with anything else degrades: INTEGER wins, else SSE.
// __int128 (§3.2.3: "treated as if it were struct { long low, high; }",
// aligned 16 in memory and on the stack) is two INTEGER eightbytes, low
// first: rdi…r9 or the stack as a unit, returned in rax (low) and rdx.
// In the IR an INTEGER eightbyte is an 'i64' piece, SSE an 'f64', SSEUP an
// 'up'; X87 results (long double, and a struct that is only one) are the
// 'ldouble' piece, which the backend returns in %st0 (a complex long double,
// COMPLEX_X87, is two of them: %st0 and %st1). MEMORY arguments are
// 'byval' (the backend copies them to the stack); a MEMORY result goes
// through the hidden pointer in %rdi, returned again in %rax.

import { unreachable } from '../../../diagnostics.js';
import { intOperand, type IrType, type Operand, type RegPiece } from '../../../ir/ir.js';
import { alignOf, sizeOf, type CType, type TargetInfo } from '../../sema/types.js';
import type { LongDoubleFormat } from '../../sema/long-double.js';
import { irTypeOf, isAggregateType } from '../ir-types.js';
import type { FnLowerer } from '../lower-function.js';
import { addIndex, addOffset } from '../lower-memory.js';
import type { CallingConvention, ParamShape, ReturnShape } from './convention.js';
import { isLongDouble } from '../lower-long-double.js';
import { complexElem } from '../../sema/complex.js';

type AbiClass = 'int' | 'sse' | 'sseup';

type AggregateAbi =
  | { readonly kind: 'regs'; readonly classes: readonly AbiClass[] }
  | { readonly kind: 'memory' }
  | { readonly kind: 'empty' };

type Slot = AbiClass | 'none';

function classifyAggregate(t: CType): AggregateAbi {
  const size = sizeOf(t);
  if (size === 0) return { kind: 'empty' };
  if (size > 16) return { kind: 'memory' };
  const slots: Slot[] = size > 8 ? ['none', 'none'] : ['none'];
  if (!classifyInto(t, 0, slots)) return { kind: 'memory' };
  const classes = slots.map((c): AbiClass => (c === 'none' ? 'int' : c));
  // §3.2.3 post-merger: SSEUP not preceded by SSE becomes SSE.
  if (classes[1] === 'sseup' && classes[0] !== 'sse') classes[1] = 'sse';
  return { kind: 'regs', classes };
}

/** Merges the classes of `t`'s scalar leaves at byte `offset` into `slots`; false means MEMORY. */
function classifyInto(t: CType, offset: number, slots: Slot[]): boolean {
  switch (t.kind) {
    case 'record': {
      for (const m of t.info.members ?? []) {
        // A flexible array member adds no bytes to pass (§3.2.3 ignores it via the size).
        if (m.type.kind === 'array' && m.type.length === null) continue;
        if (m.bitWidth !== null) {
          if (m.bitWidth > 0) merge(slots, offset + m.offset, 'int');
          continue;
        }
        if (m.offset % Math.max(alignOf(m.type), 1) !== 0) return false;
        if (!classifyInto(m.type, offset + m.offset, slots)) return false;
      }
      return true;
    }
    case 'array': {
      const n = t.length ?? 0;
      const elemSize = sizeOf(t.elem);
      for (let i = 0; i < n; i++) {
        if (!classifyInto(t.elem, offset + i * elemSize, slots)) return false;
      }
      return true;
    }
    case 'float':
      if (t.name === 'ldouble') return false;
      merge(slots, offset, 'sse');
      return true;
    case 'int': case 'enum': case 'pointer':
      merge(slots, offset, 'int');
      return true;
    case 'vector': {
      const size = sizeOf(t);
      if (size > 16) return false;
      if (size <= 4) return classifyInto({ kind: 'array', elem: t.elem, length: t.length, isVla: false, quals: 0 }, offset, slots);
      if (offset % size !== 0) return false;
      merge(slots, offset, 'sse');
      if (size === 16) merge(slots, offset + 8, 'sseup');
      return true;
    }
    case 'function': case 'void': case 'error':
      return true;
  }
}

function merge(slots: Slot[], offset: number, c: AbiClass): void {
  const i = Math.floor(offset / 8);
  if (i >= slots.length) return;
  const old = slots[i]!;
  slots[i] = old === 'none' ? c : old === 'int' || c === 'int' ? 'int' : old === c ? c : 'sse';
}

const PIECE_OF: Readonly<Record<AbiClass, RegPiece>> = { int: 'i64', sse: 'f64', sseup: 'up' };

/**
 * A struct or union that is one long double (every member a long double at
 * offset 0, or such an aggregate, or an array of one): its eightbytes
 * classify X87, X87UP, so it is returned in %st0 like a long double
 * (§3.2.3, returning step 5), though passed in memory.
 */
function isLoneLongDouble(t: CType): boolean {
  if (isLongDouble(t)) return true;
  if (t.kind === 'array') return t.length === 1 && isLoneLongDouble(t.elem);
  if (t.kind !== 'record' || t.info.size !== 16) return false;
  const members = t.info.members ?? [];
  return members.length > 0 && members.every((m) => m.offset === 0 && m.bitWidth === null && isLoneLongDouble(m.type));
}

/** §3.2.3: __int128 passes as two INTEGER eightbytes, 16-aligned when on the stack. */
const INT128_PIECES: ParamShape = { kind: 'pieces', pieces: ['i64', 'i64'], align: 16 };

function paramShape(t: CType): ParamShape {
  const ty = irTypeOf(t);
  if (ty === 'i128') return INT128_PIECES;
  if (ty !== null) return { kind: 'scalar', ty };
  if (isLongDouble(t)) return { kind: 'byval' }; // class X87: in memory (§3.2.3)
  if (!isAggregateType(t)) return { kind: 'scalar', ty: 'ptr' };
  const c = classifyAggregate(t);
  switch (c.kind) {
    case 'regs': return { kind: 'pieces', pieces: c.classes.map((cl) => PIECE_OF[cl]) };
    case 'memory': return { kind: 'byval' };
    case 'empty': return { kind: 'empty' };
  }
}

function returnShape(t: CType): ReturnShape {
  // §3.2.3: class X87 is returned in %st0, COMPLEX_X87 in %st0 and %st1.
  if (isLongDouble(t) || isLoneLongDouble(t)) return { kind: 'pieces', pieces: ['ldouble'] };
  const elem = complexElem(t);
  if (elem !== null && isLongDouble(elem)) return { kind: 'pieces', pieces: ['ldouble', 'ldouble'] };
  if (irTypeOf(t) === 'i128') return { kind: 'pieces', pieces: ['i64', 'i64'] };
  if (!isAggregateType(t)) return { kind: 'scalar', ty: irTypeOf(t) ?? 'void' };
  const c = classifyAggregate(t);
  switch (c.kind) {
    // MEMORY: the caller's buffer address arrives in %rdi and goes back in %rax.
    case 'memory': return { kind: 'sret', isReturned: true };
    case 'regs': return { kind: 'pieces', pieces: c.classes.map((cl) => PIECE_OF[cl]) };
    case 'empty': return { kind: 'scalar', ty: 'void' };
    default: return unreachable(c, 'aggregate classification');
  }
}

// ---------------------------------------------------------------- va_arg (§3.5.7)
//
//   typedef struct { unsigned gp_offset;        // +0: next rdi…r9 slot, 0..48
//                    unsigned fp_offset;        // +4: next xmm slot, 48..176
//                    void *overflow_arg_area;   // +8: next stack argument
//                    void *reg_save_area; }     // +16: rdi…r9, then xmm0–7 (16 bytes each)
//           va_list[1];
//
// va_start is the IR `vastart` (the backend fills the register save area
// and the four fields); va_arg below reads registers while the save area
// has room for the whole value, else the overflow area. An aggregate's
// result is the address of its bytes: the overflow area itself, or a padded
// temporary gathered from the register save area.

const GP_OFFSET = 0;
const FP_OFFSET = 4;
const OVERFLOW_ARG_AREA = 8;
const REG_SAVE_AREA = 16;
/** Bytes of general-purpose registers in the save area (6 × 8). */
const GP_BYTES = 48;
/** End of the vector register part of the save area (48 + 8 × 16). */
const FP_END = 176;

function lowerVaArg(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const b = fl.b;
  const scalar = irTypeOf(t);
  // long double (class X87) always comes from the overflow area, 16-byte aligned (§3.5.7).
  if (t.kind === 'float' && t.name === 'ldouble') return overflowAddress(fl, ap, t);
  let classes: readonly AbiClass[];
  if (scalar === 'i128') {
    classes = ['int', 'int'];
  } else if (scalar !== null) {
    classes = [scalar === 'f32' || scalar === 'f64' ? 'sse' : 'int'];
  } else {
    const c = classifyAggregate(t);
    if (c.kind !== 'regs') return fromOverflow(fl, ap, t);
    classes = c.classes;
  }
  const needInt = classes.filter((c) => c === 'int').length;
  // An SSEUP eightbyte is the upper half of the previous SSE register's 16-byte save slot.
  const needSse = classes.filter((c) => c === 'sse').length;
  const gp = b.load('i32', addOffset(fl, ap, GP_OFFSET));
  const fp = b.load('i32', addOffset(fl, ap, FP_OFFSET));
  let fits: Operand | null = null;
  if (needInt > 0) fits = b.compare('icmp', 'ule', 'i32', gp, intOperand(GP_BYTES - 8 * needInt));
  if (needSse > 0) {
    const fpFits = b.compare('icmp', 'ule', 'i32', fp, intOperand(FP_END - 16 * needSse));
    fits = fits === null ? fpFits : b.binary('and', 'i32', fits, fpFits);
  }
  const inRegs = b.newBlock();
  const onStack = b.newBlock();
  const join = b.newBlock();
  const addr = b.addParam(join, 'ptr');
  b.br(fits!, inRegs, onStack);

  b.setBlock(inRegs);
  const rsa = b.load('ptr', addOffset(fl, ap, REG_SAVE_AREA));
  const at = (off: Operand) => addIndex(fl, rsa, b.convert('zext', 'i64', 'i32', off));
  let regAddr: Operand;
  if (scalar !== null) {
    regAddr = at(needInt > 0 ? gp : fp);
  } else {
    // The eightbytes sit apart (general and vector parts): gather them.
    regAddr = b.slot(Math.max(8, Math.ceil(sizeOf(t) / 8) * 8), Math.max(8, alignOf(t)));
    let ints = 0;
    let sses = 0;
    classes.forEach((c, k) => {
      const ty: IrType = c === 'int' ? 'i64' : 'f64';
      const src = c === 'int'
        ? addOffset(fl, at(gp), 8 * ints++)
        : c === 'sseup' ? addOffset(fl, at(fp), 16 * (sses - 1) + 8)
        : addOffset(fl, at(fp), 16 * sses++);
      b.store(ty, b.load(ty, src), addOffset(fl, regAddr, 8 * k));
    });
  }
  if (needInt > 0) b.store('i32', b.binary('add', 'i32', gp, intOperand(8 * needInt)), addOffset(fl, ap, GP_OFFSET));
  if (needSse > 0) b.store('i32', b.binary('add', 'i32', fp, intOperand(16 * needSse)), addOffset(fl, ap, FP_OFFSET));
  b.jmp(join, [regAddr]);

  b.setBlock(onStack);
  b.jmp(join, [overflowAddress(fl, ap, t)]);

  b.setBlock(join);
  const result: Operand = { kind: 'value', id: addr };
  return scalar !== null ? b.load(scalar, result) : result;
}

/** A value passed on the stack: its address in the overflow area. */
function fromOverflow(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const a = overflowAddress(fl, ap, t);
  const scalar = irTypeOf(t);
  return scalar !== null ? fl.b.load(scalar, a) : a;
}

/** overflow_arg_area, aligned to 16 for types aligned beyond 8, then advanced past the value's eightbytes. */
function overflowAddress(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const b = fl.b;
  const slot = addOffset(fl, ap, OVERFLOW_ARG_AREA);
  let area = b.load('ptr', slot);
  if (alignOf(t) > 8) {
    const raw = b.convert('ptrtoint', 'i64', 'ptr', area);
    const rounded = b.binary('and', 'i64', b.binary('add', 'i64', raw, intOperand(15)), intOperand(-16));
    area = b.convert('inttoptr', 'ptr', 'i64', rounded);
  }
  b.store('ptr', addOffset(fl, area, Math.ceil(sizeOf(t) / 8) * 8), slot);
  return area;
}

/** The x87 80-bit extended format (§3.1.2: long double, 16 bytes, 16-aligned), computed by x87 instructions. */
const X87_EXTENDED: LongDoubleFormat = { precision: 64, hasExplicitIntegerBit: true, arithmetic: 'ir', libgccMode: 'x' };

/** §3.1.2: plain char is signed; §3.5.7: va_list is an array of one 24-byte __va_list_tag. */
const target: TargetInfo = {
  name: 'x86_64', isCharSigned: true, vaList: { tag: '__va_list_tag', size: 24, isArray: true }, longDouble: X87_EXTENDED,
};

export const sysvX64: CallingConvention = { name: 'sysv-x64', target, paramShape, returnShape, lowerVaArg };
