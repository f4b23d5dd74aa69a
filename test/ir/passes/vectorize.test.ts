// Differential tests of `vectorize` on random counted loops: element type,
// counter type and comparison, start, trip count (constant or not), which
// arrays are read and written and how far apart they lie in one buffer
// (overlapping by less than a vector, exactly, not at all, misaligned), and
// the lane-wise operations, with constants and loop-invariant operands. Each
// runs in the interpreter before and after the pass (alone, with a 16-byte
// vector width, and in the -O2 pipeline); the result and every byte of the
// buffer must agree, and enough loops must actually be vectorized for the
// comparison to mean something.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { optimizeModule, passByName, runPasses } from '../../../src/ir/pipeline.js';
import { interpret, InterpLimit, InterpUndefined, showValue, type InterpArg } from '../../../src/ir/interp.js';
import type { IrModule } from '../../../src/ir/ir.js';
import { Rng } from './random-ir.js';

const BUF = 1024;
const LANES = ['i32', 'i64', 'f32', 'f64'] as const;
const FLOAT_OPS = ['fadd', 'fsub', 'fmul', 'fdiv'];
const INT_OPS = ['add', 'sub', 'and', 'or', 'xor'];

function randomLoop(seed: number): { text: string; offsets: number[] } {
  const rng = new Rng((seed * 2654435761) >>> 0);
  const lane = rng.pick(LANES);
  const size = lane === 'i32' || lane === 'f32' ? 4 : 8;
  const isFloat = lane[0] === 'f';
  const ivTy = rng.pick(['i32', 'i32', 'i64'] as const);
  const signed = rng.below(3) !== 0;
  const start = signed ? rng.below(6) - 2 : rng.below(4);
  const bound = rng.below(3) === 0 ? `%n` : String(rng.below(24));
  const ext = signed ? 'sext' : 'zext';
  const konst = (): string => (isFloat ? rng.pick(['1.5', '-0.0', '3.0', '0.1', '1e300']) : String(rng.below(200) - 100));
  const operand = (vals: string[]): string => (rng.below(4) === 0 ? konst() : rng.below(5) === 0 ? '%k' : rng.pick(vals));
  const ops = isFloat ? FLOAT_OPS : INT_OPS;
  const lines = [
    'global export @buf align 16 size ' + BUF + ' zero',
    '',
    `func export @f(ptr, ptr, ptr, ${ivTy}, ${lane}) -> ${ivTy} {`,
    `entry(%a:ptr, %b:ptr, %c:ptr, %n:${ivTy}, %k:${lane}):`,
    `  jmp h(${start})`,
    `h(%i:${ivTy}):`,
    `  %cmp:i32 = icmp ${signed ? 'slt' : 'ult'} ${ivTy} %i, ${bound}`,
    '  br %cmp, body, exit',
    'body:',
  ];
  const index = ivTy === 'i64' ? '%i' : '%e';
  if (ivTy === 'i32') lines.push(`  %e:i64 = ${ext} i32 %i`);
  lines.push(`  %s:i64 = shl ${index}, ${Math.log2(size)}`, '  %o:ptr = inttoptr i64 %s');
  const vals: string[] = [];
  const bases = ['%a', '%b', '%c'];
  let t = 0;
  for (const base of bases.slice(0, 1 + rng.below(2))) {
    lines.push(`  %p${base.slice(1)}:ptr = add ${base}, %o`, `  %l${t}:${lane} = load %p${base.slice(1)}`);
    vals.push(`%l${t++}`);
  }
  for (let n = 1 + rng.below(3); n > 0; n--) {
    lines.push(`  %l${t}:${lane} = ${rng.pick(ops)} ${operand(vals)}, ${operand(vals)}`);
    vals.push(`%l${t++}`);
  }
  lines.push('  %pc:ptr = add %c, %o', `  store ${lane} ${vals[vals.length - 1]}, %pc`);
  if (rng.below(3) === 0) {
    lines.push(`  %pa2:ptr = add %a, %o`, `  store ${lane} ${rng.pick(vals)}, %pa2`);
  }
  lines.push(`  %i1:${ivTy} = add %i, 1`, '  jmp h(%i1)', 'exit:', '  ret %i', '}');
  // Where a, b and c start in the buffer, in bytes: the same, a few elements
  // apart either way, a vector apart, far apart, or misaligned.
  const offsets = [0, 1, 2].map(() => 256 + rng.pick([0, 0, size, -size, 2 * size, -2 * size, 3 * size, 16, -16, 4, 200, -200]));
  return { text: lines.join('\n') + '\n', offsets };
}

function outcome(m: IrModule, args: InterpArg[]): string | null {
  try {
    const r = interpret(m, 'f', args, { maxSteps: 20_000 });
    return `${showValue(r.value)} | ${Buffer.from(r.globals).toString('hex')}`;
  } catch (e) {
    if (e instanceof InterpUndefined || e instanceof InterpLimit) return null;
    throw e;
  }
}

/** The buffer filled with varied bytes first, so every load reads something particular. */
function withData(m: IrModule): IrModule {
  const bytes = new Uint8Array(BUF);
  for (let i = 0; i < BUF; i++) bytes[i] = (i * 37 + 11) & 0x7f;
  m.globals[0]!.init = [{ kind: 'bytes', bytes }];
  return m;
}

const isVectorized = (m: IrModule): boolean => printIr(m).includes('splat') || /v(2|4)(i|f)(32|64) = load/.test(printIr(m));

for (const [label, transform] of [
  ['vectorize alone', (m: IrModule) => runPasses(m, [passByName('vectorize')], { verify: true, vectorBytes: 16 })],
  ['the -O2 pipeline', (m: IrModule) => optimizeModule(m, 2, { verify: true, vectorBytes: 16 })],
] as const) {
  test(`random counted loops keep their meaning under ${label}`, (t) => {
    let compared = 0;
    let vectorized = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { text, offsets } = randomLoop(seed);
      const before = withData(parseIr(text));
      t.deepEqual(verifyModule(before), [], `seed ${seed} generates valid IR:\n${text}`);
      const after = withData(parseIr(text));
      transform(after);
      t.deepEqual(verifyModule(after), [], `seed ${seed}: output verifies`);
      if (isVectorized(after)) vectorized++;
      const lane = before.functions[0]!.params[4]!;
      for (const n of [0n, 5n, 17n]) {
        const k: InterpArg = lane[0] === 'f' ? 0.75 : 77n;
        const args: InterpArg[] = [...offsets.map((offset) => ({ symbol: 'buf', offset })), n, k];
        const expected = outcome(before, args);
        if (expected === null) continue;
        t.is(outcome(after, args), expected, `seed ${seed}, n=${n}, offsets ${offsets}:\n${text}\nafter:\n${printIr(after)}`);
        compared++;
      }
    }
    t.log(`compared ${compared}, vectorized ${vectorized}`);
    t.true(compared > 600, `only ${compared} runs were comparable`);
    t.true(vectorized > 100, `only ${vectorized} of 300 loops were vectorized`);
  });
}
