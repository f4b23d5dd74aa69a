// The AArch64 encoder: one allocated instruction → one 32-bit word in the
// code buffer, plus a label fixup or an ELF relocation when it refers to one.
//
// Input: an A64Inst over pregs, with no frame references left.
// Output: the little-endian word (Arm ARM C1.1: every A64 instruction is 32
// bits), label fixups the CodeBuffer patches through `patchA64`, and
// relocations (AAELF64 §5.7) for symbol operands.
//
// The dispatcher maps each op, aliases included, onto an encoding class of
// the Arm ARM's "A64 Instruction Set Encoding" (chapter C4); the class
// encoders below build the word field by field. Register fields accept sp
// or the zero register only where the architecture reads 31 that way
// (`gpr(…, 'sp')` / `gpr(…, 'zr')`), so a wrong register is an internal
// error here rather than a wrong instruction at run time. Choices follow
// GNU as (e.g. `add x0, sp, x1` takes the extended-register form, an offset
// the scaled form cannot hold takes ldur/stur) so tests compare bytes with
// `aarch64-linux-gnu-as`.

import { InternalCompilerError } from '../../diagnostics.js';
import type { CodeBuffer, LabelFixup } from '../core/code-buffer.js';
import {
  R_AARCH64_ADD_ABS_LO12_NC, R_AARCH64_ADR_GOT_PAGE, R_AARCH64_ADR_PREL_LO21, R_AARCH64_ADR_PREL_PG_HI21,
  R_AARCH64_CALL26, R_AARCH64_CONDBR19, R_AARCH64_JUMP26, R_AARCH64_LD64_GOT_LO12_NC, R_AARCH64_LDST128_ABS_LO12_NC,
  R_AARCH64_LDST16_ABS_LO12_NC, R_AARCH64_LDST32_ABS_LO12_NC, R_AARCH64_LDST64_ABS_LO12_NC, R_AARCH64_LDST8_ABS_LO12_NC,
  R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC, R_AARCH64_TLSLE_ADD_TPREL_HI12,
  R_AARCH64_TLSLE_ADD_TPREL_LO12_NC, R_AARCH64_TSTBR14,
} from '../../link/object.js';
import type { A64Inst, A64Operand, Cond, MemOperand, SymRef } from './inst.js';
import { invertCond, mem } from './inst.js';
import { encodeAddImmediate, encodeBitmask, encodeFpImm } from './immediates.js';
import { isFpr, isGpr, SP, V0, X16 } from './regs.js';
import { encodeSimd } from './encode-simd.js';

/**
 * Label fixups: the PC-relative immediate fields of B/BL (imm26), B.cond,
 * CBZ/CBNZ and LDR (literal) (imm19), TBZ/TBNZ (imm14) and ADR (imm21);
 * 'far-adr' is the two-word `adr` + `add/sub #H, lsl #12` of a relaxed
 * address (encodeInst).
 */
export type A64Fixup = 'imm26' | 'imm19' | 'imm14' | 'adr21' | 'far-adr' | 'table32';
export type A64Buffer = CodeBuffer<A64Fixup>;

const FIXUP_BITS: Record<Exclude<A64Fixup, 'table32' | 'far-adr'>, { readonly bits: number; readonly shift: number }> = {
  imm26: { bits: 26, shift: 0 }, imm19: { bits: 19, shift: 5 }, imm14: { bits: 14, shift: 5 }, adr21: { bits: 21, shift: 5 },
};

/** Patches a label fixup: every field is relative to the instruction's own address. */
export function patchA64(bytes: Uint8Array, f: LabelFixup<A64Fixup>, target: number, base: number | undefined): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  if (f.kind === 'table32') {
    // A jump-table entry: the target's offset from the table (lower-switch.ts).
    view.setInt32(f.offset, target - base!, true);
    return;
  }
  const disp = target - f.offset;
  if (f.kind === 'far-adr') {
    // adr gets what is left once the add/sub has moved by whole 4 KiB units:
    // |rest| ≤ 2 KiB, and 4095 units reach ±16 MiB.
    const units = Math.round(disp / 4096);
    if (Math.abs(units) > 4095) throw new InternalCompilerError(`address of a label beyond ±16 MiB (${disp})`);
    setAdr(view, f.offset, disp - units * 4096);
    const rd = view.getUint32(f.offset + 4, true) & 31;
    // ADD/SUB (immediate), 64-bit, sh=1 (C4.1.3): 0x91400000 / 0xd1400000.
    view.setUint32(f.offset + 4, ((units < 0 ? 0xd1400000 : 0x91400000) | (Math.abs(units) << 10) | (rd << 5) | rd) >>> 0, true);
    return;
  }
  if (f.kind === 'adr21') {
    if (disp < -(1 << 20) || disp >= 1 << 20) throw new InternalCompilerError(`adr to a label out of range (${disp})`);
    setAdr(view, f.offset, disp);
    return;
  }
  const { bits, shift } = FIXUP_BITS[f.kind];
  const word = view.getUint32(f.offset, true);
  if (disp % 4 !== 0 || disp < -(2 ** (bits + 1)) || disp >= 2 ** (bits + 1)) {
    throw new InternalCompilerError(`branch to a label out of range of its ${bits}-bit field (${disp})`);
  }
  const mask = 2 ** bits - 1;
  const field = (disp / 4) & mask;
  view.setUint32(f.offset, ((word & ~(mask << shift)) | (field << shift)) >>> 0, true);
}

/** Writes `disp` (within ±1 MiB) into the immlo:immhi fields of the ADR at `at`. */
function setAdr(view: DataView, at: number, disp: number): void {
  const word = view.getUint32(at, true);
  const u = disp & 0x1fffff;
  view.setUint32(at, (word & ~((3 << 29) | (0x7ffff << 5)) | ((u & 3) << 29) | ((u >>> 2) << 5)) >>> 0, true);
}

/** What one instruction encodes to: the word, and at most one label fixup or relocation on it. */
export interface Encoded {
  readonly word: number;
  readonly fixup?: { readonly kind: A64Fixup; readonly label: number };
  readonly reloc?: { readonly type: number; readonly symbol: string; readonly addend: number };
}

/** Pads with `nop` to a multiple of `align` bytes (code is always 4-aligned). */
export function padWithNops(buf: A64Buffer, align: number): void {
  while (buf.offset % 4 !== 0) buf.byte(0);
  while (buf.offset % align !== 0) buf.int(0xd503201f, 4);
}

/**
 * The instructions with a ±1 MiB label field that relaxation lengthens when
 * the label is out of reach: conditional branches (imm19), literal loads
 * from the constant pool (imm19) and `adr` (imm21: jump tables, label
 * addresses). Their long forms are in encodeInst.
 */
export const RELAXABLE = new Set<A64Inst['op']>(['bcond', 'cbz', 'cbnz', 'adr', 'ldr', 'ldrs']);

/** The branch taken exactly when `i` is not (same target). */
export function invertBranch(i: A64Inst): A64Inst {
  switch (i.op) {
    case 'cbz': return { ...i, op: 'cbnz' };
    case 'cbnz': return { ...i, op: 'cbz' };
    case 'tbz': return { ...i, op: 'tbnz' };
    case 'tbnz': return { ...i, op: 'tbz' };
    default: return { ...i, cond: invertCond(condOf(i)) };
  }
}

export function encodeInst(buf: A64Buffer, i: A64Inst): void {
  if (i.isLong && i.op === 'adr') {
    farAdr(buf, gpr(i, i.ops[0], 'zr'), labelOf(i));
    return;
  }
  if (i.isLong && (i.op === 'ldr' || i.op === 'ldrs')) {
    // The pool entry's address in x16 (IP0, never allocated), then an ordinary load from it.
    farAdr(buf, X16, labelOf(i));
    encodeInst(buf, { ...i, isLong: false, ops: [i.ops[0]!, mem(X16)] });
    return;
  }
  if (i.isLong) {
    // b.!cond +8; b label
    const skip = encodeA64({ ...invertBranch(i), isLong: false });
    buf.int((skip.word | (2 << FIXUP_BITS.imm19.shift)) >>> 0, 4);
    encodeInst(buf, { op: 'b', size: 8, ops: [i.ops[i.ops.length - 1]!] });
    return;
  }
  const e = encodeA64(i);
  if (e.fixup) buf.addFixup(e.fixup.kind, e.fixup.label);
  if (e.reloc) buf.addReloc(e.reloc.type, e.reloc.symbol, BigInt(e.reloc.addend));
  buf.int(e.word >>> 0, 4);
}

/**
 * A label's address beyond ADR's ±1 MiB: `adr xd, L - H*4096` then
 * `add xd, xd, #H, lsl #12` (`sub` when H < 0), one 'far-adr' fixup
 * filling both once the label is bound; no relocation, so it stays
 * position-independent like the short form.
 */
function farAdr(buf: A64Buffer, rd: number, target: number): void {
  buf.addFixup('far-adr', target);
  buf.int(0x10000000 | rd, 4);
  buf.int(0x91400000 | (rd << 5) | rd, 4);
}

function labelOf(i: A64Inst): number {
  const o = i.ops[i.ops.length - 1];
  return o?.kind === 'label' ? o.label : bad(i, 'a long form without a label');
}

export function bad(i: A64Inst, why: string): never {
  throw new InternalCompilerError(`cannot encode A64 '${i.op}' (${why})`);
}

// ---- operand fields -----------------------------------------------------------

/** A general register field: 'sp' fields read 31 as sp, 'zr' fields as the zero register. */
export function gpr(i: A64Inst, o: A64Operand | undefined, field: 'sp' | 'zr'): number {
  if (o?.kind === 'zr') {
    if (field === 'zr') return 31;
    return bad(i, 'the zero register where sp would be meant');
  }
  const r = o?.kind === 'reg' || o?.kind === 'shifted' || o?.kind === 'extended' ? o.reg : -1;
  if (isGpr(r)) return r;
  if (r === SP && field === 'sp') return 31;
  return bad(i, r === SP ? 'sp where the zero register would be meant' : `expected a general register, saw ${o?.kind ?? 'nothing'}`);
}

export function fpr(i: A64Inst, o: A64Operand | undefined): number {
  const r = o?.kind === 'reg' || o?.kind === 'lane' ? o.reg : -1;
  if (!isFpr(r)) return bad(i, `expected a SIMD&FP register, saw ${o?.kind ?? 'nothing'}`);
  return r - V0;
}

function isFpOperand(o: A64Operand | undefined): boolean {
  return o?.kind === 'reg' && isFpr(o.reg);
}

function immOf(i: A64Inst, o: A64Operand | undefined, lo: number, hi: number): number {
  if (o?.kind !== 'imm' || o.value < BigInt(lo) || o.value > BigInt(hi)) return bad(i, `expected an immediate in ${lo}..${hi}`);
  return Number(o.value);
}

/** sf, the operation-width bit: 0 for 32-bit (w) operations, 1 for 64-bit (x). */
function sf(i: A64Inst): number {
  if (i.size === 8) return 1;
  if (i.size === 4) return 0;
  return bad(i, `integer operation of size ${i.size}`);
}

function condOf(i: A64Inst): Cond {
  if (i.cond === undefined) return bad(i, 'missing condition');
  return i.cond;
}

/** The inverted condition of cset/cinc-style aliases, which are undefined for al/nv. */
function aliasCond(i: A64Inst): Cond {
  const c = condOf(i);
  if (c >= 14) bad(i, 'al/nv in a conditional alias');
  return invertCond(c);
}

const word = (w: number): Encoded => ({ word: w >>> 0 });

function withReloc(w: number, type: number, s: SymRef): Encoded {
  return { word: w >>> 0, reloc: { type, symbol: s.name, addend: s.addend } };
}

/** A branch or ADR target: a label (fixup) or a symbol (relocation `type`). */
function target(i: A64Inst, w: number, o: A64Operand | undefined, fixup: A64Fixup, type: number): Encoded {
  if (o?.kind === 'label') return { word: w >>> 0, fixup: { kind: fixup, label: o.label } };
  if (o?.kind === 'sym' && o.mod === undefined) return withReloc(w, type, o);
  return bad(i, 'expected a label or symbol target');
}

// ---- the dispatcher -----------------------------------------------------------

export function encodeA64(i: A64Inst): Encoded {
  if (i.arrangement !== undefined) return encodeSimd(i);
  const o = i.ops;
  const zr: A64Operand = { kind: 'zr' };
  switch (i.op) {
    case 'add': return addSub(i, 0, 0, o[0], o[1], o[2]);
    case 'adds': return addSub(i, 0, 1, o[0], o[1], o[2]);
    case 'sub': return addSub(i, 1, 0, o[0], o[1], o[2]);
    case 'subs': return addSub(i, 1, 1, o[0], o[1], o[2]);
    case 'cmp': return addSub(i, 1, 1, zr, o[0], o[1]);
    case 'cmn': return addSub(i, 0, 1, zr, o[0], o[1]);
    case 'neg': return addSub(i, 1, 0, o[0], zr, o[1]);
    case 'negs': return addSub(i, 1, 1, o[0], zr, o[1]);
    case 'mov': {
      // C6.2.187/C6.2.190: to or from sp it is `add rd, rn, #0`, otherwise `orr rd, zr, rm`.
      const isSp = (x: A64Operand | undefined) => x?.kind === 'reg' && x.reg === SP;
      if (isSp(o[0]) || isSp(o[1])) return addSub(i, 0, 0, o[0], o[1], { kind: 'imm', value: 0n });
      return logical(i, 1, o[0], zr, o[1]);
    }
    case 'and': return logical(i, 0, o[0], o[1], o[2]);
    case 'orr': return logical(i, 1, o[0], o[1], o[2]);
    case 'eor': return logical(i, 2, o[0], o[1], o[2]);
    case 'ands': return logical(i, 3, o[0], o[1], o[2]);
    case 'tst': return logical(i, 3, zr, o[0], o[1]);
    case 'bic': return logicalReg(i, 0, 1, o[0], o[1], o[2]);
    case 'orn': return logicalReg(i, 1, 1, o[0], o[1], o[2]);
    case 'eon': return logicalReg(i, 2, 1, o[0], o[1], o[2]);
    case 'bics': return logicalReg(i, 3, 1, o[0], o[1], o[2]);
    case 'mvn': return logicalReg(i, 1, 1, o[0], zr, o[1]);
    case 'movn': return moveWide(i, 0);
    case 'movz': return moveWide(i, 2);
    case 'movk': return moveWide(i, 3);
    case 'madd': return dp3(i, 0b000, 0, o[0], o[1], o[2], o[3]);
    case 'msub': return dp3(i, 0b000, 1, o[0], o[1], o[2], o[3]);
    case 'mul': return dp3(i, 0b000, 0, o[0], o[1], o[2], zr);
    case 'mneg': return dp3(i, 0b000, 1, o[0], o[1], o[2], zr);
    case 'smaddl': return dp3(i, 0b001, 0, o[0], o[1], o[2], o[3]);
    case 'umaddl': return dp3(i, 0b101, 0, o[0], o[1], o[2], o[3]);
    case 'smull': return dp3(i, 0b001, 0, o[0], o[1], o[2], zr);
    case 'umull': return dp3(i, 0b101, 0, o[0], o[1], o[2], zr);
    case 'smulh': return dp3(i, 0b010, 0, o[0], o[1], o[2], zr);
    case 'umulh': return dp3(i, 0b110, 0, o[0], o[1], o[2], zr);
    case 'udiv': return dp2(i, 0b000010);
    case 'sdiv': return dp2(i, 0b000011);
    case 'lsl': case 'lsr': case 'asr': case 'ror': return shift(i);
    case 'sbfm': return bitfield(i, 0, immOf(i, o[2], 0, 63), immOf(i, o[3], 0, 63));
    case 'bfm': return bitfield(i, 1, immOf(i, o[2], 0, 63), immOf(i, o[3], 0, 63));
    case 'ubfm': return bitfield(i, 2, immOf(i, o[2], 0, 63), immOf(i, o[3], 0, 63));
    case 'sbfx': case 'ubfx': case 'bfxil': case 'sbfiz': case 'ubfiz': case 'bfi': return bitfieldAlias(i);
    case 'sxtb': return extend(i, 0, 7);
    case 'sxth': return extend(i, 0, 15);
    case 'sxtw': return extend(i, 0, 31);
    case 'uxtb': return extend(i, 2, 7);
    case 'uxth': return extend(i, 2, 15);
    case 'extr': {
      // C6.2.90: sf 00 100111 N 0 Rm imms Rn Rd, N = sf.
      const s = sf(i);
      return word(0x13800000 | (s << 31) | (s << 22) | (gpr(i, o[2], 'zr') << 16) | (immOf(i, o[3], 0, i.size * 8 - 1) << 10)
        | (gpr(i, o[1], 'zr') << 5) | gpr(i, o[0], 'zr'));
    }
    case 'csel': return condSelect(i, 0, 0, o[0], o[1], o[2], condOf(i));
    case 'csinc': return condSelect(i, 0, 1, o[0], o[1], o[2], condOf(i));
    case 'csinv': return condSelect(i, 1, 0, o[0], o[1], o[2], condOf(i));
    case 'csneg': return condSelect(i, 1, 1, o[0], o[1], o[2], condOf(i));
    case 'cset': return condSelect(i, 0, 1, o[0], zr, zr, aliasCond(i));
    case 'csetm': return condSelect(i, 1, 0, o[0], zr, zr, aliasCond(i));
    case 'cinc': return condSelect(i, 0, 1, o[0], o[1], o[1], aliasCond(i));
    case 'cinv': return condSelect(i, 1, 0, o[0], o[1], o[1], aliasCond(i));
    case 'cneg': return condSelect(i, 1, 1, o[0], o[1], o[1], aliasCond(i));
    case 'ccmn': return condCompare(i, 0);
    case 'ccmp': return condCompare(i, 1);
    case 'rbit': return dp1(i, 0b000000);
    case 'rev16': return dp1(i, 0b000001);
    case 'rev32':
      if (i.size !== 8) bad(i, 'rev32 is 64-bit only');
      return dp1(i, 0b000010);
    case 'rev': return dp1(i, i.size === 8 ? 0b000011 : 0b000010);
    case 'clz': return dp1(i, 0b000100);
    case 'cls': return dp1(i, 0b000101);
    case 'ldr': case 'str': case 'ldrs': return loadStore(i);
    case 'ldp': case 'stp': return loadStorePair(i);
    case 'b': return target(i, 0x14000000, o[0], 'imm26', R_AARCH64_JUMP26);
    case 'bl': return target(i, 0x94000000, o[0], 'imm26', R_AARCH64_CALL26);
    case 'bcond': return target(i, 0x54000000 | condOf(i), o[0], 'imm19', R_AARCH64_CONDBR19);
    case 'cbz': case 'cbnz':
      return target(i, (i.op === 'cbz' ? 0x34000000 : 0x35000000) | (sf(i) << 31) | gpr(i, o[0], 'zr'), o[1], 'imm19', R_AARCH64_CONDBR19);
    case 'tbz': case 'tbnz': {
      const bit = immOf(i, o[1], 0, 63);
      const base = i.op === 'tbz' ? 0x36000000 : 0x37000000;
      return target(i, base | ((bit >> 5) << 31) | ((bit & 31) << 19) | gpr(i, o[0], 'zr'), o[2], 'imm14', R_AARCH64_TSTBR14);
    }
    case 'br': return word(0xd61f0000 | (gpr(i, o[0], 'zr') << 5));
    case 'blr': return word(0xd63f0000 | (gpr(i, o[0], 'zr') << 5));
    case 'ret': return word(0xd65f0000 | ((o.length === 0 ? 30 : gpr(i, o[0], 'zr')) << 5));
    case 'adr': return target(i, 0x10000000 | gpr(i, o[0], 'zr'), o[1], 'adr21', R_AARCH64_ADR_PREL_LO21);
    case 'adrp': return adrp(i);
    // C6.2.194 MRS with o0:op1:CRn:CRm:op2 = 3:3:13:0:2, TPIDR_EL0 (D17.2.140), the only system register we read.
    case 'mrs': return word(0xd53bd040 | gpr(i, o[0], 'zr'));
    case 'brk': return word(0xd4200000 | (immOf(i, o[0], 0, 0xffff) << 5));
    case 'udf': return word(immOf(i, o[0], 0, 0xffff));
    case 'hint': return word(0xd503201f | (immOf(i, o[0], 0, 127) << 5));
    case 'nop': return word(0xd503201f);
    // dmb <option>: the option (CRm) is the immediate operand.
    case 'dmb': return word(0xd50330bf | (immOf(i, o[0], 0, 15) << 8));
    case 'fmov': return fmov(i);
    case 'fmul': return fp2(i, 0b0000);
    case 'fdiv': return fp2(i, 0b0001);
    case 'fadd': return fp2(i, 0b0010);
    case 'fsub': return fp2(i, 0b0011);
    case 'fmax': return fp2(i, 0b0100);
    case 'fmin': return fp2(i, 0b0101);
    case 'fmaxnm': return fp2(i, 0b0110);
    case 'fminnm': return fp2(i, 0b0111);
    case 'fnmul': return fp2(i, 0b1000);
    case 'fmadd': return fp3(i, 0, 0);
    case 'fmsub': return fp3(i, 0, 1);
    case 'fnmadd': return fp3(i, 1, 0);
    case 'fnmsub': return fp3(i, 1, 1);
    case 'fabs': return fp1(i, 0b000001);
    case 'fneg': return fp1(i, 0b000010);
    case 'fsqrt': return fp1(i, 0b000011);
    case 'frintn': return fp1(i, 0b001000);
    case 'frintp': return fp1(i, 0b001001);
    case 'frintm': return fp1(i, 0b001010);
    case 'frintz': return fp1(i, 0b001011);
    case 'frinta': return fp1(i, 0b001100);
    case 'frintx': return fp1(i, 0b001110);
    case 'frinti': return fp1(i, 0b001111);
    case 'fcvt': {
      // C7.2.69: the source type in `ftype`, the destination in opcode 0001xx (s=00, d=01, h=11).
      const opc = { 4: 0b00, 8: 0b01, 2: 0b11 }[i.size as 2 | 4 | 8] ?? bad(i, 'fcvt destination size');
      const src = ftype(i, i.srcSize ?? bad(i, 'fcvt without srcSize'));
      if (src === ftype(i, i.size)) bad(i, 'fcvt to the same size');
      return word(0x1e204000 | (src << 22) | ((0b000100 | opc) << 15) | (fpr(i, o[1]) << 5) | fpr(i, o[0]));
    }
    case 'fcmp': case 'fcmpe': {
      // C7.2.66: Rm and opc<3> (compare with #0.0), opc<4> (signalling: fcmpe).
      const isZero = o[1]?.kind === 'fimm';
      if (isZero && (o[1] as { value: number }).value !== 0) bad(i, 'fcmp with a non-zero immediate');
      const opc = (isZero ? 0b01000 : 0) | (i.op === 'fcmpe' ? 0b10000 : 0);
      return word(0x1e202000 | (ftype(i, i.size) << 22) | ((isZero ? 0 : fpr(i, o[1])) << 16) | (fpr(i, o[0]) << 5) | opc);
    }
    case 'fcsel':
      return word(0x1e200c00 | (ftype(i, i.size) << 22) | (fpr(i, o[2]) << 16) | (condOf(i) << 12) | (fpr(i, o[1]) << 5) | fpr(i, o[0]));
    case 'scvtf': return convert(i, 0b00, 0b010, i.srcSize, i.size, o[0], o[1]);
    case 'ucvtf': return convert(i, 0b00, 0b011, i.srcSize, i.size, o[0], o[1]);
    case 'fcvtzs': return convert(i, 0b11, 0b000, i.size, i.srcSize, o[1], o[0]);
    case 'fcvtzu': return convert(i, 0b11, 0b001, i.size, i.srcSize, o[1], o[0]);
    case 'ld1': case 'st1': case 'not': case 'dup': case 'ins': case 'umov': case 'fmla': case 'fmls': return encodeSimd(i);
  }
}

// ---- integer data processing --------------------------------------------------

/**
 * ADD/ADDS/SUB/SUBS (C4.1.2 "Add/subtract (immediate)", C4.1.5 "(shifted
 * register)" and "(extended register)"). With sp as rd or rn a plain
 * register operand takes the extended form with LSL/UXTX (UXTW for 32-bit),
 * as GNU as does, since the shifted form reads 31 as the zero register.
 */
function addSub(i: A64Inst, op: number, s: number, rd: A64Operand | undefined, rn: A64Operand | undefined, rm: A64Operand | undefined): Encoded {
  const top = (sf(i) << 31) | (op << 30) | (s << 29);
  const dField = s ? 'zr' : 'sp';
  if (rm?.kind === 'imm' || rm?.kind === 'sym') {
    let imm12 = 0;
    let sh = 0;
    let reloc: number | null = null;
    if (rm.kind === 'imm') {
      const enc = encodeAddImmediate(rm.value) ?? bad(i, `immediate ${rm.value} does not fit 12 bits (optionally shifted by 12)`);
      ({ imm12 } = enc);
      sh = enc.shift;
    } else {
      if (op !== 0 || s !== 0) bad(i, 'symbol operand on other than add');
      if (rm.mod === 'lo12') reloc = R_AARCH64_ADD_ABS_LO12_NC;
      else if (rm.mod === 'tprel_lo12_nc') reloc = R_AARCH64_TLSLE_ADD_TPREL_LO12_NC;
      else if (rm.mod === 'tprel_hi12') { reloc = R_AARCH64_TLSLE_ADD_TPREL_HI12; sh = 1; }
      else bad(i, `symbol operator ${rm.mod ?? 'none'} in add`);
    }
    const w = 0x11000000 | top | (sh << 22) | (imm12 << 10) | (gpr(i, rn, 'sp') << 5) | gpr(i, rd, dField);
    return reloc === null ? word(w) : withReloc(w, reloc, rm as SymRef);
  }
  const isSp = (x: A64Operand | undefined) => x?.kind === 'reg' && x.reg === SP;
  if (rm?.kind === 'extended' || ((rm?.kind === 'reg' || rm?.kind === 'zr') && (isSp(rd) || isSp(rn)))) {
    const ext = rm.kind === 'extended' ? rm : { extend: i.size === 8 ? 'uxtx' as const : 'uxtw' as const, amount: 0 };
    if (ext.amount < 0 || ext.amount > 4) bad(i, 'extended register shift above 4');
    const option = EXTEND_OPTION[ext.extend];
    return word(0x0b200000 | top | (gpr(i, rm, 'zr') << 16) | (option << 13) | (ext.amount << 10) | (gpr(i, rn, 'sp') << 5) | gpr(i, rd, dField));
  }
  const { shiftType, amount } = shiftOf(i, rm);
  if (shiftType === 3) bad(i, 'ror in add/sub');
  return word(0x0b000000 | top | (shiftType << 22) | (gpr(i, rm, 'zr') << 16) | (amount << 10) | (gpr(i, rn, 'zr') << 5) | gpr(i, rd, 'zr'));
}

const EXTEND_OPTION: Record<string, number> = { uxtb: 0, uxth: 1, uxtw: 2, uxtx: 3, sxtb: 4, sxth: 5, sxtw: 6, sxtx: 7 };
const SHIFT_TYPE: Record<string, number> = { lsl: 0, lsr: 1, asr: 2, ror: 3 };

/** The shift type and amount of a register operand of the shifted-register forms. */
function shiftOf(i: A64Inst, o: A64Operand | undefined): { shiftType: number; amount: number } {
  if (o?.kind !== 'shifted') return { shiftType: 0, amount: 0 };
  if (o.amount < 0 || o.amount >= i.size * 8) bad(i, `shift amount ${o.amount}`);
  return { shiftType: SHIFT_TYPE[o.shift]!, amount: o.amount };
}

/** AND/ORR/EOR/ANDS with a bitmask immediate (C4.1.2 "Logical (immediate)") or a shifted register. */
function logical(i: A64Inst, opc: number, rd: A64Operand | undefined, rn: A64Operand | undefined, rm: A64Operand | undefined): Encoded {
  if (rm?.kind !== 'imm') return logicalReg(i, opc, 0, rd, rn, rm);
  const f = encodeBitmask(rm.value, i.size as 4 | 8) ?? bad(i, `0x${BigInt.asUintN(64, rm.value).toString(16)} is not a logical immediate`);
  // Rd is sp-capable except for ANDS (which sets flags, so 31 is the zero register: tst).
  return word(0x12000000 | (sf(i) << 31) | (opc << 29) | (f.n << 22) | (f.immr << 16) | (f.imms << 10)
    | (gpr(i, rn, 'zr') << 5) | gpr(i, rd, opc === 3 ? 'zr' : 'sp'));
}

/** C4.1.5 "Logical (shifted register)": N inverts the second operand (BIC, ORN, EON, BICS). */
function logicalReg(i: A64Inst, opc: number, n: number, rd: A64Operand | undefined, rn: A64Operand | undefined, rm: A64Operand | undefined): Encoded {
  const { shiftType, amount } = shiftOf(i, rm);
  return word(0x0a000000 | (sf(i) << 31) | (opc << 29) | (shiftType << 22) | (n << 21) | (gpr(i, rm, 'zr') << 16) | (amount << 10)
    | (gpr(i, rn, 'zr') << 5) | gpr(i, rd, 'zr'));
}

/** MOVN/MOVZ/MOVK (C4.1.2 "Move wide (immediate)"): imm16 at a shift of 0/16/32/48 (`hw`). */
function moveWide(i: A64Inst, opc: number): Encoded {
  const imm16 = immOf(i, i.ops[1], 0, 0xffff);
  const shiftBy = i.ops.length > 2 ? immOf(i, i.ops[2], 0, 48) : 0;
  if (shiftBy % 16 !== 0 || shiftBy >= i.size * 8) bad(i, `move-wide shift ${shiftBy}`);
  return word(0x12800000 | (sf(i) << 31) | (opc << 29) | ((shiftBy / 16) << 21) | (imm16 << 5) | gpr(i, i.ops[0], 'zr'));
}

/** C4.1.5 "Data-processing (3 source)". The long forms (SMADDL…) and SMULH/UMULH are 64-bit only. */
function dp3(i: A64Inst, op31: number, o0: number, rd: A64Operand | undefined, rn: A64Operand | undefined, rm: A64Operand | undefined, ra: A64Operand | undefined): Encoded {
  if (op31 !== 0 && i.size !== 8) bad(i, 'long multiply with a 32-bit destination');
  return word(0x1b000000 | (sf(i) << 31) | (op31 << 21) | (gpr(i, rm, 'zr') << 16) | (o0 << 15) | (gpr(i, ra, 'zr') << 10)
    | (gpr(i, rn, 'zr') << 5) | gpr(i, rd, 'zr'));
}

/** C4.1.5 "Data-processing (2 source)": UDIV, SDIV, LSLV, LSRV, ASRV, RORV. */
function dp2(i: A64Inst, opcode: number): Encoded {
  const [rd, rn, rm] = i.ops;
  return word(0x1ac00000 | (sf(i) << 31) | (gpr(i, rm, 'zr') << 16) | (opcode << 10) | (gpr(i, rn, 'zr') << 5) | gpr(i, rd, 'zr'));
}

/** C4.1.5 "Data-processing (1 source)": RBIT, REV16, REV32, REV, CLZ, CLS. */
function dp1(i: A64Inst, opcode: number): Encoded {
  return word(0x5ac00000 | (sf(i) << 31) | (opcode << 10) | (gpr(i, i.ops[1], 'zr') << 5) | gpr(i, i.ops[0], 'zr'));
}

/** LSL/LSR/ASR/ROR: by a register (the *V forms) or by a constant (UBFM/SBFM/EXTR aliases, C6.2.178 etc.). */
function shift(i: A64Inst): Encoded {
  const [rd, rn, by] = i.ops;
  if (by?.kind !== 'imm') return dp2(i, { lsl: 0b001000, lsr: 0b001001, asr: 0b001010, ror: 0b001011 }[i.op as 'lsl']);
  const bits = i.size * 8;
  const n = immOf(i, by, 0, bits - 1);
  switch (i.op) {
    case 'lsl': return bitfield(i, 2, (bits - n) % bits, bits - 1 - n);
    case 'lsr': return bitfield(i, 2, n, bits - 1);
    case 'asr': return bitfield(i, 0, n, bits - 1);
    default:
      return encodeA64({ ...i, op: 'extr', ops: [rd!, rn!, rn!, by] });
  }
}

/** C4.1.2 "Bitfield": SBFM (opc 0), BFM (1), UBFM (2); N = sf. */
function bitfield(i: A64Inst, opc: number, immr: number, imms: number): Encoded {
  const s = sf(i);
  if (immr >= i.size * 8 || imms >= i.size * 8) bad(i, `bitfield immr ${immr} imms ${imms}`);
  return word(0x13000000 | (s << 31) | (opc << 29) | (s << 22) | (immr << 16) | (imms << 10) | (gpr(i, i.ops[1], 'zr') << 5) | gpr(i, i.ops[0], 'zr'));
}

/** SBFX/UBFX/BFXIL (extract `width` bits at `lsb`) and SBFIZ/UBFIZ/BFI (insert them at `lsb`). */
function bitfieldAlias(i: A64Inst): Encoded {
  const bits = i.size * 8;
  const lsb = immOf(i, i.ops[2], 0, bits - 1);
  const width = immOf(i, i.ops[3], 1, bits - lsb);
  const opc = i.op.startsWith('s') ? 0 : i.op.startsWith('u') ? 2 : 1;
  const isExtract = i.op === 'sbfx' || i.op === 'ubfx' || i.op === 'bfxil';
  return isExtract ? bitfield(i, opc, lsb, lsb + width - 1) : bitfield(i, opc, (bits - lsb) % bits, width - 1);
}

/** SXTB/SXTH/SXTW/UXTB/UXTH: SBFM/UBFM from bit 0 (the source is always a w register). */
function extend(i: A64Inst, opc: number, imms: number): Encoded {
  if (opc === 2 && i.size !== 4) bad(i, 'uxtb/uxth have only the 32-bit form (it zeroes the upper half)');
  if (imms === 31 && i.size !== 8) bad(i, 'sxtw needs a 64-bit destination');
  return bitfield(i, opc, 0, imms);
}

/** C4.1.5 "Conditional select": CSEL (op 0, o2 0), CSINC (0, 1), CSINV (1, 0), CSNEG (1, 1). */
function condSelect(i: A64Inst, op: number, o2: number, rd: A64Operand | undefined, rn: A64Operand | undefined, rm: A64Operand | undefined, cond: Cond): Encoded {
  return word(0x1a800000 | (sf(i) << 31) | (op << 30) | (gpr(i, rm, 'zr') << 16) | (cond << 12) | (o2 << 10) | (gpr(i, rn, 'zr') << 5) | gpr(i, rd, 'zr'));
}

/** C4.1.5 "Conditional compare (register / immediate)": CCMN (op 0), CCMP (op 1); flags `nzcv` if the condition fails. */
function condCompare(i: A64Inst, op: number): Encoded {
  const [rn, rm, nzcv] = i.ops;
  const isImm = rm?.kind === 'imm';
  const field = isImm ? immOf(i, rm, 0, 31) : gpr(i, rm, 'zr');
  return word(0x3a400000 | (sf(i) << 31) | (op << 30) | (field << 16) | (condOf(i) << 12) | ((isImm ? 1 : 0) << 11)
    | (gpr(i, rn, 'zr') << 5) | immOf(i, nzcv, 0, 15));
}

/** ADRP (C6.2.11): the page of a symbol, of its GOT slot, or of its TLS-offset GOT slot. */
function adrp(i: A64Inst): Encoded {
  const s = i.ops[1];
  if (s?.kind !== 'sym') return bad(i, 'adrp needs a symbol');
  const type = s.mod === undefined || s.mod === 'page' ? R_AARCH64_ADR_PREL_PG_HI21
    : s.mod === 'got' ? R_AARCH64_ADR_GOT_PAGE
      : s.mod === 'gottprel' ? R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21 : bad(i, `symbol operator ${s.mod} in adrp`);
  return withReloc(0x90000000 | gpr(i, i.ops[0], 'zr'), type, s);
}

// ---- loads and stores -----------------------------------------------------------

/** Is `offset` encodable as the scaled unsigned imm12 of an access of `size` bytes? (else ldur/stur's simm9) */
export function isScaledOffset(offset: number, size: number): boolean {
  return offset >= 0 && offset % size === 0 && offset / size < 4096;
}

const LDST_RELOC: Record<number, number> = {
  1: R_AARCH64_LDST8_ABS_LO12_NC, 2: R_AARCH64_LDST16_ABS_LO12_NC, 4: R_AARCH64_LDST32_ABS_LO12_NC,
  8: R_AARCH64_LDST64_ABS_LO12_NC, 16: R_AARCH64_LDST128_ABS_LO12_NC,
};

/**
 * LDR/STR/LDRS* (C4.1.4 "Loads and stores"): size:V:opc select the register
 * file, width and signedness; the addressing mode selects the class.
 *   unsigned offset   size 111 V 01 opc imm12 Rn Rt
 *   unscaled / pre / post   size 111 V 00 opc 0 imm9 {00,11,01} Rn Rt
 *   register offset   size 111 V 00 opc 1 Rm option S 10 Rn Rt
 *   literal           opc 011 V 00 imm19 Rt
 */
function loadStore(i: A64Inst): Encoded {
  const [rt, m] = i.ops;
  const isFp = isFpOperand(rt);
  const access = i.op === 'ldrs' ? i.srcSize ?? bad(i, 'ldrs without srcSize') : i.size;
  let sizeBits: number;
  let opc: number;
  if (isFp) {
    if (i.op === 'ldrs') bad(i, 'sign-extending load into a SIMD&FP register');
    sizeBits = access === 16 ? 0 : Math.log2(access);
    opc = (i.op === 'ldr' ? 1 : 0) | (access === 16 ? 2 : 0);
  } else {
    if (access === 16) bad(i, '16-byte access into a general register');
    sizeBits = Math.log2(access);
    if (i.op === 'ldrs') {
      if (access >= i.size || access === 8) bad(i, 'ldrs widths');
      opc = i.size === 8 ? 2 : 3;
    } else opc = i.op === 'ldr' ? 1 : 0;
  }
  const t = isFp ? fpr(i, rt) : gpr(i, rt, 'zr');
  const v = isFp ? 1 : 0;
  if (m?.kind === 'label') return literal(i, isFp, access, t);
  if (m?.kind !== 'mem') return bad(i, 'expected a memory operand');
  if (m.frame !== undefined) bad(i, 'frame reference reached the encoder');
  const top = (sizeBits << 30) | (v << 26) | (opc << 22);
  const n = gpr(i, { kind: 'reg', reg: m.base }, 'sp') << 5;
  if (m.index !== undefined) {
    const option = { lsl: 0b011, uxtw: 0b010, sxtw: 0b110, sxtx: 0b111 }[m.extend ?? 'lsl'];
    return word(0x38200800 | top | (gpr(i, { kind: 'reg', reg: m.index }, 'zr') << 16) | (option << 13) | ((m.isScaled ? 1 : 0) << 12) | n | t);
  }
  if (m.sym !== undefined) return loadStoreSym(i, m, 0x39000000 | top | n | t, access);
  if (m.mode === 'offset' && isScaledOffset(m.offset, access)) return word(0x39000000 | top | ((m.offset / access) << 10) | n | t);
  if (m.offset < -256 || m.offset > 255) bad(i, `offset ${m.offset} out of range for a ${access}-byte access`);
  const mode = m.mode === 'offset' ? 0b00 : m.mode === 'post' ? 0b01 : 0b11;
  return word(0x38000000 | top | ((m.offset & 0x1ff) << 12) | (mode << 10) | n | t);
}

/** [base, :lo12:sym]-style operands: the unsigned-offset form with a zero imm12 and a relocation. */
function loadStoreSym(i: A64Inst, m: MemOperand, w: number, access: number): Encoded {
  const s = m.sym!;
  if (m.mode !== 'offset' || m.offset !== 0) bad(i, 'symbol operand with an offset or writeback');
  switch (s.mod) {
    case 'lo12': return withReloc(w, LDST_RELOC[access]!, s);
    case 'got_lo12':
      if (i.op !== 'ldr' || access !== 8) bad(i, ':got_lo12: on other than a 64-bit load');
      return withReloc(w, R_AARCH64_LD64_GOT_LO12_NC, s);
    case 'gottprel_lo12':
      if (i.op !== 'ldr' || access !== 8) bad(i, ':gottprel_lo12: on other than a 64-bit load');
      return withReloc(w, R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC, s);
    default: return bad(i, `symbol operator ${s.mod ?? 'none'} in a memory operand`);
  }
}

/** LDR (literal), C6.2.167/C7.2.192: a PC-relative load from a label within ±1 MiB. */
function literal(i: A64Inst, isFp: boolean, access: number, t: number): Encoded {
  let opc: number;
  if (isFp) opc = { 4: 0, 8: 1, 16: 2 }[access as 4 | 8 | 16] ?? bad(i, 'literal load width');
  else if (i.op === 'ldrs') opc = access === 4 && i.size === 8 ? 2 : bad(i, 'only ldrsw has a literal form');
  else opc = access === 4 ? 0 : access === 8 ? 1 : bad(i, 'literal load width');
  if (i.op === 'str') bad(i, 'stores have no literal form');
  const label = (i.ops[1] as { label: number }).label;
  return { word: (0x18000000 | (opc << 30) | ((isFp ? 1 : 0) << 26) | t) >>> 0, fixup: { kind: 'imm19', label } };
}

/** LDP/STP (C4.1.4 "Load/store register pair"): opc:V give the width, imm7 is scaled by it. */
function loadStorePair(i: A64Inst): Encoded {
  const [r1, r2, m] = i.ops;
  const isFp = isFpOperand(r1);
  const opc = isFp ? ({ 4: 0, 8: 1, 16: 2 }[i.size as 4 | 8 | 16] ?? bad(i, 'pair width')) : i.size === 8 ? 2 : i.size === 4 ? 0 : bad(i, 'pair width');
  const reg = (o: A64Operand | undefined) => (isFp ? fpr(i, o) : gpr(i, o, 'zr'));
  if (m?.kind !== 'mem' || m.index !== undefined || m.sym !== undefined || m.frame !== undefined) return bad(i, 'ldp/stp need [base, #imm]');
  if (m.offset % i.size !== 0 || m.offset / i.size < -64 || m.offset / i.size > 63) bad(i, `pair offset ${m.offset}`);
  const mode = m.mode === 'post' ? 0b01 : m.mode === 'offset' ? 0b10 : 0b11;
  return word(0x28000000 | (opc << 30) | ((isFp ? 1 : 0) << 26) | (mode << 23) | ((i.op === 'ldp' ? 1 : 0) << 22)
    | (((m.offset / i.size) & 0x7f) << 15) | (reg(r2) << 10) | (gpr(i, { kind: 'reg', reg: m.base }, 'sp') << 5) | reg(r1));
}

// ---- scalar floating point ------------------------------------------------------

/** The `ftype` field: 00 single, 01 double, 11 half (C4.1.6). */
function ftype(i: A64Inst, size: number | undefined): number {
  if (size === 4) return 0b00;
  if (size === 8) return 0b01;
  if (size === 2) return 0b11;
  return bad(i, `floating-point size ${size}`);
}

/** C4.1.6 "Floating-point data-processing (2 source)". */
function fp2(i: A64Inst, opcode: number): Encoded {
  const [d, n, m] = i.ops;
  return word(0x1e200800 | (ftype(i, i.size) << 22) | (fpr(i, m) << 16) | (opcode << 12) | (fpr(i, n) << 5) | fpr(i, d));
}

/** "Floating-point data-processing (1 source)". */
function fp1(i: A64Inst, opcode: number): Encoded {
  return word(0x1e204000 | (ftype(i, i.size) << 22) | (opcode << 15) | (fpr(i, i.ops[1]) << 5) | fpr(i, i.ops[0]));
}

/** "Floating-point data-processing (3 source)": d = ±a ± n*m. */
function fp3(i: A64Inst, o1: number, o0: number): Encoded {
  const [d, n, m, a] = i.ops;
  return word(0x1f000000 | (ftype(i, i.size) << 22) | (o1 << 21) | (fpr(i, m) << 16) | (o0 << 15) | (fpr(i, a) << 10) | (fpr(i, n) << 5) | fpr(i, d));
}

/**
 * "Conversion between floating-point and integer": sf ftype rmode opcode.
 * `intSize`/`fpSize` are the two sides' widths; `fpOp`/`intOp` the operands.
 */
function convert(i: A64Inst, rmode: number, opcode: number, intSize: number | undefined, fpSize: number | undefined, fpOp: A64Operand | undefined, intOp: A64Operand | undefined): Encoded {
  const s = intSize === 8 ? 1 : intSize === 4 ? 0 : bad(i, `conversion integer size ${intSize}`);
  return word(0x1e200000 | (s << 31) | (ftype(i, fpSize) << 22) | (rmode << 19) | (opcode << 16)
    | ((opcode >= 0b010 ? gpr(i, intOp, 'zr') : fpr(i, fpOp)) << 5) | (opcode >= 0b010 ? fpr(i, fpOp) : gpr(i, intOp, 'zr')));
}

/**
 * FMOV (C7.2.130–132): between SIMD&FP registers (1-source opcode 0), an
 * immediate (imm8), or between a general register and a SIMD&FP register
 * of the same width (conversion class, opcode 110 to general, 111 from).
 */
function fmov(i: A64Inst): Encoded {
  const [d, s] = i.ops;
  if (s?.kind === 'fimm') {
    const imm8 = encodeFpImm(s.value) ?? bad(i, `${s.value} is not an 8-bit floating-point immediate`);
    return word(0x1e201000 | (ftype(i, i.size) << 22) | (imm8 << 13) | fpr(i, d));
  }
  const isDstFp = isFpOperand(d);
  const isSrcFp = isFpOperand(s);
  if (isDstFp && isSrcFp) return fp1(i, 0);
  if (i.size !== 4 && i.size !== 8) bad(i, 'fmov between register files needs size 4 or 8');
  if (isDstFp) return word(0x1e270000 | (sf(i) << 31) | (ftype(i, i.size) << 22) | (gpr(i, s, 'zr') << 5) | fpr(i, d));
  return word(0x1e260000 | (sf(i) << 31) | (ftype(i, i.size) << 22) | (fpr(i, s) << 5) | gpr(i, d, 'zr'));
}
