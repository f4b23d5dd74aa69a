// Dominator tree and dominance frontiers.
//
// Input: a Cfg. Output: immediate dominators, the tree's children, O(1)
// dominance queries by DFS interval numbering, and dominance frontiers.
// Block indices are positions in `cfg.blocks`; unreachable blocks have no
// idom and are dominated by nothing (and dominate nothing).
//
// Algorithm: Cooper, Harvey and Kennedy, "A Simple, Fast Dominance
// Algorithm" (2001): iterate idom[b] = intersect(processed preds) in reverse
// postorder until stable; it converges in two or three passes on reducible
// graphs. Frontiers by the same paper's walk up from each join point's preds.

import type { Cfg } from './cfg.js';

export interface DomTree {
  /** Immediate dominator of each block index; -1 for the entry and unreachable blocks. */
  readonly idom: Int32Array;
  readonly children: readonly (readonly number[])[];
  /** Blocks in dominator-tree preorder (entry first), reachable only. */
  readonly preorder: readonly number[];
  /** True when block `a` dominates block `b` (reflexive). */
  dominates(a: number, b: number): boolean;
}

export function computeDominators(cfg: Cfg): DomTree {
  const n = cfg.blocks.length;
  const idom = new Int32Array(n).fill(-1);
  const { rpo, rpoIndex, preds } = cfg;
  if (rpo.length === 0) return makeTree(idom, cfg);
  const entry = rpo[0];
  idom[entry] = entry;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (rpoIndex[a] > rpoIndex[b]) a = idom[a];
      while (rpoIndex[b] > rpoIndex[a]) b = idom[b];
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 1; k < rpo.length; k++) {
      const b = rpo[k];
      let newIdom = -1;
      for (const p of preds[b]) {
        if (idom[p] === -1) continue; // unprocessed or unreachable
        newIdom = newIdom === -1 ? p : intersect(p, newIdom);
      }
      if (newIdom !== -1 && idom[b] !== newIdom) {
        idom[b] = newIdom;
        changed = true;
      }
    }
  }
  idom[entry] = -1;
  return makeTree(idom, cfg);
}

function makeTree(idom: Int32Array, cfg: Cfg): DomTree {
  const n = cfg.blocks.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  // Children in RPO order so walks over the tree are deterministic and
  // visit definitions before the uses they dominate.
  for (const b of cfg.rpo) if (idom[b] !== -1) children[idom[b]].push(b);
  const pre = new Int32Array(n).fill(-1);
  const post = new Int32Array(n).fill(-1);
  const preorder: number[] = [];
  if (cfg.rpo.length > 0) {
    let clock = 0;
    const stack: [number, number][] = [[cfg.rpo[0], 0]];
    pre[cfg.rpo[0]] = clock++;
    preorder.push(cfg.rpo[0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [b, k] = top;
      if (k < children[b].length) {
        top[1] = k + 1;
        const c = children[b][k];
        pre[c] = clock++;
        preorder.push(c);
        stack.push([c, 0]);
      } else {
        post[b] = clock++;
        stack.pop();
      }
    }
  }
  return {
    idom,
    children,
    preorder,
    dominates(a: number, b: number): boolean {
      if (pre[a] < 0 || pre[b] < 0) return false;
      return pre[a] <= pre[b] && post[b] <= post[a];
    },
  };
}

/** Dominance frontier of every block index (deduplicated, in discovery order). */
export function dominanceFrontiers(cfg: Cfg, dom: DomTree): number[][] {
  const df: number[][] = cfg.blocks.map(() => []);
  for (const b of cfg.rpo) {
    const ps = cfg.preds[b].filter((p) => cfg.rpoIndex[p] >= 0);
    if (ps.length < 2) continue;
    for (const p of ps) {
      let runner = p;
      while (runner !== -1 && runner !== dom.idom[b]) {
        if (!df[runner].includes(b)) df[runner].push(b);
        runner = dom.idom[runner];
      }
    }
  }
  return df;
}
