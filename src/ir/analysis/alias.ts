// Alias analysis of memory accesses: may two accesses touch the same bytes?
//
// Input: a function (its instructions) and, per access, its address
// operand and width. Output: `Address` decompositions and the `mayAlias`
// and `mustAlias` relations load-elim and dse use.
//
// An address is decomposed into a *root* plus a constant byte offset by
// following `add`/`sub` of constants (also through `inttoptr` of a
// constant) and copies: the root is the first value that is not such an
// add (a parameter, a loaded pointer, a call result, a block parameter, a
// pointer plus a variable index), a stack slot or a global symbol (whose
// offset becomes unknown when a variable index is added). What follows
// holds for any execution:
//  - same root, both offsets known: the accesses overlap exactly when
//    their byte ranges [offset, offset+size) do;
//  - two different *identified objects* never overlap: distinct stack
//    slots, distinct globals, a slot and a global, and a stack slot or a
//    fresh malloc block whose address does not escape (analysis/escape.ts)
//    against any pointer not derived from it;
//  - anything else may alias.
// No type-based rules: the IR has lost C's types (a struct copy moves i64
// words over double members), so an f64 store may change an i64 load.

import type { Inst, IrFunction, Operand } from '../ir.js';
import { analyzeEscapes } from './escape.js';

export type Root =
  | { readonly kind: 'value'; readonly id: number }
  | { readonly kind: 'global'; readonly name: string }
  | { readonly kind: 'slot'; readonly slot: number };

export interface Address {
  readonly root: Root;
  /** Bytes from the root, or null when a variable part was added. */
  readonly offset: number | null;
}

export class AliasAnalysis {
  private readonly defs = new Map<number, Inst>();
  private readonly cache = new Map<number, Address>();
  /** Slot index or malloc value id → the object does not escape (identified, and nothing unknown points into it). */
  private readonly privateSlots = new Set<number>();
  private readonly privateMallocs = new Set<number>();
  /** Pointer value → the private object it points into (escape analysis's derived pointers). */
  private readonly objectOf = new Map<number, string>();

  constructor(fn: IrFunction) {
    for (const blk of fn.blocks) for (const inst of blk.insts) if (inst.result !== null) this.defs.set(inst.result, inst);
    for (const o of analyzeEscapes(fn)) {
      // A merged object is reached through a select or block parameter that may
      // also hold a pointer into another object (`c ? &a : &b`): its pointers
      // are not all known to be its own, so it is not an identified object here.
      if (o.escapes || o.isMerged) continue;
      if (o.kind === 'slot') this.privateSlots.add(o.id); else this.privateMallocs.add(o.id);
      for (const p of o.pointers.keys()) this.objectOf.set(p, `${o.kind}${o.id}`);
    }
  }

  /** The root and constant offset of an address operand. */
  address(o: Operand): Address {
    if (o.kind === 'global') return { root: { kind: 'global', name: o.name }, offset: o.offset };
    if (o.kind !== 'value') return { root: { kind: 'value', id: -1 }, offset: null };
    const hit = this.cache.get(o.id);
    if (hit) return hit;
    const r = this.decompose(o.id, 0);
    this.cache.set(o.id, r);
    return r;
  }

  private decompose(id: number, depth: number): Address {
    const d = this.defs.get(id);
    if (!d || depth > 64) return { root: { kind: 'value', id }, offset: 0 };
    if (d.op === 'slotaddr' && d.slot !== undefined) return { root: { kind: 'slot', slot: d.slot }, offset: 0 };
    if (d.op === 'copy' && d.args[0]!.kind === 'value') return this.decompose(d.args[0]!.id, depth + 1);
    if (d.op === 'copy' && d.args[0]!.kind === 'global') return this.address(d.args[0]!);
    if ((d.op === 'add' || d.op === 'sub') && d.ty === 'ptr') {
      const [a, b] = d.args as [Operand, Operand];
      const pick = (base: Operand, delta: Operand, sign: number): Address | null => {
        if (base.kind !== 'value' && base.kind !== 'global') return null;
        const inner = base.kind === 'global' ? this.address(base) : this.decompose(base.id, depth + 1);
        const k = this.constant(delta);
        if (inner.offset !== null && k !== null) return { root: inner.root, offset: inner.offset + sign * k };
        // A variable part: inside a slot or global the object is still known; a
        // pointer plus an index starts a root of its own (`&p[i]`, whose fields
        // are at constant offsets from it).
        if (inner.root.kind !== 'value') return { root: inner.root, offset: null };
        return { root: { kind: 'value', id }, offset: 0 };
      };
      if (d.op === 'sub') return pick(a, b, -1) ?? { root: { kind: 'value', id }, offset: 0 };
      // The pointer operand is the one whose root is not an integer constant.
      const viaA = this.isPointerLike(a) ? pick(a, b, 1) : null;
      if (viaA) return viaA;
      const viaB = this.isPointerLike(b) ? pick(b, a, 1) : null;
      if (viaB) return viaB;
    }
    return { root: { kind: 'value', id }, offset: 0 };
  }

  /** An operand that is an address rather than an index: not a constant, not an inttoptr of an integer. */
  private isPointerLike(o: Operand): boolean {
    if (o.kind === 'global') return true;
    if (o.kind !== 'value') return false;
    const d = this.defs.get(o.id);
    return d?.op !== 'inttoptr';
  }

  /** A constant byte count (an int, or inttoptr of one), else null. */
  private constant(o: Operand): number | null {
    if (o.kind === 'int') return Number(BigInt.asIntN(64, o.value));
    if (o.kind !== 'value') return null;
    const d = this.defs.get(o.id);
    if (d?.op === 'inttoptr' && d.args[0]!.kind === 'int') return Number(BigInt.asIntN(64, d.args[0]!.value));
    return null;
  }

  /** The private (non-escaping) object an address points into, if any. */
  private privateObject(o: Operand, a: Address): string | null {
    if (a.root.kind === 'slot') return this.privateSlots.has(a.root.slot) ? `slot${a.root.slot}` : null;
    if (o.kind === 'value') {
      const obj = this.objectOf.get(o.id);
      if (obj) return obj;
    }
    if (a.root.kind === 'value') {
      const obj = this.objectOf.get(a.root.id);
      if (obj) return obj;
    }
    return null;
  }

  mayAlias(pa: Operand, sizeA: number, pb: Operand, sizeB: number): boolean {
    const a = this.address(pa), b = this.address(pb);
    if (sameRoot(a.root, b.root)) {
      if (a.offset === null || b.offset === null) return true;
      return a.offset < b.offset + sizeB && b.offset < a.offset + sizeA;
    }
    if (isIdentified(a.root) && isIdentified(b.root)) return false; // two distinct slots/globals
    const oa = this.privateObject(pa, a), ob = this.privateObject(pb, b);
    // A private object is reached only through pointers derived from it.
    if (oa !== null || ob !== null) return oa === ob;
    return true;
  }

  /** b's address minus a's when both are the same root at known offsets, else null. */
  constantDistance(pa: Operand, pb: Operand): number | null {
    const a = this.address(pa), b = this.address(pb);
    if (!sameRoot(a.root, b.root) || a.offset === null || b.offset === null) return null;
    return b.offset - a.offset;
  }

  /** Both accesses certainly cover the same bytes. */
  mustAlias(pa: Operand, sizeA: number, pb: Operand, sizeB: number): boolean {
    if (sizeA !== sizeB) return false;
    const a = this.address(pa), b = this.address(pb);
    return sameRoot(a.root, b.root) && a.offset !== null && a.offset === b.offset && !(a.root.kind === 'value' && a.root.id < 0);
  }
}

function isIdentified(r: Root): boolean {
  return r.kind === 'slot' || r.kind === 'global';
}

function sameRoot(a: Root, b: Root): boolean {
  switch (a.kind) {
    case 'value': return b.kind === 'value' && a.id === b.id && a.id >= 0;
    case 'global': return b.kind === 'global' && a.name === b.name;
    case 'slot': return b.kind === 'slot' && a.slot === b.slot;
  }
}
