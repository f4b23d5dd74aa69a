// The atexit/at_quick_exit/pthread_atfork wrappers the loader writes as
// machine code: the AArch64 ones are the words our encoder gives for the
// same instructions (checked against GNU as in test/codegen/arm64), the
// x86-64 ones the bytes GNU as gives for `movabs`/`jmp rax`.

import test from 'ava';
import { CodeBuffer } from '../../src/codegen/core/code-buffer.js';
import { encodeInst, patchA64, type A64Fixup } from '../../src/codegen/arm64/encode.js';
import { inst, label, reg, zr } from '../../src/codegen/arm64/inst.js';
import { X1, X16 } from '../../src/codegen/arm64/regs.js';
import { wrapperCode } from '../../src/loader/libc-nonshared.js';

const DSO = 0x1122334455667788n;
const TARGET = 0x0000ffffaabbccddn;

function a64Wrapper(dsoReg: number, first: 'mov' | 'nop'): number[] {
  const buf = new CodeBuffer<A64Fixup>(patchA64);
  encodeInst(buf, first === 'mov' ? inst('mov', 8, [reg(X1), zr()]) : inst('nop', 8, []));
  encodeInst(buf, inst('ldr', 8, [reg(dsoReg), label(1)]));
  encodeInst(buf, inst('ldr', 8, [reg(X16), label(2)]));
  encodeInst(buf, inst('br', 8, [reg(X16)]));
  buf.bindLabel(1);
  buf.int(DSO, 8);
  buf.bindLabel(2);
  buf.int(TARGET, 8);
  return [...buf.finish().bytes];
}

test('AArch64 wrappers: the dso handle in the next argument register, then a jump through x16', (t) => {
  t.deepEqual(wrapperCode('arm64', 'atexit', DSO, TARGET), a64Wrapper(2, 'mov'));
  t.deepEqual(wrapperCode('arm64', 'at_quick_exit', DSO, TARGET), a64Wrapper(1, 'nop'));
  t.deepEqual(wrapperCode('arm64', 'pthread_atfork', DSO, TARGET), a64Wrapper(3, 'nop'));
});

test('x86-64 wrappers: movabs into rdx/rsi/rcx, movabs rax, jmp rax', (t) => {
  const imm = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
  t.deepEqual(wrapperCode('x64', 'atexit', DSO, TARGET), [0x31, 0xf6, 0x48, 0xba, ...imm(DSO), 0x48, 0xb8, ...imm(TARGET), 0xff, 0xe0]);
  t.deepEqual(wrapperCode('x64', 'at_quick_exit', DSO, TARGET).slice(0, 2), [0x48, 0xbe]);
  t.deepEqual(wrapperCode('x64', 'pthread_atfork', DSO, TARGET).slice(0, 2), [0x48, 0xb9]);
});
