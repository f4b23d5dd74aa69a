// Division and remainder by constants become multiply-high sequences
// (inst-combine); they must equal the division for every dividend. i8 is
// checked exhaustively (every divisor, every dividend), the wider types on
// a sample of divisors with extreme and random dividends; each optimised
// function runs in the reference interpreter against the original.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { passByName, runPasses } from '../../../src/ir/pipeline.js';
import { interpret } from '../../../src/ir/interp.js';
import { signedMagic, unsignedMagic } from '../../../src/ir/passes/inst-combine.js';
import { Rng } from './random-ir.js';

const OPS = ['sdiv', 'udiv', 'srem', 'urem'] as const;

function module(ty: string, divisors: readonly bigint[]): string {
  return divisors.flatMap((d, k) => OPS.map((op) => `func export @${op}${k}(${ty}) -> ${ty} {
b0(%x:${ty}):
  %q:${ty} = ${op} %x, ${d}
  ret %q
}
`)).join('\n');
}

function check(t: import('ava').ExecutionContext, ty: string, w: number, divisors: readonly bigint[], dividends: readonly bigint[]): void {
  const text = module(ty, divisors);
  const before = parseIr(text);
  const after = parseIr(text);
  runPasses(after, [passByName('inst-combine'), passByName('const-fold'), passByName('dce')], { verify: true });
  divisors.forEach((d, k) => {
    const ad = BigInt.asUintN(w, d) < 1n << BigInt(w - 1) ? BigInt.asUintN(w, d) : -BigInt.asIntN(w, d);
    const isPow2 = (ad & (ad - 1n)) === 0n;
    for (const op of OPS) {
      const f = after.functions.find((g) => g.name === `${op}${k}`)!;
      const isSigned = op[0] === 's';
      const mag = isSigned ? ad : BigInt.asUintN(w, d);
      // Left alone: powers of two (the backend shifts) and, signed, the most negative divisor.
      if ((mag & (mag - 1n)) === 0n || (isSigned && isPow2)) continue;
      t.false(f.blocks.some((b) => b.insts.some((i) => /div|rem/.test(i.op))), `${op} by ${d} is still a division:\n${printIr({ ...after, functions: [f] })}`);
    }
  });
  let bad = 0;
  for (const f of before.functions) {
    for (const x of dividends) {
      const arg = BigInt.asIntN(w, x);
      const e = interpret(before, f.name, [arg]).value;
      const a = interpret(after, f.name, [arg]).value;
      if (e !== a && bad++ < 5) t.fail(`${f.name} ${printIr({ ...after, functions: [after.functions.find((g) => g.name === f.name)!] })} x=${arg}: ${a} != ${e}`);
    }
  }
  t.is(bad, 0);
}

/**
 * One function per (op, divisor) that loops over every i8 dividend and
 * counts where the division by the constant (rewritten by the pass)
 * differs from the division by the same divisor passed as a parameter
 * (left alone): one interpreter call per divisor instead of 256.
 */
test('i8: every divisor, every dividend', (t) => {
  const divisors = Array.from({ length: 256 }, (_, i) => BigInt(i - 128)).filter((d) => d !== 0n && d !== -1n);
  const text = divisors.flatMap((d, k) => OPS.map((op) => `func export @${op}${k}(i8) -> i32 {
b0(%d:i8):
  jmp loop(0, 0)
loop(%i:i32, %bad:i32):
  %x:i8 = trunc i32 %i
  %q:i8 = ${op} %x, ${d}
  %r:i8 = ${op} %x, %d
  %ne:i32 = icmp ne i8 %q, %r
  %bad2:i32 = add %bad, %ne
  %i2:i32 = add %i, 1
  %c:i32 = icmp slt i32 %i2, 256
  br %c, loop(%i2, %bad2), done
done:
  ret %bad2
}
`)).join('\n');
  const m = parseIr(text);
  runPasses(m, [passByName('inst-combine'), passByName('const-fold'), passByName('dce')], { verify: true });
  divisors.forEach((d, k) => {
    for (const op of OPS) {
      const bad = interpret(m, `${op}${k}`, [d]).value;
      if (bad !== 0n) t.fail(`${op} by ${d}: ${bad} wrong dividends`);
    }
  });
  t.false(/= [su](div|rem) %x, (3|5|7|-3|-7|100)\n/.test(printIr(m)), 'divisions by constants were rewritten');
});

test('i16, i32, i64: sampled divisors and dividends', (t) => {
  const rng = new Rng(1234);
  for (const [ty, w] of [['i16', 16], ['i32', 32], ['i64', 64]] as const) {
    const W = BigInt(w);
    const big = (): bigint => (BigInt(rng.next()) << 32n | BigInt(rng.next())) & ((1n << W) - 1n);
    const divisors = [3n, 5n, 6n, 7n, 10n, 11n, 13n, 25n, 37n, 100n, 641n, 1000n, -3n, -7n, -10n, (1n << (W - 1n)) - 1n, (1n << (W - 2n)) + 1n, (1n << W) - 3n, big(), big(), big()];
    const dividends = [0n, 1n, -1n, 2n, 6n, 7n, 100n, (1n << (W - 1n)) - 1n, -(1n << (W - 1n)), -(1n << (W - 1n)) + 1n, (1n << W) - 1n, ...Array.from({ length: 40 }, big)];
    check(t, ty, w, divisors.filter((d) => BigInt.asIntN(w, d) !== 0n && BigInt.asIntN(w, d) !== -1n), dividends);
  }
});

test('magic numbers: the shift is the smallest that is exact', (t) => {
  // udiv by 3 on 32 bits: 0xAAAAAAAB, shift 1 (gcc's constant); by 7: a 33-bit multiplier.
  t.deepEqual(unsignedMagic(3n, 32), { m: 0xaaaaaaabn, s: 1, isWide: false });
  t.true(unsignedMagic(7n, 32).isWide);
  // sdiv by 3 on 32 bits: 0x55555556, shift 0 (Hacker's Delight table 10-1).
  t.deepEqual(signedMagic(3n, 32), { m: 0x55555556n, s: 0 });
  t.deepEqual(signedMagic(7n, 32), { m: 0x92492493n, s: 2 });
});
