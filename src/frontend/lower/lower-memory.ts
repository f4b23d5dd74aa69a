// Memory operations lowering needs besides plain loads and stores: address
// arithmetic, block copies and zero fills (struct assignment, aggregate
// initialization), bit-field extraction and insertion, and initializing an
// object from a flattened initializer.
//
// Input: IR operands (addresses as ptr). Output: IR instructions through the
// builder. Invariant: copies and fills of known size use inline 8/4/2/1-byte
// moves up to INLINE_LIMIT bytes and a call to memcpy/memset beyond.

import { floatOperand, intOperand, type IrType, type Operand } from '../../ir/ir.js';
import type { RecordMember } from '../sema/types.js';
import { sizeOf } from '../sema/types.js';
import type { InitEntry, TExpr, TInit } from '../sema/typed.js';
import type { FnLowerer } from './lower-function.js';
import { lowerValue } from './lower-expr.js';
import { isAggregateType, scalarIrType } from './ir-types.js';

const INLINE_LIMIT = 128;

/** `ptr + offset` where offset is a byte count. */
export function addOffset(fl: FnLowerer, ptr: Operand, offset: number | bigint): Operand {
  if (BigInt(offset) === 0n) return ptr;
  return fl.b.binary('add', 'ptr', ptr, intOperand(offset));
}

/** `ptr + index` where index is an i64 value (already scaled). */
export function addIndex(fl: FnLowerer, ptr: Operand, index: Operand): Operand {
  if (index.kind === 'int') return addOffset(fl, ptr, index.value);
  const asPtr = fl.b.convert('inttoptr', 'ptr', 'i64', index);
  return fl.b.binary('add', 'ptr', ptr, asPtr);
}

function chunkType(n: number): IrType {
  return n >= 8 ? 'i64' : n >= 4 ? 'i32' : n >= 2 ? 'i16' : 'i8';
}

export function copyBytes(fl: FnLowerer, dst: Operand, src: Operand, size: number): void {
  if (size > INLINE_LIMIT) {
    fl.callHelper('memcpy', [dst, src, intOperand(size)], ['ptr', 'ptr', 'i64']);
    return;
  }
  let off = 0;
  while (off < size) {
    const ty = chunkType(size - off);
    const n = ty === 'i64' ? 8 : ty === 'i32' ? 4 : ty === 'i16' ? 2 : 1;
    const v = fl.b.load(ty, addOffset(fl, src, off));
    fl.b.store(ty, v, addOffset(fl, dst, off));
    off += n;
  }
}

export function zeroBytes(fl: FnLowerer, dst: Operand, size: number): void {
  if (size > INLINE_LIMIT) {
    fl.callHelper('memset', [dst, intOperand(0), intOperand(size)], ['ptr', 'i32', 'i64']);
    return;
  }
  let off = 0;
  while (off < size) {
    const ty = chunkType(size - off);
    const n = ty === 'i64' ? 8 : ty === 'i32' ? 4 : ty === 'i16' ? 2 : 1;
    fl.b.store(ty, intOperand(0), addOffset(fl, dst, off));
    off += n;
  }
}

/** The integer type of a bit-field's storage unit: the member type's, widened when a packed field straddles it. */
function unitType(m: RecordMember): IrType {
  const bits = m.bitOffset + m.bitWidth!;
  const typeSize = sizeOf(m.type);
  const size = bits <= typeSize * 8 ? typeSize : bits <= 32 ? 4 : 8;
  // An __int128 bit-field's unit is the whole 16 bytes (one i128 value).
  return size === 16 ? 'i128' : chunkType(size);
}

function bitsOf(ty: IrType): bigint {
  return ty === 'i128' ? 128n : ty === 'i64' ? 64n : ty === 'i32' ? 32n : ty === 'i16' ? 16n : 8n;
}

/** Reads a bit-field (SysV/AAPCS64 bit order: the first field in the low bits); returns a value of the member's IR type. */
export function loadBitField(fl: FnLowerer, addr: Operand, m: RecordMember, isSigned: boolean): Operand {
  const b = fl.b;
  const unit = unitType(m);
  const ubits = bitsOf(unit);
  const width = BigInt(m.bitWidth!);
  const off = BigInt(m.bitOffset);
  let v = b.load(unit, addr);
  if (isSigned) {
    const left = ubits - off - width;
    if (left > 0n) v = b.binary('shl', unit, v, intOperand(left));
    if (ubits - width > 0n) v = b.binary('ashr', unit, v, intOperand(ubits - width));
  } else {
    if (off > 0n) v = b.binary('lshr', unit, v, intOperand(off));
    if (width < ubits) v = b.binary('and', unit, v, intOperand((1n << width) - 1n));
  }
  return resize(fl, v, unit, scalarIrType(m.type), isSigned);
}

/**
 * The value a bit-field holds after `value` (of the member's IR type) is
 * stored into it: truncated to the field's width, then sign- or zero-extended
 * back. C11 6.5.16p3: an assignment expression has the value of the left
 * operand after the assignment, so `(s.m = 1081) == 1081` is false for an
 * 11-bit signed field.
 */
export function bitFieldValue(fl: FnLowerer, m: RecordMember, value: Operand, isSigned: boolean): Operand {
  const ty = scalarIrType(m.type);
  const tbits = bitsOf(ty);
  const width = BigInt(m.bitWidth!);
  if (width >= tbits) return value;
  if (!isSigned) return fl.b.binary('and', ty, value, intOperand((1n << width) - 1n));
  const shifted = fl.b.binary('shl', ty, value, intOperand(tbits - width));
  return fl.b.binary('ashr', ty, shifted, intOperand(tbits - width));
}

/** Writes `value` (of the member's IR type) into a bit-field, keeping the neighbouring bits. */
export function storeBitField(fl: FnLowerer, addr: Operand, m: RecordMember, value: Operand): void {
  const b = fl.b;
  const unit = unitType(m);
  const ubits = bitsOf(unit);
  const width = BigInt(m.bitWidth!);
  const off = BigInt(m.bitOffset);
  const mask = ((1n << width) - 1n) << off;
  const keepMask = BigInt.asIntN(Number(ubits), ~mask);
  let v = resize(fl, value, scalarIrType(m.type), unit, false);
  v = b.binary('and', unit, v, intOperand((1n << width) - 1n));
  if (off > 0n) v = b.binary('shl', unit, v, intOperand(off));
  if (width === ubits) {
    b.store(unit, v, addr);
    return;
  }
  const old = b.load(unit, addr);
  const kept = b.binary('and', unit, old, intOperand(keepMask));
  b.store(unit, b.binary('or', unit, kept, v), addr);
}

function resize(fl: FnLowerer, v: Operand, from: IrType, to: IrType, isSigned: boolean): Operand {
  if (from === to) return v;
  if (v.kind === 'int') return v;
  if (bitsOf(to) < bitsOf(from)) return fl.b.convert('trunc', to, from, v);
  return fl.b.convert(isSigned ? 'sext' : 'zext', to, from, v);
}

/** Initialises the object at `addr` from a flattened initializer (zero first unless the entries cover it). */
export function initObject(fl: FnLowerer, addr: Operand, init: TInit): void {
  const size = sizeOf(init.type);
  const isSingleScalar = init.entries.length === 1 && init.entries[0]!.kind === 'expr' && init.entries[0]!.offset === 0 &&
    init.entries[0]!.bitField === null && !isAggregateType(init.type);
  const isWholeCopy = init.entries.length === 1 && init.entries[0]!.kind === 'expr' && init.entries[0]!.offset === 0 &&
    sizeOf(init.entries[0]!.expr.type) === size;
  const isZeroFilled = !isSingleScalar && !isWholeCopy && !coversWholeObject(init, size);
  if (isZeroFilled) zeroBytes(fl, addr, size);
  for (const e of init.entries) {
    // Explicit zeros add nothing to a zero-filled object.
    if (isZeroFilled && e.kind === 'expr' && isZeroConstant(e.expr)) continue;
    if (e.kind === 'run') {
      storeRun(fl, addr, e, isZeroFilled);
      continue;
    }
    const at = addOffset(fl, addr, e.offset);
    if (e.kind === 'string') {
      const ty = chunkType(e.unitSize);
      e.units.forEach((u, i) => fl.b.store(ty, intOperand(u), addOffset(fl, at, i * e.unitSize)));
      continue;
    }
    const t = e.expr.type;
    const v = lowerValue(fl, e.expr);
    if (isAggregateType(t) || (t.kind === 'float' && t.name === 'ldouble')) {
      copyBytes(fl, at, v, sizeOf(t));
    } else if (e.bitField) {
      storeBitField(fl, at, e.bitField, v);
    } else {
      fl.b.store(scalarIrType(t), v, at);
    }
  }
}

/** A constant run's elements as stores of constants (zeros left out when the object was zero-filled). */
function storeRun(fl: FnLowerer, addr: Operand, e: Extract<InitEntry, { kind: 'run' }>, isZeroFilled: boolean): void {
  const ty = scalarIrType(e.elemType);
  const size = sizeOf(e.elemType);
  const isFloat = e.elemType.kind === 'float';
  e.values.forEach((v, i) => {
    if (isZeroFilled && Object.is(v, 0)) return;
    const value = isFloat ? floatOperand(size === 4 ? Math.fround(v) : v) : intOperand(v);
    fl.b.store(ty, value, addOffset(fl, addr, e.offset + i * size));
  });
}

function isZeroConstant(e: TExpr): boolean {
  return (e.kind === 'intConst' && e.value === 0n) || (e.kind === 'floatConst' && Object.is(e.value, 0));
}

/** Do the entries write every byte of the object (so no zero fill is needed)? Bit-fields and strings count conservatively. */
function coversWholeObject(init: TInit, size: number): boolean {
  if (size > 256) return false;
  const covered = new Uint8Array(size);
  for (const e of init.entries) {
    if (e.kind === 'string') {
      // Only the literal's own units are stored; the zeros after them come from the fill.
      covered.fill(1, e.offset, Math.min(size, e.offset + e.units.length * e.unitSize));
      continue;
    }
    if (e.kind === 'run') {
      covered.fill(1, e.offset, e.offset + e.values.length * sizeOf(e.elemType));
      continue;
    }
    if (e.bitField) return false;
    covered.fill(1, e.offset, e.offset + sizeOf(e.expr.type));
  }
  return covered.every((b) => b === 1);
}
