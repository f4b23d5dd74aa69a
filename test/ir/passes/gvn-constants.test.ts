// GVN compares integer constants in their operand type: an i8 `add %x, 255`
// built in memory (text always prints it as -1) equals `add %x, -1`.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { runPasses, passByName } from '../../../src/ir/pipeline.js';

test('constants are normalised to their type before hashing', (t) => {
  const m = parseIr(`func export @g(i8) -> i8 {
b0(%x:i8):
  %a:i8 = add %x, -1
  %b:i8 = add %x, -1
  %c:i8 = mul %a, %b
  ret %c
}
`);
  m.functions[0].blocks[0].insts[1].args[1] = { kind: 'int', value: 255n };
  runPasses(m, [passByName('gvn')], { verify: true });
  t.is(printIr(m), `func export @g(i8) -> i8 {
b0(%x:i8):
  %a:i8 = add %x, -1
  %c:i8 = mul %a, %a
  ret %c
}
`);
});
