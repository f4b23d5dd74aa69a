// Objects with static storage duration (C11 6.2.4p3) as IR globals: file-
// scope objects, static locals, static compound literals and string
// literals, with their initial bytes.
//
// Input: TGlobal records (their initializers are constants: sema checked)
// and string literal expressions met while lowering code. Output: GlobalVar
// values with DataItem lists (bytes, zero runs, 8-byte `addr` items).
// Invariants: string literals with the same bytes share one `.str.N`
// rodata global; an initializer's items add up exactly to the object's size.

import { ldFromInteger, ldFromNumber, longDoubleBytes } from '../sema/long-double.js';
import { assert, InternalCompilerError } from '../../diagnostics.js';
import { sizeOfType, type DataItem, type GlobalVar } from '../../ir/ir.js';
import { evalConst, type AddrBase } from '../sema/const-eval.js';
import { alignOf, isConst, isInteger, sizeOf, type CType, type TargetInfo } from '../sema/types.js';
import type { TGlobal, TInit } from '../sema/typed.js';

/** Rodata globals for string literals, deduplicated by content. */
export class StringPool {
  private readonly names = new Map<string, string>();
  readonly globals: GlobalVar[] = [];

  nameFor(units: readonly number[], unitSize: number): string {
    const key = contentKey(units, unitSize);
    let name = this.names.get(key);
    if (name === undefined) {
      name = `.str.${this.names.size}`;
      this.names.set(key, name);
      const bytes = new Uint8Array((units.length + 1) * unitSize);
      const view = new DataView(bytes.buffer);
      if (unitSize === 1) for (let i = 0; i < units.length; i++) bytes[i] = units[i]! & 0xff;
      else units.forEach((u, i) => writeUnit(view, i * unitSize, u, unitSize));
      this.globals.push({ name, linkage: 'local', size: bytes.length, align: unitSize, isConst: true, init: [{ kind: 'bytes', bytes }] });
    }
    return name;
  }
}

/**
 * A string naming a literal's units exactly: one UTF-16 code unit per unit
 * of 1 or 2 bytes, two per 4-byte unit, built a chunk at a time (a 10 MB
 * literal gives a 10M-character key, where joining decimals gave 30M).
 */
function contentKey(units: readonly number[], unitSize: number): string {
  const parts: string[] = [String(unitSize), ':'];
  const chunk = 8192;
  for (let i = 0; i < units.length; i += chunk) {
    const codes: number[] = [];
    for (let k = i; k < Math.min(units.length, i + chunk); k++) {
      const u = units[k]!;
      if (unitSize === 4) codes.push(u >>> 16, u & 0xffff);
      else codes.push(u & 0xffff);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function writeUnit(view: DataView, offset: number, u: number, unitSize: number): void {
  if (unitSize === 1) view.setUint8(offset, u & 0xff);
  else if (unitSize === 2) view.setUint16(offset, u & 0xffff, true);
  else view.setUint32(offset, u >>> 0, true);
}

/** The IR symbol an address constant refers to. */
export function addrBaseName(base: AddrBase, strings: StringPool): string {
  if (base.kind === 'sym') return base.sym.irName;
  if (base.kind === 'label') return base.symbol;
  return strings.nameFor(base.expr.units, base.expr.unitSize);
}

export function lowerGlobal(g: TGlobal, target: TargetInfo, strings: StringPool): GlobalVar {
  const sym = g.sym;
  // A GNU-initialized flexible array member makes the object larger than its type.
  const size = Math.max(sizeOf(sym.type), g.init === null ? 0 : initExtent(g.init));
  const align = Math.max(alignOf(sym.type), sym.explicitAlign, 1);
  const out: GlobalVar = {
    name: sym.irName,
    linkage: sym.linkage === 'external' ? 'export' : 'local',
    size,
    align,
    isConst: false,
    init: g.init === null ? null : initData(g.init, size, target, strings),
    loc: sym.loc,
  };
  // Read-only data, unless it holds addresses: those need load-time
  // relocation, which .rodata must not get (gcc uses .data.rel.ro).
  out.isConst = isConstObject(sym.type) && out.init !== null && !out.init.some((d) => d.kind === 'addr');
  if (sym.isThreadLocal) out.isThreadLocal = true;
  return out;
}

/** The first byte past every entry of an initializer. */
function initExtent(init: TInit): number {
  let end = 0;
  for (const e of init.entries) {
    const size = e.kind === 'string' ? e.length * e.unitSize : e.kind === 'run' ? e.values.length * sizeOf(e.elemType) : e.bitField !== null ? 1 : sizeOf(e.expr.type);
    end = Math.max(end, e.offset + size);
  }
  return end;
}

/** Read-only data: a const-qualified object (arrays: const elements) with no mutable parts. */
function isConstObject(t: CType): boolean {
  if (t.kind === 'array') return isConstObject(t.elem);
  return isConst(t);
}

/**
 * Lays out a constant initializer as bytes plus address relocations, then as
 * DataItems. Only the bytes up to the last one the entries write are built;
 * the rest is known to be zero, so `char buf[1 << 30] = "ab"` costs what its
 * initializer costs and ends in one `zero` item that no later stage
 * materializes (it was a gigabyte made, scanned and copied: fuzzing found it).
 */
export function initData(init: TInit, size: number, target: TargetInfo, strings: StringPool): DataItem[] {
  const bytes = new Uint8Array(Math.min(size, writtenExtent(init)));
  const view = new DataView(bytes.buffer);
  // Pieces that are no bytes yet: addresses (relocated) and label distances (resolved with the code).
  const symbolic = new Map<number, Extract<DataItem, { kind: 'addr' | 'labelDiff' }>>();
  for (const e of init.entries) {
    if (e.kind === 'string') {
      if (e.unitSize === 1) for (let i = 0; i < e.units.length; i++) bytes[e.offset + i] = e.units[i]! & 0xff;
      else e.units.forEach((u, i) => writeUnit(view, e.offset + i * e.unitSize, u, e.unitSize));
      continue;
    }
    if (e.kind === 'run') {
      writeRun(view, e.offset, e.elemType, e.values);
      continue;
    }
    const v = evalConst(e.expr, target);
    if (v === null) throw new InternalCompilerError('static initializer is not constant', e.expr.loc);
    const t = e.expr.type;
    if (v.kind === 'addr') {
      assert(sizeOf(t) === 8, 'address constant in a field narrower than a pointer');
      symbolic.set(e.offset, { kind: 'addr', name: addrBaseName(v.base, strings), offset: Number(v.offset) });
      continue;
    }
    if (v.kind === 'labelDiff') {
      const size = sizeOf(t);
      assert(e.bitField === null && isInteger(t) && size <= 8, 'label distance outside an integer of at most 8 bytes');
      const ty = size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : 'i64';
      symbolic.set(e.offset, { kind: 'labelDiff', ty, plus: v.plus, minus: v.minus, offset: Number(v.offset) });
      continue;
    }
    if (e.bitField) {
      assert(v.kind === 'int', 'bit-field initializer must be an integer');
      writeBits(bytes, e.offset * 8 + e.bitField.bitOffset, e.bitField.bitWidth!, v.value);
      continue;
    }
    if (t.kind === 'float' && t.name === 'ldouble') {
      const ld = v.kind === 'int' ? ldFromInteger(v.value) : v.ld ?? ldFromNumber(v.value);
      bytes.set(longDoubleBytes(ld, target.longDouble), e.offset);
      continue;
    }
    writeScalar(view, e.offset, t, v.kind === 'int' ? v.value : v.value);
  }
  return toItems(bytes, symbolic, size);
}

/** The first byte past every byte an initializer's entries write (a bit-field: past its last bit; an address: 8 bytes). */
function writtenExtent(init: TInit): number {
  let end = 0;
  for (const e of init.entries) {
    const size = e.kind === 'string' ? e.units.length * e.unitSize
      : e.kind === 'run' ? e.values.length * sizeOf(e.elemType)
      : e.bitField ? Math.ceil((e.bitField.bitOffset + e.bitField.bitWidth!) / 8)
      : sizeOf(e.expr.type);
    end = Math.max(end, e.offset + size);
  }
  return end;
}

function writeScalar(view: DataView, offset: number, t: CType, value: bigint | number): void {
  if (t.kind === 'float') {
    const n = typeof value === 'number' ? value : Number(value);
    if (t.name === 'float') view.setFloat32(offset, n, true);
    else view.setFloat64(offset, n, true); // long double: see ir-types.ts
    return;
  }
  const v = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  const size = t.kind === 'pointer' ? 8 : sizeOf(t);
  switch (size) {
    case 1: view.setUint8(offset, Number(BigInt.asUintN(8, v))); break;
    case 2: view.setUint16(offset, Number(BigInt.asUintN(16, v)), true); break;
    case 4: view.setUint32(offset, Number(BigInt.asUintN(32, v)), true); break;
    case 8: view.setBigUint64(offset, BigInt.asUintN(64, v), true); break;
    case 16: // __int128, low half first (both targets are little-endian)
      view.setBigUint64(offset, BigInt.asUintN(64, v), true);
      view.setBigUint64(offset + 8, BigInt.asUintN(64, v >> 64n), true);
      break;
    default: throw new InternalCompilerError(`cannot write a ${size}-byte scalar`);
  }
}

/**
 * A constant run's values, each exact in `t` (sema checked), as `t`'s
 * little-endian bytes; integers of 8 bytes as two 32-bit halves, the high
 * one all ones for a negative value (|value| < 2^53).
 */
function writeRun(view: DataView, offset: number, t: CType, values: Float64Array): void {
  const size = sizeOf(t);
  const n = values.length;
  if (t.kind === 'float') {
    for (let i = 0; i < n; i++) {
      if (size === 4) view.setFloat32(offset + i * 4, values[i]!, true);
      else view.setFloat64(offset + i * 8, values[i]!, true);
    }
    return;
  }
  switch (size) {
    case 1: for (let i = 0; i < n; i++) view.setUint8(offset + i, values[i]! & 0xff); return;
    case 2: for (let i = 0; i < n; i++) view.setUint16(offset + i * 2, values[i]! & 0xffff, true); return;
    case 4: for (let i = 0; i < n; i++) view.setUint32(offset + i * 4, values[i]! >>> 0, true); return;
    case 8:
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        view.setUint32(offset + i * 8, v % 2 ** 32 >>> 0, true);
        view.setUint32(offset + i * 8 + 4, Math.floor(v / 2 ** 32) >>> 0, true);
      }
      return;
    default: throw new InternalCompilerError(`cannot write a ${size}-byte run element`);
  }
}

/** ORs `width` bits of `value` in at bit position `bitPos` (little-endian bit order, as SysV and AAPCS64 lay out bit-fields). */
function writeBits(bytes: Uint8Array, bitPos: number, width: number, value: bigint): void {
  const v = BigInt.asUintN(width, value);
  for (let i = 0; i < width; i++) {
    if ((v >> BigInt(i)) & 1n) {
      const p = bitPos + i;
      bytes[p >> 3] = bytes[p >> 3]! | (1 << (p & 7));
    }
  }
}

/** `bytes`, addresses and label distances as DataItems for an object of `size` bytes, zero past `bytes`. */
function toItems(bytes: Uint8Array, symbolic: Map<number, Extract<DataItem, { kind: 'addr' | 'labelDiff' }>>, size: number): DataItem[] {
  const items: DataItem[] = [];
  let start = 0;
  // A slice [a, b) of the object's bytes, zeros past `bytes` included (fewer than 8 of them: see below).
  const cut = (a: number, b: number): Uint8Array => {
    if (b <= bytes.length) return bytes.slice(a, b);
    const out = new Uint8Array(b - a);
    out.set(bytes.subarray(a));
    return out;
  };
  // Zero runs of 8 bytes or more become `zero` items (cheap in the object);
  // everything between them is one `bytes` item, cut once (no re-copying).
  const flush = (end: number) => {
    let runStart = start;
    let i = start;
    while (i < end) {
      if (i < bytes.length && bytes[i] !== 0) { i++; continue; }
      let j = i;
      while (j < end && j < bytes.length && bytes[j] === 0) j++;
      if (j >= bytes.length) j = end; // past the built bytes everything is zero
      if (j - i >= 8) {
        if (i > runStart) items.push({ kind: 'bytes', bytes: cut(runStart, i) });
        items.push({ kind: 'zero', size: j - i });
        runStart = j;
      }
      i = j;
    }
    if (end > runStart) items.push({ kind: 'bytes', bytes: cut(runStart, end) });
  };
  for (const off of [...symbolic.keys()].sort((a, b) => a - b)) {
    flush(off);
    const item = symbolic.get(off)!;
    items.push(item);
    start = off + (item.kind === 'addr' ? 8 : sizeOfType(item.ty));
  }
  flush(size);
  return items;
}
