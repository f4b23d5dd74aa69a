// The IR `asm` instruction beyond the text round trip: the verifier checks
// its operand shape, and the interpreter runs only empty templates (tied
// inputs flow to their outputs) and refuses the rest with a clear message.
import test from 'ava';
import { parseIr } from '../../src/ir/parse.js';
import { verifyModule } from '../../src/ir/verify.js';
import { interpret } from '../../src/ir/interp.js';

const barrier = `func export @f(i32) -> i32 {
b0(%0:i32):
  %1:i32 = asm "" (out "=r" result, in "0" value i32 %0)
  asm volatile "" () clobber "memory"
  ret %1
}
`;

test('an empty asm passes its tied input through in the interpreter', (t) => {
  const m = parseIr(barrier);
  t.deepEqual(verifyModule(m), []);
  t.is(interpret(m, 'f', [41n]).value, 41n);
});

test('the interpreter refuses a non-empty template', (t) => {
  const m = parseIr(barrier.replace('asm ""', 'asm "bswap %0"'));
  t.throws(() => interpret(m, 'f', [1n]), { message: /cannot run an asm statement with a non-empty template/ });
});

test('the verifier checks asm operands against the arguments', (t) => {
  const m = parseIr(`func export @f(i32) -> void {
b0(%0:i32):
  asm "" (in "r" value i64 %0)
  ret
}
`);
  t.true(verifyModule(m).some((p) => /asm argument 1/.test(p)));
  const results = parseIr(barrier);
  results.functions[0]!.blocks[0]!.insts[0]!.args.push({ kind: 'int', value: 1n });
  t.true(verifyModule(results).some((p) => /asm has 2 arguments, its operands need 1/.test(p)));
});
