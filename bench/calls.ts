// Per-call overhead of calling C from JS: `int add(int, int)` compiled by
// jitcc and called through `mod.fn`, the same machine code called through a
// raw koffi binding (koffi.decode of its address — the floor jitcc's binding
// sits on; target: within 10%), and a plain JS function.
//
//   npx tsx bench/calls.ts            # 2,000,000 calls per variant (CALLS=… to change)
//
// Each variant runs in rounds; the best round is reported (the least
// disturbed by GC and other processes), in nanoseconds per call.

import koffi from 'koffi';
import { compile } from '../src/index.js';

const CALLS = Number(process.env.CALLS ?? 2_000_000);
const ROUNDS = 7;

function best(f: (a: number, b: number) => unknown): number {
  let bestNs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    let sink = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) sink = (sink + (f(i, 1) as number)) | 0;
    const ns = Number(process.hrtime.bigint() - start) / CALLS;
    if (sink === 42.5) console.log('impossible'); // keeps the loop's result alive
    bestNs = Math.min(bestNs, ns);
  }
  return bestNs;
}

const mod = compile('int add(int a, int b) { return a + b; }', { optimize: 2 });
const viaJitcc = mod.fn('add') as (a: number, b: number) => number;
const viaKoffi = koffi.decode(mod.symbol('add'), koffi.proto('int add_proto(int, int)')) as (a: number, b: number) => number;
const viaJs = (a: number, b: number): number => (a + b) | 0;

// Warm up all three before measuring.
best(viaJitcc); best(viaKoffi); best(viaJs);
const jitccNs = best(viaJitcc);
const koffiNs = best(viaKoffi);
const jsNs = best(viaJs);

const pct = ((jitccNs / koffiNs - 1) * 100).toFixed(1);
console.log(`calls of int add(int, int), best of ${ROUNDS} rounds of ${CALLS.toLocaleString('en')} calls`);
console.log(`  jitcc mod.fn('add')   ${jitccNs.toFixed(1).padStart(7)} ns/call  (${pct}% vs raw koffi; target ≤ 10%)`);
console.log(`  raw koffi binding     ${koffiNs.toFixed(1).padStart(7)} ns/call`);
console.log(`  plain JS function     ${jsNs.toFixed(2).padStart(7)} ns/call`);
mod.dispose();
