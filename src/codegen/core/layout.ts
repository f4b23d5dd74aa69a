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

import type { MachFunction, MachInstInfo } from './mach.js';

export function rotateLoops<I>(fn: MachFunction<I>, info: MachInstInfo<I>, makeJump: (label: number) => I): void {
  const endsInJumpTo = (insts: readonly I[], label: number): boolean => {
    const last = insts[insts.length - 1];
    return last !== undefined && info.isTerminal(last) && info.branchTargets(last).length === 1 && info.branchTargets(last)[0] === label;
  };
  const endsTerminal = (insts: readonly I[]): boolean => {
    const last = insts[insts.length - 1];
    return last !== undefined && info.isTerminal(last);
  };
  const moved = new Set<number>();
  for (let h = 1; h < fn.blocks.length; h++) {
    const header = fn.blocks[h]!;
    if (moved.has(header.label) || !endsTerminal(header.insts)) continue;
    let latch = -1;
    for (let b = h + 1; b < fn.blocks.length; b++) if (endsInJumpTo(fn.blocks[b]!.insts, header.label)) latch = b;
    if (latch < 0) continue;
    const before = fn.blocks[h - 1]!;
    if (!endsTerminal(before.insts)) before.insts.push(makeJump(header.label));
    fn.blocks.splice(h, 1);
    fn.blocks.splice(latch, 0, header);
    moved.add(header.label);
    h--; // the block now at index h has not been looked at
  }
}
