// CFG, dominators, frontiers, loops and liveness on small hand-checked graphs.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { computeCfg } from '../../../src/ir/analysis/cfg.js';
import { computeDominators, dominanceFrontiers } from '../../../src/ir/analysis/dominators.js';
import { computeLoops } from '../../../src/ir/analysis/loops.js';
import { computeLiveness } from '../../../src/ir/analysis/liveness.js';
import type { IrFunction } from '../../../src/ir/ir.js';

// Two nested loops:  entry → outer ⇄ (inner ⇄ inner.body) → exit, plus a dead block.
const nested = parseIr(`func export @f(i32) -> i32 {
entry(%n:i32):
  jmp outer(0)
outer(%i:i32):
  %c:i32 = icmp slt i32 %i, %n
  br %c, inner(0), exit
inner(%j:i32):
  %d:i32 = icmp slt i32 %j, %i
  br %d, inner.body, outer.latch
inner.body:
  %j1:i32 = add %j, 1
  jmp inner(%j1)
outer.latch:
  %i1:i32 = add %i, 1
  jmp outer(%i1)
exit:
  ret %i
dead:
  jmp exit
}
`).functions[0];

function labels(fn: IrFunction, idx: readonly number[]): string[] {
  return idx.map((i) => fn.blocks[i].name ?? `b${fn.blocks[i].id}`);
}

test('cfg: preds, succs and reverse postorder', (t) => {
  const cfg = computeCfg(nested);
  const outer = cfg.indexOf.get(nested.blocks[1].id)!;
  t.deepEqual(labels(nested, cfg.preds[outer]), ['entry', 'outer.latch']);
  t.deepEqual(labels(nested, cfg.succs[outer]), ['inner', 'exit']);
  t.is(cfg.rpo.length, 6, 'the dead block is not in the RPO');
  t.is(cfg.rpoIndex[6], -1);
  t.is(labels(nested, [cfg.rpo[0]])[0], 'entry');
  // Every forward edge goes up in RPO except back edges to loop headers.
  t.true(cfg.rpoIndex[1] < cfg.rpoIndex[2] && cfg.rpoIndex[2] < cfg.rpoIndex[3]);
});

test('dominators and dominance frontiers', (t) => {
  const cfg = computeCfg(nested);
  const dom = computeDominators(cfg);
  const idom = Array.from(dom.idom, (d) => (d === -1 ? '-' : labels(nested, [d])[0]));
  t.deepEqual(idom, ['-', 'entry', 'outer', 'inner', 'inner', 'outer', '-']);
  t.true(dom.dominates(1, 4));
  t.false(dom.dominates(4, 1));
  t.false(dom.dominates(0, 6), 'nothing dominates an unreachable block');
  const df = dominanceFrontiers(cfg, dom);
  t.deepEqual(df.map((d) => labels(nested, d)), [[], ['outer'], ['outer', 'inner'], ['inner'], ['outer'], [], []]);
});

test('loops: headers, bodies and depth', (t) => {
  const cfg = computeCfg(nested);
  const loops = computeLoops(cfg, computeDominators(cfg));
  t.is(loops.loops.length, 2);
  t.deepEqual(labels(nested, [loops.loops[0].header]), ['outer']);
  t.deepEqual(labels(nested, loops.loops[0].blocks), ['outer', 'inner', 'inner.body', 'outer.latch']);
  t.deepEqual(labels(nested, loops.loops[1].blocks), ['inner', 'inner.body']);
  t.is(loops.loops[1].parent, 0);
  t.deepEqual(Array.from(loops.depth), [0, 1, 2, 2, 1, 0, 0]);
});

test('liveness across block parameters', (t) => {
  const cfg = computeCfg(nested);
  const live = computeLiveness(cfg);
  const name = (ids: ReadonlySet<number>) => [...ids].map((id) => nested.values[id].name).sort();
  t.deepEqual(name(live.liveIn[1]), ['n'], 'outer: %i is its parameter, %n flows through');
  t.deepEqual(name(live.liveOut[1]), ['i', 'n']);
  t.deepEqual(name(live.liveIn[3]), ['i', 'j', 'n']);
  t.deepEqual(name(live.liveIn[5]), ['i']);
  t.deepEqual(name(live.liveOut[5]), []);
});
