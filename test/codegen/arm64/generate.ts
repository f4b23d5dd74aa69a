// A large, deterministic set of A64 instructions covering every op and
// operand form the encoder supports, with random registers, immediates and
// conditions (seeded PRNG), for the printer → GNU as ↔ encoder comparison.
//
// Label operands refer to LABEL_COUNT labels that the test binds at evenly
// spaced positions (`labelPositions`); symbol operands name undefined
// global symbols, so GNU as keeps them in its relocations.

import { decodeFpImm } from '../../../src/codegen/arm64/immediates.js';
import type { A64Inst, A64Op, A64Operand, Arrangement, Cond, ExtendKind, MemOperand, ShiftKind, SymMod } from '../../../src/codegen/arm64/inst.js';
import { extended, fimm, imm, inst, label, lane, mem, memIndex, memSym, reg, shifted, sym, zr } from '../../../src/codegen/arm64/inst.js';
import { SP, vreg } from '../../../src/codegen/arm64/regs.js';

export const LABEL_COUNT = 8;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateInstructions(seed = 1, rounds = 12): A64Inst[] {
  const rand = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const gpr = (): number => int(0, 30);
  const r = (): A64Operand => reg(gpr());
  const v = (): A64Operand => reg(vreg(int(0, 31)));
  const rOrZr = (): A64Operand => (rand() < 0.1 ? zr() : r());
  const rOrSp = (): A64Operand => (rand() < 0.2 ? reg(SP) : r());
  const size = (): 4 | 8 => (rand() < 0.5 ? 4 : 8);
  const cond = (max = 15): Cond => int(0, max) as Cond;
  const lbl = (): A64Operand => label(int(0, LABEL_COUNT - 1));
  const symbol = (mod?: SymMod): A64Operand => sym(pick(['ext_a', 'ext_b', 'tls_x']), mod, pick([0, 0, 8, 16, 4096]));
  const shiftOf = (sz: number, kinds: readonly ShiftKind[]): A64Operand => shifted(gpr(), pick(kinds), int(0, sz * 8 - 1));
  const out: A64Inst[] = [];
  const add = (op: A64Op, sz: A64Inst['size'], ops: A64Operand[], extra: Partial<A64Inst> = {}): void => {
    out.push(inst(op, sz, ops, extra));
  };

  const bitmask = (sz: 4 | 8): bigint => {
    const e = pick([2, 4, 8, 16, 32, 64].filter((x) => x <= sz * 8));
    const k = int(1, e - 1);
    const rot = int(0, e - 1);
    const run = (1n << BigInt(k)) - 1n;
    const mask = (1n << BigInt(e)) - 1n;
    const elem = rot === 0 ? run : ((run >> BigInt(rot)) | (run << BigInt(e - rot))) & mask;
    let value = 0n;
    for (let at = 0; at < sz * 8; at += e) value |= elem << BigInt(at);
    return value;
  };
  const addImm = (): A64Operand => (rand() < 0.7 ? imm(int(0, 4095)) : imm(int(0, 4095) * 4096));
  const extendOp = (): A64Operand => {
    const e = pick<ExtendKind>(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);
    return extended(gpr(), e, int(0, 4));
  };

  for (let round = 0; round < rounds; round++) {
    // Integer arithmetic and logic.
    for (const op of ['add', 'sub', 'adds', 'subs'] as const) {
      const sz = size();
      const isS = op.endsWith('s');
      add(op, sz, [isS ? r() : rOrSp(), rOrSp(), addImm()]);
      add(op, sz, [r(), r(), shiftOf(sz, ['lsl', 'lsr', 'asr'])]);
      add(op, sz, [isS ? r() : rOrSp(), rOrSp(), extendOp()].map((o, n) => (n === 2 && sz === 4 && o.kind === 'extended' && (o.extend === 'uxtx' || o.extend === 'sxtx') ? extended(o.reg, 'uxtw', o.amount) : o)));
      add(op, sz, [r(), r(), rOrZr()]);
      add(op, sz, [reg(SP), r(), r()].map((o, n) => (isS && n === 0 ? r() : o)));
    }
    for (const op of ['cmp', 'cmn'] as const) {
      const sz = size();
      add(op, sz, [rOrSp(), addImm()]);
      add(op, sz, [r(), shiftOf(sz, ['lsl', 'lsr', 'asr'])]);
      add(op, sz, [rOrSp(), extended(gpr(), sz === 8 ? pick<ExtendKind>(['sxtw', 'uxtx', 'uxtb']) : 'sxth', int(0, 4))]);
    }
    for (const op of ['neg', 'negs'] as const) {
      const sz = size();
      add(op, sz, [r(), r()]);
      add(op, sz, [r(), shiftOf(sz, ['lsl', 'lsr', 'asr'])]);
    }
    for (const op of ['and', 'orr', 'eor', 'ands'] as const) {
      const sz = size();
      add(op, sz, [op === 'ands' ? r() : rOrSp(), rOrZr(), imm(bitmask(sz))]);
      add(op, sz, [r(), r(), shiftOf(sz, ['lsl', 'lsr', 'asr', 'ror'])]);
      add(op, sz, [r(), rOrZr(), r()]);
    }
    for (const op of ['bic', 'bics', 'orn', 'eon'] as const) {
      const sz = size();
      add(op, sz, [r(), r(), shiftOf(sz, ['lsl', 'lsr', 'asr', 'ror'])]);
    }
    {
      const sz = size();
      add('tst', sz, [r(), imm(bitmask(sz))]);
      add('tst', sz, [r(), shiftOf(sz, ['lsl', 'ror'])]);
      add('mvn', sz, [r(), shiftOf(sz, ['lsl', 'asr'])]);
      add('mov', sz, [r(), r()]);
      add('mov', sz, [reg(SP), r()]);
      add('mov', sz, [r(), reg(SP)]);
      add('mov', sz, [r(), zr()]);
    }
    for (const op of ['movz', 'movn', 'movk'] as const) {
      const sz = size();
      add(op, sz, [r(), imm(int(0, 0xffff)), imm(16 * int(0, sz === 8 ? 3 : 1))]);
    }
    for (const op of ['madd', 'msub'] as const) add(op, size(), [r(), r(), r(), rOrZr()]);
    for (const op of ['mul', 'mneg', 'sdiv', 'udiv'] as const) add(op, size(), [r(), r(), r()]);
    for (const op of ['smulh', 'umulh', 'smull', 'umull'] as const) add(op, 8, [r(), r(), r()]);
    for (const op of ['smaddl', 'umaddl'] as const) add(op, 8, [r(), r(), r(), r()]);
    for (const op of ['lsl', 'lsr', 'asr', 'ror'] as const) {
      const sz = size();
      add(op, sz, [r(), r(), imm(int(0, sz * 8 - 1))]);
      add(op, sz, [r(), r(), r()]);
    }
    for (const op of ['sbfm', 'ubfm', 'bfm'] as const) {
      const sz = size();
      add(op, sz, [r(), r(), imm(int(0, sz * 8 - 1)), imm(int(0, sz * 8 - 1))]);
    }
    for (const op of ['sbfx', 'ubfx', 'bfxil', 'sbfiz', 'ubfiz', 'bfi'] as const) {
      const sz = size();
      const lsb = int(0, sz * 8 - 1);
      add(op, sz, [r(), r(), imm(lsb), imm(int(1, sz * 8 - lsb))]);
    }
    add('sxtb', size(), [r(), r()]);
    add('sxth', size(), [r(), r()]);
    add('sxtw', 8, [r(), r()]);
    add('uxtb', 4, [r(), r()]);
    add('uxth', 4, [r(), r()]);
    { const sz = size(); add('extr', sz, [r(), r(), r(), imm(int(0, sz * 8 - 1))]); }
    for (const op of ['csel', 'csinc', 'csinv', 'csneg'] as const) add(op, size(), [r(), rOrZr(), rOrZr()], { cond: cond() });
    for (const op of ['cset', 'csetm'] as const) add(op, size(), [r()], { cond: cond(13) });
    for (const op of ['cinc', 'cinv', 'cneg'] as const) add(op, size(), [r(), r()], { cond: cond(13) });
    for (const op of ['ccmp', 'ccmn'] as const) {
      add(op, size(), [r(), r(), imm(int(0, 15))], { cond: cond() });
      add(op, size(), [r(), imm(int(0, 31)), imm(int(0, 15))], { cond: cond() });
    }
    for (const op of ['clz', 'cls', 'rbit', 'rev', 'rev16'] as const) add(op, size(), [r(), r()]);
    add('rev32', 8, [r(), r()]);

    // Loads and stores.
    for (const access of [1, 2, 4, 8] as const) {
      for (const op of ['ldr', 'str'] as const) {
        const rt = op === 'str' ? rOrZr() : r();
        add(op, access, [rt, mem(gpr(), int(0, 4095) * access)]);
        add(op, access, [rt, mem(SP, int(-256, 255))]);
        add(op, access, [rt, mem(rOrSpReg(), int(-256, 255), pick(['pre', 'post'] as const))]);
        add(op, access, [rt, memIndex(rOrSpReg(), gpr(), pick(['lsl', 'uxtw', 'sxtw', 'sxtx'] as const), rand() < 0.5)]);
        add(op, access, [rt, memSym(gpr(), sym(pick(['ext_a', 'ext_b']), 'lo12', pick([0, access * 4])) )]);
      }
    }
    for (const [sz, src] of [[4, 1], [4, 2], [8, 1], [8, 2], [8, 4]] as const) {
      add('ldrs', sz, [r(), mem(gpr(), int(0, 4095) * src)], { srcSize: src });
      add('ldrs', sz, [r(), mem(gpr(), int(-256, 255))], { srcSize: src });
      add('ldrs', sz, [r(), mem(gpr(), int(-256, 255), 'post')], { srcSize: src });
      add('ldrs', sz, [r(), memIndex(gpr(), gpr(), 'sxtw', rand() < 0.5)], { srcSize: src });
    }
    add('ldrs', 8, [r(), lbl()], { srcSize: 4 });
    for (const access of [1, 2, 4, 8, 16] as const) {
      for (const op of ['ldr', 'str'] as const) {
        add(op, access, [v(), mem(rOrSpReg(), int(0, 4095) * access)]);
        add(op, access, [v(), mem(gpr(), int(-256, 255), pick(['offset', 'pre', 'post'] as const))]);
        add(op, access, [v(), memIndex(gpr(), gpr(), pick(['lsl', 'uxtw', 'sxtw', 'sxtx'] as const), rand() < 0.5)]);
        add(op, access, [v(), memSym(gpr(), sym('ext_b', 'lo12'))]);
      }
    }
    add('ldr', 8, [r(), memSym(gpr(), sym('ext_a', 'got_lo12'))]);
    add('ldr', 8, [r(), memSym(gpr(), sym('tls_x', 'gottprel_lo12'))]);
    add('ldr', pick([4, 8] as const), [r(), lbl()]);
    add('ldr', pick([4, 8, 16] as const), [v(), lbl()]);
    for (const op of ['ldp', 'stp'] as const) {
      const sz = size();
      add(op, sz, [r(), r(), mem(rOrSpReg(), int(-64, 63) * sz, pick(['offset', 'pre', 'post'] as const))]);
      const fsz = pick([4, 8, 16] as const);
      add(op, fsz, [v(), v(), mem(rOrSpReg(), int(-64, 63) * fsz, pick(['offset', 'pre', 'post'] as const))]);
    }

    // Branches, addresses, system.
    add('b', 8, [rand() < 0.5 ? lbl() : symbol()]);
    add('bl', 8, [rand() < 0.5 ? lbl() : symbol()]);
    add('bcond', 8, [rand() < 0.5 ? lbl() : symbol()], { cond: cond(14) });
    for (const op of ['cbz', 'cbnz'] as const) add(op, size(), [r(), rand() < 0.5 ? lbl() : symbol()]);
    for (const op of ['tbz', 'tbnz'] as const) {
      const bit = int(0, 63);
      add(op, bit >= 32 ? 8 : 4, [r(), imm(bit), rand() < 0.5 ? lbl() : symbol()]);
    }
    for (const op of ['br', 'blr', 'ret'] as const) add(op, 8, [r()]);
    add('ret', 8, []);
    add('adr', 8, [r(), rand() < 0.5 ? lbl() : symbol()]);
    add('adrp', 8, [r(), symbol(pick([undefined, 'got', 'gottprel'] as const))]);
    add('add', 8, [r(), r(), symbol(pick(['lo12', 'tprel_hi12', 'tprel_lo12_nc'] as const))]);
    add('mrs', 8, [r()]);
    add('brk', 8, [imm(int(0, 0xffff))]);
    add('udf', 8, [imm(int(0, 0xffff))]);
    add('hint', 8, [imm(int(0, 127))]);
    add('nop', 8, []);
    add('dmb', 8, [imm(int(0, 15))]);

    // Scalar floating point.
    for (const sz of [4, 8] as const) {
      add('fmov', sz, [v(), v()]);
      add('fmov', sz, [v(), rOrZr()]);
      add('fmov', sz, [r(), v()]);
      add('fmov', sz, [v(), fimm(decodeFpImm(int(0, 255)))]);
      for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fnmul', 'fmax', 'fmin', 'fmaxnm', 'fminnm'] as const) add(op, sz, [v(), v(), v()]);
      for (const op of ['fmadd', 'fmsub', 'fnmadd', 'fnmsub'] as const) add(op, sz, [v(), v(), v(), v()]);
      for (const op of ['fneg', 'fabs', 'fsqrt', 'frintn', 'frintp', 'frintm', 'frintz', 'frinta', 'frintx', 'frinti'] as const) add(op, sz, [v(), v()]);
      for (const op of ['fcmp', 'fcmpe'] as const) {
        add(op, sz, [v(), v()]);
        add(op, sz, [v(), fimm(0)]);
      }
      add('fcsel', sz, [v(), v(), v()], { cond: cond() });
      const isz = size();
      add('scvtf', sz, [v(), r()], { srcSize: isz });
      add('ucvtf', sz, [v(), r()], { srcSize: isz });
      add('fcvtzs', isz, [r(), v()], { srcSize: sz });
      add('fcvtzu', isz, [r(), v()], { srcSize: sz });
    }
    for (const [to, from] of [[8, 4], [4, 8], [2, 4], [2, 8], [4, 2], [8, 2]] as const) add('fcvt', to, [v(), v()], { srcSize: from });

    // Vectors.
    const arr = (xs: readonly Arrangement[]): Arrangement => pick(xs);
    const vsize = (a: Arrangement): 8 | 16 => (a === '16b' || a === '8h' || a === '4s' || a === '2d' ? 16 : 8);
    const vec = (op: A64Op, a: Arrangement, ops: A64Operand[]): void => add(op, vsize(a), ops, { arrangement: a });
    for (const op of ['add', 'sub'] as const) vec(op, arr(['8b', '16b', '4h', '8h', '2s', '4s', '2d']), [v(), v(), v()]);
    vec('mul', arr(['8b', '16b', '4h', '8h', '2s', '4s']), [v(), v(), v()]);
    for (const op of ['and', 'orr', 'eor', 'bic', 'orn'] as const) vec(op, arr(['8b', '16b']), [v(), v(), v()]);
    for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin'] as const) vec(op, arr(['2s', '4s', '2d']), [v(), v(), v()]);
    vec('neg', arr(['8b', '16b', '4h', '8h', '2s', '4s', '2d']), [v(), v()]);
    vec('not', arr(['8b', '16b']), [v(), v()]);
    for (const op of ['fneg', 'fabs', 'fsqrt'] as const) vec(op, arr(['2s', '4s', '2d']), [v(), v()]);
    for (const op of ['ld1', 'st1'] as const) {
      const a = arr(['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d']);
      vec(op, a, [v(), rand() < 0.5 ? mem(rOrSpReg()) : mem(gpr(), vsize(a), 'post')]);
    }
    {
      const a = arr(['8b', '16b', '4h', '8h', '2s', '4s', '2d']);
      vec('dup', a, [v(), r()]);
    }
    for (const el of [1, 2, 4, 8] as const) {
      add('ins', el, [lane(vreg(int(0, 31)), int(0, 16 / el - 1)), r()]);
      add('umov', el, [r(), lane(vreg(int(0, 31)), int(0, 16 / el - 1))]);
    }
  }
  return out;

  function rOrSpReg(): number {
    return rand() < 0.2 ? SP : gpr();
  }
}

/** Where label k is bound: before the instruction at this index. */
export function labelPositions(count: number): number[] {
  return Array.from({ length: LABEL_COUNT }, (_, k) => Math.floor((count * k) / LABEL_COUNT));
}

export type { MemOperand };
