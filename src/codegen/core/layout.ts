// Block layout: loop rotation.
//
// Input: a MachFunction in reverse postorder (loop header before its body,
// the latch ending in an unconditional jump back to the header).
// Output: the same function with each such header moved to just after its
// last latch, so the loop test sits at the bottom: the latch falls into the
// test and the test's conditional branch jumps back to the top — one taken
// branch per iteration instead of two, as gcc lays out loops.
//
// Invariant: semantics do not depend on block order, because every block
// that is moved ends in a terminal instruction, and a block that used to fall
// through into a moved header gets an explicit jump (`makeJump`).

import type { MachBlock, MachFunction, MachInstInfo } from './mach.js';

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
  const indexOfLabel = new Map(fn.blocks.map((blk, b) => [blk.label, b]));
  fn.blocks.forEach((blk, b) => {
    const last = blk.insts[blk.insts.length - 1];
    if (last === undefined || !info.isTerminal(last)) return;
    const targets = info.branchTargets(last);
    if (targets.length !== 1) return;
    const target = indexOfLabel.get(targets[0]!);
    if (target !== undefined && target < b) lastLatch.set(targets[0]!, blk);
  });
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
    // The header's exit (its final jump) used to follow it; bring it along so
    // leaving the loop falls through too, when that block can move freely.
    const last = header.insts[header.insts.length - 1]!;
    const exitLabel = info.branchTargets(last)[0];
    const e = fn.blocks.findIndex((blk) => blk.label === exitLabel);
    const hNow = fn.blocks.indexOf(header);
    if (e > 0 && e < hNow && endsTerminal(fn.blocks[e]!.insts) && endsTerminal(fn.blocks[e - 1]!.insts) && !lastLatch.has(exitLabel!)) {
      const [exit] = fn.blocks.splice(e, 1);
      fn.blocks.splice(fn.blocks.indexOf(header) + 1, 0, exit!);
    }
  }
}
