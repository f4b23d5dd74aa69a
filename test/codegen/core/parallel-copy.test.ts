// Parallel copies on CFG edges: the sequential moves must have the effect of
// all copies happening at once, including swaps and longer cycles, using a
// temporary only when a cycle forces one.

import test from 'ava';
import type { ParallelCopy } from '../../../src/codegen/core/parallel-copy.js';
import { sequentializeCopies } from '../../../src/codegen/core/parallel-copy.js';

type Src = { reg: number } | { constant: number };

/** Runs the moves on a register file where register r initially holds 100 + r. */
function run(copies: ParallelCopy<Src>[]): { regs: Map<number, number>; moves: number; temps: number } {
  let nextTemp = 1000;
  const seq = sequentializeCopies<Src>(copies, (s) => ('reg' in s ? s.reg : null), (r) => ({ reg: r }), () => nextTemp++);
  const regs = new Map<number, number>();
  const read = (r: number): number => regs.get(r) ?? 100 + r;
  for (const m of seq) regs.set(m.dst, 'reg' in m.src ? read(m.src.reg) : m.src.constant);
  return { regs, moves: seq.length, temps: nextTemp - 1000 };
}

function expectParallel(t: import('ava').ExecutionContext, copies: ParallelCopy<Src>[], temps: number): void {
  const result = run(copies);
  for (const c of copies) t.is(result.regs.get(c.dst) ?? 100 + c.dst, 'reg' in c.src ? 100 + c.src.reg : c.src.constant, `r${c.dst}`);
  t.is(result.temps, temps);
}

test('independent copies need no temporary', (t) => {
  expectParallel(t, [{ dst: 1, src: { reg: 2 } }, { dst: 3, src: { reg: 4 } }, { dst: 5, src: { constant: 7 } }], 0);
});

test('a chain is ordered so nothing is overwritten before it is read', (t) => {
  expectParallel(t, [{ dst: 1, src: { reg: 2 } }, { dst: 2, src: { reg: 3 } }, { dst: 3, src: { reg: 4 } }], 0);
});

test('a swap uses one temporary', (t) => {
  expectParallel(t, [{ dst: 1, src: { reg: 2 } }, { dst: 2, src: { reg: 1 } }], 1);
});

test('a three-cycle plus a branch hanging off it', (t) => {
  expectParallel(t, [
    { dst: 1, src: { reg: 2 } }, { dst: 2, src: { reg: 3 } }, { dst: 3, src: { reg: 1 } },
    { dst: 4, src: { reg: 1 } }, { dst: 5, src: { constant: 0 } },
  ], 1);
});

test('self-copies disappear', (t) => {
  t.is(run([{ dst: 1, src: { reg: 1 } }]).moves, 0);
});
