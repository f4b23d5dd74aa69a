// mem2reg: promotes scalar stack slots to SSA values with block parameters.
//
// Input: a function whose locals live in stack slots (the lowering emits one
// `slotaddr` per slot in the entry block and accesses locals by load/store).
// Output: the same function with every promotable slot gone: loads replaced
// by the reaching stored value, stores deleted, and block parameters added
// where values from different paths meet.
//
// A slot is promotable when every use of every `slotaddr` of it is the
// address operand of a non-volatile load or store, and all those accesses
// use one type whose size equals the slot's size (so no partial or
// type-punned access, and the address never escapes).
//
// Construction (Cytron et al., 1991): parameters go on the iterated
// dominance frontier of the blocks that store the slot, pruned to blocks
// where the slot is live on entry (a load may read it before any store);
// then a walk of the dominator tree renames loads to the current value.
// A load with no reaching store reads an indeterminate value (C11 6.7.9p10);
// we use zero of the type, which is deterministic.

import type { Block, Inst, IrFunction, IrType, Operand } from '../ir.js';
import { sizeOfType, successors } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue, removeSlots, resolve, substitute, zeroOf, type Substitution } from '../rewrite.js';

interface Candidate {
  slot: number;
  ty: IrType;
  /** Results of the slot's slotaddr instructions. */
  addrs: Set<number>;
}

/**
 * Functions that may return a second time (gcc's special_function_p list,
 * `__builtin_setjmp` lowers to `_setjmp`): after a longjmp, locals must be
 * read from memory, where the code that ran in between left them, not from
 * registers the library restored to their values at the setjmp. A function
 * calling one keeps its locals in their slots, as gcc does.
 */
const RETURNS_TWICE = new Set(['setjmp', '_setjmp', '__sigsetjmp', 'sigsetjmp', 'savectx', 'vfork', 'getcontext']);

function callsReturnsTwice(fn: IrFunction): boolean {
  return fn.blocks.some((b) => b.insts.some((i) => i.op === 'call' && i.args[0]?.kind === 'global' && RETURNS_TWICE.has(i.args[0].name)));
}

export const mem2reg: FunctionPass = {
  name: 'mem2reg',
  run(fn: IrFunction, ctx: PassContext): boolean {
    if (callsReturnsTwice(fn)) return false;
    const candidates = findCandidates(fn);
    if (candidates.length === 0) return false;
    promote(fn, ctx, candidates);
    removeSlots(fn, new Set(candidates.map((c) => c.slot)));
    return true;
  },
};

function findCandidates(fn: IrFunction): Candidate[] {
  const bySlot = new Map<number, Candidate>();
  const addrToSlot = new Map<number, number>();
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      if (inst.op !== 'slotaddr' || inst.result === null || inst.slot === undefined) continue;
      let c = bySlot.get(inst.slot);
      if (!c) bySlot.set(inst.slot, (c = { slot: inst.slot, ty: 'i64', addrs: new Set() }));
      c.addrs.add(inst.result);
      addrToSlot.set(inst.result, inst.slot);
    }
  }
  const rejected = new Set<number>();
  const types = new Map<number, IrType>();
  const noteType = (slot: number, ty: IrType | null) => {
    if (ty === null) { rejected.add(slot); return; }
    const prev = types.get(slot);
    if (prev !== undefined && prev !== ty) rejected.add(slot);
    types.set(slot, ty);
  };
  const escape = (o: Operand) => {
    if (o.kind !== 'value') return;
    const s = addrToSlot.get(o.id);
    if (s !== undefined) rejected.add(s);
  };
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      if (inst.op === 'load' && inst.args[0]?.kind === 'value' && addrToSlot.has(inst.args[0].id)) {
        const s = addrToSlot.get(inst.args[0].id)!;
        if (inst.isVolatile) rejected.add(s);
        noteType(s, inst.ty);
      } else if (inst.op === 'store' && inst.args[1]?.kind === 'value' && addrToSlot.has(inst.args[1].id)) {
        const s = addrToSlot.get(inst.args[1].id)!;
        if (inst.isVolatile) rejected.add(s);
        noteType(s, inst.ty);
        escape(inst.args[0]); // storing the address itself lets it escape
      } else {
        inst.args.forEach(escape);
      }
    }
    const t = blk.term;
    if (t.kind === 'br') escape(t.cond);
    if (t.kind === 'switch') escape(t.value);
    if (t.kind === 'ijmp') escape(t.value);
    if (t.kind === 'ret' && t.value) escape(t.value);
    for (const e of successors(t)) e.args.forEach(escape);
  }
  const out: Candidate[] = [];
  for (const c of [...bySlot.values()].sort((a, b) => a.slot - b.slot)) {
    const ty = types.get(c.slot);
    const slot = fn.slots[c.slot];
    if (rejected.has(c.slot) || !slot) continue;
    if (ty === undefined) { out.push({ ...c, ty: 'i64' }); continue; } // never accessed: just drop it
    if (sizeOfType(ty) !== slot.size) continue;
    out.push({ ...c, ty });
  }
  return out;
}

function promote(fn: IrFunction, ctx: PassContext, candidates: Candidate[]): void {
  const cfg = ctx.cfg();
  const dom = ctx.dominators();
  const df = ctx.frontiers();
  const n = cfg.blocks.length;
  const addrSlot = new Map<number, number>(); // slotaddr result → candidate index
  candidates.forEach((c, k) => c.addrs.forEach((a) => addrSlot.set(a, k)));
  const accessOf = (inst: Inst): number | undefined => {
    const a = inst.op === 'load' ? inst.args[0] : inst.op === 'store' ? inst.args[1] : undefined;
    return a?.kind === 'value' ? addrSlot.get(a.id) : undefined;
  };

  // Per candidate: blocks that store it, and blocks that load it before storing.
  const defBlocks: number[][] = candidates.map(() => []);
  const upwardUse: Uint8Array[] = candidates.map(() => new Uint8Array(n));
  const hasStore: Uint8Array[] = candidates.map(() => new Uint8Array(n));
  cfg.blocks.forEach((blk, bi) => {
    for (const inst of blk.insts) {
      const k = accessOf(inst);
      if (k === undefined) continue;
      if (inst.op === 'store') {
        if (!hasStore[k][bi]) defBlocks[k].push(bi);
        hasStore[k][bi] = 1;
      } else if (!hasStore[k][bi]) {
        upwardUse[k][bi] = 1;
      }
    }
  });

  // Place parameters: iterated dominance frontier ∩ live-in.
  const paramsAt: Map<number, number>[] = cfg.blocks.map(() => new Map()); // block → candidate → param id
  const paramOrder: number[][] = cfg.blocks.map(() => []); // candidates in the order their params were added
  candidates.forEach((c, k) => {
    const liveIn = liveInBlocks(cfg.preds, upwardUse[k], hasStore[k]);
    const placed = new Uint8Array(n);
    const work = defBlocks[k].slice();
    while (work.length > 0) {
      const b = work.pop()!;
      for (const f of df[b]) {
        if (placed[f] || !liveIn[f] || f === cfg.rpo[0]) continue;
        placed[f] = 1;
        const id = newValue(fn, c.ty, fn.slots[c.slot]?.name);
        cfg.blocks[f].params.push(id);
        paramsAt[f].set(k, id);
        paramOrder[f].push(k);
        work.push(f);
      }
    }
  });

  // Rename along the dominator tree (iteratively: deep trees are common).
  const subst: Substitution = new Map();
  const current: Operand[][] = [candidates.map((c) => zeroOf(c.ty))];
  const stack: [number, number][] = cfg.rpo.length > 0 ? [[cfg.rpo[0], -1]] : [];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [b, childIndex] = top;
    if (childIndex === -1) {
      const cur = current[current.length - 1].slice();
      renameBlock(cfg.blocks[b], cur, paramsAt[b], accessOf, subst);
      for (const e of successors(cfg.blocks[b].term)) {
        const ti = cfg.indexOf.get(e.block);
        if (ti === undefined) continue;
        for (const k of paramOrder[ti]) e.args.push(cur[k]);
      }
      current.push(cur);
      top[1] = 0;
      continue;
    }
    const kids = dom.children[b];
    if (childIndex < kids.length) {
      top[1]++;
      stack.push([kids[childIndex], -1]);
    } else {
      current.pop();
      stack.pop();
    }
  }

  // Unreachable blocks were not walked: their loads read zero, stores vanish.
  cfg.blocks.forEach((blk, bi) => {
    if (cfg.rpoIndex[bi] >= 0) return;
    const cur = candidates.map((c) => zeroOf(c.ty));
    renameBlock(blk, cur, new Map(), accessOf, subst);
    for (const e of successors(blk.term)) {
      const ti = cfg.indexOf.get(e.block);
      if (ti !== undefined) for (const k of paramOrder[ti]) e.args.push(cur[k]);
    }
  });

  // Drop the slotaddr instructions of promoted slots.
  for (const blk of fn.blocks) {
    blk.insts = blk.insts.filter((inst) => !(inst.op === 'slotaddr' && inst.result !== null && addrSlot.has(inst.result)));
  }
  substitute(fn, subst);
}

/** Blocks where the slot is live on entry: a backward flood from upward-exposed loads, stopped by stores. */
function liveInBlocks(preds: readonly (readonly number[])[], upwardUse: Uint8Array, hasStore: Uint8Array): Uint8Array {
  const live = new Uint8Array(upwardUse.length);
  const work: number[] = [];
  upwardUse.forEach((u, b) => { if (u) { live[b] = 1; work.push(b); } });
  while (work.length > 0) {
    const b = work.pop()!;
    for (const p of preds[b]) {
      if (live[p] || hasStore[p]) continue;
      live[p] = 1;
      work.push(p);
    }
  }
  return live;
}

function renameBlock(
  blk: Block,
  cur: Operand[],
  params: Map<number, number>,
  accessOf: (inst: Inst) => number | undefined,
  subst: Substitution,
): void {
  for (const [k, id] of params) cur[k] = { kind: 'value', id };
  const kept: Inst[] = [];
  for (const inst of blk.insts) {
    const k = accessOf(inst);
    if (k === undefined) { kept.push(inst); continue; }
    if (inst.op === 'store') cur[k] = resolve(subst, inst.args[0]);
    else if (inst.result !== null) subst.set(inst.result, cur[k]);
  }
  blk.insts = kept;
}
