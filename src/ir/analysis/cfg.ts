// Control-flow graph of one function: successor and predecessor lists and a
// reverse postorder of the reachable blocks.
//
// Input: an IrFunction. Output: an immutable snapshot indexed by the block's
// position in `fn.blocks` (not by `Block.id`, which is sparse after passes);
// `indexOf` maps ids to positions. A pass that adds, removes or reorders
// blocks or edges must recompute it (PassContext does so on change).
//
// Edges are deduplicated: `br %c, b1, b1` gives b1 one predecessor entry.
// Targets that name no block are ignored here (the verifier reports them).

import type { Block, IrFunction } from '../ir.js';
import { successors } from '../ir.js';

export interface Cfg {
  readonly blocks: readonly Block[];
  /** Block id → index in `blocks`. */
  readonly indexOf: ReadonlyMap<number, number>;
  readonly succs: readonly (readonly number[])[];
  readonly preds: readonly (readonly number[])[];
  /** Reachable block indices in reverse postorder; rpo[0] is the entry. */
  readonly rpo: readonly number[];
  /** Position of each block in `rpo`, or -1 when unreachable from the entry. */
  readonly rpoIndex: Int32Array;
}

export function computeCfg(fn: IrFunction): Cfg {
  const blocks = fn.blocks.slice();
  const indexOf = new Map<number, number>();
  blocks.forEach((b, i) => indexOf.set(b.id, i));
  const succs: number[][] = blocks.map(() => []);
  const preds: number[][] = blocks.map(() => []);
  blocks.forEach((b, i) => {
    for (const e of successors(b.term)) {
      const j = indexOf.get(e.block);
      if (j === undefined || succs[i].includes(j)) continue;
      succs[i].push(j);
      preds[j].push(i);
    }
  });
  const rpo = reversePostorder(blocks.length, (b) => succs[b]!);
  const rpoIndex = new Int32Array(blocks.length).fill(-1);
  rpo.forEach((b, k) => { rpoIndex[b] = k; });
  return { blocks, indexOf, succs, preds, rpo, rpoIndex };
}

/**
 * Reverse postorder of the nodes 0…count−1 reachable from node 0, by an
 * iterative DFS (no recursion: functions may have many thousands of blocks)
 * that visits each node's successors in the order `succsOf` lists them.
 */
export function reversePostorder(count: number, succsOf: (node: number) => readonly number[]): number[] {
  if (count === 0) return [];
  const post: number[] = [];
  const visited = new Uint8Array(count);
  const stack: number[] = [0];
  const nextChild: number[] = [0];
  visited[0] = 1;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const b = stack[top];
    const k = nextChild[top];
    const out = succsOf(b);
    if (k < out.length) {
      nextChild[top] = k + 1;
      const s = out[k];
      if (!visited[s]) {
        visited[s] = 1;
        stack.push(s);
        nextChild.push(0);
      }
    } else {
      post.push(b);
      stack.pop();
      nextChild.pop();
    }
  }
  return post.reverse();
}

/** True when `blocks[i]` can be reached from the entry. */
export function isReachable(cfg: Cfg, i: number): boolean {
  return cfg.rpoIndex[i] >= 0;
}
