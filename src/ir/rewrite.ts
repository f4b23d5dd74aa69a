// Small editing helpers the passes share: operand substitution, fresh
// values, and edits of edges.
//
// Substitution is batched: a pass records `value id → replacement operand`
// while it walks, and `substitute` rewrites every operand of the function
// in one sweep (chains a → b → c resolve to c), so replacing many values
// costs one pass over the function, not one per value.

import type { Block, BlockCall, Inst, IrFunction, IrType, Operand } from './ir.js';
import { isFloatType, successors } from './ir.js';

export type Substitution = Map<number, Operand>;

/** Follows a substitution chain to its end. */
export function resolve(subst: Substitution, o: Operand): Operand {
  let cur = o;
  for (let guard = 0; cur.kind === 'value' && guard < 1_000_000; guard++) {
    const next = subst.get(cur.id);
    if (next === undefined) return cur;
    cur = next;
  }
  return cur;
}

/** Rewrites every operand of `fn` through `subst`. Returns true when any changed. */
export function substitute(fn: IrFunction, subst: Substitution): boolean {
  if (subst.size === 0) return false;
  let changed = false;
  const map = (o: Operand): Operand => {
    if (o.kind !== 'value' || !subst.has(o.id)) return o;
    changed = true;
    return resolve(subst, o);
  };
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) inst.args = mapOperands(inst.args, map);
    mapTermOperands(blk, map);
  }
  return changed;
}

/**
 * `list.map(map)`, but `list` itself when nothing changes: most operands
 * are untouched by a substitution, and a new array per instruction per
 * sweep is garbage the collector must chase on large functions. A changed
 * list is a new array (never edited in place: lists may be shared).
 */
export function mapOperands(list: Operand[], map: (o: Operand) => Operand): Operand[] {
  for (let i = 0; i < list.length; i++) {
    const o = list[i]!;
    const m = map(o);
    if (m === o) continue;
    const out = list.slice(0, i);
    out.push(m);
    for (let j = i + 1; j < list.length; j++) out.push(map(list[j]!));
    return out;
  }
  return list;
}

/** Applies `map` to every operand of the block's terminator, edge arguments included. */
export function mapTermOperands(blk: Block, map: (o: Operand) => Operand): void {
  const t = blk.term;
  switch (t.kind) {
    case 'br': t.cond = map(t.cond); break;
    case 'switch': case 'ijmp': t.value = map(t.value); break;
    case 'ret': if (t.value) t.value = map(t.value); break;
    case 'jmp': case 'unreachable': break;
  }
  for (const e of successors(t)) e.args = mapOperands(e.args, map);
}

/** Adds a value to the function's table and returns its id. */
export function newValue(fn: IrFunction, ty: IrType, name?: string): number {
  fn.values.push(name === undefined ? { ty } : { ty, name });
  return fn.values.length - 1;
}

/** The zero constant of a type (what a load of an uninitialised local reads here). */
export function zeroOf(ty: IrType): Operand {
  return isFloatType(ty) ? { kind: 'float', value: 0 } : { kind: 'int', value: 0n };
}

export function sameOperand(a: Operand, b: Operand): boolean {
  switch (a.kind) {
    case 'value': return b.kind === 'value' && a.id === b.id;
    case 'int': return b.kind === 'int' && a.value === b.value;
    case 'float': return b.kind === 'float' && Object.is(a.value, b.value);
    case 'global': return b.kind === 'global' && a.name === b.name && a.offset === b.offset;
  }
}

/** A string key for an operand, for hashing (constants are not yet truncated to a type). */
export function operandKey(o: Operand): string {
  switch (o.kind) {
    case 'value': return `%${o.id}`;
    case 'int': return `i${o.value}`;
    case 'float': return Object.is(o.value, -0) ? 'f-0' : `f${o.value}`;
    case 'global': return `@${o.name}+${o.offset}`;
  }
}

/** Every edge of `fn` (one per BlockCall), with the block it leaves. */
export function* edges(fn: IrFunction): Generator<[Block, BlockCall]> {
  for (const blk of fn.blocks) for (const e of successors(blk.term)) yield [blk, e];
}

/** The value-producing instruction for each value id defined by an instruction. */
export function definingInsts(fn: IrFunction): Map<number, Inst> {
  const defs = new Map<number, Inst>();
  for (const blk of fn.blocks) for (const inst of blk.insts) if (inst.result !== null) defs.set(inst.result, inst);
  return defs;
}

/** Deletes the slots in `removed` and renumbers the remaining slotaddr instructions. */
export function removeSlots(fn: IrFunction, removed: ReadonlySet<number>): void {
  if (removed.size === 0) return;
  const newIndex = new Map<number, number>();
  const slots = [];
  for (let i = 0; i < fn.slots.length; i++) {
    if (removed.has(i)) continue;
    newIndex.set(i, slots.length);
    slots.push(fn.slots[i]!);
  }
  fn.slots = slots;
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      if (inst.op === 'slotaddr' && inst.slot !== undefined) inst.slot = newIndex.get(inst.slot) ?? inst.slot;
    }
  }
}
