// AArch64 relocation arithmetic: the static relocations of "ELF for the Arm
// 64-bit Architecture" (AAELF64) §5.7 that compilers emit for the small and
// large code models, applied to a section's bytes. The AArch64 half of
// relocs.ts, which dispatches here; same contract: pure, outcomes as data.
//
// Input: the section bytes, the field offset, the type and the RelocValues
// (S, A, P, GOT slot, stub). Output: the field patched, or an outcome saying
// why not. Instruction fields are read-modify-written in the 32-bit
// little-endian instruction word; only the immediate bits change.
//
// Notation (AAELF64 §5.7.2): Page(x) = x & ~0xfff; G(GDAT(S+A)) is the
// address of the GOT slot holding S+A (we give every symbol one slot holding
// S, so a GOT relocation with a non-zero addend is refused); X is the
// computed value, of which an instruction takes a bit range.

import {
  R_AARCH64_ABS16, R_AARCH64_ABS32, R_AARCH64_ABS64, R_AARCH64_ADD_ABS_LO12_NC, R_AARCH64_ADR_GOT_PAGE,
  R_AARCH64_ADR_PREL_LO21, R_AARCH64_ADR_PREL_PG_HI21, R_AARCH64_ADR_PREL_PG_HI21_NC, R_AARCH64_CALL26,
  R_AARCH64_CONDBR19, R_AARCH64_GOT_LD_PREL19, R_AARCH64_JUMP26, R_AARCH64_LD64_GOT_LO12_NC, R_AARCH64_LD_PREL_LO19,
  R_AARCH64_LDST128_ABS_LO12_NC, R_AARCH64_LDST16_ABS_LO12_NC, R_AARCH64_LDST32_ABS_LO12_NC,
  R_AARCH64_LDST64_ABS_LO12_NC, R_AARCH64_LDST8_ABS_LO12_NC, R_AARCH64_MOVW_UABS_G0, R_AARCH64_MOVW_UABS_G0_NC,
  R_AARCH64_MOVW_UABS_G1, R_AARCH64_MOVW_UABS_G1_NC, R_AARCH64_MOVW_UABS_G2, R_AARCH64_MOVW_UABS_G2_NC,
  R_AARCH64_MOVW_UABS_G3, R_AARCH64_NONE, R_AARCH64_PREL16, R_AARCH64_PREL32, R_AARCH64_PREL64, R_AARCH64_TSTBR14,
} from './object.js';
import type { RelocOutcome, RelocValues } from './relocs.js';

const OK: RelocOutcome = { kind: 'ok' };

/** R_AARCH64_NONE's withdrawn alias (AAELF64 §5.7.2: 256 is treated like 0). */
const R_AARCH64_NONE_ALT = 256;

export function aarch64RelocUsesGotSlot(type: number): boolean {
  return type === R_AARCH64_ADR_GOT_PAGE || type === R_AARCH64_LD64_GOT_LO12_NC || type === R_AARCH64_GOT_LD_PREL19;
}

export function aarch64RelocIsCall(type: number): boolean {
  return type === R_AARCH64_CALL26 || type === R_AARCH64_JUMP26;
}

function page(x: bigint): bigint {
  return x & ~0xfffn;
}

export function applyAarch64Reloc(bytes: Uint8Array, offset: number, type: number, v: RelocValues): RelocOutcome {
  const { symbol: S, addend: A, place: P } = v;
  switch (type) {
    case R_AARCH64_NONE: case R_AARCH64_NONE_ALT: return OK;
    // Data (AAELF64 table 5-6). ABS32/ABS16 accept signed or unsigned values; PREL32/PREL16 too.
    case R_AARCH64_ABS64: return data(bytes, offset, 8, S + A, true);
    case R_AARCH64_ABS32: return data(bytes, offset, 4, S + A, false);
    case R_AARCH64_ABS16: return data(bytes, offset, 2, S + A, false);
    case R_AARCH64_PREL64: return data(bytes, offset, 8, S + A - P, true);
    case R_AARCH64_PREL32: return data(bytes, offset, 4, S + A - P, false);
    case R_AARCH64_PREL16: return data(bytes, offset, 2, S + A - P, false);
    // MOVZ/MOVK immediates (table 5-7): imm16 at bits 20:5 is X[16g+15 : 16g].
    case R_AARCH64_MOVW_UABS_G0: return movw(bytes, offset, S + A, 0, true);
    case R_AARCH64_MOVW_UABS_G0_NC: return movw(bytes, offset, S + A, 0, false);
    case R_AARCH64_MOVW_UABS_G1: return movw(bytes, offset, S + A, 1, true);
    case R_AARCH64_MOVW_UABS_G1_NC: return movw(bytes, offset, S + A, 1, false);
    case R_AARCH64_MOVW_UABS_G2: return movw(bytes, offset, S + A, 2, true);
    case R_AARCH64_MOVW_UABS_G2_NC: return movw(bytes, offset, S + A, 2, false);
    case R_AARCH64_MOVW_UABS_G3: return movw(bytes, offset, S + A, 3, false);
    // PC-relative addresses and loads (table 5-8).
    case R_AARCH64_LD_PREL_LO19: return branchLike(bytes, offset, S + A - P, 19, 5);
    case R_AARCH64_ADR_PREL_LO21: return adr(bytes, offset, S + A - P, true);
    case R_AARCH64_ADR_PREL_PG_HI21: return adr(bytes, offset, (page(S + A) - page(P)) >> 12n, true);
    case R_AARCH64_ADR_PREL_PG_HI21_NC: return adr(bytes, offset, (page(S + A) - page(P)) >> 12n, false);
    // Low 12 bits for ADD and for loads/stores scaled by the access size (table 5-9).
    case R_AARCH64_ADD_ABS_LO12_NC: return imm12(bytes, offset, S + A, 0);
    case R_AARCH64_LDST8_ABS_LO12_NC: return imm12(bytes, offset, S + A, 0);
    case R_AARCH64_LDST16_ABS_LO12_NC: return imm12(bytes, offset, S + A, 1);
    case R_AARCH64_LDST32_ABS_LO12_NC: return imm12(bytes, offset, S + A, 2);
    case R_AARCH64_LDST64_ABS_LO12_NC: return imm12(bytes, offset, S + A, 3);
    case R_AARCH64_LDST128_ABS_LO12_NC: return imm12(bytes, offset, S + A, 4);
    // Branches (table 5-10). A call or tail call out of B/BL's ±128 MiB goes through the stub, as a linker veneer would.
    case R_AARCH64_TSTBR14: return branchLike(bytes, offset, S + A - P, 14, 5);
    case R_AARCH64_CONDBR19: return branchLike(bytes, offset, S + A - P, 19, 5);
    case R_AARCH64_JUMP26:
    case R_AARCH64_CALL26: {
      const direct = S + A - P;
      if (fitsSigned(direct, 28) || v.stub === null) return branchLike(bytes, offset, direct, 26, 0);
      return branchLike(bytes, offset, v.stub + A - P, 26, 0);
    }
    // GOT (table 5-11).
    case R_AARCH64_ADR_GOT_PAGE:
      if (v.gotSlot === null || A !== 0n) return v.gotSlot === null ? { kind: 'missing', what: 'GOT slot' } : { kind: 'unsupported' };
      return adr(bytes, offset, (page(v.gotSlot) - page(P)) >> 12n, true);
    case R_AARCH64_LD64_GOT_LO12_NC:
      if (v.gotSlot === null || A !== 0n) return v.gotSlot === null ? { kind: 'missing', what: 'GOT slot' } : { kind: 'unsupported' };
      return imm12(bytes, offset, v.gotSlot, 3);
    case R_AARCH64_GOT_LD_PREL19:
      if (v.gotSlot === null || A !== 0n) return v.gotSlot === null ? { kind: 'missing', what: 'GOT slot' } : { kind: 'unsupported' };
      return branchLike(bytes, offset, v.gotSlot - P, 19, 5);
    default: return { kind: 'unsupported' };
  }
}

function fitsSigned(x: bigint, bits: number): boolean {
  const half = 1n << BigInt(bits - 1);
  return x >= -half && x < half;
}

function inSection(bytes: Uint8Array, offset: number, width: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset + width <= bytes.length;
}

/** A data field; `isFull` fields (64-bit) take any value, narrower ones signed or unsigned values that fit. */
function data(bytes: Uint8Array, offset: number, width: 2 | 4 | 8, x: bigint, isFull: boolean): RelocOutcome {
  if (!inSection(bytes, offset, width)) return { kind: 'out-of-section' };
  const bits = BigInt(width * 8);
  if (!isFull && (x < -(1n << (bits - 1n)) || x >= 1n << bits)) return { kind: 'overflow', value: x, field: `${width * 8}-bit` };
  let u = BigInt.asUintN(width * 8, x);
  for (let i = 0; i < width; i++) {
    bytes[offset + i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return OK;
}

/** Replaces `mask << shift` bits of the instruction word at `offset` with `field`. */
function patch(bytes: Uint8Array, offset: number, field: number, mask: number, shift: number): RelocOutcome {
  if (!inSection(bytes, offset, 4)) return { kind: 'out-of-section' };
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4);
  const word = view.getUint32(0, true);
  view.setUint32(0, ((word & ~(mask << shift)) | ((field & mask) << shift)) >>> 0, true);
  return OK;
}

/** B/BL (imm26 at 0), B.cond/CBZ/LDR literal (imm19 at 5), TBZ (imm14 at 5): a word offset, X[bits+1:2]. */
function branchLike(bytes: Uint8Array, offset: number, x: bigint, bits: number, shift: number): RelocOutcome {
  if (!fitsSigned(x, bits + 2)) return { kind: 'overflow', value: x, field: `signed ${bits + 2}-bit` };
  if ((x & 3n) !== 0n) return { kind: 'overflow', value: x, field: 'word-aligned' };
  const mask = 2 ** bits - 1;
  return patch(bytes, offset, Number(BigInt.asUintN(bits, x >> 2n)), mask, shift);
}

/** ADR/ADRP: a 21-bit immediate split into immlo (bits 30:29) and immhi (bits 23:5). */
function adr(bytes: Uint8Array, offset: number, imm: bigint, isChecked: boolean): RelocOutcome {
  // For ADRP `imm` counts pages, so the 21-bit check is AAELF64's -2^32 <= X < 2^32 on the byte distance.
  if (isChecked && !fitsSigned(imm, 21)) return { kind: 'overflow', value: imm, field: 'signed 21-bit' };
  const u = Number(BigInt.asUintN(21, imm));
  const lo = patch(bytes, offset, u & 3, 0x3, 29);
  if (lo.kind !== 'ok') return lo;
  return patch(bytes, offset, u >>> 2, 0x7ffff, 5);
}

/** ADD and LDR/STR unsigned-offset forms: imm12 at bits 21:10 is X[11:scale]. */
function imm12(bytes: Uint8Array, offset: number, x: bigint, scale: number): RelocOutcome {
  const lo = Number(x & 0xfffn);
  // A misaligned low part cannot be encoded in a scaled offset (the linker reports it too).
  if (lo % (1 << scale) !== 0) return { kind: 'overflow', value: x, field: `${1 << scale}-byte-aligned 12-bit` };
  return patch(bytes, offset, lo >> scale, 0xfff, 10);
}

/** MOVZ/MOVK: imm16 at bits 20:5 is X[16g+15 : 16g]; the checked forms need X < 2^(16g+16). */
function movw(bytes: Uint8Array, offset: number, x: bigint, group: 0 | 1 | 2 | 3, isChecked: boolean): RelocOutcome {
  if (isChecked && (x < 0n || x >= 1n << BigInt(16 * group + 16))) return { kind: 'overflow', value: x, field: `unsigned ${16 * group + 16}-bit` };
  return patch(bytes, offset, Number((BigInt.asUintN(64, x) >> BigInt(16 * group)) & 0xffffn), 0xffff, 5);
}
