// The SIMD&FP part of the A64 decoder (decode.ts): scalar floating point
// (Arm ARM C4.1.8 "Data Processing -- Scalar Floating-Point and Advanced
// SIMD") and the Advanced SIMD forms our encoder and gcc's vectorizer emit:
// three-same, three-different, two-register misc, across lanes, copy,
// modified immediate, shift by immediate, permute and extract.
//
// Input: an instruction word whose op0 is x111. Output: a DecodedA64, or
// null for what is not decoded here (decode.ts prints `.inst`).

import type { DecodedA64, DecodedA64Operand } from './decode.js';
import { bit, COND_NAMES, decImm, field, fpReg, gpr, hexImm, is, t } from './decode.js';

const inst = (mnemonic: string, ...operands: DecodedA64Operand[]): DecodedA64 => ({ mnemonic, operands });
const FTYPE_BYTES: Readonly<Record<number, number>> = { 0: 4, 1: 8, 3: 2 };

/** VFPExpandImm (Arm ARM J1): the value of an 8-bit floating-point immediate. */
export function expandFpImm(imm8: number): number {
  const sign = imm8 & 0x80 ? -1 : 1;
  const exp = ((imm8 >> 4) & 7) ^ 4; // b:NOT(b)…: exponent -3..4 biased as 0..7 after the flip
  const frac = 16 + (imm8 & 15);
  return sign * frac / 16 * 2 ** (exp - 3);
}

/** A floating-point immediate as objdump prints it: `#-2.265625000000000000e-01` (C's %.18e). */
export function fpImmText(v: number): string {
  const [mantissa, exponent] = v.toExponential(18).split('e');
  const e = Number(exponent);
  return `#${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

export function decodeSimdFp(w: number): DecodedA64 | null {
  if (is(w, 0x5f000000, 0x1e000000) && bit(w, 21) === 1) return decodeScalarFp(w);
  if (is(w, 0x5f000000, 0x1f000000)) return decodeFpThreeSource(w);
  if (is(w, 0x9f000000, 0x0e000000) || is(w, 0x9f000000, 0x0f000000) || is(w, 0xdf000000, 0x5e000000) || is(w, 0xdf000000, 0x5f000000)) {
    return decodeAdvancedSimd(w);
  }
  return null;
}

function decodeScalarFp(w: number): DecodedA64 | null {
  const ftype = field(w, 23, 22);
  const bytes = FTYPE_BYTES[ftype];
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  if (bit(w, 29) !== 0) return null;
  if (field(w, 15, 10) === 0) return decodeFpIntConvert(w);
  if (bytes === undefined) return null;
  const v = (n: number) => t(fpReg(n, bytes));
  if (field(w, 14, 10) === 0b10000) {
    const op = field(w, 20, 15);
    const unary = ['fmov', 'fabs', 'fneg', 'fsqrt'][op];
    if (unary !== undefined && bit(w, 31) === 0) return inst(unary, v(rd), v(rn));
    if ((op & 0b111100) === 0b000100) {
      const to = FTYPE_BYTES[op & 3];
      if (to === undefined || to === bytes) return null;
      return inst('fcvt', t(fpReg(rd, to)), v(rn));
    }
    const rint = ({ 8: 'frintn', 9: 'frintp', 10: 'frintm', 11: 'frintz', 12: 'frinta', 14: 'frintx', 15: 'frinti' } as Record<number, string>)[op];
    return rint === undefined ? null : inst(rint, v(rd), v(rn));
  }
  if (field(w, 13, 10) === 0b1000) {
    if (field(w, 15, 14) !== 0 || (rd & 7) !== 0) return null;
    const name = rd & 0x10 ? 'fcmpe' : 'fcmp';
    return inst(name, v(rn), rd & 8 ? t('#0.0') : v(rm));
  }
  if (field(w, 12, 10) === 0b100) {
    if (field(w, 9, 5) !== 0) return null;
    return inst('fmov', v(rd), t(fpImmText(expandFpImm(field(w, 20, 13)))));
  }
  switch (field(w, 11, 10)) {
    case 1: {
      const name = bit(w, 4) ? 'fccmpe' : 'fccmp';
      return inst(name, v(rn), v(rm), hexImm(field(w, 3, 0)), t(COND_NAMES[field(w, 15, 12)]!));
    }
    case 2: {
      const name = ['fmul', 'fdiv', 'fadd', 'fsub', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul'][field(w, 15, 12)];
      return name === undefined ? null : inst(name, v(rd), v(rn), v(rm));
    }
    case 3: return inst('fcsel', v(rd), v(rn), v(rm), t(COND_NAMES[field(w, 15, 12)]!));
  }
  return null;
}

function decodeFpIntConvert(w: number): DecodedA64 | null {
  const sf = bit(w, 31);
  const ftype = field(w, 23, 22);
  const rmode = field(w, 20, 19);
  const opcode = field(w, 18, 16);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  // fmov between a general register and the upper half of a vector register.
  if (ftype === 2) {
    if (sf !== 1 || rmode !== 1) return null;
    if (opcode === 6) return inst('fmov', t(gpr(rd, 1)), t(`v${rn}.d[1]`));
    if (opcode === 7) return inst('fmov', t(`v${rd}.d[1]`), t(gpr(rn, 1)));
    return null;
  }
  const bytes = FTYPE_BYTES[ftype];
  if (bytes === undefined) return null;
  const f = (n: number) => t(fpReg(n, bytes));
  const g = (n: number) => t(gpr(n, sf));
  if (opcode === 6 || opcode === 7) {
    if (rmode !== 0 || (bytes === 8) !== (sf === 1) && bytes !== 2) return null;
    return opcode === 6 ? inst('fmov', g(rd), f(rn)) : inst('fmov', f(rd), g(rn));
  }
  if (opcode === 2 || opcode === 3) {
    if (rmode !== 0) return null;
    return inst(opcode === 2 ? 'scvtf' : 'ucvtf', f(rd), g(rn));
  }
  const rounding = opcode >= 4 ? 'a' : 'npmz'[rmode]!;
  if (opcode >= 4 && rmode !== 0) return null;
  const u = opcode & 1 ? 'u' : 's';
  return inst(`fcvt${rounding}${u}`, g(rd), f(rn));
}

function decodeFpThreeSource(w: number): DecodedA64 | null {
  const bytes = FTYPE_BYTES[field(w, 23, 22)];
  if (bytes === undefined || bit(w, 31) !== 0 || bit(w, 29) !== 0) return null;
  const name = ['fmadd', 'fmsub', 'fnmadd', 'fnmsub'][(bit(w, 21) << 1) | bit(w, 15)]!;
  const v = (n: number) => t(fpReg(n, bytes));
  return inst(name, v(field(w, 4, 0)), v(field(w, 9, 5)), v(field(w, 20, 16)), v(field(w, 14, 10)));
}

// ---- Advanced SIMD ----

const ARR = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];
const vec = (n: number, arrangement: string): DecodedA64Operand => t(`v${n}.${arrangement}`);
const ELEMENT = ['b', 'h', 's', 'd'];

function decodeAdvancedSimd(w: number): DecodedA64 | null {
  const isScalar = bit(w, 28) === 1;
  const q = bit(w, 30);
  const u = bit(w, 29);
  const size = field(w, 23, 22);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  // Modified immediate (0x0f000000 with bits 23:19 zero, bit 10 set).
  if (!isScalar && bit(w, 24) === 1 && field(w, 23, 19) === 0 && bit(w, 10) === 1) return decodeModifiedImmediate(w);
  // Shift by immediate (bit 24 set, immh non-zero, bit 10 set).
  if (bit(w, 24) === 1 && field(w, 23, 19) !== 0 && bit(w, 10) === 1) return decodeShiftImmediate(w, isScalar);
  if (bit(w, 24) === 1) return bit(w, 10) === 0 ? decodeByElement(w, isScalar) : null;
  // Three registers of the same type.
  if (bit(w, 21) === 1 && bit(w, 10) === 1) return decodeThreeSame(w, isScalar);
  // Three registers of different types.
  if (bit(w, 21) === 1 && field(w, 11, 10) === 0 && !isScalar) return decodeThreeDifferent(w);
  // Two-register miscellaneous and across lanes.
  if (field(w, 21, 17) === 0b10000 && field(w, 11, 10) === 2) return decodeTwoRegMisc(w, isScalar);
  if (field(w, 21, 17) === 0b11000 && field(w, 11, 10) === 2 && !isScalar) {
    const arrangement = ARR[size * 2 + q]!;
    const opcode = field(w, 16, 12);
    const name = ({ 0b00011: u ? 'uaddlv' : 'saddlv', 0b01010: u ? 'umaxv' : 'smaxv', 0b11010: u ? 'uminv' : 'sminv', 0b11011: u ? '' : 'addv' } as Record<number, string>)[opcode];
    if (!name) return null;
    const long = opcode === 0b00011 ? 1 : 0;
    return inst(name, t(`${ELEMENT[size + long]}${rd}`), vec(rn, arrangement));
  }
  if (isScalar) return null;
  // Copy: dup, ins, umov, smov.
  if (field(w, 29, 21) === 0b001110000 && bit(w, 15) === 0 && bit(w, 10) === 1) return decodeCopy(w);
  if (u === 1 && field(w, 29, 21) === 0b101110000 && bit(w, 15) === 0 && bit(w, 10) === 1) {
    const imm5 = field(w, 20, 16);
    const s = imm5 & 1 ? 0 : imm5 & 2 ? 1 : imm5 & 4 ? 2 : 3;
    return inst('mov', t(`v${rd}.${ELEMENT[s]}[${imm5 >> (s + 1)}]`), t(`v${rn}.${ELEMENT[s]}[${field(w, 14, 11) >> s}]`));
  }
  // Permute.
  if (field(w, 29, 24) === 0b001110 && bit(w, 21) === 0 && bit(w, 15) === 0 && field(w, 11, 10) === 2) {
    const name = [null, 'uzp1', 'trn1', 'zip1', null, 'uzp2', 'trn2', 'zip2'][field(w, 14, 12)];
    if (!name) return null;
    const arrangement = ARR[size * 2 + q]!;
    return inst(name, vec(rd, arrangement), vec(rn, arrangement), vec(rm, arrangement));
  }
  // Extract.
  if (field(w, 29, 24) === 0b101110 && field(w, 23, 21) === 0 && bit(w, 15) === 0 && bit(w, 10) === 0) {
    const arrangement = q ? '16b' : '8b';
    return inst('ext', vec(rd, arrangement), vec(rn, arrangement), vec(rm, arrangement), decImm(field(w, 14, 11)));
  }
  return null;
}

function decodeCopy(w: number): DecodedA64 | null {
  const q = bit(w, 30);
  const op = bit(w, 29);
  const imm5 = field(w, 20, 16);
  const imm4 = field(w, 14, 11);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const s = imm5 & 1 ? 0 : imm5 & 2 ? 1 : imm5 & 4 ? 2 : imm5 & 8 ? 3 : -1;
  if (s < 0 || op !== 0) return null;
  const index = imm5 >> (s + 1);
  const element = ELEMENT[s]!;
  switch (imm4) {
    case 0: {
      if (s === 3 && q === 0) return null;
      return inst('dup', vec(rd, ARR[s * 2 + q]!), t(`v${rn}.${element}[${index}]`));
    }
    case 1: {
      if (s === 3 && q === 0) return null;
      return inst('dup', vec(rd, ARR[s * 2 + q]!), t(gpr(rn, s === 3)));
    }
    case 3: return q === 1 ? inst('mov', t(`v${rd}.${element}[${index}]`), t(gpr(rn, s === 3))) : null;
    case 5: return s < 3 && (q === 1 || s < 2) ? inst('smov', t(gpr(rd, q)), t(`v${rn}.${element}[${index}]`)) : null;
    case 7: {
      if ((s === 3) !== (q === 1)) return null;
      return inst(s >= 2 ? 'mov' : 'umov', t(gpr(rd, q)), t(`v${rn}.${element}[${index}]`));
    }
  }
  return null;
}

function decodeThreeSame(w: number, isScalar: boolean): DecodedA64 | null {
  const q = bit(w, 30);
  const u = bit(w, 29);
  const size = field(w, 23, 22);
  const opcode = field(w, 15, 11);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  if (opcode >= 0b11000) {
    // Floating point: size<1> selects the second group, size<0> is sz (double).
    const sz = size & 1;
    const hi = size >> 1;
    const key = `${u}${hi}${opcode.toString(2)}`;
    const names: Readonly<Record<string, string>> = {
      '0011010': 'fadd', '0111010': 'fsub', '1011011': 'fmul', '1011111': 'fdiv', '0011110': 'fmax', '0111110': 'fmin',
      '0011000': 'fmaxnm', '0111000': 'fminnm', '0011100': 'fcmeq', '1011100': 'fcmge', '1111100': 'fcmgt', '1111010': 'fabd',
      '0011001': 'fmla', '0111001': 'fmls', '1011101': 'facge', '1111101': 'facgt', '0011011': 'fmulx',
    };
    const name = names[key];
    if (name === undefined) return null;
    if (isScalar) {
      const reg = (n: number) => t(fpReg(n, sz ? 8 : 4));
      return inst(name, reg(rd), reg(rn), reg(rm));
    }
    if (sz === 1 && q === 0) return null;
    const arrangement = sz ? '2d' : q ? '4s' : '2s';
    return inst(name, vec(rd, arrangement), vec(rn, arrangement), vec(rm, arrangement));
  }
  if (opcode === 0b00011) {
    if (isScalar) return null;
    const arrangement = q ? '16b' : '8b';
    const name = u ? ['eor', 'bsl', 'bit', 'bif'][size]! : ['and', 'bic', 'orr', 'orn'][size]!;
    if (name === 'orr' && rn === rm) return inst('mov', vec(rd, arrangement), vec(rn, arrangement));
    return inst(name, vec(rd, arrangement), vec(rn, arrangement), vec(rm, arrangement));
  }
  const names: Readonly<Record<number, [string, string]>> = {
    0b10000: ['add', 'sub'], 0b10011: ['mul', 'pmul'], 0b10001: ['cmtst', 'cmeq'], 0b00110: ['cmgt', 'cmhi'], 0b00111: ['cmge', 'cmhs'],
    0b01100: ['smax', 'umax'], 0b01101: ['smin', 'umin'], 0b01000: ['sshl', 'ushl'], 0b10111: ['addp', ''], 0b10010: ['mla', 'mls'],
    0b00000: ['shadd', 'uhadd'], 0b00100: ['shsub', 'uhsub'], 0b01110: ['sabd', 'uabd'], 0b01111: ['saba', 'uaba'],
  };
  const name = names[opcode]?.[u];
  if (!name) return null;
  if (isScalar) {
    if (size !== 3) return null;
    return inst(name, t(`d${rd}`), t(`d${rn}`), t(`d${rm}`));
  }
  if (size === 3 && q === 0) return null;
  const arrangement = ARR[size * 2 + q]!;
  return inst(name, vec(rd, arrangement), vec(rn, arrangement), vec(rm, arrangement));
}

function decodeThreeDifferent(w: number): DecodedA64 | null {
  const q = bit(w, 30);
  const u = bit(w, 29);
  const size = field(w, 23, 22);
  if (size === 3) return null;
  const opcode = field(w, 15, 12);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  const stems: Readonly<Record<number, [string, 'long' | 'wide' | 'narrow']>> = {
    0b0000: ['addl', 'long'], 0b0001: ['addw', 'wide'], 0b0010: ['subl', 'long'], 0b0011: ['subw', 'wide'],
    0b1100: ['mull', 'long'], 0b1000: ['mlal', 'long'], 0b1010: ['mlsl', 'long'], 0b0101: ['abal', 'long'], 0b0111: ['abdl', 'long'],
    0b0100: ['addhn', 'narrow'], 0b0110: ['subhn', 'narrow'],
  };
  const stem = stems[opcode];
  if (stem === undefined) return null;
  const [base, shape] = stem;
  const sign = shape === 'narrow' ? (u ? 'r' : '') : u ? 'u' : 's';
  const name = `${sign}${base}${q ? '2' : ''}`;
  const wide = ARR[(size + 1) * 2 + 1]!;
  const narrow = ARR[size * 2 + q]!;
  if (shape === 'long') return inst(name, vec(rd, wide), vec(rn, narrow), vec(rm, narrow));
  if (shape === 'wide') return inst(name, vec(rd, wide), vec(rn, wide), vec(rm, narrow));
  return inst(name, vec(rd, narrow), vec(rn, wide), vec(rm, wide));
}

function decodeTwoRegMisc(w: number, isScalar: boolean): DecodedA64 | null {
  const q = bit(w, 30);
  const u = bit(w, 29);
  const size = field(w, 23, 22);
  const opcode = field(w, 16, 12);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  if (isScalar) {
    const fp = ({ '0011101': 'scvtf', '1011101': 'ucvtf', '0111011': 'fcvtzs', '1111011': 'fcvtzu' } as Record<string, string>)[`${u}${size >> 1}${opcode.toString(2).padStart(5, '0')}`];
    if (fp) return inst(fp, t(fpReg(rd, size & 1 ? 8 : 4)), t(fpReg(rn, size & 1 ? 8 : 4)));
    const zeroCompare = ({ 0b01000: u ? 'cmge' : 'cmgt', 0b01001: u ? 'cmle' : 'cmeq', 0b01010: u ? '' : 'cmlt' } as Record<number, string>)[opcode];
    if (zeroCompare && size === 3) return inst(zeroCompare, t(`d${rd}`), t(`d${rn}`), t('#0'));
    if (opcode === 0b01011 && size === 3) return inst(u ? 'neg' : 'abs', t(`d${rd}`), t(`d${rn}`));
    return null;
  }
  const arrangement = ARR[size * 2 + q]!;
  const same = (name: string): DecodedA64 => inst(name, vec(rd, arrangement), vec(rn, arrangement));
  switch (opcode) {
    case 0b00000: return size < 3 - (u ? 1 : 0) ? same(u ? 'rev32' : 'rev64') : null;
    case 0b00001: return !u && size === 0 ? same('rev16') : null;
    case 0b00101:
      if (!u) return size === 0 ? same('cnt') : null;
      if (size === 0) return same('mvn');
      if (size === 1) return same('rbit');
      return null;
    case 0b01000: return size === 3 && !q ? null : inst(u ? 'cmge' : 'cmgt', vec(rd, arrangement), vec(rn, arrangement), t('#0'));
    case 0b01001: return size === 3 && !q ? null : inst(u ? 'cmle' : 'cmeq', vec(rd, arrangement), vec(rn, arrangement), t('#0'));
    case 0b01010: return !u && !(size === 3 && !q) ? inst('cmlt', vec(rd, arrangement), vec(rn, arrangement), t('#0')) : null;
    case 0b01011: return size === 3 && !q ? null : same(u ? 'neg' : 'abs');
    case 0b00100: return size === 3 ? null : same(u ? 'clz' : 'cls');
    case 0b10010: {
      if (size === 3) return null;
      const name = `${u ? 'sqxtun' : 'xtn'}${q ? '2' : ''}`;
      return u ? null : inst(name, vec(rd, arrangement), vec(rn, ARR[(size + 1) * 2 + 1]!));
    }
    case 0b00010: case 0b00110: {
      if (size === 3) return null;
      const name = `${u ? 'u' : 's'}${opcode === 0b00010 ? 'addlp' : 'adalp'}`;
      return inst(name, vec(rd, ARR[(size + 1) * 2 + q]!), vec(rn, arrangement));
    }
  }
  // Floating point: size<1> and sz = size<0>.
  const sz = size & 1;
  if (sz === 1 && q === 0) return null;
  const farr = sz ? '2d' : q ? '4s' : '2s';
  const key = `${u}${size >> 1}${opcode.toString(2).padStart(5, '0')}`;
  const fnames: Readonly<Record<string, string>> = {
    '0101111': 'fabs', '1101111': 'fneg', '1111111': 'fsqrt', '0011101': 'scvtf', '1011101': 'ucvtf', '0111011': 'fcvtzs',
    '1111011': 'fcvtzu', '0011000': 'frintn', '0011001': 'frintm', '0111000': 'frintp', '0111001': 'frintz', '1011000': 'frinta',
    '1011001': 'frintx', '1111001': 'frinti',
  };
  const fname = fnames[key];
  if (fname) return inst(fname, vec(rd, farr), vec(rn, farr));
  return null;
}

/** Vector × element: `mul v2.4s, v6.4s, v0.s[0]`, `fmla v1.2d, v2.2d, v0.d[1]`. */
function decodeByElement(w: number, isScalar: boolean): DecodedA64 | null {
  const q = bit(w, 30);
  const u = bit(w, 29);
  const size = field(w, 23, 22);
  const opcode = field(w, 15, 12);
  const h = bit(w, 11);
  const l = bit(w, 21);
  const m = bit(w, 20);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const isFloat = opcode === 0b1001 || opcode === 0b0001 || opcode === 0b0101;
  if (isFloat) {
    if (size < 2 || u) return null;
    const sz = size & 1;
    const name = ({ 0b1001: 'fmul', 0b0001: 'fmla', 0b0101: 'fmls' } as Record<number, string>)[opcode]!;
    const index = sz ? h : (h << 1) | l;
    if (sz && l) return null;
    const element = `v${(m << 4) | field(w, 19, 16)}.${sz ? 'd' : 's'}[${index}]`;
    if (isScalar) return inst(name, t(fpReg(rd, sz ? 8 : 4)), t(fpReg(rn, sz ? 8 : 4)), t(element));
    if (sz && !q) return null;
    const arrangement = sz ? '2d' : q ? '4s' : '2s';
    return inst(name, vec(rd, arrangement), vec(rn, arrangement), t(element));
  }
  if (isScalar || (size !== 1 && size !== 2)) return null;
  const name = ({ 0b1000: u ? '' : 'mul', 0b0000: u ? 'mla' : '', 0b0100: u ? 'mls' : '' } as Record<number, string>)[opcode];
  if (!name) return null;
  const index = size === 1 ? (h << 2) | (l << 1) | m : (h << 1) | l;
  const rm = size === 1 ? field(w, 19, 16) : (m << 4) | field(w, 19, 16);
  const arrangement = ARR[size * 2 + q]!;
  return inst(name, vec(rd, arrangement), vec(rn, arrangement), t(`v${rm}.${ELEMENT[size]}[${index}]`));
}

function decodeModifiedImmediate(w: number): DecodedA64 | null {
  const q = bit(w, 30);
  const op = bit(w, 29);
  const cmode = field(w, 15, 12);
  const o2 = bit(w, 11);
  const rd = field(w, 4, 0);
  const imm8 = (field(w, 18, 16) << 5) | field(w, 9, 5);
  if (o2 !== 0) return null;
  if (cmode === 0b1111) {
    if (op === 0) return inst('fmov', vec(rd, q ? '4s' : '2s'), t(fpImmText(expandFpImm(imm8))));
    if (q === 1) return inst('fmov', vec(rd, '2d'), t(fpImmText(expandFpImm(imm8))));
    return null;
  }
  if (cmode === 0b1110) {
    if (op === 0) return inst('movi', vec(rd, q ? '16b' : '8b'), hexImm(imm8));
    let v = 0n;
    for (let b = 0; b < 8; b++) if (imm8 & (1 << b)) v |= 0xffn << BigInt(b * 8);
    return q ? inst('movi', vec(rd, '2d'), hexImm(v)) : inst('movi', t(`d${rd}`), hexImm(v));
  }
  if ((cmode & 0b1000) === 0) {
    // 32-bit elements, shifted by 0/8/16/24.
    const shift = (cmode >> 1) * 8;
    const isOrr = cmode & 1;
    const name = isOrr ? (op ? 'bic' : 'orr') : op ? 'mvni' : 'movi';
    return inst(name, vec(rd, q ? '4s' : '2s'), hexImm(imm8), ...(shift ? [t(`lsl #${shift}`)] : []));
  }
  if ((cmode & 0b1100) === 0b1000) {
    const shift = ((cmode >> 1) & 1) * 8;
    const isOrr = cmode & 1;
    const name = isOrr ? (op ? 'bic' : 'orr') : op ? 'mvni' : 'movi';
    return inst(name, vec(rd, q ? '8h' : '4h'), hexImm(imm8), ...(shift ? [t(`lsl #${shift}`)] : []));
  }
  // cmode 110x: 32-bit elements, shifting ones in.
  const amount = (cmode & 1) ? 16 : 8;
  return inst(op ? 'mvni' : 'movi', vec(rd, q ? '4s' : '2s'), hexImm(imm8), t(`msl #${amount}`));
}

function decodeShiftImmediate(w: number, isScalar: boolean): DecodedA64 | null {
  const q = bit(w, 30);
  const u = bit(w, 29);
  const immh = field(w, 22, 19);
  const immb = field(w, 18, 16);
  const opcode = field(w, 15, 11);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const esize = 8 << (31 - Math.clz32(immh));
  const s = 31 - Math.clz32(immh);
  const imm = (immh << 3) | immb;
  const right = 2 * esize - imm;
  const left = imm - esize;
  if (isScalar) {
    if (s !== 3) return null;
    const name = ({ 0b00000: u ? 'ushr' : 'sshr', 0b01010: u ? 'sli' : 'shl', 0b00010: u ? 'usra' : 'ssra', 0b01000: u ? 'sri' : '' } as Record<number, string>)[opcode];
    if (!name) return null;
    return inst(name, t(`d${rd}`), t(`d${rn}`), decImm(opcode === 0b01010 ? left : right));
  }
  if (s === 3 && q === 0) {
    if (opcode !== 0b10100) return null;
  }
  const arrangement = ARR[s * 2 + q]!;
  switch (opcode) {
    case 0b00000: return inst(u ? 'ushr' : 'sshr', vec(rd, arrangement), vec(rn, arrangement), decImm(right));
    case 0b00010: return inst(u ? 'usra' : 'ssra', vec(rd, arrangement), vec(rn, arrangement), decImm(right));
    case 0b01010: return inst(u ? 'sli' : 'shl', vec(rd, arrangement), vec(rn, arrangement), decImm(left));
    case 0b10000: {
      if (s === 3) return null;
      const name = `${u ? 'sqshrun' : 'shrn'}${q ? '2' : ''}`;
      return u ? null : inst(name, vec(rd, arrangement), vec(rn, ARR[(s + 1) * 2 + 1]!), decImm(right));
    }
    case 0b10100: {
      if (s === 3) return null;
      const wide = vec(rd, ARR[(s + 1) * 2 + 1]!);
      const name = `${u ? 'u' : 's'}${left === 0 ? 'xtl' : 'shll'}${q ? '2' : ''}`;
      return left === 0 ? inst(name, wide, vec(rn, arrangement)) : inst(name, wide, vec(rn, arrangement), decImm(left));
    }
  }
  return null;
}
