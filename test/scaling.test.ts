// Every phase stays linear (or n log n) in the size of one construct
// (issue 11): for each case of bench/scaling-cases.ts — initializer lists,
// designators, switch cases, enumerators, struct members, statements,
// functions, macro uses, string length, one long line — the CPU time per
// element at 10k elements must be at most 3× the time per element at 1k.
// A quadratic phase gives about 10×. The whole pipeline runs (-O2: every
// pass, the register allocator, the encoder, the object writer).
// bench/scaling.ts prints the same table at 1k, 10k and 100k.

import test from 'ava';
import { buildObject } from '../src/build.js';
import { scalingCases } from '../bench/scaling-cases.js';
import { bestCompileMs } from './compile-cpu.js';

const bestMs = (source: string, runs: number): number => bestCompileMs(source, runs, 'scale.c');

test.before(() => {
  // Warm the compiler up, so the small size does not pay for loading and JIT compilation.
  for (const c of scalingCases) buildObject(c.source(200), { optimize: 2 });
});

for (const c of scalingCases) {
  test.serial(`${c.name}: time per ${c.element} stays flat from 1k to 10k`, (t) => {
    const small = bestMs(c.source(1_000), 3) / 1_000;
    const large = bestMs(c.source(10_000), 2) / 10_000;
    const ratio = large / small;
    t.log(`${(small * 1000).toFixed(1)} µs → ${(large * 1000).toFixed(1)} µs per ${c.element}, ratio ${ratio.toFixed(2)}`);
    t.true(ratio <= 3, `time per ${c.element} grew ${ratio.toFixed(2)}× from 1k to 10k`);
  });
}
