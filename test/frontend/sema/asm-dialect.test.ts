// Inline asm constraints and clobbers are decoded with the target's dialect
// (FrontendOptions.asmDialect, from the codegen target): x86-64 has one;
// a target without one yet (AArch64, until its assembler exists) gets a
// clear error for operands and clobbers, while basic asm still parses.
import test from 'ava';
import { checkSource, testOptions } from './check-helpers.js';

const SOURCE = `int f(int x) { int y; __asm__("mov %1, %0" : "=r"(y) : "r"(x) : "cc"); __asm__("nop"); return y; }\n`;

test('x86-64 decodes asm operands with its dialect', (t) => {
  const r = checkSource('a.c', SOURCE, testOptions('x86_64'));
  t.is(r.text, '');
});

test('AArch64 without an asm dialect: operands and clobbers are a clear error', (t) => {
  const r = checkSource('a.c', SOURCE, testOptions('aarch64'));
  t.true(r.hasErrors);
  t.regex(r.text, /a\.c:1:\d+: error: asm operands and clobbers are not supported for target 'aarch64' yet/);
});
