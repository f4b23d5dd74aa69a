// sra: scalar replacement of aggregates, and malloc removal.
//
// Input: a function in SSA form. Output, using the escape analysis of
// analysis/escape.ts (PyPy's malloc removal, "Escape Analysis and Stack
// Allocation" in the translator's documentation):
//  1. `%p = call @malloc(i64 N)` with a constant N ≤ MAX_MALLOC_BYTES whose
//     block does not escape (only loads, stores, pointer arithmetic,
//     comparisons and `free` of it) becomes a stack slot of N bytes and its
//     `free` calls disappear: the block dies with the frame anyway, and no
//     other code can tell (malloc's result is never null then, which C
//     allows of any successful malloc). None of its pointers may pass
//     through a block parameter, so no pointer outlives one execution of
//     its code and one slot serves every execution, in a loop too.
//  2. A stack slot whose address does not escape and whose every load and
//     store is at a constant offset is split into one slot per accessed
//     field (struct members, array elements at constant indices), each
//     accessed only as a whole with one type — exactly what mem2reg then
//     promotes to SSA values. A constant integer store spanning several
//     fields (the frontend zeroes `int r[4] = {0}` eight bytes at a time)
//     is split into per-field stores of the matching bytes (bytes no
//     access reads are dropped). Null checks of the old address become
//     constants: an object that exists is not at address 0.
// Refused: volatile accesses (C11 6.7.3p7: each must reach memory), an
// escaping address (a callee or another pointer could see the bytes as a
// whole), pointers merged with others or passed through block parameters,
// compared pointers (addresses must stay distinct), accesses at variable
// offsets, overlapping accesses of different shapes (type punning, a load
// across fields), and slots that are already a single scalar.

import type { Inst, IrFunction, IrType, Operand } from '../ir.js';
import { isIntType, sizeOfType } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue, removeSlots } from '../rewrite.js';
import { analyzeEscapes, type MemObject } from '../analysis/escape.js';

/** Larger malloc blocks stay on the heap: a frame should not grow by more than this per block. */
export const MAX_MALLOC_BYTES = 1024;

export const sra: FunctionPass = {
  name: 'sra',
  run(fn: IrFunction, _ctx: PassContext): boolean {
    let changed = false;
    const objects = analyzeEscapes(fn);
    const params = new Set(fn.blocks.flatMap((b) => b.params));
    for (const obj of objects) {
      // Comparing a malloc block's address (a null check) is fine: a slot has an address too.
      if (obj.kind === 'malloc' && isMovable(obj, params, true) && mallocToSlot(fn, obj)) changed = true;
    }
    // Slots made from malloc blocks are split in the same run: analyse again.
    const removed = new Set<number>();
    for (const obj of changed ? analyzeEscapes(fn) : objects) {
      if (obj.kind === 'slot' && isMovable(obj, params, false) && splitSlot(fn, obj)) {
        removed.add(obj.id);
        changed = true;
      }
    }
    removeSlots(fn, removed);
    return changed;
  },
};

/** Not escaping, not merged, not volatile, no pointer through a block parameter (nor into a comparison, unless allowed). */
function isMovable(obj: MemObject, params: ReadonlySet<number>, mayBeCompared: boolean): boolean {
  if (obj.escapes || obj.isMerged || obj.hasVolatile) return false;
  for (const p of obj.pointers.keys()) if (params.has(p)) return false;
  return mayBeCompared || !obj.isCompared;
}

function mallocToSlot(fn: IrFunction, obj: MemObject): boolean {
  const call = fn.blocks.flatMap((b) => b.insts).find((i) => i.result === obj.id)!;
  const size = call.args[1];
  if (call.argTys?.length !== 1 || size?.kind !== 'int') return false;
  const n = Number(BigInt.asUintN(64, size.value));
  if (n === 0 || n > MAX_MALLOC_BYTES) return false;
  fn.slots.push({ size: n, align: 16, name: 'malloc' });
  const slot = fn.slots.length - 1;
  const frees = new Set(obj.frees);
  for (const blk of fn.blocks) {
    blk.insts = blk.insts.filter((i) => !frees.has(i));
    const at = blk.insts.indexOf(call);
    // %p = call @malloc(N) → %p = slotaddr $new: the same value id, so every use stays.
    if (at >= 0) blk.insts[at] = { op: 'slotaddr', result: obj.id, ty: 'ptr', args: [], slot, ...(call.loc ? { loc: call.loc } : {}) };
  }
  return true;
}

interface Field {
  readonly offset: number;
  readonly ty: IrType;
}

function splitSlot(fn: IrFunction, obj: MemObject): boolean {
  const slot = fn.slots[obj.id]!;
  if (obj.accesses.some((a) => a.offset === null || a.offset < 0 || a.offset + sizeOfType(a.ty) > slot.size)) return false;
  const fields = fieldsOf(obj);
  if (fields === null) return false;
  // One field filling the slot: mem2reg promotes it as it is.
  if (fields.length === 1 && fields[0]!.offset === 0 && sizeOfType(fields[0]!.ty) === slot.size) return false;
  if (fields.length === 0 && obj.accesses.length > 0) return false;
  const newSlot = new Map<number, number>(); // field offset → slot index
  for (const f of fields) {
    fn.slots.push({ size: sizeOfType(f.ty), align: sizeOfType(f.ty), ...(slot.name !== undefined ? { name: `${slot.name}+${f.offset}` } : {}) });
    newSlot.set(f.offset, fn.slots.length - 1);
  }
  const pointerDefs = new Set(obj.pointers.keys());
  const rewrites = new Map<Inst, Inst[]>();
  for (const a of obj.accesses) {
    const f = fields.find((x) => x.offset === a.offset && x.ty === a.ty);
    rewrites.set(a.inst, f ? retarget(fn, a.inst, newSlot.get(f.offset)!) : splitStore(fn, a.inst, a.offset!, fields, newSlot));
  }
  // The slot's address is gone; a slot is never at address 0.
  for (const c of obj.nullChecks) {
    if (c.op === 'select') c.args[0] = { kind: 'int', value: 1n };
    else rewrites.set(c, [{ op: 'copy', result: c.result, ty: c.ty, args: [{ kind: 'int', value: c.cond === 'ne' ? 1n : 0n }], ...(c.loc ? { loc: c.loc } : {}) }]);
  }
  for (const blk of fn.blocks) {
    const out: Inst[] = [];
    for (const inst of blk.insts) {
      // The old slot's address and the offsets into it are used by nothing else now.
      if (inst.result !== null && pointerDefs.has(inst.result)) continue;
      out.push(...(rewrites.get(inst) ?? [inst]));
    }
    blk.insts = out;
  }
  return true;
}

/**
 * The fields: one per distinct (offset, type) access, pairwise disjoint;
 * a constant integer store may cover several whole fields. Null when the
 * accesses overlap any other way.
 */
function fieldsOf(obj: MemObject): Field[] | null {
  const seen = new Map<string, Field>();
  for (const a of obj.accesses) seen.set(`${a.offset}:${a.ty}`, { offset: a.offset!, ty: a.ty });
  const all = [...seen.values()].sort((x, y) => x.offset - y.offset || sizeOfType(x.ty) - sizeOfType(y.ty));
  const fields: Field[] = [];
  const wide: Field[] = [];
  for (const f of all) {
    const covers = all.filter((g) => g !== f && g.offset >= f.offset && g.offset + sizeOfType(g.ty) <= f.offset + sizeOfType(f.ty));
    if (covers.length > 0) wide.push(f); else fields.push(f);
  }
  // Fields must not overlap each other.
  for (let k = 1; k < fields.length; k++) {
    const prev = fields[k - 1]!;
    if (prev.offset + sizeOfType(prev.ty) > fields[k]!.offset) return null;
  }
  // A wide access must be a constant integer store over whole fields; its
  // bytes that no field covers are never read, so they need no store.
  for (const w of wide) {
    const inside = fields.filter((g) => g.offset >= w.offset && g.offset + sizeOfType(g.ty) <= w.offset + sizeOfType(w.ty));
    if (!isIntType(w.ty)) return null;
    // Bytes of a constant over a float field must not be a NaN (JS keeps no NaN payload): only 0 there.
    const hasFloat = inside.some((g) => !isIntType(g.ty));
    const ok = obj.accesses.filter((a) => a.offset === w.offset && a.ty === w.ty)
      .every((a) => a.kind === 'store' && a.inst.args[0]!.kind === 'int' && (!hasFloat || BigInt.asUintN(64, a.inst.args[0]!.value) === 0n));
    if (!ok) return null;
  }
  // Any field partly covered by a wide access (not tiled by it) is an overlap.
  for (const w of wide) {
    const end = w.offset + sizeOfType(w.ty);
    if (fields.some((g) => g.offset < end && g.offset + sizeOfType(g.ty) > w.offset && (g.offset < w.offset || g.offset + sizeOfType(g.ty) > end))) return null;
  }
  return fields;
}

/** `load`/`store` through a fresh `slotaddr` of the field's slot, placed right before it. */
function retarget(fn: IrFunction, inst: Inst, slot: number): Inst[] {
  const addr = newValue(fn, 'ptr');
  inst.args[inst.op === 'load' ? 0 : 1] = { kind: 'value', id: addr };
  return [{ op: 'slotaddr', result: addr, ty: 'ptr', args: [], slot }, inst];
}

/** A constant integer store over several fields → one constant store per field (little-endian bytes, SysV §3.1.2). */
function splitStore(fn: IrFunction, inst: Inst, offset: number, fields: readonly Field[], newSlot: ReadonlyMap<number, number>): Inst[] {
  const value = BigInt.asUintN(sizeOfType(inst.ty!) * 8, (inst.args[0] as Extract<Operand, { kind: 'int' }>).value);
  const end = offset + sizeOfType(inst.ty!);
  const out: Inst[] = [];
  for (const f of fields) {
    if (f.offset < offset || f.offset >= end) continue;
    const bits = sizeOfType(f.ty) * 8;
    const part = (value >> BigInt((f.offset - offset) * 8)) & ((1n << BigInt(bits)) - 1n);
    const bytes = new DataView(new ArrayBuffer(8));
    let v: Operand;
    if (f.ty === 'f64') { bytes.setBigUint64(0, part); v = { kind: 'float', value: bytes.getFloat64(0) }; }
    else if (f.ty === 'f32') { bytes.setUint32(0, Number(part)); v = { kind: 'float', value: bytes.getFloat32(0) }; }
    else v = { kind: 'int', value: BigInt.asIntN(bits, part) };
    const addr = newValue(fn, 'ptr');
    out.push({ op: 'slotaddr', result: addr, ty: 'ptr', args: [], slot: newSlot.get(f.offset)! });
    out.push({ op: 'store', result: null, ty: f.ty, args: [v, { kind: 'value', id: addr }], ...(inst.loc ? { loc: inst.loc } : {}) });
  }
  return out;
}
