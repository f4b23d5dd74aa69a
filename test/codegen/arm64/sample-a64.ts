// A sample AArch64 object written instruction by instruction with our
// encoder: small functions that between them use every relocation kind the
// backend will emit, linked with a C main by aarch64-linux-gnu-gcc
// (object.test.ts) and loaded by our loader on an emulated ARM64 Node
// (scripts/test-arm64.sh).
//
//   CALL26 JUMP26             a64_call_twice, a64_tail → c_double
//   CONDBR19 TSTBR14          a64_classify branches to a64_ret_* by symbol
//   ADR_PREL_PG_HI21 + ADD_ABS_LO12_NC / LDST{8,16,32,64,128}_ABS_LO12_NC
//                             a64_counter_addr, a64_bump, a64_sum_widths
//   ABS64 PREL32              a64_fptrs (function pointers), a64_offsets
//   ADR_GOT_PAGE LD64_GOT_LO12_NC   a64_read_c_global
//   TLSLE_ADD_TPREL_HI12/LO12_NC    a64_tls_le_add (with `withTls`)
//   TLSIE_ADR_GOTTPREL_PAGE21 / LD64_GOTTPREL_LO12_NC   a64_tls_ie_get
// and label fixups (a loop in a64_sum_to), FP and NEON (a64_fma,
// a64_to_double, a64_vadd4). The C side defines c_double, c_global, c_tls.

import { COND, imm, inst, label, lane, mem, memSym, reg, sym, zr } from '../../../src/codegen/arm64/inst.js';
import { FP, LR, SP, X0, X1, X2, vreg } from '../../../src/codegen/arm64/regs.js';
import { R_AARCH64_ABS64, R_AARCH64_PREL32, type ObjectFile } from '../../../src/link/object.js';
import { parsePrototype } from '../../../src/loader/prototype.js';
import { buildA64Object, type HandData, type HandFunction, u64s } from './hand-object.js';

const x = reg;
const d = (n: number) => reg(vreg(n));
const ret = inst('ret', 8, []);
const sig = (proto: string) => parsePrototype(proto).fn;

function functions(withTls: boolean): HandFunction[] {
  const fns: HandFunction[] = [
    { name: 'a64_add3', signature: sig('long a64_add3(long a, long b, long c)'), insts: [
      inst('add', 8, [x(X0), x(X0), x(X1)]), inst('add', 8, [x(X0), x(X0), x(X2)]), ret] },
    { name: 'a64_call_twice', signature: sig('long a64_call_twice(long x)'), insts: [
      inst('stp', 8, [x(FP), x(LR), mem(SP, -16, 'pre')]),
      inst('mov', 8, [x(FP), x(SP)]),
      inst('bl', 8, [sym('c_double')]),
      inst('bl', 8, [sym('c_double')]),
      inst('ldp', 8, [x(FP), x(LR), mem(SP, 16, 'post')]),
      ret] },
    { name: 'a64_tail', signature: sig('long a64_tail(long x)'), insts: [inst('b', 8, [sym('c_double')])] },
    { name: 'a64_classify', signature: sig('int a64_classify(long x)'), insts: [
      inst('cmp', 8, [x(X0), imm(0)]),
      inst('bcond', 8, [sym('a64_ret_neg')], { cond: COND.lt }),
      inst('cbz', 8, [x(X0), sym('a64_ret_zero')]),
      inst('tbz', 8, [x(X0), imm(0), sym('a64_ret_even')]),
      inst('movz', 4, [x(X0), imm(1)]),
      ret] },
    { name: 'a64_ret_neg', signature: sig('int a64_ret_neg(void)'), insts: [inst('movn', 4, [x(X0), imm(0)]), ret] },
    { name: 'a64_ret_zero', signature: sig('int a64_ret_zero(void)'), insts: [inst('mov', 4, [x(X0), zr()]), ret] },
    { name: 'a64_ret_even', signature: sig('int a64_ret_even(void)'), insts: [inst('movz', 4, [x(X0), imm(2)]), ret] },
    { name: 'a64_sum_to', signature: sig('long a64_sum_to(long n)'), labels: { 1: 1, 2: 5 }, insts: [
      inst('mov', 8, [x(X1), zr()]),
      inst('cbz', 8, [x(X0), label(2)]), // 1:
      inst('add', 8, [x(X1), x(X1), x(X0)]),
      inst('sub', 8, [x(X0), x(X0), imm(1)]),
      inst('b', 8, [label(1)]),
      inst('mov', 8, [x(X0), x(X1)]), // 2:
      ret] },
    { name: 'a64_bump', signature: sig('long a64_bump(long by)'), insts: [
      inst('adrp', 8, [x(X1), sym('a64_counter')]),
      inst('ldr', 8, [x(X2), memSym(X1, sym('a64_counter', 'lo12'))]),
      inst('add', 8, [x(X2), x(X2), x(X0)]),
      inst('str', 8, [x(X2), memSym(X1, sym('a64_counter', 'lo12'))]),
      inst('mov', 8, [x(X0), x(X2)]),
      ret] },
    { name: 'a64_counter_addr', signature: sig('void *a64_counter_addr(void)'), insts: [
      inst('adrp', 8, [x(X0), sym('a64_counter')]),
      inst('add', 8, [x(X0), x(X0), sym('a64_counter', 'lo12')]),
      ret] },
    { name: 'a64_sum_widths', signature: sig('long a64_sum_widths(void)'), insts: [
      inst('adrp', 8, [x(X1), sym('a64_w8')]),
      inst('ldr', 1, [x(X0), memSym(X1, sym('a64_w8', 'lo12'))]),
      ...([[2, 'a64_w16'], [4, 'a64_w32'], [8, 'a64_w64']] as const).flatMap(([size, name]) => [
        inst('adrp', 8, [x(X1), sym(name)]),
        inst('ldr', size, [x(X2), memSym(X1, sym(name, 'lo12'))]),
        inst('add', 8, [x(X0), x(X0), x(X2)]),
      ]),
      inst('adrp', 8, [x(X1), sym('a64_w128')]),
      inst('ldr', 16, [d(0), memSym(X1, sym('a64_w128', 'lo12'))]),
      inst('umov', 8, [x(X2), lane(vreg(0), 0)]),
      inst('add', 8, [x(X0), x(X0), x(X2)]),
      inst('umov', 8, [x(X2), lane(vreg(0), 1)]),
      inst('add', 8, [x(X0), x(X0), x(X2)]),
      ret] },
    { name: 'a64_read_c_global', signature: sig('int a64_read_c_global(void)'), insts: [
      inst('adrp', 8, [x(X0), sym('c_global', 'got')]),
      inst('ldr', 8, [x(X0), memSym(X0, sym('c_global', 'got_lo12'))]),
      inst('ldr', 4, [x(X0), mem(X0)]),
      ret] },
    { name: 'a64_fma', signature: sig('double a64_fma(double a, double b, double c)'), insts: [
      inst('fmadd', 8, [d(0), d(0), d(1), d(2)]), ret] },
    { name: 'a64_to_double', signature: sig('double a64_to_double(long n)'), insts: [
      inst('scvtf', 8, [d(0), x(X0)], { srcSize: 8 }), ret] },
    { name: 'a64_vadd4', signature: sig('void a64_vadd4(int *dst, const int *a, const int *b)'), insts: [
      inst('ld1', 16, [d(0), mem(X1)], { arrangement: '4s' }),
      inst('ld1', 16, [d(1), mem(X2)], { arrangement: '4s' }),
      inst('add', 16, [d(0), d(0), d(1)], { arrangement: '4s' }),
      inst('st1', 16, [d(0), mem(X0)], { arrangement: '4s' }),
      ret] },
  ];
  if (withTls) {
    fns.push(
      { name: 'a64_tls_le_add', signature: sig('long a64_tls_le_add(long by)'), insts: [
        inst('mrs', 8, [x(X1)]),
        inst('add', 8, [x(X1), x(X1), sym('a64_tls', 'tprel_hi12')]),
        inst('add', 8, [x(X1), x(X1), sym('a64_tls', 'tprel_lo12_nc')]),
        inst('ldr', 8, [x(X2), mem(X1)]),
        inst('add', 8, [x(X2), x(X2), x(X0)]),
        inst('str', 8, [x(X2), mem(X1)]),
        inst('mov', 8, [x(X0), x(X2)]),
        ret] },
      { name: 'a64_tls_ie_get', signature: sig('long a64_tls_ie_get(void)'), insts: [
        inst('mrs', 8, [x(X1)]),
        inst('adrp', 8, [x(X0), sym('c_tls', 'gottprel')]),
        inst('ldr', 8, [x(X0), memSym(X0, sym('c_tls', 'gottprel_lo12'))]),
        inst('ldr', 8, [x(X0), { kind: 'mem', base: X1, mode: 'offset', offset: 0, index: X0, extend: 'lsl' }]),
        ret] },
    );
  }
  return fns;
}

function data(withTls: boolean): HandData[] {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const items: HandData[] = [
    { name: 'a64_counter', section: '.data', align: 8, bytes: u64s(10) },
    { name: 'a64_fptrs', section: '.data', align: 8, bytes: u64s(0, 0), relocs: [
      { at: 0, type: R_AARCH64_ABS64, symbol: 'a64_add3', addend: 0n },
      { at: 8, type: R_AARCH64_ABS64, symbol: 'a64_ret_even', addend: 0n }] },
    { name: 'a64_offsets', section: '.rodata', align: 4, bytes: bytes(0, 0, 0, 0), relocs: [
      { at: 0, type: R_AARCH64_PREL32, symbol: 'a64_counter', addend: 0n }] },
    { name: 'a64_w8', section: '.rodata', align: 1, bytes: bytes(0x11) },
    { name: 'a64_w16', section: '.rodata', align: 2, bytes: bytes(0x22, 0x22) },
    { name: 'a64_w32', section: '.rodata', align: 4, bytes: bytes(0x33, 0x33, 0x33, 0x33) },
    { name: 'a64_w64', section: '.rodata', align: 8, bytes: u64s(0x4444444444444444n) },
    { name: 'a64_w128', section: '.rodata', align: 16, bytes: u64s(5, 6) },
  ];
  if (withTls) items.push({ name: 'a64_tls', section: '.tdata', align: 8, bytes: u64s(7) });
  return items;
}

/** The C side's declarations the sample refers to, as prototypes for `.jitcc.sigs` (the loader binds JS imports with them). */
const EXTERNS = ['long c_double(long x)'];

export function sampleA64Object(opts: { readonly withTls: boolean }): ObjectFile {
  const obj = buildA64Object(functions(opts.withTls), data(opts.withTls));
  for (const proto of EXTERNS) {
    const p = parsePrototype(proto);
    obj.signatures.set(p.name, p.fn);
  }
  return obj;
}

/** a64_sum_widths's expected result: the five constants it loads. */
export const SUM_OF_WIDTHS = 0x11n + 0x2222n + 0x33333333n + 0x4444444444444444n + 5n + 6n;
