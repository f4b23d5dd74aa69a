// licm: loop-invariant code motion.
//
// Input: a function in SSA form. Output: every natural loop has a
// preheader (a block outside the loop whose only successor is the header
// and which is the header's only predecessor from outside), and pure,
// non-trapping instructions whose operands are all defined outside the loop
// are moved to the end of that preheader.
//
// Speculation is safe for exactly those instructions: they have no side
// effects and cannot trap, so running them when the loop body would not
// have run changes nothing observable. Division stays put (ops.ts
// `canTrap`), as do loads (memory may change in the loop).
// Loops are processed innermost first, so an expression invariant in
// several nested loops climbs to the outermost preheader it can reach.
// Dominance holds because a value defined outside a loop that dominates a
// use inside it also dominates the loop's preheader.

import type { Block, Inst, IrFunction } from '../ir.js';
import { successors } from '../ir.js';
import { OPS } from '../ops.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { newValue } from '../rewrite.js';

export const licm: FunctionPass = {
  name: 'licm',
  run(fn: IrFunction, ctx: PassContext): boolean {
    if (ctx.loops().loops.length === 0) return false;
    let changed = insertPreheaders(fn, ctx);
    if (changed) ctx.invalidateAll();
    const cfg = ctx.cfg();
    const { loops } = ctx.loops();
    for (let k = loops.length - 1; k >= 0; k--) {
      const loop = loops[k];
      const inLoop = new Set(loop.blocks);
      const outside = cfg.preds[loop.header].filter((p) => !inLoop.has(p));
      if (outside.length !== 1 || cfg.succs[outside[0]].length !== 1) continue;
      const preheader = cfg.blocks[outside[0]];
      if (hoist(cfg.blocks, loop.blocks.slice().sort((a, b) => cfg.rpoIndex[a] - cfg.rpoIndex[b]), preheader)) changed = true;
    }
    return changed;
  },
};

function isHoistable(inst: Inst): boolean {
  const info = OPS[inst.op];
  return info.isPure && !info.canTrap && inst.result !== null;
}

function hoist(blocks: readonly Block[], loopBlocks: readonly number[], preheader: Block): boolean {
  const definedInLoop = new Set<number>();
  for (const b of loopBlocks) {
    for (const p of blocks[b].params) definedInLoop.add(p);
    for (const inst of blocks[b].insts) if (inst.result !== null) definedInLoop.add(inst.result);
  }
  let changed = false;
  for (const b of loopBlocks) {
    const blk = blocks[b];
    const kept: Inst[] = [];
    for (const inst of blk.insts) {
      const isInvariant = isHoistable(inst) && inst.args.every((a) => a.kind !== 'value' || !definedInLoop.has(a.id));
      if (!isInvariant) { kept.push(inst); continue; }
      preheader.insts.push(inst);
      definedInLoop.delete(inst.result!);
      changed = true;
    }
    blk.insts = kept;
  }
  return changed;
}

/** Gives every loop header a dedicated preheader; returns true when a block was added. */
function insertPreheaders(fn: IrFunction, ctx: PassContext): boolean {
  const cfg = ctx.cfg();
  const { loops } = ctx.loops();
  let nextId = fn.blocks.reduce((m, b) => Math.max(m, b.id), -1) + 1;
  const inserts = new Map<number, Block>(); // header block id → new preheader
  for (const loop of loops) {
    const header = cfg.blocks[loop.header];
    const inLoop = new Set(loop.blocks);
    const outside = cfg.preds[loop.header].filter((p) => !inLoop.has(p));
    if (outside.length === 1 && cfg.succs[outside[0]].length === 1 && cfg.blocks[outside[0]].term.kind === 'jmp') continue;
    if (outside.length === 0) continue; // unreachable header: nothing enters the loop
    const params = header.params.map((p) => newValue(fn, fn.values[p].ty));
    const pre: Block = {
      id: nextId++,
      params,
      insts: [],
      term: { kind: 'jmp', target: { block: header.id, args: params.map((id) => ({ kind: 'value', id })) } },
    };
    if (header.name !== undefined) pre.name = `${header.name}.preheader`;
    for (const p of outside) {
      for (const e of successors(cfg.blocks[p].term)) if (e.block === header.id) e.block = pre.id;
    }
    inserts.set(header.id, pre);
  }
  if (inserts.size === 0) return false;
  const blocks: Block[] = [];
  for (const b of fn.blocks) {
    const pre = inserts.get(b.id);
    if (pre) blocks.push(pre);
    blocks.push(b);
  }
  fn.blocks = blocks;
  return true;
}
