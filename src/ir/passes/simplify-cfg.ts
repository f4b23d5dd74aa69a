// simplify-cfg: cleans up the control-flow graph.
//
// Input: any function. Output: an equivalent function where, until nothing
// changes:
//  - `br` on a constant, `switch` on a constant, and branches whose every
//    edge is identical become `jmp`;
//  - blocks unreachable from the entry are deleted;
//  - block parameters that receive the same operand on every edge (not
//    counting the parameter passed back to itself) are replaced by it
//    (Braun et al. 2013, "trivial phi" removal);
//  - empty blocks that only jump on are bypassed ("jump threading" of
//    forwarding blocks): their predecessors jump straight to the target;
//  - a block that is the only predecessor of its `jmp` target absorbs it.
// The entry block is never removed, bypassed or merged away, nor is a block
// whose address is taken (an `ijmp` target), unless it became unreachable.
// Finally the blocks are laid out in reverse postorder, taking a branch's
// `then` side first, so a block's fall-through successor usually follows
// it and a loop body follows its header (what the backend emits in order).

import type { Block, BlockCall, IrFunction, Operand } from '../ir.js';
import { successors } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue, resolve, sameOperand, substitute, type Substitution } from '../rewrite.js';
import { reversePostorder } from '../analysis/cfg.js';

export const simplifyCfg: FunctionPass = {
  name: 'simplify-cfg',
  run(fn: IrFunction, _ctx: PassContext): boolean {
    let changed = false;
    for (let round = 0; round < 1000; round++) {
      let roundChanged = foldConstantBranches(fn);
      roundChanged = removeUnreachable(fn) || roundChanged;
      roundChanged = removeTrivialParams(fn) || roundChanged;
      // Only a bypass can cut a block off now (parameter removal keeps every edge).
      if (bypassForwardingBlocks(fn)) {
        removeUnreachable(fn);
        roundChanged = true;
      }
      roundChanged = mergeStraightLines(fn) || roundChanged;
      if (!roundChanged) break;
      changed = true;
    }
    return layOut(fn) || changed;
  },
};

/** Orders blocks in reverse postorder (DFS visiting successors last to first). */
function layOut(fn: IrFunction): boolean {
  if (fn.blocks.length < 2) return false;
  const indexOf = new Map(fn.blocks.map((b, i) => [b.id, i]));
  const lastFirst = fn.blocks.map((b) => successors(b.term).reverse().flatMap((e) => indexOf.get(e.block) ?? []));
  const rpo = reversePostorder(fn.blocks.length, (i) => lastFirst[i]!);
  const order = rpo.map((i) => fn.blocks[i]!);
  const seen = new Set(rpo);
  fn.blocks.forEach((b, i) => { if (!seen.has(i)) order.push(b); }); // none after removeUnreachable; kept for safety
  if (order.every((b, i) => b === fn.blocks[i])) return false;
  fn.blocks = order;
  return true;
}

function sameEdge(a: BlockCall, b: BlockCall): boolean {
  return a.block === b.block && a.args.length === b.args.length && a.args.every((x, i) => sameOperand(x, b.args[i]));
}

function foldConstantBranches(fn: IrFunction): boolean {
  let changed = false;
  let byIdMap: Map<number, Block> | null = null;
  const byId = () => (byIdMap ??= new Map(fn.blocks.map((b) => [b.id, b])));
  for (const blk of fn.blocks) {
    const t = blk.term;
    if (t.kind === 'br') {
      if (t.cond.kind === 'int') {
        blk.term = { kind: 'jmp', target: t.cond.value !== 0n ? t.then : t.else };
        changed = true;
      } else if (sameEdge(t.then, t.else)) {
        blk.term = { kind: 'jmp', target: t.then };
        changed = true;
      } else if (t.then.block === t.else.block && t.cond.kind === 'value' && byId().has(t.then.block) && t.then.args.length === t.else.args.length) {
        // Both edges join the same block with different arguments: choose
        // the arguments with `select` and jump once (if-conversion of the
        // `c ? x : y` shape; the arguments are already computed here).
        blk.term = { kind: 'jmp', target: { block: t.then.block, args: selectArgs(fn, blk, byId().get(t.then.block)!, t.cond, t.then.args, t.else.args) } };
        changed = true;
      }
    } else if (t.kind === 'switch') {
      if (t.value.kind === 'int') {
        const w = BigInt(sizeBits(t.ty));
        const v = BigInt.asUintN(Number(w), t.value.value);
        const hit = t.cases.find((c) => BigInt.asUintN(Number(w), c.value) === v);
        blk.term = { kind: 'jmp', target: hit ? hit.target : t.default };
        changed = true;
      } else if (t.cases.every((c) => sameEdge(c.target, t.default))) {
        blk.term = { kind: 'jmp', target: t.default };
        changed = true;
      }
    }
  }
  return changed;
}

/** Edge arguments for `join` taken from `a` when `cond` is non-zero, else from `b`, via selects appended to `blk`. */
function selectArgs(fn: IrFunction, blk: Block, join: Block, cond: Operand & { kind: 'value' }, a: Operand[], b: Operand[]): Operand[] {
  const condTy = fn.values[cond.id].ty;
  return a.map((x, i) => {
    if (sameOperand(x, b[i])) return x;
    const ty = fn.values[join.params[i]].ty;
    const id = newValue(fn, ty);
    blk.insts.push({ op: 'select', result: id, ty, opTy: condTy, args: [cond, x, b[i]] });
    return { kind: 'value', id };
  });
}

function sizeBits(ty: string): number {
  return ty === 'i8' ? 8 : ty === 'i16' ? 16 : ty === 'i32' ? 32 : 64;
}

function removeUnreachable(fn: IrFunction): boolean {
  if (fn.blocks.length === 0) return false;
  const byId = new Map(fn.blocks.map((b) => [b.id, b]));
  const seen = new Set<number>([fn.blocks[0].id]);
  const work = [fn.blocks[0]];
  while (work.length > 0) {
    const b = work.pop()!;
    for (const e of successors(b.term)) {
      const s = byId.get(e.block);
      if (s && !seen.has(s.id)) {
        seen.add(s.id);
        work.push(s);
      }
    }
  }
  if (seen.size === fn.blocks.length) return false;
  fn.blocks = fn.blocks.filter((b) => seen.has(b.id));
  return true;
}

/** Incoming edges of every block, by block id. */
function incomingEdges(fn: IrFunction): Map<number, BlockCall[]> {
  const inc = new Map<number, BlockCall[]>();
  for (const blk of fn.blocks) {
    for (const e of successors(blk.term)) {
      let list = inc.get(e.block);
      if (!list) inc.set(e.block, (list = []));
      list.push(e);
    }
  }
  return inc;
}

function removeTrivialParams(fn: IrFunction): boolean {
  // Most rounds find no parameter at all (before mem2reg, or in straight code): no edge map needed.
  if (!fn.blocks.some((b, i) => i > 0 && b.params.length > 0)) return false;
  const inc = incomingEdges(fn);
  const subst: Substitution = new Map();
  let changed = false;
  // Repeat within the round: removing one parameter can make another trivial.
  for (let again = true; again; ) {
    again = false;
    for (const blk of fn.blocks.slice(1)) {
      const edgesIn = inc.get(blk.id) ?? [];
      const keep: boolean[] = blk.params.map(() => true);
      blk.params.forEach((p, i) => {
        let only: Operand | null = null;
        let isTrivial = true;
        for (const e of edgesIn) {
          const a = resolve(subst, e.args[i]);
          if (a.kind === 'value' && a.id === p) continue;
          if (only === null) only = a;
          else if (!sameOperand(only, a)) { isTrivial = false; break; }
        }
        if (isTrivial && only !== null) {
          subst.set(p, only);
          keep[i] = false;
        }
      });
      if (keep.every((k) => k)) continue;
      again = changed = true;
      blk.params = blk.params.filter((_, i) => keep[i]);
      for (const e of edgesIn) e.args = e.args.filter((_, i) => keep[i]);
    }
  }
  substitute(fn, subst);
  return changed;
}

/** Values used anywhere, with how often, for the forwarding-block check. */
function useCounts(fn: IrFunction): Map<number, number> {
  const counts = new Map<number, number>();
  const see = (o: Operand) => { if (o.kind === 'value') counts.set(o.id, (counts.get(o.id) ?? 0) + 1); };
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) inst.args.forEach(see);
    const t = blk.term;
    if (t.kind === 'br') see(t.cond);
    if (t.kind === 'switch' || t.kind === 'ijmp') see(t.value);
    if (t.kind === 'ret' && t.value) see(t.value);
    for (const e of successors(t)) e.args.forEach(see);
  }
  return counts;
}

function bypassForwardingBlocks(fn: IrFunction): boolean {
  // The edge map and use counts only when some block forwards (most rounds after the first, none does).
  if (!fn.blocks.some((b, i) => i > 0 && b.insts.length === 0 && b.term.kind === 'jmp' && b.term.target.block !== b.id)) return false;
  const inc = incomingEdges(fn);
  const uses = useCounts(fn);
  let changed = false;
  // A cycle of empty blocks (`for (;;);`) must not bounce edges around it forever.
  const bypassed = new Set<number>();
  // A block whose address is taken stays: an indirect branch enters it by that address.
  const addressed = new Set((fn.labelAddresses ?? []).map((l) => l.block));
  for (const blk of fn.blocks.slice(1)) {
    if (blk.insts.length > 0 || blk.term.kind !== 'jmp' || addressed.has(blk.id)) continue;
    const out = blk.term.target;
    if (out.block === blk.id || bypassed.has(out.block)) continue;
    // The parameters may be used only by the jump itself (nothing else is in the block).
    const ownUses = new Map<number, number>();
    for (const a of out.args) if (a.kind === 'value') ownUses.set(a.id, (ownUses.get(a.id) ?? 0) + 1);
    if (blk.params.some((p) => (uses.get(p) ?? 0) !== (ownUses.get(p) ?? 0))) continue;
    const edgesIn = inc.get(blk.id) ?? [];
    if (edgesIn.length === 0) continue;
    const paramIndex = new Map(blk.params.map((p, i) => [p, i]));
    for (const e of edgesIn) {
      const args = out.args.map((a) => (a.kind === 'value' && paramIndex.has(a.id) ? e.args[paramIndex.get(a.id)!] : a));
      e.block = out.block;
      e.args = args;
      let list = inc.get(out.block);
      if (!list) inc.set(out.block, (list = []));
      list.push(e);
    }
    inc.set(blk.id, []);
    bypassed.add(blk.id);
    changed = true;
  }
  return changed;
}

function mergeStraightLines(fn: IrFunction): boolean {
  const inc = incomingEdges(fn);
  const byId = new Map(fn.blocks.map((b) => [b.id, b]));
  const entryId = fn.blocks[0]?.id;
  const removed = new Set<number>();
  const subst: Substitution = new Map();
  const addressed = new Set((fn.labelAddresses ?? []).map((l) => l.block));
  for (const blk of fn.blocks) {
    if (removed.has(blk.id)) continue;
    for (;;) {
      const t = blk.term;
      if (t.kind !== 'jmp') break;
      const next: Block | undefined = byId.get(t.target.block);
      if (!next || next.id === blk.id || next.id === entryId || addressed.has(next.id) || (inc.get(next.id) ?? []).length !== 1) break;
      next.params.forEach((p, i) => subst.set(p, t.target.args[i]));
      blk.insts.push(...next.insts);
      blk.term = next.term;
      removed.add(next.id);
    }
  }
  if (removed.size === 0) return false;
  fn.blocks = fn.blocks.filter((b) => !removed.has(b.id));
  substitute(fn, subst);
  return true;
}
