// dce: removes instructions and block parameters whose values are unused.
//
// Input: any function. Output: the function without dead pure instructions,
// dead non-volatile loads, and dead block parameters (with the matching
// argument removed from every edge into the block).
//
// Liveness is by marking from the roots (stores, calls, volatile loads and
// every terminator operand), so cycles of otherwise-unused values — a loop
// counter only used to update itself, passed around a back edge — die too
// ("aggressive" DCE on values; control flow is simplify-cfg's job).
// Removing an unused division is fine: if it would have trapped, the
// program had undefined behaviour (C11 6.5.5p5). The entry block keeps its
// parameters, which are the function's.

import type { Block, Inst, IrFunction, Operand } from '../ir.js';
import { successors } from '../ir.js';
import { OPS } from '../ops.js';
import { isRemovableAsm } from '../asm.js';
import type { FunctionPass, PassContext } from '../pass.js';

function isRoot(inst: Inst): boolean {
  if (inst.op === 'load') return inst.isVolatile === true;
  if (inst.op === 'asm') return !isRemovableAsm(inst);
  return !OPS[inst.op].isPure;
}

export const dce: FunctionPass = {
  name: 'dce',
  preservesCfg: true,
  run(fn: IrFunction, _ctx: PassContext): boolean {
    const live = new Uint8Array(fn.values.length);
    const work: number[] = [];
    const mark = (o: Operand) => {
      if (o.kind === 'value' && !live[o.id]) {
        live[o.id] = 1;
        work.push(o.id);
      }
    };
    // Where each value comes from: an instruction, or a block parameter.
    const defInst = new Map<number, Inst>();
    const paramOf = new Map<number, [Block, number]>();
    for (const blk of fn.blocks) {
      blk.params.forEach((p, i) => paramOf.set(p, [blk, i]));
      for (const inst of blk.insts) {
        if (inst.result !== null) defInst.set(inst.result, inst);
        if (isRoot(inst)) inst.args.forEach(mark);
      }
      const t = blk.term;
      if (t.kind === 'br') mark(t.cond);
      if (t.kind === 'switch' || t.kind === 'ijmp') mark(t.value);
      if (t.kind === 'ret' && t.value) mark(t.value);
    }
    // Incoming edge arguments per (block, param index).
    const incoming = new Map<number, Operand[][]>();
    for (const blk of fn.blocks) {
      for (const e of successors(blk.term)) {
        let lists = incoming.get(e.block);
        if (!lists) incoming.set(e.block, (lists = []));
        lists.push(e.args);
      }
    }
    const entry = fn.blocks[0];
    entry?.params.forEach((p) => { live[p] = 1; });
    while (work.length > 0) {
      const id = work.pop()!;
      const inst = defInst.get(id);
      if (inst) { inst.args.forEach(mark); continue; }
      const pb = paramOf.get(id);
      if (pb) for (const args of incoming.get(pb[0].id) ?? []) if (args[pb[1]]) mark(args[pb[1]]);
    }
    let changed = false;
    for (const blk of fn.blocks) {
      const before = blk.insts.length;
      blk.insts = blk.insts.filter((inst) => isRoot(inst) || (inst.result !== null && live[inst.result]));
      if (blk.insts.length !== before) changed = true;
      if (blk === entry) continue;
      const keep = blk.params.map((p) => live[p] === 1);
      if (keep.every((k) => k)) continue;
      changed = true;
      blk.params = blk.params.filter((_, i) => keep[i]);
      for (const args of incoming.get(blk.id) ?? []) {
        const kept = args.filter((_, i) => keep[i]);
        args.length = 0;
        args.push(...kept);
      }
    }
    return changed;
  },
};
