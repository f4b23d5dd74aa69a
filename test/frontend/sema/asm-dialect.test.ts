// Inline asm constraints and clobbers are decoded with the target's dialect
// (FrontendOptions.asmDialect, from the codegen target): x86-64 has one;
// a target without one yet (AArch64, until its assembler exists) gets a
// clear error for operands and register clobbers, while basic asm and the
// register-free clobbers "memory" and "cc" (barriers) still pass.
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

test('AArch64 without an asm dialect: barriers with "memory"/"cc" clobbers and __sync_synchronize pass, register clobbers do not', (t) => {
  const ok = checkSource('b.c', 'void f(void) { __asm__ volatile("" ::: "memory"); __asm__ volatile("dmb ish" ::: "memory", "cc"); __sync_synchronize(); }\n', testOptions('aarch64'));
  t.is(ok.text, '');
  const bad = checkSource('c.c', 'void f(void) { __asm__ volatile("" ::: "x0"); }\n', testOptions('aarch64'));
  t.regex(bad.text, /c\.c:1:\d+: error: asm operands and clobbers are not supported for target 'aarch64' yet/);
});
