// The x86-64 encoder: one allocated instruction → bytes in the code buffer.
//
// Input: an X64Inst whose registers are all pregs and whose memory operands
// have no frame references left (emission resolved them to rbp/rsp + disp).
// Output: bytes, label fixups and ELF relocations in the CodeBuffer.
//
// Layout of an instruction (Intel SDM vol. 2, §2.1):
//   [66/F2/F3 prefix] [REX] [0F] opcode [ModRM] [SIB] [disp8/32] [imm]
// REX = 0100WRXB: W 64-bit operand size, R extends ModRM.reg, X SIB.index,
// B ModRM.rm / SIB.base / opcode register. A byte operand in spl/bpl/sil/dil
// needs a REX prefix (even an empty 0x40) or it would mean ah/ch/dh/bh.
// Addressing quirks (§2.1.5, table 2-2/2-3): rm=100 (rsp, r12) means "SIB
// follows"; mod=00 rm=101 (rbp, r13) means RIP-relative (no base), so those
// bases need an explicit disp8 of 0.
// The encodings match GNU as's choices (e.g. `add r/m, reg` 01 /r for
// register pairs, D1 for shifts by one) so tests can compare bytes with `as`.

import { assert, unreachable } from '../../diagnostics.js';
import type { CodeBuffer, LabelFixup } from '../core/code-buffer.js';
import { R_X86_64_GOTTPOFF, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX } from '../../link/object.js';
import type { MemOperand, OpSize, X64Inst, X64Operand } from './inst.js';
import { fitsInt32 } from './inst.js';
import { hwNum, isXmm } from './regs.js';
import { encodeAsmInst } from './asm/assemble.js';

export type X64Fixup = 'rel32' | 'rel8' | 'table32';
export type X64Buffer = CodeBuffer<X64Fixup>;

/** Patches a label fixup: rel32/rel8 are relative to the end of the field, table32 to the table start. */
export function patchX64(bytes: Uint8Array, f: LabelFixup<X64Fixup>, target: number, base: number | undefined): void {
  if (f.kind === 'rel8') {
    const disp = target - (f.offset + 1);
    assert(disp >= -128 && disp <= 127, `short jump out of range (${disp})`);
    bytes[f.offset] = disp & 0xff;
    return;
  }
  const value = f.kind === 'rel32' ? target - (f.offset + 4) : target - (base ?? 0);
  new DataView(bytes.buffer, bytes.byteOffset).setInt32(f.offset, value, true);
}

export type Rm = { readonly kind: 'reg'; readonly reg: number } | MemOperand;

export interface Form {
  readonly prefix?: number;
  readonly isWide?: boolean;
  readonly opcode: readonly number[];
  /** ModRM.reg: a preg, or an opcode extension /digit given as { ext }. */
  readonly regField: number | { readonly ext: number };
  readonly rm: Rm;
  /** Byte-sized register operands (forces REX for spl/bpl/sil/dil); 'rm' when only the r/m operand is a byte (movzx, movsx). */
  readonly isByte?: boolean | 'rm';
  readonly imm?: { readonly value: bigint; readonly size: 1 | 2 | 4 };
}

function isInt8(v: bigint | number): boolean {
  const n = BigInt(v);
  return n >= -128n && n <= 127n;
}

function needsByteRex(preg: number): boolean {
  return !isXmm(preg) && preg >= 4 && preg <= 7;
}

export function emitForm(buf: X64Buffer, f: Form): void {
  if (f.rm.kind === 'mem' && f.rm.seg === 'fs') buf.byte(0x64);
  if (f.prefix !== undefined) buf.byte(f.prefix);
  const regNum = typeof f.regField === 'number' ? hwNum(f.regField) : f.regField.ext;
  let rex = f.isWide ? 0x48 : 0;
  if (regNum & 8) rex |= 0x44;
  if (f.rm.kind === 'reg') {
    if (hwNum(f.rm.reg) & 8) rex |= 0x41;
  } else {
    if (f.rm.base !== null && hwNum(f.rm.base) & 8) rex |= 0x41;
    if (f.rm.index !== null && hwNum(f.rm.index) & 8) rex |= 0x42;
  }
  if (f.isByte) {
    if (f.isByte === true && typeof f.regField === 'number' && needsByteRex(f.regField)) rex |= 0x40;
    if (f.rm.kind === 'reg' && needsByteRex(f.rm.reg)) rex |= 0x40;
  }
  if (rex) buf.byte(rex);
  buf.bytesOf(f.opcode);
  const immSize = f.imm?.size ?? 0;
  if (f.rm.kind === 'reg') buf.byte(0xc0 | ((regNum & 7) << 3) | (hwNum(f.rm.reg) & 7));
  else emitMem(buf, regNum & 7, f.rm, immSize);
  if (f.imm) buf.int(f.imm.value, f.imm.size);
}

function emitMem(buf: X64Buffer, reg3: number, m: MemOperand, immSize: number): void {
  assert(m.frame === undefined, 'frame reference reached the encoder');
  if (m.sym !== undefined || m.label !== undefined) {
    // RIP-relative: mod=00 rm=101, disp32 from the end of the instruction (§2.2.1.6).
    buf.byte((reg3 << 3) | 5);
    if (m.label !== undefined) {
      assert(immSize === 0 && m.disp === 0, 'label operand with immediate or offset');
      buf.addFixup('rel32', m.label);
    } else {
      const type = m.isTlsGot ? R_X86_64_GOTTPOFF : m.isGot ? R_X86_64_REX_GOTPCRELX : R_X86_64_PC32;
      buf.addReloc(type, m.sym!, BigInt(m.disp - 4 - immSize));
    }
    buf.int(0, 4);
    return;
  }
  if (m.base === null && m.index === null) {
    // Absolute disp32: ModRM rm=100 with a SIB of base=101, index=100 (no RIP in 64-bit mode).
    buf.byte((reg3 << 3) | 4);
    buf.byte(0x25);
    buf.int(m.disp, 4);
    return;
  }
  assert(m.base !== null, 'memory operand without base');
  const base = hwNum(m.base) & 7;
  const mod = m.disp === 0 && base !== 5 ? 0 : isInt8(m.disp) ? 1 : 2;
  if (m.index === null && base !== 4) {
    buf.byte((mod << 6) | (reg3 << 3) | base);
  } else {
    buf.byte((mod << 6) | (reg3 << 3) | 4);
    const scaleBits = { 1: 0, 2: 1, 4: 2, 8: 3 }[m.scale];
    const index = m.index === null ? 4 : hwNum(m.index) & 7;
    assert(m.index === null || hwNum(m.index) !== 4, 'rsp cannot be an index');
    buf.byte((scaleBits << 6) | (index << 3) | base);
  }
  if (mod === 1) buf.int(m.disp, 1);
  else if (mod === 2) buf.int(m.disp, 4);
}

function regOf(o: X64Operand | undefined): number {
  assert(o?.kind === 'reg', 'expected a register operand');
  return o.reg;
}

function rmOf(o: X64Operand | undefined): Rm {
  assert(o?.kind === 'reg' || o?.kind === 'mem', 'expected a register or memory operand');
  return o;
}

function sizePrefix(size: OpSize): number | undefined {
  return size === 2 ? 0x66 : undefined;
}

const ALU_EXT: Partial<Record<X64Inst['op'], number>> = { add: 0, or: 1, and: 4, sub: 5, xor: 6, cmp: 7 };
const SHIFT_EXT: Partial<Record<X64Inst['op'], number>> = { shl: 4, shr: 5, sar: 7 };
const UNARY_EXT: Partial<Record<X64Inst['op'], number>> = { not: 2, neg: 3, mul: 4, imul1: 5, div: 6, idiv: 7 };

/** SSE scalar ops `xmm, xmm/m`: mandatory prefix and opcode after 0F (SDM vol. 2 opcode map). */
const SSE_RM: Partial<Record<X64Inst['op'], readonly [number | undefined, number]>> = {
  addsd: [0xf2, 0x58], mulsd: [0xf2, 0x59], subsd: [0xf2, 0x5c], divsd: [0xf2, 0x5e], sqrtsd: [0xf2, 0x51],
  addss: [0xf3, 0x58], mulss: [0xf3, 0x59], subss: [0xf3, 0x5c], divss: [0xf3, 0x5e], sqrtss: [0xf3, 0x51],
  ucomisd: [0x66, 0x2e], ucomiss: [undefined, 0x2e],
  xorpd: [0x66, 0x57], xorps: [undefined, 0x57], andpd: [0x66, 0x54], andps: [undefined, 0x54],
  orpd: [0x66, 0x56], orps: [undefined, 0x56], andnpd: [0x66, 0x55], andnps: [undefined, 0x55],
  minsd: [0xf2, 0x5d], maxsd: [0xf2, 0x5f], minss: [0xf3, 0x5d], maxss: [0xf3, 0x5f],
  cvtss2sd: [0xf3, 0x5a], cvtsd2ss: [0xf2, 0x5a], movaps: [undefined, 0x28],
  addpd: [0x66, 0x58], mulpd: [0x66, 0x59], subpd: [0x66, 0x5c], divpd: [0x66, 0x5e],
  addps: [undefined, 0x58], mulps: [undefined, 0x59], subps: [undefined, 0x5c], divps: [undefined, 0x5e],
  paddd: [0x66, 0xfe], psubd: [0x66, 0xfa], paddq: [0x66, 0xd4], psubq: [0x66, 0xfb],
};

/** x87 memory forms by operand width: [opcode, /digit] (SDM vol. 2 FLD, FILD, FSTP, FISTTP). */
const X87_MEM: Partial<Record<X64Inst['op'], Partial<Record<number, readonly [number, number]>>>> = {
  fld: { 4: [0xd9, 0], 8: [0xdd, 0] },
  fldt: { 10: [0xdb, 5] },
  fild: { 2: [0xdf, 0], 4: [0xdb, 0], 8: [0xdf, 5] },
  fstp: { 4: [0xd9, 3], 8: [0xdd, 3] },
  fstpt: { 10: [0xdb, 7] },
  fisttp: { 2: [0xdf, 1], 4: [0xdb, 1], 8: [0xdd, 1] },
};

/**
 * x87 register-stack forms: FADDP/FSUBP/FMULP/FDIVP ST(1), ST(0) (DE C1, DE E9,
 * DE C9, DE F9: st(1) ← st(1) op st(0), then pop), FCHS, FUCOMIP ST(0), ST(1),
 * and FSTP ST(0) (pop).
 */
const X87_STACK: Partial<Record<X64Inst['op'], readonly number[]>> = {
  faddp: [0xde, 0xc1], fsubp: [0xde, 0xe9], fmulp: [0xde, 0xc9], fdivp: [0xde, 0xf9],
  fchs: [0xd9, 0xe0], fucomip: [0xdf, 0xe9], fpop: [0xdd, 0xd8],
};

/**
 * Multi-byte nops for code padding, the sequences GNU as uses for x86-64
 * (SDM vol. 2, "NOP": 0F 1F /0 with operand-size and segment prefixes), so
 * padding decodes as a few instructions rather than many.
 */
const NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/** Pads the code buffer to `align` with nops. */
export function padWithNops(buf: X64Buffer, align: number): void {
  let n = (align - (buf.offset % align)) % align;
  while (n > 0) {
    const k = Math.min(n, NOPS.length - 1);
    buf.bytesOf(NOPS[k]!);
    n -= k;
  }
}

export function encodeInst(buf: X64Buffer, inst: X64Inst): void {
  const [a, b, c] = inst.ops;
  const size = inst.size;
  const isWide = size === 8;
  const prefix = sizePrefix(size);
  const isByte = size === 1;
  switch (inst.op) {
    case 'mov': return encodeMov(buf, inst);
    case 'movzx': case 'movsx': {
      const second = (inst.op === 'movzx' ? 0xb6 : 0xbe) + (inst.srcSize === 2 ? 1 : 0);
      return emitForm(buf, { isWide, opcode: [0x0f, second], regField: regOf(a), rm: rmOf(b), isByte: inst.srcSize === 1 ? 'rm' : false });
    }
    case 'movsxd': return emitForm(buf, { isWide: true, opcode: [0x63], regField: regOf(a), rm: rmOf(b) });
    case 'lea': return emitForm(buf, { isWide, opcode: [0x8d], regField: regOf(a), rm: rmOf(b) });
    case 'add': case 'or': case 'and': case 'sub': case 'xor': case 'cmp': {
      const ext = ALU_EXT[inst.op]!;
      if (b?.kind === 'imm') {
        // The accumulator forms (04+8·ext ib, 05+8·ext iw/id) are a byte shorter; as prefers them.
        if (a?.kind === 'reg' && a.reg === 0 && (isByte || !isInt8(b.value))) {
          if (prefix !== undefined) buf.byte(prefix);
          if (isWide) buf.byte(0x48);
          buf.byte(ext * 8 + (isByte ? 4 : 5));
          buf.int(b.value, isByte ? 1 : size === 2 ? 2 : 4);
          return;
        }
        if (isByte) return emitForm(buf, { opcode: [0x80], regField: { ext }, rm: rmOf(a), isByte, imm: { value: b.value, size: 1 } });
        const isShort = isInt8(b.value);
        return emitForm(buf, { prefix, isWide, opcode: [isShort ? 0x83 : 0x81], regField: { ext }, rm: rmOf(a), imm: { value: b.value, size: isShort ? 1 : size === 2 ? 2 : 4 } });
      }
      if (b?.kind === 'mem') return emitForm(buf, { prefix, isWide, opcode: [ext * 8 + (isByte ? 2 : 3)], regField: regOf(a), rm: b, isByte });
      return emitForm(buf, { prefix, isWide, opcode: [ext * 8 + (isByte ? 0 : 1)], regField: regOf(b), rm: rmOf(a), isByte });
    }
    case 'test':
      if (b?.kind === 'imm') {
        // A8/A9: the accumulator forms as picks; F6/F7 /0 otherwise.
        if (a?.kind === 'reg' && a.reg === 0) {
          if (prefix !== undefined) buf.byte(prefix);
          if (isWide) buf.byte(0x48);
          buf.byte(isByte ? 0xa8 : 0xa9);
          buf.int(b.value, isByte ? 1 : size === 2 ? 2 : 4);
          return;
        }
        return emitForm(buf, { prefix, isWide, opcode: [isByte ? 0xf6 : 0xf7], regField: { ext: 0 }, rm: rmOf(a), isByte, imm: { value: b.value, size: isByte ? 1 : size === 2 ? 2 : 4 } });
      }
      return emitForm(buf, { prefix, isWide, opcode: [isByte ? 0x84 : 0x85], regField: regOf(b), rm: rmOf(a), isByte });
    case 'imul':
      return emitForm(buf, { prefix, isWide, opcode: [0x0f, 0xaf], regField: regOf(a), rm: rmOf(b) });
    case 'imul3': {
      assert(c?.kind === 'imm', 'imul3 needs an immediate');
      const isShort = isInt8(c.value);
      return emitForm(buf, { prefix, isWide, opcode: [isShort ? 0x6b : 0x69], regField: regOf(a), rm: rmOf(b), imm: { value: c.value, size: isShort ? 1 : 4 } });
    }
    case 'neg': case 'not': case 'div': case 'idiv': case 'mul': case 'imul1':
      return emitForm(buf, { prefix, isWide, opcode: [isByte ? 0xf6 : 0xf7], regField: { ext: UNARY_EXT[inst.op]! }, rm: rmOf(a), isByte });
    case 'shl': case 'shr': case 'sar': {
      const ext = SHIFT_EXT[inst.op]!;
      if (b?.kind === 'imm') {
        if (b.value === 1n) return emitForm(buf, { prefix, isWide, opcode: [0xd1], regField: { ext }, rm: rmOf(a) });
        return emitForm(buf, { prefix, isWide, opcode: [0xc1], regField: { ext }, rm: rmOf(a), imm: { value: b.value & 63n, size: 1 } });
      }
      return emitForm(buf, { prefix, isWide, opcode: [0xd3], regField: { ext }, rm: rmOf(a) });
    }
    case 'cqo': buf.bytesOf([0x48, 0x99]); return;
    case 'cdq': buf.byte(0x99); return;
    case 'repmovsb': buf.bytesOf([0xf3, 0xa4]); return;
    case 'setcc':
      return emitForm(buf, { opcode: [0x0f, 0x90 + inst.cc!], regField: { ext: 0 }, rm: rmOf(a), isByte: true });
    case 'cmovcc':
      return emitForm(buf, { prefix, isWide, opcode: [0x0f, 0x40 + inst.cc!], regField: regOf(a), rm: rmOf(b) });
    case 'jcc':
      assert(a?.kind === 'label', 'jcc needs a label');
      if (inst.isShort) {
        buf.byte(0x70 + inst.cc!);
        buf.addFixup('rel8', a.label);
        buf.byte(0);
        return;
      }
      buf.bytesOf([0x0f, 0x80 + inst.cc!]);
      buf.addFixup('rel32', a.label);
      buf.int(0, 4);
      return;
    case 'jmp':
      if (a?.kind === 'label' && inst.isShort) {
        buf.byte(0xeb);
        buf.addFixup('rel8', a.label);
        buf.byte(0);
        return;
      }
      if (a?.kind === 'label') {
        buf.byte(0xe9);
        buf.addFixup('rel32', a.label);
        buf.int(0, 4);
        return;
      }
      return emitForm(buf, { opcode: [0xff], regField: { ext: 4 }, rm: rmOf(a) });
    case 'call':
      if (a?.kind === 'sym') {
        // psABI §4.4.1: calls go through the PLT; the linker resolves local ones directly.
        buf.byte(0xe8);
        buf.addReloc(R_X86_64_PLT32, a.name, -4n);
        buf.int(0, 4);
        return;
      }
      return emitForm(buf, { opcode: [0xff], regField: { ext: 2 }, rm: rmOf(a) });
    case 'ret': buf.byte(0xc3); return;
    case 'ud2': buf.bytesOf([0x0f, 0x0b]); return;
    case 'push': case 'pop': {
      const r = hwNum(regOf(a));
      if (r & 8) buf.byte(0x41);
      buf.byte((inst.op === 'push' ? 0x50 : 0x58) + (r & 7));
      return;
    }
    case 'args': return;
    case 'asm': return encodeAsmInst(buf, inst);
    case 'movsd': case 'movss': {
      const p = inst.op === 'movsd' ? 0xf2 : 0xf3;
      if (a?.kind === 'mem') return emitForm(buf, { prefix: p, opcode: [0x0f, 0x11], regField: regOf(b), rm: a });
      return emitForm(buf, { prefix: p, opcode: [0x0f, 0x10], regField: regOf(a), rm: rmOf(b) });
    }
    case 'movups':
      // NP 0F 11 /r: xmm/m128 ← xmm; NP 0F 10 /r: xmm ← xmm/m128.
      if (a?.kind === 'mem') return emitForm(buf, { opcode: [0x0f, 0x11], regField: regOf(b), rm: a });
      return emitForm(buf, { opcode: [0x0f, 0x10], regField: regOf(a), rm: rmOf(b) });
    case 'movlhps': case 'movhlps':
      // NP 0F 16 /r (register form): MOVLHPS xmm1, xmm2; NP 0F 12 /r: MOVHLPS xmm1, xmm2.
      return emitForm(buf, { opcode: [0x0f, inst.op === 'movlhps' ? 0x16 : 0x12], regField: regOf(a), rm: rmOf(b) });
    case 'cvtsi2sd': case 'cvtsi2ss':
      return emitForm(buf, { prefix: inst.op === 'cvtsi2sd' ? 0xf2 : 0xf3, isWide: inst.srcSize === 8, opcode: [0x0f, 0x2a], regField: regOf(a), rm: rmOf(b) });
    case 'cvttsd2si': case 'cvttss2si':
      return emitForm(buf, { prefix: inst.op === 'cvttsd2si' ? 0xf2 : 0xf3, isWide, opcode: [0x0f, 0x2c], regField: regOf(a), rm: rmOf(b) });
    case 'movq': case 'movd': {
      const isW = inst.op === 'movq';
      const dst = regOf(a);
      // 66 REX.W 0F 6E /r: xmm ← r/m64; 66 REX.W 0F 7E /r: r/m64 ← xmm (ModRM.reg is the xmm).
      if (isXmm(dst)) return emitForm(buf, { prefix: 0x66, isWide: isW, opcode: [0x0f, 0x6e], regField: dst, rm: rmOf(b) });
      return emitForm(buf, { prefix: 0x66, isWide: isW, opcode: [0x0f, 0x7e], regField: regOf(b), rm: { kind: 'reg', reg: dst } });
    }
    case 'addsd': case 'mulsd': case 'subsd': case 'divsd': case 'sqrtsd':
    case 'addss': case 'mulss': case 'subss': case 'divss': case 'sqrtss':
    case 'ucomisd': case 'ucomiss': case 'xorpd': case 'xorps': case 'andpd': case 'andps':
    case 'orpd': case 'orps': case 'andnpd': case 'andnps': case 'minsd': case 'maxsd': case 'minss': case 'maxss':
    case 'cvtss2sd': case 'cvtsd2ss': case 'movaps':
    case 'addpd': case 'subpd': case 'mulpd': case 'divpd': case 'addps': case 'subps': case 'mulps': case 'divps':
    case 'paddd': case 'psubd': case 'paddq': case 'psubq': {
      const [p, op] = SSE_RM[inst.op]!;
      return emitForm(buf, p === undefined ? { opcode: [0x0f, op], regField: regOf(a), rm: rmOf(b) } : { prefix: p, opcode: [0x0f, op], regField: regOf(a), rm: rmOf(b) });
    }
    // 66 0F 70 /r ib (SDM "PSHUFD").
    case 'pshufd':
      assert(c?.kind === 'imm', 'pshufd needs an immediate lane order');
      return emitForm(buf, { prefix: 0x66, opcode: [0x0f, 0x70], regField: regOf(a), rm: rmOf(b), imm: { value: c.value, size: 1 } });
    // F2/F3 0F C2 /r ib (SDM "CMPSD", "CMPSS"); 66 0F 3A 0B/0A /r ib (SSE4.1 "ROUNDSD", "ROUNDSS").
    case 'cmpsd': case 'cmpss': {
      assert(c?.kind === 'imm', 'cmpsd needs an immediate predicate');
      return emitForm(buf, { prefix: inst.op === 'cmpsd' ? 0xf2 : 0xf3, opcode: [0x0f, 0xc2], regField: regOf(a), rm: rmOf(b), imm: { value: c.value, size: 1 } });
    }
    case 'roundsd': case 'roundss': {
      assert(c?.kind === 'imm', 'roundsd needs an immediate mode');
      return emitForm(buf, { prefix: 0x66, opcode: [0x0f, 0x3a, inst.op === 'roundsd' ? 0x0b : 0x0a], regField: regOf(a), rm: rmOf(b), imm: { value: c.value, size: 1 } });
    }
    case 'fld': case 'fldt': case 'fild': case 'fstp': case 'fstpt': case 'fisttp': {
      const [opcode, ext] = X87_MEM[inst.op]![inst.op === 'fldt' || inst.op === 'fstpt' ? 10 : size]!;
      return emitForm(buf, { opcode: [opcode], regField: { ext }, rm: rmOf(a) });
    }
    case 'faddp': case 'fsubp': case 'fmulp': case 'fdivp': case 'fchs': case 'fucomip': case 'fpop':
      buf.bytesOf(X87_STACK[inst.op]!);
      return;
    default:
      unreachable(inst.op, 'x64 opcode');
  }
}

function encodeMov(buf: X64Buffer, inst: X64Inst): void {
  const [a, b] = inst.ops;
  const size = inst.size;
  const prefix = sizePrefix(size);
  const isWide = size === 8;
  const isByte = size === 1;
  if (b?.kind === 'imm') {
    if (a?.kind === 'reg' && size >= 4) {
      if (size === 8 && !fitsInt32(b.value)) {
        // REX.W B8+r io: the only 64-bit immediate form (movabs).
        const r = hwNum(a.reg);
        buf.byte(0x48 | (r & 8 ? 1 : 0));
        buf.byte(0xb8 + (r & 7));
        buf.int(b.value, 8);
        return;
      }
      if (size === 4) {
        const r = hwNum(a.reg);
        if (r & 8) buf.byte(0x41);
        buf.byte(0xb8 + (r & 7));
        buf.int(b.value, 4);
        return;
      }
    }
    const immSize = isByte ? 1 : size === 2 ? 2 : 4;
    return emitForm(buf, { prefix, isWide, opcode: [isByte ? 0xc6 : 0xc7], regField: { ext: 0 }, rm: rmOf(a), isByte, imm: { value: b.value, size: immSize } });
  }
  if (b?.kind === 'mem') return emitForm(buf, { prefix, isWide, opcode: [isByte ? 0x8a : 0x8b], regField: regOf(a), rm: b, isByte });
  return emitForm(buf, { prefix, isWide, opcode: [isByte ? 0x88 : 0x89], regField: regOf(b), rm: rmOf(a), isByte });
}
