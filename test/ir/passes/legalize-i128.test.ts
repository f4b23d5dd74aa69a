// legalize-i128 against the interpreter: random functions computing with
// i128 values (every operation the pass splits, block parameters through a
// loop, memory, switches on i128) run before and after the rewrite on
// random 64-bit inputs; results must agree and the output must verify and
// hold no i128 instruction.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { passByName, runPasses } from '../../../src/ir/pipeline.js';
import { interpret, showValue } from '../../../src/ir/interp.js';
import { Rng } from './random-ir.js';

const BIN = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'lshr', 'ashr'] as const;
const CONDS = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'] as const;

function randomWide(rng: Rng): bigint {
  const words = [0n, 1n, 2n, 63n, 64n, 0xffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn];
  const word = () => (rng.below(3) === 0 ? rng.pick(words) : (BigInt(rng.next()) << 32n) | BigInt(rng.next()));
  return BigInt.asIntN(128, (word() << 64n) | word());
}

/** A function @r(i64 × 4) -> i64 whose body computes with i128 values. */
function randomProgram(seed: number): string {
  const rng = new Rng((seed * 2654435761) >>> 0);
  const lines = ['func export @r(i64, i64, i64, i64) -> i64 {', '  slot $0 size 16 align 16', 'b0(%p0:i64, %p1:i64, %p2:i64, %p3:i64):'];
  lines.push('  %m:ptr = slotaddr $0', '  %lo:i128 = zext i64 %p0', '  %hi0:i128 = zext i64 %p1', '  %hi:i128 = shl %hi0, 64');
  lines.push('  %v0:i128 = or %lo, %hi', '  %v1:i128 = sext i64 %p2', '  %v2:i128 = zext i64 %p3');
  let n = 3;
  const values = ['%v0', '%v1', '%v2'];
  const operand = (isCount: boolean) => {
    if (rng.below(4) === 0) return isCount ? String(rng.below(130)) : randomWide(rng).toString();
    return rng.pick(values);
  };
  const ops = (count: number, pool: string[]) => {
    for (let k = 0; k < count; k++) {
      const v = `%v${n++}`;
      const choice = rng.below(10);
      if (choice < 6) {
        const op = rng.pick(BIN);
        lines.push(`  ${v}:i128 = ${op} ${rng.pick(pool)}, ${operand(op === 'shl' || op === 'lshr' || op === 'ashr')}`);
      } else if (choice === 6) {
        lines.push(`  ${v}:i128 = ${rng.pick(['neg', 'not'])} ${rng.pick(pool)}`);
      } else if (choice === 7) {
        const c = `%c${n}`;
        lines.push(`  ${c}:i32 = icmp ${rng.pick(CONDS)} i128 ${rng.pick(pool)}, ${operand(false)}`);
        lines.push(`  ${v}:i128 = select i32 ${c}, ${rng.pick(pool)}, ${operand(false)}`);
      } else if (choice === 8) {
        const t = `%t${n}`;
        const ty = rng.pick(['i8', 'i32', 'i64']);
        lines.push(`  ${t}:${ty} = trunc i128 ${rng.pick(pool)}`, `  ${v}:i128 = ${rng.pick(['sext', 'zext'])} ${ty} ${t}`);
      } else {
        lines.push(`  store i128 ${rng.pick(pool)}, %m`, `  ${v}:i128 = load %m`);
      }
      pool.push(v);
    }
  };
  ops(4 + rng.below(5), values);
  lines.push(`  jmp b1(${rng.pick(values)}, ${rng.pick(values)}, 0)`);
  lines.push('b1(%u:i128, %w:i128, %i:i64):');
  const loopValues = ['%u', '%w'];
  ops(2 + rng.below(4), loopValues);
  lines.push('  %i2:i64 = add %i, 1', '  %more:i32 = icmp ult i64 %i2, 3');
  lines.push(`  br %more, b1(${rng.pick(loopValues)}, ${rng.pick(loopValues)}, %i2), b2(${rng.pick(loopValues)}, ${rng.pick(loopValues)})`);
  lines.push('b2(%y:i128, %z:i128):');
  // A switch on i128: small cases (one shared high half) or wide ones (a chain of tests).
  const wide = rng.below(2) === 0;
  const key = wide ? '%y' : '%k';
  if (!wide) lines.push('  %k:i128 = and %y, 3');
  const cases = wide ? [randomWide(rng), -1n, 0n] : [0n, 1n, 2n];
  lines.push(`  switch i128 ${key}, default b3(%z), ${cases.map((c, i) => `${c}: b${4 + i}(%y)`).join(', ')}`);
  for (const b of [3, 4, 5, 6]) {
    lines.push(`b${b}(%e${b}:i128):`);
    lines.push(`  %f${b}:i128 = lshr %e${b}, 64`, `  %g${b}:i64 = trunc i128 %f${b}`, `  %h${b}:i64 = trunc i128 %e${b}`);
    lines.push(`  %x${b}:i64 = xor %g${b}, %h${b}`, `  %r${b}:i64 = add %x${b}, ${b}`, `  ret %r${b}`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

test('random i128 programs compute the same after legalize-i128', (t) => {
  const inputs = [0n, 1n, -1n, 2n, 63n, 64n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n, -3n];
  let compared = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const text = randomProgram(seed);
    const before = parseIr(text);
    t.deepEqual(verifyModule(before), [], `seed ${seed} generates valid IR:\n${text}`);
    const after = parseIr(text);
    runPasses(after, [passByName('legalize-i128')], { verify: true });
    const out = printIr(after);
    if (/i128/.test(out)) t.fail(`seed ${seed}: i128 left after legalization:\n${out}`);
    const rng = new Rng(seed);
    for (let k = 0; k < 8; k++) {
      const args = [0, 1, 2, 3].map(() => rng.pick(inputs) ^ BigInt(rng.below(4)));
      const expected = showValue(interpret(before, 'r', args, { maxSteps: 10_000 }).value);
      const actual = showValue(interpret(after, 'r', args, { maxSteps: 10_000 }).value);
      if (actual !== expected) {
        t.fail(`seed ${seed} @r(${args.join(', ')}): ${actual}, expected ${expected}\n${text}\nafter:\n${out}`);
        return;
      }
      compared++;
    }
  }
  t.is(compared, 2400);
});

test('i128 constant operands, optimised first: the pipeline and legalization agree', (t) => {
  const text = randomProgram(7);
  const before = parseIr(text);
  const after = parseIr(text);
  runPasses(after, ['mem2reg', 'sccp', 'const-fold', 'gvn', 'dce', 'simplify-cfg', 'legalize-i128'].map(passByName), { verify: true });
  for (const args of [[1n, 2n, 3n, 4n], [-1n, -1n, -1n, -1n]]) {
    t.is(showValue(interpret(after, 'r', args).value), showValue(interpret(before, 'r', args).value));
  }
});
