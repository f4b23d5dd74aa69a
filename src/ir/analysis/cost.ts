// Size and execution-cost estimates of a function, for the inliner and the
// loop unroller (PyPy's translator: "static instruction count" plus "median
// execution cost").
//
// Input: an IrFunction (its Cfg, dominators and loops). Output:
//  - `staticSize`: the sum of instruction weights, about the code the body
//    adds where it is copied;
//  - `execCost`: the same weights times how often each block is guessed to
//    run per call: both ways of a branch equally often, and a loop body
//    LOOP_TRIPS times per entry of the loop.
// Weights: conversions between integer widths and pointers, copies and slot
// addresses cost nothing (they fold into their users or vanish); calls cost
// CALL_WEIGHT (the call, its argument moves and the registers it clobbers);
// division costs DIV_WEIGHT; everything else 1. Terminators count 1 when
// they branch.

import type { Inst, IrFunction } from '../ir.js';
import type { Cfg } from './cfg.js';
import type { LoopInfo } from './loops.js';

export const LOOP_TRIPS = 4;
const CALL_WEIGHT = 4;
const DIV_WEIGHT = 3;
const FREE_OPS: ReadonlySet<string> = new Set(['sext', 'zext', 'trunc', 'inttoptr', 'ptrtoint', 'bitcast', 'copy', 'slotaddr']);

export interface CostEstimate {
  readonly staticSize: number;
  readonly execCost: number;
}

export function instWeight(inst: Inst): number {
  if (FREE_OPS.has(inst.op)) return 0;
  if (inst.op === 'call') return CALL_WEIGHT;
  if (inst.op === 'sdiv' || inst.op === 'udiv' || inst.op === 'srem' || inst.op === 'urem') return DIV_WEIGHT;
  return 1;
}

/**
 * How often each block (by index) runs per call, guessed from the shape of
 * the graph: flow 1 enters at the entry and splits evenly over a block's
 * forward edges, except that inside a loop the edges staying in the loop
 * share it (exits are the rare way out); then each block is multiplied by
 * LOOP_TRIPS per loop around it.
 */
export function blockFrequencies(cfg: Cfg, loops: LoopInfo): Float64Array {
  const n = cfg.blocks.length;
  const flow = new Float64Array(n);
  if (cfg.rpo.length === 0) return flow;
  const members = loops.loops.map((l) => new Set(l.blocks));
  flow[cfg.rpo[0]!] = 1;
  for (const b of cfg.rpo) {
    // Forward edges only: a back edge's flow is what LOOP_TRIPS stands for.
    const forward = cfg.succs[b]!.filter((s) => cfg.rpoIndex[s]! > cfg.rpoIndex[b]!);
    const loop = loops.innermost[b]!;
    const stay = loop < 0 ? forward : forward.filter((s) => members[loop]!.has(s));
    const share = flow[b]! / Math.max(1, loop < 0 || stay.length === 0 ? cfg.succs[b]!.length : stay.length);
    for (const s of forward) flow[s] += stay.includes(s) ? share : flow[b]! / Math.max(1, cfg.succs[b]!.length);
  }
  const freq = new Float64Array(n);
  for (let b = 0; b < n; b++) freq[b] = flow[b]! * LOOP_TRIPS ** Math.min(loops.depth[b]!, 6);
  return freq;
}

export function estimateCost(cfg: Cfg, loops: LoopInfo): CostEstimate {
  const freq = blockFrequencies(cfg, loops);
  let staticSize = 0;
  let execCost = 0;
  cfg.blocks.forEach((blk, b) => {
    if (cfg.rpoIndex[b]! < 0) return;
    let w = blk.term.kind === 'br' || blk.term.kind === 'switch' ? 1 : 0;
    for (const inst of blk.insts) w += instWeight(inst);
    staticSize += w;
    execCost += w * freq[b]!;
  });
  return { staticSize, execCost };
}

/** Instructions of `fn` (a cheap size for growth limits). */
export function instCount(fn: IrFunction): number {
  let n = 0;
  for (const b of fn.blocks) n += b.insts.length;
  return n;
}
