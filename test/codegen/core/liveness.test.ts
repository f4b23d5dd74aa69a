// Liveness over machine IR (src/codegen/core/liveness.ts) on blocks laid
// out against the flow: the entry jumps to the last block, and each block
// jumps to the one before it, so a value used in block 1 is live through
// all of them. Fuzzing found a function of 2,776 blocks whose liveness took
// 88 sweeps (7 s on a loaded machine): sweeping in index order needs one
// sweep per such edge on a chain, n² block visits here. In postorder with
// re-visits only where a successor changed it is a few visits per block.

import test from 'ava';
import { buildCfg, collectOperands, computeLiveness, type Cfg } from '../../../src/codegen/core/liveness.js';
import { FIRST_VREG, type MachFunction } from '../../../src/codegen/core/mach.js';
import { toyInfo, type ToyInst } from './toy-isa.js';

function backwardChain(n: number): MachFunction<ToyInst> {
  const v = FIRST_VREG, w = FIRST_VREG + 1;
  const blocks = [{ label: 0, loopDepth: 0, insts: [{ op: 'const', defs: [v], uses: [], imm: 7 }, { op: 'jmp', defs: [], uses: [], target: n - 1 }] as ToyInst[] }];
  blocks.push({ label: 1, loopDepth: 0, insts: [{ op: 'ret', defs: [], uses: [v] }] });
  for (let k = 2; k < n; k++) {
    blocks.push({ label: k, loopDepth: 0, insts: [{ op: 'const', defs: [w], uses: [], imm: k }, { op: 'jmp', defs: [], uses: [], target: k - 1 }] });
  }
  return { name: 'chain', blocks, vregClasses: ['int', 'int'], slots: [], outgoingArgBytes: 0 } as unknown as MachFunction<ToyInst>;
}

test('liveness visits each block a few times, whatever the block order', (t) => {
  const n = 2000;
  const fn = backwardChain(n);
  const cfg = buildCfg(fn, toyInfo);
  let visits = 0;
  // Each visit of a block reads its successor list once.
  const counted: Cfg = { preds: cfg.preds, succs: new Proxy(cfg.succs as number[][], { get: (target, key) => { if (typeof key === 'string' && /^\d+$/.test(key)) visits++; return Reflect.get(target, key); } }) };
  const live = computeLiveness(fn, collectOperands(fn, toyInfo), counted);
  for (let b = 1; b < n; b++) t.true(live.liveIn[b]!.has(FIRST_VREG), `v live into block ${b}`);
  t.false(live.liveIn[0]!.has(FIRST_VREG), 'v is defined in the entry');
  t.false(live.liveOut[1]!.has(FIRST_VREG), 'nothing is live out of the return');
  for (let b = 0; b < n; b++) t.false(live.liveIn[b]!.has(FIRST_VREG + 1), `w is never live into block ${b}`);
  t.true(visits <= 4 * n, `${visits} block visits for ${n} blocks`);
});
