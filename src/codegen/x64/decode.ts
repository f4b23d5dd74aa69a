// The x86-64 instruction decoder: machine code bytes → one instruction's
// mnemonic and operands (for `mod.disassemble()` and `jitcc --dump=asm`).
//
// Input: bytes, an offset into them, and the address the first byte runs at
// (so relative branches and RIP-relative operands become absolute targets).
// Output: a `DecodedX64` with its length; undecodable bytes are one-byte
// `(bad)` instructions, so a caller can always make progress.
//
// Layout of an instruction (Intel SDM vol. 2, §2.1): legacy prefixes (66
// operand size, 67 address size, F0 lock, F2/F3 rep or mandatory SSE
// prefix, segment overrides), REX (0100WRXB, last before the opcode), the
// opcode (one byte, or 0F and a second), ModRM, SIB, displacement and
// immediate. 64-bit mode only: no VEX/EVEX (we emit none), and the opcodes
// invalid in 64-bit mode decode as `(bad)`.
//
// The text conventions (print-decoded.ts) are objdump's Intel syntax, so
// tests can compare our output with `objdump -d -M intel` line by line.

import { oneByteMap, twoByteMap, X87_MEMORY, X87_REGISTER, type MapEntry, type OpEntry } from './decode-tables.js';

export type DecodedOperand =
  | { readonly kind: 'reg'; readonly name: string }
  /** An immediate, shown as an unsigned number of `bits` bits (objdump's way: -1 in a 32-bit operation is 0xffffffff). */
  | { readonly kind: 'imm'; readonly value: bigint; readonly bits: number }
  | DecodedMem
  /** A branch target, absolute. */
  | { readonly kind: 'target'; readonly address: bigint };

export interface DecodedMem {
  readonly kind: 'mem';
  /** BYTE, WORD, DWORD, QWORD, TBYTE, XMMWORD… or null when the size is not shown (lea). */
  readonly size: string | null;
  readonly segment: string | null;
  readonly base: string | null;
  readonly index: string | null;
  readonly scale: number;
  readonly disp: bigint;
  /** Whether a displacement field was encoded (objdump prints `+0x0` for an encoded zero). */
  readonly hasDisp: boolean;
  /** RIP-relative: the absolute address it refers to. */
  readonly ripTarget: bigint | null;
}

export interface DecodedX64 {
  readonly length: number;
  /** Prefixes printed before the mnemonic (lock, rep, data16, cs…). */
  readonly prefixes: readonly string[];
  readonly mnemonic: string;
  readonly operands: readonly DecodedOperand[];
}

const REG64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const REG32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const REG16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const REG8_REX = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const REG8_LEGACY = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const SEGMENTS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const SEGMENT_PREFIX: Readonly<Record<number, string>> = { 0x26: 'es', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x64: 'fs', 0x65: 'gs' };
const MEM_SIZE: Readonly<Record<number, string>> = { 8: 'BYTE', 16: 'WORD', 32: 'DWORD', 64: 'QWORD', 80: 'TBYTE', 128: 'XMMWORD' };

/** CMPPS/CMPSD immediate 0–7 (SDM vol. 2, table 3-7). */
const CMP_PREDICATES = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'];

class Truncated extends Error {}

/** Decoding state of one instruction. */
class Reader {
  pos: number;
  rex = 0;
  opsize66 = false;
  addr67 = false;
  segment: string | null = null;
  repPrefix: 0 | 0xf2 | 0xf3 = 0;
  isLock = false;
  extraPrefixes: string[] = [];
  private modrmByte: number | null = null;
  modrmAt = -1;

  constructor(readonly bytes: Uint8Array, readonly start: number, readonly address: bigint) {
    this.pos = start;
  }

  u8(): number {
    if (this.pos >= this.bytes.length) throw new Truncated();
    return this.bytes[this.pos++]!;
  }

  int(size: 1 | 2 | 4 | 8): bigint {
    let v = 0n;
    for (let i = 0; i < size; i++) v |= BigInt(this.u8()) << BigInt(8 * i);
    return BigInt.asIntN(size * 8, v);
  }

  modrm(): number {
    if (this.modrmByte === null) {
      this.modrmAt = this.pos;
      this.modrmByte = this.u8();
    }
    return this.modrmByte;
  }

  get rexW(): boolean { return (this.rex & 8) !== 0; }
  get rexR(): number { return this.rex & 4 ? 8 : 0; }
  get rexX(): number { return this.rex & 2 ? 8 : 0; }
  get rexB(): number { return this.rex & 1 ? 8 : 0; }

  /** The operand-size attribute in bits for a v-sized operand. */
  opBits(d64: boolean): number {
    if (this.rexW) return 64;
    if (this.opsize66) return 16;
    return d64 ? 64 : 32;
  }
}

function gpr(n: number, bits: number, hasRex: boolean): string {
  switch (bits) {
    case 64: return REG64[n]!;
    case 32: return REG32[n]!;
    case 16: return REG16[n]!;
    default: return hasRex ? REG8_REX[n]! : n < 8 ? REG8_LEGACY[n]! : REG8_REX[n]!;
  }
}

function bad(start: number): DecodedX64 {
  void start;
  return { length: 1, prefixes: [], mnemonic: '(bad)', operands: [] };
}

/** Decodes the instruction at `offset`; `address` is where bytes[offset] runs. */
export function decodeX64(bytes: Uint8Array, offset: number, address: bigint): DecodedX64 {
  const r = new Reader(bytes, offset, address);
  try {
    return decodeWith(r) ?? bad(offset);
  } catch (e) {
    if (e instanceof Truncated) return bad(offset);
    throw e;
  }
}

function readPrefixes(r: Reader): number {
  for (;;) {
    const b = r.u8();
    if (b === 0x66) {
      if (r.opsize66) r.extraPrefixes.push('data16');
      r.opsize66 = true;
    } else if (b === 0x67) r.addr67 = true;
    else if (b === 0xf0) r.isLock = true;
    else if (b === 0xf2 || b === 0xf3) r.repPrefix = b;
    else if (SEGMENT_PREFIX[b] !== undefined) {
      // CS, DS, ES and SS overrides have no effect in 64-bit mode (SDM §3.3.7.1); objdump names them as prefixes.
      const name = SEGMENT_PREFIX[b]!;
      if (name === 'fs' || name === 'gs') r.segment = name;
      else r.extraPrefixes.push(name);
    } else if (b >= 0x40 && b <= 0x4f) {
      r.rex = b;
      const next = r.u8();
      r.pos--;
      // A REX not directly before the opcode is ignored (SDM §2.2.1); treat a following prefix as ending it.
      if (next === 0x66 || next === 0x67 || next === 0xf0 || next === 0xf2 || next === 0xf3 || SEGMENT_PREFIX[next] !== undefined || (next >= 0x40 && next <= 0x4f)) {
        r.extraPrefixes.push(rexName(b));
        r.rex = 0;
        continue;
      }
      return r.u8();
    } else return b;
  }
}

function rexName(b: number): string {
  const bits = (b & 8 ? 'W' : '') + (b & 4 ? 'R' : '') + (b & 2 ? 'X' : '') + (b & 1 ? 'B' : '');
  return bits === '' ? 'rex' : `rex.${bits}`;
}

function decodeWith(r: Reader): DecodedX64 | null {
  const op = readPrefixes(r);
  if (op === 0x0f) return decodeTwoByte(r, r.u8());
  if (op >= 0xd8 && op <= 0xdf) return decodeX87(r, op);
  if (op === 0x90) {
    if (r.rexB) return finish(r, 'xchg', [reg(gpr(8, r.opBits(false), true)), reg(gpr(0, r.opBits(false), true))]);
    if (r.repPrefix === 0xf3) { r.repPrefix = 0; return finish(r, 'pause', []); }
    if (r.opsize66) return finish(r, 'xchg', [reg('ax'), reg('ax')]);
    return finish(r, 'nop', []);
  }
  if (op === 0x98 || op === 0x99) {
    const bits = r.opBits(false);
    const names = op === 0x98 ? { 16: 'cbw', 32: 'cwde', 64: 'cdqe' } : { 16: 'cwd', 32: 'cdq', 64: 'cqo' };
    return finish(r, names[bits as 16 | 32 | 64], []);
  }
  const entry = oneByteMap()[op];
  if (entry === undefined) return null;
  return decodeEntry(r, entry, op);
}

function decodeTwoByte(r: Reader, op: number): DecodedX64 | null {
  const entry = twoByteMap()[op];
  if (entry === undefined) return null;
  return decodeEntry(r, entry, op, true);
}

function selectEntry(r: Reader, entry: MapEntry, isTwoByte: boolean): OpEntry | null {
  if ('group' in entry) {
    const m = r.modrm();
    const regField = (m >> 3) & 7;
    if (m >> 6 === 3 && entry.reg !== undefined) return entry.reg[regField] ?? null;
    return entry.group[regField] ?? null;
  }
  if ('m' in entry) return entry;
  // A mandatory prefix selects the form and is not an operand-size or repeat prefix (SDM §2.1.2);
  // F2/F3 take precedence over 66 when both are present.
  if (isTwoByte) {
    if (r.repPrefix === 0xf3 && entry.pf3) { r.repPrefix = 0; return entry.pf3; }
    if (r.repPrefix === 0xf2 && entry.pf2) { r.repPrefix = 0; return entry.pf2; }
    if (r.opsize66 && entry.p66) { r.opsize66 = false; return entry.p66; }
    if (r.repPrefix === 0 && !r.opsize66 && entry.np) return entry.np;
  }
  return null;
}

function decodeEntry(r: Reader, mapEntry: MapEntry, op: number, isTwoByte = false): DecodedX64 | null {
  const entry = selectEntry(r, mapEntry, isTwoByte);
  if (entry === null) return null;
  let mnemonic = entry.m;
  const specs = entry.o === '' ? [] : entry.o.split(',');
  // 0F 12 / 0F 16 with a register source are MOVHLPS / MOVLHPS (SDM vol. 2).
  if (isTwoByte && (op === 0x12 || op === 0x16) && mnemonic.endsWith('ps') && (r.modrm() >> 6) === 3) {
    return finish(r, op === 0x12 ? 'movhlps' : 'movlhps', [reg(xmmName(r, 'reg')), reg(xmmName(r, 'rm'))]);
  }
  if (isTwoByte && (op === 0x6e || op === 0x7e) && mnemonic === 'mov') mnemonic = r.rexW ? 'movq' : 'movd';
  if (op === 0x63 && !isTwoByte && !r.rexW) mnemonic = 'movsxd';
  const operands: DecodedOperand[] = [];
  for (const spec of specs) {
    const o = decodeOperand(r, spec, entry, op);
    if (o === null) return null;
    operands.push(o);
  }
  // CMPPS/CMPSD… print their predicate in the mnemonic, as objdump does (cmpunordsd xmm2,xmm2).
  const predicate = isTwoByte && op === 0xc2 ? operands[operands.length - 1] : undefined;
  if (predicate?.kind === 'imm' && predicate.value < 8n) {
    mnemonic = `cmp${CMP_PREDICATES[Number(predicate.value)]}${mnemonic.slice(3)}`;
    operands.pop();
  }
  if (!isTwoByte && op === 0xb8 + (op & 7) && r.rexW && op >= 0xb8) mnemonic = 'movabs';
  if (!isTwoByte && (op === 0xa0 || op === 0xa1 || op === 0xa2 || op === 0xa3)) mnemonic = 'movabs';
  return finish(r, mnemonic, operands);
}

function finish(r: Reader, mnemonic: string, operands: DecodedOperand[]): DecodedX64 {
  const prefixes = [...r.extraPrefixes];
  if (r.isLock) prefixes.push('lock');
  if (r.repPrefix !== 0) prefixes.push(repName(r.repPrefix, mnemonic));
  const length = r.pos - r.start;
  const next = r.address + BigInt(length);
  const resolved = operands.map((o) => (o.kind === 'mem' && o.ripTarget !== null ? { ...o, ripTarget: BigInt.asUintN(64, next + o.disp) } : o));
  return { length, prefixes, mnemonic, operands: resolved };
}

/** objdump's names: `rep` before string moves and stores, `repz`/`repnz` before comparisons and anything else. */
function repName(p: 0xf2 | 0xf3, mnemonic: string): string {
  if (p === 0xf2) return 'repnz';
  return mnemonic === 'movs' || mnemonic === 'stos' || mnemonic === 'lods' || mnemonic === 'ins' || mnemonic === 'outs' ? 'rep' : 'repz';
}

function reg(name: string): DecodedOperand {
  return { kind: 'reg', name };
}

function xmmName(r: Reader, field: 'reg' | 'rm'): string {
  const m = r.modrm();
  return field === 'reg' ? `xmm${((m >> 3) & 7) | r.rexR}` : `xmm${(m & 7) | r.rexB}`;
}

/** The size in bits of a size letter, for an operand of `entry`. */
function sizeBits(r: Reader, letter: string, entry: OpEntry): number {
  switch (letter) {
    case 'b': return 8;
    case 'w': return 16;
    case 'd': return 32;
    case 'q': return 64;
    case 'v': return r.opBits(entry.d64 === true);
    case 'z': return r.opsize66 && !r.rexW ? 16 : 32;
    case 'y': return r.rexW ? 64 : 32;
    case 'x': return 128;
    case 't': return 80;
    default: return 0;
  }
}

function decodeOperand(r: Reader, spec: string, entry: OpEntry, op: number): DecodedOperand | null {
  const kind = spec[0]!;
  const size = spec.slice(1);
  switch (spec) {
    case 'AL': return reg('al');
    case 'CL': return reg('cl');
    case 'DX': return reg('dx');
    case 'rAX': return reg(gpr(0, r.opBits(false), true));
    case 'eAX': return reg(r.opsize66 ? 'ax' : 'eax');
    case '1': return { kind: 'imm', value: 1n, bits: 0 };
    case 'Ibs': {
      const bits = r.opBits(entry.d64 === true);
      return { kind: 'imm', value: BigInt.asUintN(bits, r.int(1)), bits };
    }
  }
  switch (kind) {
    case 'G': return reg(gpr(((r.modrm() >> 3) & 7) | r.rexR, sizeBits(r, size, entry), r.rex !== 0));
    case 'V': return reg(xmmName(r, 'reg'));
    case 'S': {
      const s = SEGMENTS[(r.modrm() >> 3) & 7];
      return s === undefined ? null : reg(s);
    }
    case 'Z': {
      const n = (op & 7) | r.rexB;
      return reg(gpr(n, sizeBits(r, size, entry), r.rex !== 0));
    }
    case 'E': case 'M': case 'W': case 'U': return decodeRm(r, kind, size, entry);
    case 'I': return decodeImm(r, size, entry);
    case 'J': {
      const disp = size === 'b' ? r.int(1) : r.int(4);
      const next = r.address + BigInt(r.pos - r.start);
      return { kind: 'target', address: BigInt.asUintN(64, next + disp) };
    }
    case 'O': {
      const addr = r.int(8);
      const bits = op === 0xa0 || op === 0xa2 ? 8 : r.opBits(false);
      void bits;
      return { kind: 'mem', size: null, segment: r.segment ?? 'ds', base: null, index: null, scale: 1, disp: BigInt.asUintN(64, addr), hasDisp: true, ripTarget: null };
    }
    case 'X': case 'Y': {
      // String operands: ds:[rsi] and es:[rdi] (SDM A.2.1 "X", "Y").
      const bits = size === 'b' ? 8 : r.opBits(false);
      const isSource = kind === 'X';
      const base = r.addr67 ? (isSource ? 'esi' : 'edi') : isSource ? 'rsi' : 'rdi';
      return { kind: 'mem', size: MEM_SIZE[bits]!, segment: isSource ? r.segment ?? 'ds' : 'es', base, index: null, scale: 1, disp: 0n, hasDisp: false, ripTarget: null };
    }
    default: return null;
  }
}

function decodeImm(r: Reader, size: string, entry: OpEntry): DecodedOperand {
  switch (size) {
    case 'b': return { kind: 'imm', value: BigInt.asUintN(8, r.int(1)), bits: 8 };
    case 'w': return { kind: 'imm', value: BigInt.asUintN(16, r.int(2)), bits: 16 };
    case 'v': {
      // B8+r: the only instruction with a 64-bit immediate (REX.W), otherwise 16 or 32 bits.
      const bits = r.opBits(false);
      return { kind: 'imm', value: BigInt.asUintN(bits, r.int(bits === 64 ? 8 : bits === 16 ? 2 : 4)), bits };
    }
    default: {
      // z: 16 or 32 bits, sign-extended to a 64-bit operation.
      const bits = r.opBits(entry.d64 === true);
      const raw = r.int(bits === 16 ? 2 : 4);
      return { kind: 'imm', value: BigInt.asUintN(bits, raw), bits };
    }
  }
}

/** A ModRM r/m operand: a register when mod = 11, memory otherwise. */
function decodeRm(r: Reader, kind: string, size: string, entry: OpEntry): DecodedOperand | null {
  const m = r.modrm();
  const mod = m >> 6;
  const isXmm = kind === 'W' || kind === 'U';
  if (mod === 3) {
    if (kind === 'M') return null;
    const n = (m & 7) | r.rexB;
    if (isXmm) return reg(`xmm${n}`);
    return reg(gpr(n, sizeBits(r, size, entry), r.rex !== 0));
  }
  if (kind === 'U') return null;
  const bits = size === '' || size === 'p' ? 0 : sizeBits(r, size, entry);
  const sizeName = MEM_SIZE[bits] ?? null;
  return decodeMemory(r, m, sizeName);
}

function decodeMemory(r: Reader, m: number, size: string | null): DecodedMem {
  const mod = m >> 6;
  const rm = m & 7;
  const addrRegs = r.addr67 ? REG32 : REG64;
  let base: string | null = null;
  let index: string | null = null;
  let scale = 1;
  let isRip = false;
  let dispSize: 0 | 1 | 4 = mod === 1 ? 1 : mod === 2 ? 4 : 0;
  if (rm === 4) {
    const sib = r.u8();
    scale = 1 << (sib >> 6);
    const idx = ((sib >> 3) & 7) | r.rexX;
    if (idx !== 4) index = addrRegs[idx]!;
    const b = sib & 7;
    if (b === 5 && mod === 0) dispSize = 4;
    else base = addrRegs[b | r.rexB]!;
  } else if (rm === 5 && mod === 0) {
    isRip = true;
    dispSize = 4;
  } else {
    base = addrRegs[rm | r.rexB]!;
  }
  const disp = dispSize === 0 ? 0n : r.int(dispSize);
  // RIP-relative addresses count from the end of the instruction, immediates included: `finish`
  // turns the displacement held in `ripTarget` into the address once the whole instruction is read.
  const mem: DecodedMem = {
    kind: 'mem', size, segment: r.segment, base: isRip ? (r.addr67 ? 'eip' : 'rip') : base, index, scale, disp, hasDisp: dispSize !== 0,
    ripTarget: isRip ? disp : null,
  };
  return mem;
}

function decodeX87(r: Reader, esc: number): DecodedX64 | null {
  const m = r.modrm();
  const regField = (m >> 3) & 7;
  if (m >> 6 !== 3) {
    const form = X87_MEMORY[esc]![regField];
    if (form === null || form === undefined) return null;
    const [mnemonic, letter] = form;
    const bits = letter === '' ? 0 : letter === 't' ? 80 : { w: 16, d: 32, q: 64 }[letter]!;
    return finish(r, mnemonic, [decodeMemory(r, m, MEM_SIZE[bits] ?? null)]);
  }
  const row = X87_REGISTER[esc]![regField];
  if (row === null || row === undefined) return null;
  const i = m & 7;
  if (row.length === 8) {
    const name = row[i];
    if (name === null || name === undefined) return null;
    const [mn, ...ops] = name.split(' ');
    return finish(r, mn!, ops.map(reg));
  }
  const [mnemonic, form] = row as readonly [string, string];
  const operands = form.split(',').map((o) => reg(o === 'st' ? 'st' : `st(${i})`));
  return finish(r, mnemonic, operands);
}

