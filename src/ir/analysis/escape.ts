// Escape analysis of a function's own memory objects: stack slots and the
// blocks its calls to `malloc` return.
//
// Input: an IrFunction. Output: one MemObject per slot that some `slotaddr`
// names and per `call @malloc` result, with every pointer value derived
// from it (by `add`/`sub` of an offset, `select`, block parameters), the
// byte offset of each derived pointer from the object's start when it is a
// constant, and every load and store through them.
//
// Following PyPy's translator (malloc removal, heap2stack): an object
// *escapes* when its address can reach code we do not see, or a place we do
// not track: it is stored into memory as a value, passed to a call (other
// than `free` of a malloc block), given to inline asm, converted to an
// integer, returned, or used by any instruction not listed above. Loads and
// stores through a derived pointer, and comparisons of pointers, do not
// make it escape. The propagation through block parameters is a fixed
// point over the value graph: a parameter that receives pointers into two
// objects (or an object and anything else) is *merged*, and both objects
// are marked `isMerged` — still not escaping, but no longer with exact
// offsets. Passes read `escapes`, `isMerged`, `hasVolatile` and the access
// lists; they never rely on an offset that is null.

import type { Inst, IrFunction, IrType, Operand } from '../ir.js';
import { successors } from '../ir.js';

export interface MemAccess {
  readonly inst: Inst;
  readonly kind: 'load' | 'store';
  /** Byte offset from the object's start, or null when it varies. */
  readonly offset: number | null;
  readonly ty: IrType;
}

export interface MemObject {
  readonly kind: 'slot' | 'malloc';
  /** The slot index, or the value id the malloc call returns. */
  readonly id: number;
  /** Derived pointer value id → constant offset from the start, or null. */
  readonly pointers: Map<number, number | null>;
  readonly accesses: MemAccess[];
  /** `call @free(p)` instructions on this (malloc) object. */
  readonly frees: Inst[];
  escapes: boolean;
  isMerged: boolean;
  hasVolatile: boolean;
  /** Some pointer into it is compared (icmp) other than with null: its address matters, not only its bytes. */
  isCompared: boolean;
  /**
   * Uses that ask only whether its start is null (`icmp eq/ne p, 0`, p as a
   * select's condition): an object that exists is never null, so a pass
   * that removes the object answers them with a constant.
   */
  readonly nullChecks: Inst[];
}

/** The calls that return a fresh heap block (C11 7.22.3.4) and the one that releases it. */
export const MALLOC_NAMES: ReadonlySet<string> = new Set(['malloc']);
export const FREE_NAMES: ReadonlySet<string> = new Set(['free']);

export function calleeName(inst: Inst): string | null {
  const c = inst.args[0];
  return inst.op === 'call' && c?.kind === 'global' && c.offset === 0 ? c.name : null;
}

/** Every slot object and malloc object of `fn`, with their derived pointers and accesses. */
export function analyzeEscapes(fn: IrFunction): MemObject[] {
  const objects: MemObject[] = [];
  const slotObjects = new Map<number, MemObject>();
  /** Pointer value → its object and offset. */
  const owner = new Map<number, { obj: MemObject; offset: number | null }>();
  const work: number[] = [];
  const track = (id: number, obj: MemObject, offset: number | null): void => {
    const prev = owner.get(id);
    if (prev === undefined) {
      owner.set(id, { obj, offset });
      obj.pointers.set(id, offset);
      work.push(id);
      return;
    }
    if (prev.obj !== obj) {
      prev.obj.isMerged = true;
      obj.isMerged = true;
      return;
    }
    if (prev.offset !== offset && prev.offset !== null) {
      prev.offset = null;
      obj.pointers.set(id, null);
      work.push(id); // offsets derived from it become unknown too
    }
  };
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      if (inst.result === null) continue;
      if (inst.op === 'slotaddr' && inst.slot !== undefined) {
        let obj = slotObjects.get(inst.slot);
        if (!obj) {
          obj = newObject('slot', inst.slot);
          slotObjects.set(inst.slot, obj);
          objects.push(obj);
        }
        track(inst.result, obj, 0);
      } else if (MALLOC_NAMES.has(calleeName(inst) ?? '') && inst.ty === 'ptr') {
        const obj = newObject('malloc', inst.result);
        objects.push(obj);
        track(inst.result, obj, 0);
      }
    }
  }
  const uses = useLists(fn);
  while (work.length > 0) {
    const id = work.pop()!;
    const { obj, offset } = owner.get(id)!;
    for (const use of uses.get(id) ?? []) visitUse(use, id, obj, offset, track);
  }
  markMixedMerges(fn, owner);
  // Accesses are collected once the offsets are final.
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      const addr = inst.op === 'load' ? inst.args[0] : inst.op === 'store' ? inst.args[1] : undefined;
      if (addr?.kind !== 'value') continue;
      const o = owner.get(addr.id);
      if (!o) continue;
      o.obj.accesses.push({ inst, kind: inst.op === 'load' ? 'load' : 'store', offset: o.offset, ty: inst.ty! });
      if (inst.isVolatile) o.obj.hasVolatile = true;
    }
  }
  return objects;
}

/**
 * A block parameter or select that may also hold a pointer from elsewhere
 * (another object, a global, an argument) points into the object only on
 * some paths: its object is merged.
 */
function markMixedMerges(fn: IrFunction, owner: ReadonlyMap<number, { obj: MemObject }>): void {
  const from = (o: Operand) => (o.kind === 'value' ? owner.get(o.id)?.obj : undefined);
  const params = new Map(fn.blocks.map((b) => [b.id, b.params]));
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      if (inst.op !== 'select' || inst.result === null) continue;
      const o = owner.get(inst.result);
      if (o && (from(inst.args[1]!) !== o.obj || from(inst.args[2]!) !== o.obj)) {
        o.obj.isMerged = true;
        // The other side's object is merged too: the result may point into it.
        for (const a of [inst.args[1]!, inst.args[2]!]) { const other = from(a); if (other) other.isMerged = true; }
      }
    }
    for (const e of successors(blk.term)) {
      const ps = params.get(e.block) ?? [];
      e.args.forEach((a, k) => {
        const o = ps[k] === undefined ? undefined : owner.get(ps[k]);
        if (o && from(a) !== o.obj) {
          o.obj.isMerged = true;
          const other = from(a);
          if (other) other.isMerged = true; // the parameter may point into it too
        }
      });
    }
  }
}

function newObject(kind: MemObject['kind'], id: number): MemObject {
  return { kind, id, pointers: new Map(), accesses: [], frees: [], escapes: false, isMerged: false, hasVolatile: false, isCompared: false, nullChecks: [] };
}

type Use =
  | { readonly kind: 'inst'; readonly inst: Inst; readonly index: number }
  | { readonly kind: 'edge'; readonly param: number }
  | { readonly kind: 'term' };

/** For each value id, the places that use it. */
function useLists(fn: IrFunction): Map<number, Use[]> {
  const uses = new Map<number, Use[]>();
  const add = (o: Operand, u: Use) => {
    if (o.kind !== 'value') return;
    let l = uses.get(o.id);
    if (!l) uses.set(o.id, (l = []));
    l.push(u);
  };
  const params = new Map(fn.blocks.map((b) => [b.id, b.params]));
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) inst.args.forEach((a, index) => add(a, { kind: 'inst', inst, index }));
    const t = blk.term;
    if (t.kind === 'br') add(t.cond, { kind: 'term' });
    if (t.kind === 'switch' || t.kind === 'ijmp') add(t.value, { kind: 'term' });
    if (t.kind === 'ret' && t.value) add(t.value, { kind: 'term' });
    for (const e of successors(t)) {
      const ps = params.get(e.block) ?? [];
      e.args.forEach((a, k) => add(a, ps[k] === undefined ? { kind: 'term' } : { kind: 'edge', param: ps[k] }));
    }
  }
  return uses;
}

type Track = (id: number, obj: MemObject, offset: number | null) => void;

function visitUse(use: Use, id: number, obj: MemObject, offset: number | null, track: Track): void {
  if (use.kind === 'term') { obj.escapes = true; return; }
  if (use.kind === 'edge') { track(use.param, obj, offset); return; }
  const { inst, index } = use;
  switch (inst.op) {
    case 'load':
      return; // the address operand
    case 'store':
      if (index === 0) obj.escapes = true; // the address itself is stored
      return;
    case 'add': case 'sub': {
      // Pointer arithmetic stays a pointer; `c - p` or an integer result is no pointer into the object.
      if (inst.result === null || inst.ty !== 'ptr' || (inst.op === 'sub' && index === 1)) { obj.escapes = true; return; }
      const other = inst.args[1 - index]!;
      const delta = other.kind === 'int' ? Number(BigInt.asIntN(64, other.value)) : null;
      track(inst.result, obj, offset === null || delta === null ? null : inst.op === 'add' ? offset + delta : offset - delta);
      return;
    }
    case 'select':
      if (index === 0) { obj.nullChecks.push(inst); return; } // a pointer as a condition: only its nullness is used
      if (inst.result !== null) track(inst.result, obj, null);
      return;
    case 'icmp': {
      // Comparing addresses reveals nothing a callee could use; against null it asks only whether the object exists.
      const other = inst.args[1 - index]!;
      if (offset === 0 && other.kind === 'int' && other.value === 0n && (inst.cond === 'eq' || inst.cond === 'ne')) obj.nullChecks.push(inst);
      else obj.isCompared = true;
      return;
    }
    case 'copy':
      if (inst.result !== null) track(inst.result, obj, offset);
      return;
    case 'call':
      if (obj.kind === 'malloc' && index === 1 && FREE_NAMES.has(calleeName(inst) ?? '') && offset === 0) {
        obj.frees.push(inst);
        return;
      }
      obj.escapes = true;
      return;
    default:
      obj.escapes = true;
  }
}
