// The A64 instruction decoder: one 32-bit instruction word → its mnemonic
// and operands, in the GNU syntax `aarch64-linux-gnu-objdump -d` prints
// (for `mod.disassemble()` and `jitcc --dump=asm` on ARM64 code).
//
// Input: the word and the address it runs at (branch and adr/adrp targets
// and literal loads become absolute addresses). Output: a `DecodedA64`;
// a word outside what is decoded here is `.inst 0x…` (objdump's own
// spelling for words it cannot name), so a listing always goes on.
//
// Coverage: everything our encoder emits (encode.ts, encode-simd.ts) and
// what gcc -O2 emits for C: the integer, load/store, branch and system
// classes of the Arm ARM's top-level table (C4.1), scalar floating point,
// and the Advanced SIMD forms its vectorizer uses (decode-simd.ts).
// Aliases are chosen as objdump chooses them (the Arm ARM's "preferred
// disassembly" conditions, e.g. BFXPreferred for ubfm/sbfm).

import { decodeSimdFp } from './decode-simd.js';
import { BARRIER_OPTIONS } from './inst.js';

export type DecodedA64Operand =
  /** Operand text in assembler syntax: `x0`, `#0x10`, `[sp, #16]!`, `lsl #12`, `{v0.16b, v1.16b}`. */
  | { readonly kind: 'text'; readonly text: string }
  /** A code or data address (branches, adr/adrp, literal loads), absolute. */
  | { readonly kind: 'target'; readonly address: bigint };

export interface DecodedA64 {
  readonly mnemonic: string;
  readonly operands: readonly DecodedA64Operand[];
}

export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

/** Bits hi..lo of the word, unsigned. */
export function field(w: number, hi: number, lo: number): number {
  return (w >>> lo) & (2 ** (hi - lo + 1) - 1);
}
/** Whether the bits of `mask` in the word are those of `value` (unsigned: JS bit operations give signed results). */
export function is(w: number, mask: number, value: number): boolean {
  return ((w & mask) >>> 0) === value;
}
export function bit(w: number, n: number): number {
  return (w >>> n) & 1;
}
export function signExtend(v: number, bits: number): number {
  return v >= 2 ** (bits - 1) ? v - 2 ** bits : v;
}

export const t = (text: string): DecodedA64Operand => ({ kind: 'text', text });
export const hexImm = (v: number | bigint): DecodedA64Operand => t(`#0x${v.toString(16)}`);
export const decImm = (v: number): DecodedA64Operand => t(`#${v}`);
const target = (address: bigint): DecodedA64Operand => ({ kind: 'target', address: BigInt.asUintN(64, address) });
const inst = (mnemonic: string, ...operands: DecodedA64Operand[]): DecodedA64 => ({ mnemonic, operands });

/** General register n at 64 bits (`sf`) or 32; register 31 is sp/wsp when `isSp`, else xzr/wzr. */
export function gpr(n: number, sf: number | boolean, isSp = false): string {
  if (n === 31) return isSp ? (sf ? 'sp' : 'wsp') : (sf ? 'xzr' : 'wzr');
  return `${sf ? 'x' : 'w'}${n}`;
}
const r = (n: number, sf: number | boolean, isSp = false): DecodedA64Operand => t(gpr(n, sf, isSp));

/** A memory operand `[base{, #off}]`, `[base, #off]!` or `[base], #off` (offsets in decimal, as objdump). */
export function memText(base: number, offset: number, mode: 'offset' | 'pre' | 'post'): DecodedA64Operand {
  const b = gpr(base, 1, true);
  switch (mode) {
    case 'offset': return t(offset === 0 ? `[${b}]` : `[${b}, #${offset}]`);
    case 'pre': return t(`[${b}, #${offset}]!`);
    case 'post': return t(`[${b}], #${offset}`);
  }
}

export const UNKNOWN = (w: number): DecodedA64 => inst('.inst', t(`0x${(w >>> 0).toString(16).padStart(8, '0')}`), t('// undefined'));

export function decodeA64(word: number, address: bigint): DecodedA64 {
  const w = word >>> 0;
  const op0 = field(w, 28, 25);
  let d: DecodedA64 | null = null;
  if (w >>> 16 === 0) d = inst('udf', decImm(w & 0xffff));
  else if ((op0 & 0b1110) === 0b1000) d = decodeDataImmediate(w, address);
  else if ((op0 & 0b1110) === 0b1010) d = decodeBranchSystem(w, address);
  else if ((op0 & 0b0101) === 0b0100) d = decodeLoadStore(w, address);
  else if ((op0 & 0b0111) === 0b0101) d = decodeDataRegister(w);
  else if ((op0 & 0b0111) === 0b0111) d = decodeSimdFp(w);
  return d ?? UNKNOWN(w);
}

// ---- Data processing, immediate (C4.1.2) ----

/** DecodeBitMasks (Arm ARM J1): the logical immediate of N:immr:imms at `bits`, or null when reserved. */
export function decodeBitmask(n: number, immr: number, imms: number, bits: number): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  const e = 1 << len;
  const levels = e - 1;
  const s = imms & levels;
  const rot = immr & levels;
  if (s === levels) return null;
  const run = (1n << BigInt(s + 1)) - 1n;
  const mask = e === 64 ? (1n << 64n) - 1n : (1n << BigInt(e)) - 1n;
  const elem = rot === 0 ? run : ((run >> BigInt(rot)) | (run << BigInt(e - rot))) & mask;
  let value = 0n;
  for (let at = 0; at < bits; at += e) value |= elem << BigInt(at);
  return value;
}

function decodeDataImmediate(w: number, address: bigint): DecodedA64 | null {
  const sf = bit(w, 31);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  switch (field(w, 25, 23)) {
    case 0b000: case 0b001: {
      const imm = signExtend((field(w, 23, 5) << 2) | field(w, 30, 29), 21);
      if (bit(w, 31) === 0) return inst('adr', r(rd, 1), target(address + BigInt(imm)));
      return inst('adrp', r(rd, 1), target((address & ~0xfffn) + (BigInt(imm) << 12n)));
    }
    case 0b010: {
      const isSub = bit(w, 30) === 1;
      const isS = bit(w, 29) === 1;
      const shift = bit(w, 22);
      const imm12 = field(w, 21, 10);
      const imm = [hexImm(imm12), ...(shift ? [t('lsl #12')] : [])];
      if (!isSub && !isS && shift === 0 && imm12 === 0 && (rd === 31 || rn === 31)) return inst('mov', r(rd, sf, true), r(rn, sf, true));
      if (isS && rd === 31) return inst(isSub ? 'cmp' : 'cmn', r(rn, sf, true), ...imm);
      return inst(`${isSub ? 'sub' : 'add'}${isS ? 's' : ''}`, r(rd, sf, !isS), r(rn, sf, true), ...imm);
    }
    case 0b100: {
      const opc = field(w, 30, 29);
      const n = bit(w, 22);
      if (sf === 0 && n === 1) return null;
      const value = decodeBitmask(n, field(w, 21, 16), field(w, 15, 10), sf ? 64 : 32);
      if (value === null) return null;
      if (opc === 3 && rd === 31) return inst('tst', r(rn, sf), hexImm(value));
      if (opc === 1 && rn === 31 && !isMoveWidePreferred(sf, n, field(w, 15, 10), field(w, 21, 16))) return inst('mov', r(rd, sf, true), hexImm(value));
      return inst(['and', 'orr', 'eor', 'ands'][opc]!, r(rd, sf, opc !== 3), r(rn, sf), hexImm(value));
    }
    case 0b101: {
      const opc = field(w, 30, 29);
      const hw = field(w, 22, 21);
      const imm16 = field(w, 20, 5);
      if (opc === 1 || (sf === 0 && hw >= 2)) return null;
      const bits = sf ? 64 : 32;
      if (opc === 3) return inst('movk', r(rd, sf), hexImm(imm16), ...(hw ? [t(`lsl #${hw * 16}`)] : []));
      const isZ = opc === 2;
      const aliasable = isZ ? !(imm16 === 0 && hw !== 0) : !(imm16 === 0 && hw !== 0) && !(sf === 0 && imm16 === 0xffff);
      if (aliasable) {
        const shifted = BigInt(imm16) << BigInt(hw * 16);
        const value = BigInt.asUintN(bits, isZ ? shifted : ~shifted);
        return inst('mov', r(rd, sf), hexImm(value));
      }
      return inst(isZ ? 'movz' : 'movn', r(rd, sf), hexImm(imm16), ...(hw ? [t(`lsl #${hw * 16}`)] : []));
    }
    case 0b110: return decodeBitfield(w);
    case 0b111: {
      if (bit(w, 21) !== 0 || field(w, 30, 29) !== 0 || bit(w, 22) !== sf) return null;
      const rm = field(w, 20, 16);
      const lsb = field(w, 15, 10);
      if (rn === rm) return inst('ror', r(rd, sf), r(rn, sf), decImm(lsb));
      return inst('extr', r(rd, sf), r(rn, sf), r(rm, sf), decImm(lsb));
    }
  }
  return null;
}

/** MoveWidePreferred (Arm ARM J1): an orr immediate that a movz/movn could also make prints as that. */
function isMoveWidePreferred(sf: number, n: number, imms: number, immr: number): boolean {
  const width = sf ? 64 : 32;
  if (sf === 1 && n !== 1) return false;
  if (sf === 0 && !(n === 0 && (imms & 0x20) === 0)) return false;
  if (imms < 16) return (-immr % 16 + 16) % 16 <= 15 - imms;
  if (imms >= width - 15) return immr % 16 <= imms - (width - 15);
  return false;
}

/** BFXPreferred (Arm ARM J1). */
function isBfxPreferred(sf: number, isUnsigned: boolean, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && !isUnsigned && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

function decodeBitfield(w: number): DecodedA64 | null {
  const sf = bit(w, 31);
  const opc = field(w, 30, 29);
  if (bit(w, 22) !== sf || opc === 3) return null;
  const immr = field(w, 21, 16);
  const imms = field(w, 15, 10);
  if (sf === 0 && (immr >= 32 || imms >= 32)) return null;
  const rd = r(field(w, 4, 0), sf);
  const rnNum = field(w, 9, 5);
  const rn = r(rnNum, sf);
  const size = sf ? 64 : 32;
  const insert = (name: string) => inst(name, rd, rn, decImm((size - immr) % size), decImm(imms + 1));
  const extract = (name: string) => inst(name, rd, rn, decImm(immr), decImm(imms - immr + 1));
  if (opc === 0) {
    if (imms === size - 1) return inst('asr', rd, rn, decImm(immr));
    if (immr === 0 && (imms === 7 || imms === 15 || (sf && imms === 31))) return inst(imms === 7 ? 'sxtb' : imms === 15 ? 'sxth' : 'sxtw', rd, r(rnNum, 0));
    if (imms < immr) return insert('sbfiz');
    if (isBfxPreferred(sf, false, imms, immr)) return extract('sbfx');
    return inst('sbfm', rd, rn, decImm(immr), decImm(imms));
  }
  if (opc === 1) {
    if (imms < immr) return rnNum === 31 ? inst('bfc', rd, decImm((size - immr) % size), decImm(imms + 1)) : insert('bfi');
    return extract('bfxil');
  }
  if (imms !== size - 1 && imms + 1 === immr) return inst('lsl', rd, rn, decImm(size - 1 - imms));
  if (imms === size - 1) return inst('lsr', rd, rn, decImm(immr));
  if (imms < immr) return insert('ubfiz');
  if (isBfxPreferred(sf, true, imms, immr)) return extract('ubfx');
  if (immr === 0 && sf === 0 && (imms === 7 || imms === 15)) return inst(imms === 7 ? 'uxtb' : 'uxth', rd, rn);
  return inst('ubfm', rd, rn, decImm(immr), decImm(imms));
}

// ---- Branches, exception generation and system (C4.1.3) ----

const HINTS: Readonly<Record<number, string>> = {
  0: 'nop', 1: 'yield', 2: 'wfe', 3: 'wfi', 4: 'sev', 5: 'sevl', 6: 'dgh', 7: 'xpaclri', 8: 'pacia1716', 10: 'pacib1716',
  12: 'autia1716', 14: 'autib1716', 16: 'esb', 17: 'psb csync', 18: 'tsb csync', 20: 'csdb', 24: 'paciaz', 25: 'paciasp',
  26: 'pacibz', 27: 'pacibsp', 28: 'autiaz', 29: 'autiasp', 30: 'autibz', 31: 'autibsp', 32: 'bti', 34: 'bti c', 36: 'bti j', 38: 'bti jc',
};


/** System registers by op0:op1:CRn:CRm:op2 (the ones C code touches), else the generic s<op0>_<op1>_c<n>_c<m>_<op2>. */
const SYSREGS: Readonly<Record<string, string>> = {
  '3:3:13:0:2': 'tpidr_el0', '3:3:13:0:3': 'tpidrro_el0', '3:3:4:2:0': 'nzcv', '3:3:4:4:0': 'fpcr', '3:3:4:4:1': 'fpsr',
  '3:3:14:0:2': 'cntvct_el0', '3:3:14:0:0': 'cntfrq_el0', '3:3:0:0:1': 'ctr_el0', '3:3:0:0:7': 'dczid_el0',
};

function sysreg(w: number): string {
  const key = [2 + bit(w, 19), field(w, 18, 16), field(w, 15, 12), field(w, 11, 8), field(w, 7, 5)];
  return SYSREGS[key.join(':')] ?? `s${key[0]}_${key[1]}_c${key[2]}_c${key[3]}_${key[4]}`;
}

function decodeBranchSystem(w: number, address: bigint): DecodedA64 | null {
  if (is(w, 0x7c000000, 0x14000000)) {
    const to = address + BigInt(signExtend(field(w, 25, 0), 26) * 4);
    return inst(bit(w, 31) ? 'bl' : 'b', target(to));
  }
  if (is(w, 0xff000010, 0x54000000)) return inst(`b.${COND_NAMES[field(w, 3, 0)]}`, target(address + BigInt(signExtend(field(w, 23, 5), 19) * 4)));
  if (is(w, 0x7e000000, 0x34000000)) {
    return inst(bit(w, 24) ? 'cbnz' : 'cbz', r(field(w, 4, 0), bit(w, 31)), target(address + BigInt(signExtend(field(w, 23, 5), 19) * 4)));
  }
  if (is(w, 0x7e000000, 0x36000000)) {
    const b = (bit(w, 31) << 5) | field(w, 23, 19);
    return inst(bit(w, 24) ? 'tbnz' : 'tbz', r(field(w, 4, 0), bit(w, 31)), decImm(b), target(address + BigInt(signExtend(field(w, 18, 5), 14) * 4)));
  }
  if (is(w, 0xfffffc1f, 0xd61f0000)) return inst('br', r(field(w, 9, 5), 1));
  if (is(w, 0xfffffc1f, 0xd63f0000)) return inst('blr', r(field(w, 9, 5), 1));
  if (is(w, 0xfffffc1f, 0xd65f0000)) return field(w, 9, 5) === 30 ? inst('ret') : inst('ret', r(field(w, 9, 5), 1));
  if (is(w, 0xff000000, 0xd4000000)) {
    const imm = field(w, 20, 5);
    const kind = `${field(w, 23, 21)}:${field(w, 4, 0)}`;
    const name = ({ '0:1': 'svc', '0:2': 'hvc', '0:3': 'smc', '1:0': 'brk', '2:0': 'hlt' } as Record<string, string>)[kind];
    return name === undefined ? null : inst(name, hexImm(imm));
  }
  if (is(w, 0xfffff01f, 0xd503201f)) {
    const n = field(w, 11, 5);
    const name = HINTS[n];
    if (name === undefined) return inst('hint', hexImm(n));
    const [m, ...rest] = name.split(' ');
    return inst(m!, ...rest.map(t));
  }
  if (is(w, 0xfffff09f, 0xd503309f)) {
    // op2 (bits 7..5) is 100 dsb, 101 dmb, 110 isb, 111 sb; objdump writes an unnamed barrier option as #0xNN.
    const crm = field(w, 11, 8);
    const option = BARRIER_OPTIONS[crm]!.startsWith('#') ? `#0x${crm.toString(16).padStart(2, '0')}` : BARRIER_OPTIONS[crm]!;
    switch (field(w, 6, 5)) {
      case 0: return crm === 0 ? inst('ssbb') : crm === 4 ? inst('pssbb') : inst('dsb', t(option));
      case 1: return inst('dmb', t(option));
      case 2: return crm === 15 ? inst('isb') : inst('isb', hexImm(crm));
      case 3: return crm === 0 ? inst('sb') : null;
    }
  }
  if (is(w, 0xfff00000, 0xd5300000)) return inst('mrs', r(field(w, 4, 0), 1), t(sysreg(w)));
  if (is(w, 0xfff00000, 0xd5100000)) return inst('msr', t(sysreg(w)), r(field(w, 4, 0), 1));
  return null;
}

// ---- Loads and stores (C4.1.4) ----

/** A SIMD&FP register of `bytes` (1 b, 2 h, 4 s, 8 d, 16 q). */
export function fpReg(n: number, bytes: number): string {
  return `${({ 1: 'b', 2: 'h', 4: 's', 8: 'd', 16: 'q' } as Record<number, string>)[bytes]}${n}`;
}

function decodeLoadStore(w: number, address: bigint): DecodedA64 | null {
  const isV = bit(w, 26) === 1;
  const rt = field(w, 4, 0);
  const rn = field(w, 9, 5);
  // Load register (literal).
  if (is(w, 0x3b000000, 0x18000000)) {
    const opc = field(w, 31, 30);
    const to = target(address + BigInt(signExtend(field(w, 23, 5), 19) * 4));
    if (isV) return opc === 3 ? null : inst('ldr', t(fpReg(rt, 4 << opc)), to);
    if (opc === 2) return inst('ldrsw', r(rt, 1), to);
    if (opc === 3) return inst('prfm', t(prefetchOp(rt)), to);
    return inst('ldr', r(rt, opc), to);
  }
  // Load/store register pair.
  if (is(w, 0x3a000000, 0x28000000)) {
    const opc = field(w, 31, 30);
    const isLoad = bit(w, 22) === 1;
    const kind = field(w, 24, 23);
    const rt2 = field(w, 14, 10);
    const imm7 = signExtend(field(w, 21, 15), 7);
    let name = isLoad ? 'ldp' : 'stp';
    let scale: number;
    let reg: (n: number) => DecodedA64Operand;
    if (isV) {
      if (opc === 3) return null;
      scale = 4 << opc;
      reg = (n) => t(fpReg(n, scale));
    } else if (opc === 1) {
      if (!isLoad || kind === 0) return null;
      name = 'ldpsw';
      scale = 4;
      reg = (n) => r(n, 1);
    } else {
      if (opc === 3) return null;
      scale = opc === 2 ? 8 : 4;
      reg = (n) => r(n, opc === 2);
    }
    if (kind === 0) name = isLoad ? 'ldnp' : 'stnp';
    const mode = kind === 1 ? 'post' : kind === 3 ? 'pre' : 'offset';
    return inst(name, reg(rt), reg(rt2), memText(rn, imm7 * scale, mode));
  }
  // Load/store register (immediate, unscaled, register offset).
  if (is(w, 0x3a000000, 0x38000000)) return decodeLoadStoreRegister(w);
  // Advanced SIMD load/store multiple structures.
  if (is(w, 0xbf000000, 0x0c000000) && field(w, 22, 21) !== 0b01) return decodeLdStMultiple(w);
  return null;
}

function prefetchOp(n: number): string {
  const type = ['pld', 'pli', 'pst'][n >> 3];
  const level = (n >> 1) & 3;
  if (type === undefined || level === 3) return `#0x${n.toString(16)}`;
  return `${type}l${level + 1}${n & 1 ? 'strm' : 'keep'}`;
}

function decodeLoadStoreRegister(w: number): DecodedA64 | null {
  const size = field(w, 31, 30);
  const isV = bit(w, 26) === 1;
  const opc = field(w, 23, 22);
  const rt = field(w, 4, 0);
  const rn = field(w, 9, 5);
  // The mnemonic stem, register and access size in bytes.
  let stem: string;
  let reg: DecodedA64Operand;
  let bytes: number;
  if (isV) {
    bytes = opc >= 2 ? (size === 0 ? 16 : 0) : 1 << size;
    if (bytes === 0) return null;
    stem = opc & 1 ? 'ld#' : 'st#';
    reg = t(fpReg(rt, bytes));
  } else {
    bytes = 1 << size;
    const suffix = size === 0 ? 'b' : size === 1 ? 'h' : '';
    if (opc === 0) { stem = 'st'; reg = r(rt, size === 3); }
    else if (opc === 1) { stem = 'ld'; reg = r(rt, size === 3); }
    else if (size === 3) {
      if (opc !== 2) return null;
      stem = 'prfm';
      reg = t(prefetchOp(rt));
    } else if (opc === 2) { stem = 'lds'; reg = r(rt, 1); }
    else { if (size === 2) return null; stem = 'lds'; reg = r(rt, 0); }
    if (stem === 'lds') stem = `ld#s${size === 0 ? 'b' : size === 1 ? 'h' : 'w'}`;
    else if (stem !== 'prfm') stem = `${stem}#${suffix}`;
  }
  const named = (infix: string): string => (stem === 'prfm' ? (infix === 'ur' ? 'prfum' : 'prfm') : stem.replace('#', infix));
  if (bit(w, 24) === 1) {
    return inst(named('r'), reg, memText(rn, field(w, 21, 10) * bytes, 'offset'));
  }
  if (bit(w, 21) === 0) {
    const imm9 = signExtend(field(w, 20, 12), 9);
    switch (field(w, 11, 10)) {
      case 0: return inst(named('ur'), reg, memText(rn, imm9, 'offset'));
      case 1: return stem === 'prfm' ? null : inst(named('r'), reg, memText(rn, imm9, 'post'));
      case 2: return stem === 'prfm' || isV ? null : inst(named('tr'), reg, memText(rn, imm9, 'offset'));
      case 3: return stem === 'prfm' ? null : inst(named('r'), reg, memText(rn, imm9, 'pre'));
    }
  }
  if (field(w, 11, 10) !== 2) return null;
  const option = field(w, 15, 13);
  const isShifted = bit(w, 12) === 1;
  const rm = field(w, 20, 16);
  const amount = Math.log2(bytes);
  if ((option & 2) === 0) return null;
  const index = gpr(rm, option & 1);
  const extend = option === 3 ? 'lsl' : option === 2 ? 'uxtw' : option === 6 ? 'sxtw' : option === 7 ? 'sxtx' : null;
  if (extend === null) return null;
  let text = `[${gpr(rn, 1, true)}, ${index}`;
  if (extend === 'lsl') text += isShifted ? `, lsl #${amount}` : '';
  else text += isShifted ? `, ${extend} #${amount}` : `, ${extend}`;
  return inst(named('r'), reg, t(`${text}]`));
}

const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];

/** `{v0.4s, v1.4s}` (objdump writes three or more consecutive registers as a range). */
export function registerList(first: number, count: number, arrangement: string): string {
  const names = Array.from({ length: count }, (_, k) => `v${(first + k) % 32}.${arrangement}`);
  if (count > 2 && first + count - 1 < 32) return `{${names[0]}-${names[count - 1]}}`;
  return `{${names.join(', ')}}`;
}

function decodeLdStMultiple(w: number): DecodedA64 | null {
  const isPost = bit(w, 23) === 1;
  if (!isPost && field(w, 20, 16) !== 0) return null;
  const q = bit(w, 30);
  const isLoad = bit(w, 22) === 1;
  const opcode = field(w, 15, 12);
  const size = field(w, 11, 10);
  const forms: Readonly<Record<number, [number, number]>> = { 0b0111: [1, 1], 0b1010: [1, 2], 0b0110: [1, 3], 0b0010: [1, 4], 0b1000: [2, 2], 0b0100: [3, 3], 0b0000: [4, 4] };
  const form = forms[opcode];
  if (form === undefined) return null;
  const [structure, regs] = form;
  if (size === 3 && q === 0 && structure > 1) return null;
  const arrangement = ARRANGEMENTS[size * 2 + q]!;
  const list = t(registerList(field(w, 4, 0), regs, arrangement));
  const base = gpr(field(w, 9, 5), 1, true);
  const name = `${isLoad ? 'ld' : 'st'}${structure}`;
  if (!isPost) return inst(name, list, t(`[${base}]`));
  const rm = field(w, 20, 16);
  return inst(name, list, t(rm === 31 ? `[${base}], #${regs * (q ? 16 : 8)}` : `[${base}], ${gpr(rm, 1)}`));
}

// ---- Data processing, register (C4.1.6) ----

const SHIFTS = ['lsl', 'lsr', 'asr', 'ror'];
const EXTENDS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

function shiftText(kind: number, amount: number): DecodedA64Operand[] {
  return kind === 0 && amount === 0 ? [] : [t(`${SHIFTS[kind]} #${amount}`)];
}

function decodeDataRegister(w: number): DecodedA64 | null {
  const sf = bit(w, 31);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  if (bit(w, 28) === 0) {
    if (bit(w, 24) === 0) return decodeLogicalShifted(w);
    const isSub = bit(w, 30) === 1;
    const isS = bit(w, 29) === 1;
    const name = `${isSub ? 'sub' : 'add'}${isS ? 's' : ''}`;
    if (bit(w, 21) === 0) {
      const shift = field(w, 23, 22);
      const amount = field(w, 15, 10);
      if (shift === 3 || (sf === 0 && amount >= 32)) return null;
      const tail = shiftText(shift, amount);
      if (isS && rd === 31) return inst(isSub ? 'cmp' : 'cmn', r(rn, sf), r(rm, sf), ...tail);
      if (isSub && rn === 31) return inst(isS ? 'negs' : 'neg', r(rd, sf), r(rm, sf), ...tail);
      return inst(name, r(rd, sf), r(rn, sf), r(rm, sf), ...tail);
    }
    // Extended register.
    if (field(w, 23, 22) !== 0) return null;
    const option = field(w, 15, 13);
    const amount = field(w, 12, 10);
    if (amount > 4) return null;
    const rmReg = r(rm, sf && (option & 3) === 3 ? 1 : 0);
    const usesSp = (isS ? false : rd === 31) || rn === 31;
    let tail: DecodedA64Operand[];
    if (usesSp && option === (sf ? 3 : 2)) tail = amount === 0 ? [] : [t(`lsl #${amount}`)];
    else tail = [t(amount === 0 ? EXTENDS[option]! : `${EXTENDS[option]} #${amount}`)];
    if (isS && rd === 31) return inst(isSub ? 'cmp' : 'cmn', r(rn, sf, true), rmReg, ...tail);
    return inst(name, r(rd, sf, !isS), r(rn, sf, true), rmReg, ...tail);
  }
  switch (field(w, 24, 21)) {
    case 0b0000: {
      if (field(w, 15, 10) !== 0) return null;
      const name = `${bit(w, 30) ? 'sbc' : 'adc'}${bit(w, 29) ? 's' : ''}`;
      if (bit(w, 30) && rn === 31) return inst(`ngc${bit(w, 29) ? 's' : ''}`, r(rd, sf), r(rm, sf));
      return inst(name, r(rd, sf), r(rn, sf), r(rm, sf));
    }
    case 0b0010: {
      if (bit(w, 29) !== 1 || bit(w, 10) !== 0 || bit(w, 4) !== 0) return null;
      const name = bit(w, 30) ? 'ccmp' : 'ccmn';
      const second = bit(w, 11) ? hexImm(rm) : r(rm, sf);
      return inst(name, r(rn, sf), second, hexImm(field(w, 3, 0)), t(COND_NAMES[field(w, 15, 12)]!));
    }
    case 0b0100: return decodeCondSelect(w);
    case 0b0110: return bit(w, 30) ? decodeOneSource(w) : decodeTwoSource(w);
  }
  if (bit(w, 24) === 1) return decodeThreeSource(w);
  return null;
}

function decodeLogicalShifted(w: number): DecodedA64 | null {
  const sf = bit(w, 31);
  const opc = field(w, 30, 29);
  const shift = field(w, 23, 22);
  const n = bit(w, 21);
  const amount = field(w, 15, 10);
  if (sf === 0 && amount >= 32) return null;
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  const tail = shiftText(shift, amount);
  const name = [['and', 'bic'], ['orr', 'orn'], ['eor', 'eon'], ['ands', 'bics']][opc]![n]!;
  if (name === 'orr' && rn === 31 && tail.length === 0) return inst('mov', r(rd, sf), r(rm, sf));
  if (name === 'orn' && rn === 31) return inst('mvn', r(rd, sf), r(rm, sf), ...tail);
  if (name === 'ands' && rd === 31) return inst('tst', r(rn, sf), r(rm, sf), ...tail);
  return inst(name, r(rd, sf), r(rn, sf), r(rm, sf), ...tail);
}

function decodeCondSelect(w: number): DecodedA64 | null {
  if (bit(w, 29) !== 0 || bit(w, 11) !== 0) return null;
  const sf = bit(w, 31);
  const op = (bit(w, 30) << 1) | bit(w, 10);
  const rd = r(field(w, 4, 0), sf);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  const cond = field(w, 15, 12);
  const inverse = COND_NAMES[cond ^ 1]!;
  const canAlias = (cond & 0b1110) !== 0b1110;
  if (op === 1 && rn === 31 && rm === 31 && canAlias) return inst('cset', rd, t(inverse));
  if (op === 2 && rn === 31 && rm === 31 && canAlias) return inst('csetm', rd, t(inverse));
  if (rn === rm && canAlias && op !== 0 && rn !== 31) return inst(['', 'cinc', 'cinv', 'cneg'][op]!, rd, r(rn, sf), t(inverse));
  if (rn === rm && canAlias && op === 3) return inst('cneg', rd, r(rn, sf), t(inverse));
  return inst(['csel', 'csinc', 'csinv', 'csneg'][op]!, rd, r(rn, sf), r(rm, sf), t(COND_NAMES[cond]!));
}

function decodeTwoSource(w: number): DecodedA64 | null {
  if (bit(w, 29) !== 0) return null;
  const sf = bit(w, 31);
  const name = ({ 2: 'udiv', 3: 'sdiv', 8: 'lsl', 9: 'lsr', 10: 'asr', 11: 'ror' } as Record<number, string>)[field(w, 15, 10)];
  if (name === undefined) {
    const op = field(w, 15, 10);
    if ((op & 0b111000) !== 0b010000) return null;
    const sz = op & 3;
    if ((sz === 3) !== (sf === 1)) return null;
    const crc = `crc32${op & 4 ? 'c' : ''}${'bhwx'[sz]}`;
    return inst(crc, r(field(w, 4, 0), 0), r(field(w, 9, 5), 0), r(field(w, 20, 16), sz === 3));
  }
  return inst(name, r(field(w, 4, 0), sf), r(field(w, 9, 5), sf), r(field(w, 20, 16), sf));
}

function decodeOneSource(w: number): DecodedA64 | null {
  if (bit(w, 29) !== 0 || field(w, 20, 16) !== 0) return null;
  const sf = bit(w, 31);
  const op = field(w, 15, 10);
  const names = sf ? ['rbit', 'rev16', 'rev32', 'rev', 'clz', 'cls'] : ['rbit', 'rev16', 'rev', '', 'clz', 'cls'];
  const name = names[op];
  if (name === undefined || name === '') return null;
  return inst(name, r(field(w, 4, 0), sf), r(field(w, 9, 5), sf));
}

function decodeThreeSource(w: number): DecodedA64 | null {
  const sf = bit(w, 31);
  const op = (field(w, 23, 21) << 1) | bit(w, 15);
  const rd = field(w, 4, 0);
  const rn = field(w, 9, 5);
  const rm = field(w, 20, 16);
  const ra = field(w, 14, 10);
  if (field(w, 30, 29) !== 0) return null;
  switch (op) {
    case 0: case 1:
      if (ra === 31) return inst(op ? 'mneg' : 'mul', r(rd, sf), r(rn, sf), r(rm, sf));
      return inst(op ? 'msub' : 'madd', r(rd, sf), r(rn, sf), r(rm, sf), r(ra, sf));
    case 2: case 3: case 10: case 11: {
      if (!sf) return null;
      const u = op >= 10 ? 'u' : 's';
      const sub = op & 1;
      if (ra === 31) return inst(`${u}${sub ? 'mnegl' : 'mull'}`, r(rd, 1), r(rn, 0), r(rm, 0));
      return inst(`${u}${sub ? 'msubl' : 'maddl'}`, r(rd, 1), r(rn, 0), r(rm, 0), r(ra, 1));
    }
    case 4: return sf ? inst('smulh', r(rd, 1), r(rn, 1), r(rm, 1)) : null;
    case 12: return sf ? inst('umulh', r(rd, 1), r(rn, 1), r(rm, 1)) : null;
  }
  return null;
}
