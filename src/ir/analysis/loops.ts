// Natural loops and loop nesting depth.
//
// Input: a Cfg and its dominator tree. Output: one Loop per loop header
// (back edges to the same header are merged into one loop), each with its
// body, parent loop and depth, plus the depth of every block (0 outside
// loops). The register allocator weights spill costs by depth; LICM hoists
// out of the loops found here.
//
// A back edge is t → h where h dominates t; the natural loop of h is h plus
// every block that reaches a back-edge source without passing through h
// (Aho, Lam, Sethi, Ullman §9.6.6). Irreducible cycles (no dominating
// header) are not loops here: they are rare in C and harmless to miss.

import type { Cfg } from './cfg.js';
import type { DomTree } from './dominators.js';

export interface Loop {
  /** Block index of the header. */
  readonly header: number;
  /** Block indices in the loop, header included, ascending. */
  readonly blocks: readonly number[];
  /** Sources of the back edges (block indices inside the loop). */
  readonly latches: readonly number[];
  /** Index in `LoopInfo.loops` of the innermost enclosing loop, or -1. */
  parent: number;
  /** 1 for an outermost loop. */
  depth: number;
}

export interface LoopInfo {
  /** Outer loops come before the loops they contain. */
  readonly loops: readonly Loop[];
  /** Loop depth of every block index (0 = not in a loop). */
  readonly depth: Int32Array;
  /** Innermost loop of every block index, or -1. */
  readonly innermost: Int32Array;
}

export function computeLoops(cfg: Cfg, dom: DomTree): LoopInfo {
  const n = cfg.blocks.length;
  const found: { header: number; blocks: number[]; latches: number[] }[] = [];
  // One stamp array for all loops (stamp = loop number + 1), so the cost is
  // the total size of the loops, not loops × blocks.
  const stamp = new Int32Array(n);
  for (const h of cfg.rpo) {
    const latches = cfg.preds[h].filter((p) => cfg.rpoIndex[p] >= 0 && dom.dominates(h, p));
    if (latches.length === 0) continue;
    const mark = found.length + 1;
    stamp[h] = mark;
    const blocks = [h];
    const work: number[] = [];
    for (const l of latches) {
      if (stamp[l] !== mark) { stamp[l] = mark; blocks.push(l); work.push(l); }
    }
    while (work.length > 0) {
      const b = work.pop()!;
      for (const p of cfg.preds[b]) {
        if (stamp[p] !== mark && cfg.rpoIndex[p] >= 0) {
          stamp[p] = mark;
          blocks.push(p);
          work.push(p);
        }
      }
    }
    blocks.sort((x, y) => x - y);
    found.push({ header: h, blocks, latches });
  }
  // Bigger loops first: a loop containing another has strictly more blocks,
  // so this puts parents before children.
  found.sort((a, b) => b.blocks.length - a.blocks.length || cfg.rpoIndex[a.header] - cfg.rpoIndex[b.header]);
  const loops: Loop[] = found.map((l) => ({ ...l, parent: -1, depth: 1 }));
  const depth = new Int32Array(n);
  const innermost = new Int32Array(n).fill(-1);
  loops.forEach((loop, k) => {
    // The innermost loop seen so far that contains the header is the parent.
    loop.parent = innermost[loop.header];
    loop.depth = loop.parent === -1 ? 1 : loops[loop.parent].depth + 1;
    for (const b of loop.blocks) {
      innermost[b] = k;
      depth[b] = loop.depth;
    }
  });
  return { loops, depth, innermost };
}
