// Control flow, loop depth and liveness over machine IR.
//
// Input: a MachFunction and the target's MachInstInfo.
// Output: successor/predecessor lists, each block's loop depth (written into
// `MachBlock.loopDepth`), and per-block live-in / live-out vreg sets.
//
// Loops are found from retreating edges of a depth-first search: for an
// edge latch → header where the header is still on the DFS stack, the loop
// body is every block that reaches the latch backwards without passing the
// header (natural loops; exact for the reducible CFGs C's structured control
// flow produces, and a safe approximation for goto spaghetti).
// Liveness is the classic backward data flow to a fixed point
// (live-in = uses ∪ (live-out − defs)); pregs are ignored here because every
// fixed-register value lives within one block.

import { isVreg } from './mach.js';
import type { MachFunction, MachInstInfo } from './mach.js';

export interface Cfg {
  /** Successor / predecessor block indices (positions in `fn.blocks`). */
  readonly succs: readonly number[][];
  readonly preds: readonly number[][];
}

export function buildCfg<I>(fn: MachFunction<I>, info: MachInstInfo<I>): Cfg {
  const indexOfLabel = new Map<number, number>();
  fn.blocks.forEach((b, i) => indexOfLabel.set(b.label, i));
  const succs: number[][] = fn.blocks.map(() => []);
  const preds: number[][] = fn.blocks.map(() => []);
  fn.blocks.forEach((blk, i) => {
    const out = new Set<number>();
    for (const inst of blk.insts) {
      for (const label of info.branchTargets(inst)) {
        const target = indexOfLabel.get(label);
        if (target !== undefined) out.add(target);
      }
    }
    const last = blk.insts[blk.insts.length - 1];
    if ((last === undefined || !info.isTerminal(last)) && i + 1 < fn.blocks.length) out.add(i + 1);
    for (const s of [...out].sort((a, b) => a - b)) {
      succs[i]!.push(s);
      preds[s]!.push(i);
    }
  });
  return { succs, preds };
}

/** Sets `loopDepth` of every block from the natural loops of the CFG. */
export function computeLoopDepths<I>(fn: MachFunction<I>, cfg: Cfg): void {
  const n = fn.blocks.length;
  const state = new Uint8Array(n); // 0 unvisited, 1 on stack, 2 done
  const backEdges: [number, number][] = [];
  // Iterative DFS, so deep CFGs cannot overflow the JS stack.
  const stack: [number, number][] = [[0, 0]];
  if (n > 0) state[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [b, next] = top;
    const succ = cfg.succs[b]!;
    if (next < succ.length) {
      top[1]++;
      const s = succ[next]!;
      if (state[s] === 0) { state[s] = 1; stack.push([s, 0]); } else if (state[s] === 1) backEdges.push([b, s]);
    } else {
      state[b] = 2;
      stack.pop();
    }
  }
  const depth = new Array<number>(n).fill(0);
  // A header with several latches is one loop: merge bodies per header.
  const bodies = new Map<number, Set<number>>();
  for (const [latch, header] of backEdges) {
    const body = bodies.get(header) ?? new Set<number>([header]);
    bodies.set(header, body);
    const work = [latch];
    while (work.length > 0) {
      const b = work.pop()!;
      if (body.has(b)) continue;
      body.add(b);
      for (const p of cfg.preds[b]!) work.push(p);
    }
  }
  for (const body of bodies.values()) for (const b of body) depth[b]!++;
  fn.blocks.forEach((blk, i) => { blk.loopDepth = depth[i]!; });
}

export interface Liveness {
  readonly liveIn: readonly Set<number>[];
  readonly liveOut: readonly Set<number>[];
}

/** The registers one instruction reads, writes and clobbers (useDef operands are in both lists). */
export interface InstOperands {
  readonly reads: readonly number[];
  readonly writes: readonly number[];
  readonly clobbers: readonly number[];
}

/**
 * Every instruction's operands, per block, collected once: liveness, the
 * allocator and the checker all walk them, and asking the target each time
 * would dominate compile time.
 */
export function collectOperands<I>(fn: MachFunction<I>, info: MachInstInfo<I>): InstOperands[][] {
  let reads: number[] = [];
  let writes: number[] = [];
  let clobbers: number[] = [];
  const visitor = {
    use(r: number): void { reads.push(r); },
    def(r: number): void { writes.push(r); },
    useDef(r: number): void { reads.push(r); writes.push(r); },
    clobber(r: number): void { clobbers.push(r); },
  };
  return fn.blocks.map((blk) => blk.insts.map((inst) => {
    reads = [];
    writes = [];
    clobbers = [];
    info.operands(inst, visitor);
    return { reads, writes, clobbers };
  }));
}

export function computeLiveness<I>(fn: MachFunction<I>, operands: readonly (readonly InstOperands[])[], cfg: Cfg): Liveness {
  const n = fn.blocks.length;
  const uses: Set<number>[] = [];
  const defs: Set<number>[] = [];
  for (const blockOps of operands) {
    const u = new Set<number>();
    const d = new Set<number>();
    for (const ops of blockOps) {
      for (const r of ops.reads) if (isVreg(r) && !d.has(r)) u.add(r);
      for (const r of ops.writes) if (isVreg(r)) d.add(r);
    }
    uses.push(u);
    defs.push(d);
  }
  const liveIn = fn.blocks.map(() => new Set<number>());
  const liveOut = fn.blocks.map(() => new Set<number>());
  // Blocks in postorder (successors before predecessors), then only the
  // blocks whose successors' live-in grew, pass after pass: a few passes
  // whatever the block order. Sweeping every block in index order took one
  // pass per out-of-order edge on a chain of them (2,776 blocks needed 88
  // sweeps and 7 s; fuzzing found it).
  const order = postorder(n, cfg);
  const isDirty = new Uint8Array(n).fill(1);
  let isChanged = true;
  while (isChanged) {
    isChanged = false;
    for (const b of order) {
      if (isDirty[b] === 0) continue;
      isDirty[b] = 0;
      const out = liveOut[b]!;
      for (const s of cfg.succs[b]!) for (const r of liveIn[s]!) out.add(r);
      const inn = liveIn[b]!;
      const before = inn.size;
      for (const r of uses[b]!) inn.add(r);
      for (const r of out) if (!defs[b]!.has(r)) inn.add(r);
      if (inn.size !== before) {
        isChanged = true;
        for (const p of cfg.preds[b]!) isDirty[p] = 1;
      }
    }
  }
  return { liveIn, liveOut };
}

/** Every block, successors before predecessors (DFS postorder from the entry), then the unreachable ones. */
function postorder(n: number, cfg: Cfg): number[] {
  const order: number[] = [];
  const isSeen = new Uint8Array(n);
  // Iterative DFS, so deep CFGs cannot overflow the JS stack.
  for (const root of [0, ...Array.from({ length: n }, (_, i) => i)]) {
    if (root >= n || isSeen[root] === 1) continue;
    isSeen[root] = 1;
    const stack: [number, number][] = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const succ = cfg.succs[top[0]]!;
      if (top[1] < succ.length) {
        const s = succ[top[1]++]!;
        if (isSeen[s] === 0) { isSeen[s] = 1; stack.push([s, 0]); }
      } else {
        order.push(top[0]);
        stack.pop();
      }
    }
  }
  return order;
}
