// Liveness of SSA values at block boundaries.
//
// Input: a function's Cfg (which holds its blocks). Output: for each block index, the values
// live on entry (`liveIn`, excluding the block's own parameters, which are
// defined at entry) and live on exit (`liveOut`).
//
// With block parameters an edge's arguments are uses at the end of the
// predecessor (in its terminator), and the target's parameters are
// definitions at the top of the target, so the classic equations apply
// unchanged:  liveOut(b) = ∪ liveIn(s)  over successors s;
//             liveIn(b)  = uses(b) ∪ (liveOut(b) − defs(b)).
// Solved by iterating in postorder until nothing changes.

import type { Block, Operand } from '../ir.js';
import { successors } from '../ir.js';
import type { Cfg } from './cfg.js';

export interface Liveness {
  readonly liveIn: readonly ReadonlySet<number>[];
  readonly liveOut: readonly ReadonlySet<number>[];
}

/** Calls `visit` for every value operand of the block's instructions and terminator, in order. */
export function forEachUse(blk: Block, visit: (id: number) => void): void {
  const see = (o: Operand) => { if (o.kind === 'value') visit(o.id); };
  for (const inst of blk.insts) inst.args.forEach(see);
  forEachTermUse(blk, see);
}

export function forEachTermUse(blk: Block, see: (o: Operand) => void): void {
  const t = blk.term;
  switch (t.kind) {
    case 'br': see(t.cond); break;
    case 'switch': case 'ijmp': see(t.value); break;
    case 'ret': if (t.value) see(t.value); break;
    case 'jmp': case 'unreachable': break;
  }
  for (const e of successors(t)) e.args.forEach(see);
}

export function computeLiveness(cfg: Cfg): Liveness {
  const n = cfg.blocks.length;
  // Upward-exposed uses and definitions per block.
  const uses: Set<number>[] = [];
  const defs: Set<number>[] = [];
  for (const blk of cfg.blocks) {
    const u = new Set<number>();
    const d = new Set<number>(blk.params);
    const see = (o: Operand) => { if (o.kind === 'value' && !d.has(o.id)) u.add(o.id); };
    for (const inst of blk.insts) {
      inst.args.forEach(see);
      if (inst.result !== null) d.add(inst.result);
    }
    forEachTermUse(blk, see);
    uses.push(u);
    defs.push(d);
  }
  const liveIn: Set<number>[] = uses.map((u) => new Set(u));
  const liveOut: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const order = cfg.rpo.slice().reverse();
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of order) {
      const out = liveOut[b];
      for (const s of cfg.succs[b]) for (const v of liveIn[s]) out.add(v);
      const inn = liveIn[b];
      const before = inn.size;
      for (const v of out) if (!defs[b].has(v)) inn.add(v);
      if (inn.size !== before) changed = true;
    }
  }
  return { liveIn, liveOut };
}
