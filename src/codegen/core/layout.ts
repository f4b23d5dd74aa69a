// Block layout: loop rotation.
//
// Input: a MachFunction in reverse postorder (loop header before its body,
// the latch ending in an unconditional jump back to the header).
// Output: the same function with each such header moved to just after its
// last latch, so the loop test sits at the bottom: the latch falls into the
// test and the test's conditional branch jumps back to the top — one taken
// branch per iteration instead of two, as gcc lays out loops.
//
// The header's exit (its branch target outside the loop) is brought along
// after it when that block can move freely, so leaving the loop falls
// through too. Which of the header's two branches leaves the loop depends on
// how the condition was written (`while (i < n)` jumps into the body on the
// condition, fib's `if (n < 2) return` after tail-recursion elimination
// jumps out on it): the exit is found from the loop body, not from the
// branch's position; emission then inverts `jcc exit; jmp body` with the
// exit next into `j!cc body`.
//
// A block entering the loop that jumped to a small header gets a copy of
// the header's test instead (loop header copying, gcc's `ch` pass): for a
// loop entered often, as fib's nested loops after tail-recursion
// elimination and inlining are, entering then takes no extra jump. Machine
// IR is not SSA, so the copy reads (and may write) the same vregs.
//
// Invariant: semantics do not depend on block order, because every block
// that is moved ends in a terminal instruction, and a block that used to fall
// through into a moved header gets an explicit jump (`makeJump`).

import { buildCfg } from './liveness.js';
import type { MachBlock, MachFunction, MachInstInfo } from './mach.js';

/** The blocks of the natural loop of `header` with back edges from `latches` (labels): every block reaching a latch backwards without passing the header. */
function loopBody<I>(fn: MachFunction<I>, preds: readonly number[][], header: number, latches: readonly number[]): Set<number> {
  const body = new Set<number>([header]);
  const work = [...latches];
  while (work.length > 0) {
    const b = work.pop()!;
    if (body.has(b)) continue;
    body.add(b);
    for (const p of preds[b]!) work.push(p);
  }
  return new Set([...body].map((b) => fn.blocks[b]!.label));
}

/** Instructions of a loop header (its test and branches) worth copying into the blocks entering the loop. */
const MAX_COPIED_HEADER = 4;

export function rotateLoops<I>(fn: MachFunction<I>, info: MachInstInfo<I>, makeJump: (label: number) => I): void {
  const endsInJumpTo = (insts: readonly I[], label: number): boolean => {
    const last = insts[insts.length - 1];
    return last !== undefined && info.isTerminal(last) && info.branchTargets(last).length === 1 && info.branchTargets(last)[0] === label;
  };
  const endsTerminal = (insts: readonly I[]): boolean => {
    const last = insts[insts.length - 1];
    return last !== undefined && info.isTerminal(last);
  };
  // The last block (in layout order) that jumps back to each label.
  const lastLatch = new Map<number, MachBlock<I>>();
  const latchesOf = new Map<number, number[]>();
  const indexOfLabel = new Map(fn.blocks.map((blk, b) => [blk.label, b]));
  fn.blocks.forEach((blk, b) => {
    const last = blk.insts[blk.insts.length - 1];
    if (last === undefined || !info.isTerminal(last)) return;
    const targets = info.branchTargets(last);
    if (targets.length !== 1) return;
    const target = indexOfLabel.get(targets[0]!);
    if (target !== undefined && target < b) {
      lastLatch.set(targets[0]!, blk);
      latchesOf.set(targets[0]!, [...(latchesOf.get(targets[0]!) ?? []), b]);
    }
  });
  if (lastLatch.size === 0) return;
  // Loop bodies over the original order (moving blocks does not change the CFG).
  const { preds } = buildCfg(fn, info);
  const bodies = new Map([...latchesOf].map(([h, ls]) => [h, loopBody(fn, preds, indexOfLabel.get(h)!, ls)]));
  const original = [...fn.blocks];
  const isCopyable = (i: I): boolean => {
    let isCall = false;
    const none = (): void => {};
    info.operands(i, { use: none, def: none, useDef: none, clobber: () => { isCall = true; } });
    return !isCall;
  };
  for (const header of [...fn.blocks]) {
    const latch = lastLatch.get(header.label);
    if (latch === undefined) continue;
    const h = fn.blocks.indexOf(header);
    if (h < 1 || !endsTerminal(header.insts)) continue;
    if (!endsInJumpTo(latch.insts, header.label) || fn.blocks.indexOf(latch) < h) continue;
    const before = fn.blocks[h - 1]!;
    if (!endsTerminal(before.insts)) before.insts.push(makeJump(header.label));
    fn.blocks.splice(h, 1);
    fn.blocks.splice(fn.blocks.indexOf(latch) + 1, 0, header);
    const body = bodies.get(header.label)!;
    // Entering the loop: a block outside it that jumps to the (small) header
    // runs a copy of the test instead, so entering takes no extra jump —
    // gcc's loop header copying. The header only reads and compares.
    if (header.insts.length <= MAX_COPIED_HEADER && header.insts.every(isCopyable)) {
      for (const p of preds[indexOfLabel.get(header.label)!]!) {
        const pred = original[p]!;
        if (body.has(pred.label) || !endsInJumpTo(pred.insts, header.label)) continue;
        pred.insts.pop();
        for (const i of header.insts) pred.insts.push({ ...i });
      }
    }
    // The header's exit used to follow it; bring it along so leaving the loop
    // falls through too, when that block can move freely.
    const exits = new Set(header.insts.flatMap((i) => info.branchTargets(i)).filter((l) => !body.has(l)));
    if (exits.size !== 1) continue;
    const [exitLabel] = exits;
    const e = fn.blocks.findIndex((blk) => blk.label === exitLabel);
    const hNow = fn.blocks.indexOf(header);
    if (e > 0 && e < hNow && endsTerminal(fn.blocks[e]!.insts) && endsTerminal(fn.blocks[e - 1]!.insts) && !lastLatch.has(exitLabel!)) {
      const [exit] = fn.blocks.splice(e, 1);
      fn.blocks.splice(fn.blocks.indexOf(header) + 1, 0, exit!);
    }
  }
}
