// Differential tests of `unroll` on random counted loops: the general
// random programs (random-ir.ts) have no constant trip counts, so these
// loops are built for it — random counter type, start, step, comparison and
// bound (so counts of zero, of one, wrapping counters and loops too long to
// unroll all occur), sometimes nested, sometimes with an exit from the body
// (refused), sometimes testing on the other side of the branch. Each runs
// in the interpreter before and after unroll (alone, and with the -O2
// pipeline); calls, result and the number of loops unrolled must agree.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { optimizeModule, passByName, runPasses } from '../../../src/ir/pipeline.js';
import { interpret, InterpLimit, InterpUndefined, showValue } from '../../../src/ir/interp.js';
import type { IrModule } from '../../../src/ir/ir.js';
import { Rng } from './random-ir.js';

const TYPES = ['i8', 'i16', 'i32', 'i64'] as const;
const CONDS = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'] as const;

/** One counted loop named `L` over counter type ty, adding into %s<outer> and calling @use; `inner` nests. */
function loopText(rng: Rng, name: string, acc: string, after: string, inner: ((acc: string, after: string) => string[]) | null): string[] {
  const ty = rng.pick(TYPES);
  const start = rng.below(12) - 4;
  const step = rng.pick([1, 1, 1, 2, 3, -1, -2, 5]);
  const bound = rng.below(24) - 6;
  const cond = rng.pick(CONDS);
  const stayOnThen = rng.below(4) !== 0;
  const breaks = rng.below(6) === 0;
  const lines = [
    `  jmp ${name}.h(${start}, %${acc})`,
    `${name}.h(%${name}.i:${ty}, %${name}.s:i64):`,
    `  %${name}.c:i32 = icmp ${cond} ${ty} %${name}.i, ${bound}`,
    stayOnThen ? `  br %${name}.c, ${name}.body, ${name}.exit` : `  br %${name}.c, ${name}.exit, ${name}.body`,
    `${name}.body:`,
    ty === 'i64' ? `  %${name}.w:i64 = copy %${name}.i` : `  %${name}.w:i64 = sext ${ty} %${name}.i`,
    `  call @use(i64 %${name}.w)`,
    `  %${name}.m:i64 = mul %${name}.w, ${rng.below(7) + 1}`,
    `  %${name}.t:i64 = add %${name}.s, %${name}.m`,
  ];
  let bodyAcc = `${name}.t`;
  if (inner !== null) {
    lines.push(...inner(bodyAcc, `${name}.latch`));
    lines.push(`${name}.latch(%${name}.u:i64):`);
    bodyAcc = `${name}.u`;
  }
  if (breaks) {
    lines.push(`  %${name}.b:i32 = icmp eq i64 %${bodyAcc}, %k`, `  br %${name}.b, ${name}.exit, ${name}.next`, `${name}.next:`);
  }
  lines.push(`  %${name}.i1:${ty} = add %${name}.i, ${step}`, `  jmp ${name}.h(%${name}.i1, %${bodyAcc})`);
  lines.push(`${name}.exit:`, ty === 'i64' ? `  %${name}.e:i64 = copy %${name}.i` : `  %${name}.e:i64 = sext ${ty} %${name}.i`, `  %${name}.r:i64 = add %${name}.s, %${name}.e`, `  jmp ${after}(%${name}.r)`);
  return lines;
}

function randomLoops(seed: number): string {
  const rng = new Rng((seed * 2654435761) >>> 0);
  const nested = rng.below(3) === 0;
  const lines = ['func export @f(i64) -> i64 {', 'b0(%k:i64):'];
  lines.push(...loopText(rng, 'o', 'k', 'done', nested ? (acc, after) => loopText(rng, 'n', acc, after, null) : null));
  lines.push('done(%res:i64):', '  ret %res', '}');
  return lines.join('\n') + '\n';
}

function outcome(m: IrModule, k: bigint): string | null {
  try {
    const r = interpret(m, 'f', [k], { maxSteps: 20_000 });
    return `${showValue(r.value)} | ${r.trace.join('; ')}`;
  } catch (e) {
    if (e instanceof InterpUndefined || e instanceof InterpLimit) return null;
    throw e;
  }
}

const loopCount = (m: IrModule): number => m.functions[0]!.blocks.filter((b) => b.term.kind === 'br').length;

for (const [label, transform] of [
  ['unroll alone', (m: IrModule) => runPasses(m, [passByName('unroll')], { verify: true })],
  ['the -O2 pipeline', (m: IrModule) => optimizeModule(m, 2, { verify: true })],
] as const) {
  test(`random counted loops keep their meaning under ${label}`, (t) => {
    let compared = 0;
    let unrolled = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomLoops(seed);
      const before = parseIr(text);
      t.deepEqual(verifyModule(before), [], `seed ${seed} generates valid IR:\n${text}`);
      const after = parseIr(text);
      transform(after);
      t.deepEqual(verifyModule(after), [], `seed ${seed}: output verifies`);
      if (label === 'unroll alone' && loopCount(after) < loopCount(before)) unrolled++;
      for (const k of [0n, 3n, 40n]) {
        const expected = outcome(before, k);
        if (expected === null) continue;
        t.is(outcome(after, k), expected, `seed ${seed}, k=${k}:\n${text}\nafter:\n${printIr(after)}`);
        compared++;
      }
    }
    t.true(compared > 500, `only ${compared} runs were comparable`);
    if (label === 'unroll alone') t.true(unrolled > 60, `only ${unrolled} of 300 functions had a loop unrolled`);
  });
}
