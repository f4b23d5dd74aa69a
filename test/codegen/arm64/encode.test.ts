// Encoder table tests (STYLE.md §8): each row is an instruction, the 32-bit
// word GNU as gives for it and our printer's text for it, plus the
// relocation as emits when the instruction names a symbol. The words were
// produced by assembling the text column with
//   aarch64-linux-gnu-as -o t.o t.s && aarch64-linux-gnu-objdump -dr t.o
// (GNU binutils 2.40, Debian 12); when `as` is present the test reassembles
// the column now, so the table cannot rot. generated.test.ts compares the
// same way on thousands of generated instructions; this table is the
// readable record of the forms and the reference when `as` is missing.

import test from 'ava';
import { CodeBuffer } from '../../../src/codegen/core/code-buffer.js';
import { InternalCompilerError } from '../../../src/diagnostics.js';
import type { A64Fixup } from '../../../src/codegen/arm64/encode.js';
import { encodeA64, encodeInst, patchA64 } from '../../../src/codegen/arm64/encode.js';
import type { A64Inst } from '../../../src/codegen/arm64/inst.js';
import { COND, extended, fimm, imm, inst, label, lane, mem, memIndex, memSym, reg, shifted, sym, zr } from '../../../src/codegen/arm64/inst.js';
import { printInst } from '../../../src/codegen/arm64/print.js';
import { FP, LR, SP, X0, X1, X16, X2, X3, X4, X5, X8, vreg } from '../../../src/codegen/arm64/regs.js';
import { relocTypeName } from '../../../src/link/elf/reloc-names.js';
import { assembleListing } from './assemble.js';
import { AS, crossTest } from './cross-tools.js';

type Row = readonly [A64Inst, string, string, string?];

const TABLE: readonly Row[] = [
  [inst('add', 8, [reg(X0), reg(X1), imm(16)]), '91004020', 'add x0, x1, #16'],
  [inst('add', 8, [reg(SP), reg(SP), imm(0x10000)]), '914043ff', 'add sp, sp, #65536'],
  [inst('add', 4, [reg(X3), reg(X4), shifted(X5, 'lsl', 2)]), '0b050883', 'add w3, w4, w5, lsl #2'],
  [inst('add', 8, [reg(X0), reg(SP), reg(X1)]), '8b2163e0', 'add x0, sp, x1'],
  [inst('add', 8, [reg(X0), reg(X1), extended(X2, 'sxtw', 3)]), '8b22cc20', 'add x0, x1, w2, sxtw #3'],
  [inst('sub', 8, [reg(SP), reg(SP), imm(32)]), 'd10083ff', 'sub sp, sp, #32'],
  [inst('subs', 4, [reg(X0), reg(X1), imm(1)]), '71000420', 'subs w0, w1, #1'],
  [inst('cmp', 8, [reg(X0), imm(4095)]), 'f13ffc1f', 'cmp x0, #4095'],
  [inst('cmp', 4, [reg(X1), shifted(X2, 'asr', 31)]), '6b827c3f', 'cmp w1, w2, asr #31'],
  [inst('cmn', 8, [reg(X3), imm(7)]), 'b1001c7f', 'cmn x3, #7'],
  [inst('neg', 8, [reg(X0), reg(X1)]), 'cb0103e0', 'neg x0, x1'],
  [inst('and', 8, [reg(X0), reg(X1), imm(0xff)]), '92401c20', 'and x0, x1, #0xff'],
  [inst('and', 4, [reg(X0), reg(X1), imm(0xfffffffe)]), '121f7820', 'and w0, w1, #0xfffffffe'],
  [inst('orr', 8, [reg(X2), zr(), imm(0x5555555555555555n)]), 'b200f3e2', 'orr x2, xzr, #0x5555555555555555'],
  [inst('eor', 8, [reg(X0), reg(X1), shifted(X2, 'ror', 7)]), 'cac21c20', 'eor x0, x1, x2, ror #7'],
  [inst('ands', 4, [reg(X0), reg(X1), reg(X2)]), '6a020020', 'ands w0, w1, w2'],
  [inst('tst', 8, [reg(X0), imm(0x8000000000000000n)]), 'f241001f', 'tst x0, #0x8000000000000000'],
  [inst('bic', 8, [reg(X0), reg(X1), reg(X2)]), '8a220020', 'bic x0, x1, x2'],
  [inst('mvn', 4, [reg(X0), reg(X1)]), '2a2103e0', 'mvn w0, w1'],
  [inst('mov', 8, [reg(X0), reg(X1)]), 'aa0103e0', 'mov x0, x1'],
  [inst('mov', 8, [reg(FP), reg(SP)]), '910003fd', 'mov x29, sp'],
  [inst('mov', 4, [reg(X0), zr()]), '2a1f03e0', 'mov w0, wzr'],
  [inst('movz', 8, [reg(X0), imm(0x1234), imm(16)]), 'd2a24680', 'movz x0, #4660, lsl #16'],
  [inst('movn', 4, [reg(X0), imm(0)]), '12800000', 'movn w0, #0'],
  [inst('movk', 8, [reg(X0), imm(0xbeef), imm(48)]), 'f2f7dde0', 'movk x0, #48879, lsl #48'],
  [inst('madd', 8, [reg(X0), reg(X1), reg(X2), reg(X3)]), '9b020c20', 'madd x0, x1, x2, x3'],
  [inst('msub', 4, [reg(X0), reg(X1), reg(X2), reg(X3)]), '1b028c20', 'msub w0, w1, w2, w3'],
  [inst('mul', 8, [reg(X0), reg(X1), reg(X2)]), '9b027c20', 'mul x0, x1, x2'],
  [inst('smulh', 8, [reg(X0), reg(X1), reg(X2)]), '9b427c20', 'smulh x0, x1, x2'],
  [inst('umulh', 8, [reg(X0), reg(X1), reg(X2)]), '9bc27c20', 'umulh x0, x1, x2'],
  [inst('smull', 8, [reg(X0), reg(X1), reg(X2)]), '9b227c20', 'smull x0, w1, w2'],
  [inst('sdiv', 4, [reg(X0), reg(X1), reg(X2)]), '1ac20c20', 'sdiv w0, w1, w2'],
  [inst('udiv', 8, [reg(X0), reg(X1), reg(X2)]), '9ac20820', 'udiv x0, x1, x2'],
  [inst('lsl', 8, [reg(X0), reg(X1), imm(3)]), 'd37df020', 'lsl x0, x1, #3'],
  [inst('lsr', 4, [reg(X0), reg(X1), imm(31)]), '531f7c20', 'lsr w0, w1, #31'],
  [inst('asr', 8, [reg(X0), reg(X1), reg(X2)]), '9ac22820', 'asr x0, x1, x2'],
  [inst('ror', 4, [reg(X0), reg(X1), imm(8)]), '13812020', 'ror w0, w1, #8'],
  [inst('ubfx', 8, [reg(X0), reg(X1), imm(4), imm(8)]), 'd3442c20', 'ubfx x0, x1, #4, #8'],
  [inst('sbfiz', 8, [reg(X0), reg(X1), imm(2), imm(32)]), '937e7c20', 'sbfiz x0, x1, #2, #32'],
  [inst('bfi', 4, [reg(X0), reg(X1), imm(3), imm(5)]), '331d1020', 'bfi w0, w1, #3, #5'],
  [inst('sxtb', 8, [reg(X0), reg(X1)]), '93401c20', 'sxtb x0, w1'],
  [inst('sxtw', 8, [reg(X0), reg(X1)]), '93407c20', 'sxtw x0, w1'],
  [inst('uxth', 4, [reg(X0), reg(X1)]), '53003c20', 'uxth w0, w1'],
  [inst('csel', 8, [reg(X0), reg(X1), reg(X2)], { cond: COND.lt }), '9a82b020', 'csel x0, x1, x2, lt'],
  [inst('csinc', 4, [reg(X0), reg(X1), zr()], { cond: COND.ne }), '1a9f1420', 'csinc w0, w1, wzr, ne'],
  [inst('cset', 4, [reg(X0)], { cond: COND.eq }), '1a9f17e0', 'cset w0, eq'],
  [inst('csetm', 8, [reg(X0)], { cond: COND.hi }), 'da9f93e0', 'csetm x0, hi'],
  [inst('cneg', 8, [reg(X0), reg(X1)], { cond: COND.mi }), 'da815420', 'cneg x0, x1, mi'],
  [inst('ccmp', 8, [reg(X0), imm(5), imm(4)], { cond: COND.ne }), 'fa451804', 'ccmp x0, #5, #4, ne'],
  [inst('clz', 8, [reg(X0), reg(X1)]), 'dac01020', 'clz x0, x1'],
  [inst('rbit', 4, [reg(X0), reg(X1)]), '5ac00020', 'rbit w0, w1'],
  [inst('rev', 8, [reg(X0), reg(X1)]), 'dac00c20', 'rev x0, x1'],
  [inst('rev', 4, [reg(X0), reg(X1)]), '5ac00820', 'rev w0, w1'],
  [inst('ldr', 8, [reg(X0), mem(X1, 8)]), 'f9400420', 'ldr x0, [x1, #8]'],
  [inst('ldr', 4, [reg(X0), mem(SP, 4092)]), 'b94fffe0', 'ldr w0, [sp, #4092]'],
  [inst('ldr', 8, [reg(X0), mem(X1, -8)]), 'f85f8020', 'ldur x0, [x1, #-8]'],
  [inst('str', 8, [reg(X0), mem(SP, -16, 'pre')]), 'f81f0fe0', 'str x0, [sp, #-16]!'],
  [inst('ldr', 8, [reg(X0), mem(SP, 16, 'post')]), 'f84107e0', 'ldr x0, [sp], #16'],
  [inst('ldr', 1, [reg(X0), mem(X1, 1)]), '39400420', 'ldrb w0, [x1, #1]'],
  [inst('str', 2, [zr(), mem(X1, 2)]), '7900043f', 'strh wzr, [x1, #2]'],
  [inst('ldrs', 8, [reg(X0), mem(X1, 4)], { srcSize: 4 }), 'b9800420', 'ldrsw x0, [x1, #4]'],
  [inst('ldrs', 4, [reg(X0), mem(X1)], { srcSize: 1 }), '39c00020', 'ldrsb w0, [x1]'],
  [inst('ldr', 8, [reg(X0), memIndex(X1, X2, 'lsl', true)]), 'f8627820', 'ldr x0, [x1, x2, lsl #3]'],
  [inst('ldr', 4, [reg(X0), memIndex(X1, X2, 'sxtw', true)]), 'b862d820', 'ldr w0, [x1, w2, sxtw #2]'],
  [inst('str', 1, [reg(X0), memIndex(X1, X2, 'uxtw')]), '38224820', 'strb w0, [x1, w2, uxtw]'],
  [inst('ldr', 8, [reg(X0), memSym(X0, sym('var', 'lo12'))]), 'f9400000', 'ldr x0, [x0, :lo12:var]', 'R_AARCH64_LDST64_ABS_LO12_NC'],
  [inst('ldr', 8, [reg(X0), memSym(X0, sym('var', 'got_lo12'))]), 'f9400000', 'ldr x0, [x0, :got_lo12:var]', 'R_AARCH64_LD64_GOT_LO12_NC'],
  [inst('ldr', 8, [reg(vreg(0)), mem(X0, 8)]), 'fd400400', 'ldr d0, [x0, #8]'],
  [inst('str', 4, [reg(vreg(1)), mem(SP, 12)]), 'bd000fe1', 'str s1, [sp, #12]'],
  [inst('ldr', 16, [reg(vreg(2)), mem(X0, 32)]), '3dc00802', 'ldr q2, [x0, #32]'],
  [inst('str', 16, [reg(vreg(3)), memSym(X1, sym('vec', 'lo12'))]), '3d800023', 'str q3, [x1, :lo12:vec]', 'R_AARCH64_LDST128_ABS_LO12_NC'],
  [inst('stp', 8, [reg(FP), reg(LR), mem(SP, -32, 'pre')]), 'a9be7bfd', 'stp x29, x30, [sp, #-32]!'],
  [inst('ldp', 8, [reg(FP), reg(LR), mem(SP, 32, 'post')]), 'a8c27bfd', 'ldp x29, x30, [sp], #32'],
  [inst('stp', 8, [reg(vreg(8)), reg(vreg(9)), mem(SP, 16)]), '6d0127e8', 'stp d8, d9, [sp, #16]'],
  [inst('ldp', 4, [reg(X0), reg(X1), mem(X2, -8)]), '297f0440', 'ldp w0, w1, [x2, #-8]'],
  [inst('b', 8, [sym('f')]), '14000000', 'b f', 'R_AARCH64_JUMP26'],
  [inst('bl', 8, [sym('f')]), '94000000', 'bl f', 'R_AARCH64_CALL26'],
  [inst('bcond', 8, [sym('f')], { cond: COND.ge }), '5400000a', 'b.ge f', 'R_AARCH64_CONDBR19'],
  [inst('cbz', 4, [reg(X0), sym('f')]), '34000000', 'cbz w0, f', 'R_AARCH64_CONDBR19'],
  [inst('cbnz', 8, [reg(X0), sym('f')]), 'b5000000', 'cbnz x0, f', 'R_AARCH64_CONDBR19'],
  [inst('tbz', 4, [reg(X0), imm(3), sym('f')]), '36180000', 'tbz w0, #3, f', 'R_AARCH64_TSTBR14'],
  [inst('tbnz', 8, [reg(X0), imm(63), sym('f')]), 'b7f80000', 'tbnz x0, #63, f', 'R_AARCH64_TSTBR14'],
  [inst('br', 8, [reg(X16)]), 'd61f0200', 'br x16'],
  [inst('blr', 8, [reg(X8)]), 'd63f0100', 'blr x8'],
  [inst('ret', 8, []), 'd65f03c0', 'ret'],
  [inst('adr', 8, [reg(X0), sym('f')]), '10000000', 'adr x0, f', 'R_AARCH64_ADR_PREL_LO21'],
  [inst('adrp', 8, [reg(X0), sym('var')]), '90000000', 'adrp x0, var', 'R_AARCH64_ADR_PREL_PG_HI21'],
  [inst('adrp', 8, [reg(X0), sym('var', 'got')]), '90000000', 'adrp x0, :got:var', 'R_AARCH64_ADR_GOT_PAGE'],
  [inst('add', 8, [reg(X0), reg(X0), sym('var', 'lo12', 8)]), '91000000', 'add x0, x0, :lo12:var+8', 'R_AARCH64_ADD_ABS_LO12_NC'],
  [inst('add', 8, [reg(X0), reg(X0), sym('tv', 'tprel_hi12')]), '91400000', 'add x0, x0, :tprel_hi12:tv, lsl #12', 'R_AARCH64_TLSLE_ADD_TPREL_HI12'],
  [inst('add', 8, [reg(X0), reg(X0), sym('tv', 'tprel_lo12_nc')]), '91000000', 'add x0, x0, :tprel_lo12_nc:tv', 'R_AARCH64_TLSLE_ADD_TPREL_LO12_NC'],
  [inst('adrp', 8, [reg(X0), sym('tv', 'gottprel')]), '90000000', 'adrp x0, :gottprel:tv', 'R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21'],
  [inst('ldr', 8, [reg(X0), memSym(X0, sym('tv', 'gottprel_lo12'))]), 'f9400000', 'ldr x0, [x0, :gottprel_lo12:tv]', 'R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC'],
  [inst('mrs', 8, [reg(X0)]), 'd53bd040', 'mrs x0, tpidr_el0'],
  [inst('brk', 8, [imm(0x3e8)]), 'd4207d00', 'brk #1000'],
  [inst('udf', 8, [imm(0)]), '00000000', 'udf #0'],
  [inst('nop', 8, []), 'd503201f', 'nop'],
  [inst('hint', 8, [imm(34)]), 'd503245f', 'hint #34'],
  [inst('dmb', 8, [imm(11)]), 'd5033bbf', 'dmb ish'],
  [inst('dmb', 8, [imm(9)]), 'd50339bf', 'dmb ishld'],
  [inst('fmov', 8, [reg(vreg(0)), reg(vreg(1))]), '1e604020', 'fmov d0, d1'],
  [inst('fmov', 8, [reg(vreg(0)), reg(X1)]), '9e670020', 'fmov d0, x1'],
  [inst('fmov', 4, [reg(X0), reg(vreg(1))]), '1e260020', 'fmov w0, s1'],
  [inst('fmov', 8, [reg(vreg(0)), fimm(1)]), '1e6e1000', 'fmov d0, #1.0'],
  [inst('fmov', 4, [reg(vreg(0)), fimm(-0.125)]), '1e381000', 'fmov s0, #-0.125'],
  [inst('fmov', 8, [reg(vreg(0)), zr()]), '9e6703e0', 'fmov d0, xzr'],
  [inst('fadd', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))]), '1e622820', 'fadd d0, d1, d2'],
  [inst('fsub', 4, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))]), '1e223820', 'fsub s0, s1, s2'],
  [inst('fmul', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))]), '1e620820', 'fmul d0, d1, d2'],
  [inst('fdiv', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))]), '1e621820', 'fdiv d0, d1, d2'],
  [inst('fmadd', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2)), reg(vreg(3))]), '1f420c20', 'fmadd d0, d1, d2, d3'],
  [inst('fmsub', 4, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2)), reg(vreg(3))]), '1f028c20', 'fmsub s0, s1, s2, s3'],
  [inst('fnmadd', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2)), reg(vreg(3))]), '1f620c20', 'fnmadd d0, d1, d2, d3'],
  [inst('fneg', 8, [reg(vreg(0)), reg(vreg(1))]), '1e614020', 'fneg d0, d1'],
  [inst('fabs', 4, [reg(vreg(0)), reg(vreg(1))]), '1e20c020', 'fabs s0, s1'],
  [inst('fsqrt', 8, [reg(vreg(0)), reg(vreg(1))]), '1e61c020', 'fsqrt d0, d1'],
  [inst('fcmp', 8, [reg(vreg(0)), reg(vreg(1))]), '1e612000', 'fcmp d0, d1'],
  [inst('fcmp', 4, [reg(vreg(0)), fimm(0)]), '1e202008', 'fcmp s0, #0.0'],
  [inst('fcsel', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { cond: COND.gt }), '1e62cc20', 'fcsel d0, d1, d2, gt'],
  [inst('scvtf', 8, [reg(vreg(0)), reg(X0)], { srcSize: 4 }), '1e620000', 'scvtf d0, w0'],
  [inst('ucvtf', 4, [reg(vreg(0)), reg(X0)], { srcSize: 8 }), '9e230000', 'ucvtf s0, x0'],
  [inst('fcvtzs', 8, [reg(X0), reg(vreg(0))], { srcSize: 8 }), '9e780000', 'fcvtzs x0, d0'],
  [inst('fcvtzu', 4, [reg(X0), reg(vreg(0))], { srcSize: 4 }), '1e390000', 'fcvtzu w0, s0'],
  [inst('fcvt', 8, [reg(vreg(0)), reg(vreg(1))], { srcSize: 4 }), '1e22c020', 'fcvt d0, s1'],
  [inst('fcvt', 4, [reg(vreg(0)), reg(vreg(1))], { srcSize: 8 }), '1e624020', 'fcvt s0, d1'],
  [inst('add', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '4s' }), '4ea28420', 'add v0.4s, v1.4s, v2.4s'],
  [inst('sub', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '2d' }), '6ee28420', 'sub v0.2d, v1.2d, v2.2d'],
  [inst('mul', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '8h' }), '4e629c20', 'mul v0.8h, v1.8h, v2.8h'],
  [inst('and', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '16b' }), '4e221c20', 'and v0.16b, v1.16b, v2.16b'],
  [inst('orr', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '16b' }), '4ea21c20', 'orr v0.16b, v1.16b, v2.16b'],
  [inst('eor', 8, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '8b' }), '2e221c20', 'eor v0.8b, v1.8b, v2.8b'],
  [inst('fadd', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '2d' }), '4e62d420', 'fadd v0.2d, v1.2d, v2.2d'],
  [inst('fmul', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '4s' }), '6e22dc20', 'fmul v0.4s, v1.4s, v2.4s'],
  [inst('neg', 16, [reg(vreg(0)), reg(vreg(1))], { arrangement: '4s' }), '6ea0b820', 'neg v0.4s, v1.4s'],
  [inst('ld1', 16, [reg(vreg(0)), mem(X0)], { arrangement: '4s' }), '4c407800', 'ld1 {v0.4s}, [x0]'],
  [inst('st1', 16, [reg(vreg(1)), mem(X1, 16, 'post')], { arrangement: '2d' }), '4c9f7c21', 'st1 {v1.2d}, [x1], #16'],
  [inst('dup', 16, [reg(vreg(0)), reg(X1)], { arrangement: '4s' }), '4e040c20', 'dup v0.4s, w1'],
  [inst('ins', 8, [lane(vreg(0), 1), reg(X1)]), '4e181c20', 'ins v0.d[1], x1'],
  [inst('umov', 8, [reg(X0), lane(vreg(1), 1)]), '4e183c20', 'umov x0, v1.d[1]'],
  [inst('umov', 4, [reg(X0), lane(vreg(1), 3)]), '0e1c3c20', 'umov w0, v1.s[3]'],
];

const text = (i: A64Inst): string => printInst(i, (l) => `.L${l}`).replace('\t', ' ');
const hex = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');

for (const [i, word, asm, reloc] of TABLE) {
  test(`${asm} = ${word}`, (t) => {
    t.is(text(i), asm);
    const e = encodeA64(i);
    t.is(hex(e.word), word);
    t.is(e.reloc === undefined ? undefined : relocTypeName('aarch64', e.reloc.type), reloc);
  });
}

crossTest([AS], 'GNU as still assembles the text column to the word column', (t) => {
  const theirs = assembleListing(TABLE.map(([i]) => i));
  t.deepEqual(theirs.words, TABLE.map(([, w]) => w));
});

test('label fixups patch branches, literal loads and adr both ways', (t) => {
  const buf = new CodeBuffer<A64Fixup>(patchA64);
  buf.bindLabel(1);
  encodeInst(buf, inst('nop', 8, []));
  encodeInst(buf, inst('b', 8, [label(2)]));
  encodeInst(buf, inst('bcond', 8, [label(1)], { cond: COND.ne }));
  encodeInst(buf, inst('tbnz', 4, [reg(X3), imm(5), label(2)]));
  encodeInst(buf, inst('cbz', 8, [reg(X0), label(1)]));
  encodeInst(buf, inst('adr', 8, [reg(X1), label(2)]));
  encodeInst(buf, inst('ldr', 8, [reg(X2), label(2)]));
  buf.bindLabel(2);
  const { bytes } = buf.finish();
  const view = new DataView(bytes.buffer);
  const words = Array.from({ length: bytes.length / 4 }, (_, n) => hex(view.getUint32(n * 4, true)));
  // The same sequence with GNU as labels (1: … 2:) assembles to these words (objdump -d).
  t.deepEqual(words, ['d503201f', '14000006', '54ffffc1', '37280083', 'b4ffff80', '10000041', '58000022']);
});

test('a branch beyond its field is an internal error, not a wrong jump', (t) => {
  const buf = new CodeBuffer<A64Fixup>(patchA64);
  encodeInst(buf, inst('tbz', 4, [reg(X0), imm(0), label(1)]));
  for (let n = 0; n < 8192; n++) encodeInst(buf, inst('nop', 8, []));
  buf.bindLabel(1);
  t.throws(() => buf.finish(), { instanceOf: InternalCompilerError, message: /out of range of its 14-bit field/ });
});

const unencodable: readonly [string, A64Inst, RegExp][] = [
  ['add immediate beyond 12 bits', inst('add', 8, [reg(X0), reg(X1), imm(4097)]), /does not fit 12 bits/],
  ['a constant that is no bitmask', inst('and', 8, [reg(X0), reg(X1), imm(0)]), /not a logical immediate/],
  ['the zero register as a base', inst('ldr', 8, [reg(X0), { kind: 'mem', base: -1, mode: 'offset', offset: 0 }]), /expected a general register/],
  ['sp in a shifted-register operand', inst('add', 8, [reg(X0), reg(X1), shifted(SP, 'lsl', 1)]), /sp where the zero register/],
  ['zr as an add destination', inst('add', 8, [zr(), reg(X1), imm(1)]), /the zero register where sp/],
  ['an offset beyond both forms', inst('ldr', 8, [reg(X0), mem(X1, 70000)]), /offset 70000 out of range/],
  ['a 64-bit lane multiply', inst('mul', 16, [reg(vreg(0)), reg(vreg(1)), reg(vreg(2))], { arrangement: '2d' }), /no 64-bit lane multiply/],
  ['an fmov immediate out of range', inst('fmov', 8, [reg(vreg(0)), fimm(0.1)]), /not an 8-bit floating-point immediate/],
  ['a floating-point op on general registers', inst('fadd', 8, [reg(X0), reg(X1), reg(X2)]), /expected a SIMD&FP register/],
  ['sxtw into a 32-bit register', inst('sxtw', 4, [reg(X0), reg(X1)]), /sxtw needs a 64-bit destination/],
  ['a frame reference left for the encoder', inst('str', 8, [reg(X0), { kind: 'mem', base: SP, mode: 'offset', offset: 0, frame: { kind: 'slot', index: 0 } }]), /frame reference/],
];

for (const [what, i, message] of unencodable) {
  test(`refuses ${what}`, (t) => {
    t.throws(() => encodeA64(i), { instanceOf: InternalCompilerError, message });
  });
}

test('extended and lane operands keep their registers', (t) => {
  t.is(text(inst('add', 8, [reg(X0), reg(X1), extended(X2, 'uxtb')])), 'add x0, x1, w2, uxtb');
  t.is(text(inst('ins', 4, [lane(vreg(7), 3), reg(X1)])), 'ins v7.s[3], w1');
  t.is(text(inst('ldr', 2, [reg(X0), memIndex(X1, X2, 'uxtw', true)])), 'ldrh w0, [x1, w2, uxtw #1]');
  t.is(text(inst('add', 8, [reg(X0), reg(X0), sym('var', 'lo12', -4)])), 'add x0, x0, :lo12:var-4');
  t.is(text(inst('str', 8, [reg(X0), memSym(X1, sym('v', 'lo12'))])), 'str x0, [x1, :lo12:v]');
});
