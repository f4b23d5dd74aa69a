// Template substitution (gcc "x86 Operand Modifiers"): operands print at
// their width or the modifier's, immediates with `$` unless %c, memory as
// disp(base,index,scale), %% and %= and named operands.
import test from 'ava';
import { substituteTemplate } from '../../../../src/codegen/x64/asm/template.js';
import type { MachAsm } from '../../../../src/codegen/x64/asm/mach-asm.js';
import { imm, mem, reg } from '../../../../src/codegen/x64/inst.js';
import { CompileError } from '../../../../src/diagnostics.js';
import { RAX, RBX, R9, RSI } from '../../../../src/codegen/x64/regs.js';

const ops = [reg(RAX), reg(R9), imm(42), mem(RSI, -8, RBX, 4)];
const asm = (template: string, isBasic = false): MachAsm => ({
  template, isBasic, roles: ['w', 'r', 'none', 'none'], instance: 7,
  operands: [{ size: 4, name: 'out' }, { size: 8, name: null }, { size: 4, name: 'k' }, { size: 2, name: null }],
});

for (const [template, text] of [
  ['movl %1, %0', 'movl %r9, %eax'],
  ['%b0 %w0 %k0 %q0 %h0', '%al %ax %eax %rax %ah'],
  ['%b1 %w1 %k1', '%r9b %r9w %r9d'],
  ['%2 %c2 %[k] %n2', '$42 42 $42 -42'],
  ['%3', '-8(%rsi,%rbx,4)'],
  ['add%z0 %z3', 'addl w'],
  ['1%=: jmp 1%=b; %%eax; %[out]', '17: jmp 17b; %eax; %eax'],
] as const) {
  test(`substitute ${template}`, (t) => {
    t.is(substituteTemplate(asm(template), ops), text);
  });
}

test('basic asm is verbatim', (t) => {
  t.is(substituteTemplate(asm('movl %eax, %ebx', true), []), 'movl %eax, %ebx');
});

test('an operand number out of range is an error at the asm', (t) => {
  const e = t.throws(() => substituteTemplate({ ...asm('%9'), loc: { file: 'x.c', line: 2, col: 3 } }, ops), { instanceOf: CompileError });
  t.is(e?.formatted, "x.c:2:3: error: invalid 'asm': operand number out of range");
});
