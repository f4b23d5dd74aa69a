// The inline assembler's instruction encoder: one parsed AT&T instruction
// → bytes, reusing encode.ts (its instruction forms and ModRM/SIB/REX
// emission) and adding the forms our own code generator never needs.
//
// Input: an 'inst' AsmStatement (operands in AT&T order: sources first),
// a resolver for jump targets, and whether each label jump is short.
// Output: bytes (and fixups/relocations) in an X64Buffer.
// Mnemonics: a base name plus an optional size suffix b/w/l/q (gas "i386
// Mnemonics"); without a suffix the size comes from a register operand.
// Opcodes are from the Intel SDM vol. 2 instruction pages; where several
// encodings exist we pick the one GNU as picks (tests compare bytes).

import type { SourceLoc } from '../../../diagnostics.js';
import { R_X86_64_PLT32 } from '../../../link/object.js';
import type { X64Buffer } from '../encode.js';
import { emitForm, encodeInst } from '../encode.js';
import type { Form, Rm } from '../encode.js';
import type { Cc, MemOperand, OpSize, X64Inst, X64Op, X64Operand } from '../inst.js';
import { CC, fitsInt32 } from '../inst.js';
import { hwNum } from '../regs.js';
import { asmError } from './errors.js';
import type { AsmOperandText, AsmStatement } from './parse-att.js';

export type InstStatement = Extract<AsmStatement, { kind: 'inst' }>;

/** Where a jump target goes: a label of this asm block, or an outside symbol (calls only). */
export type TargetResolver = (name: string) => number | null;

/** Condition-code spellings, aliases included (SDM vol. 2 appendix B.1.4.7). */
const CC_ALIASES: Readonly<Record<string, Cc>> = {
  ...CC, c: CC.b, nae: CC.b, nb: CC.ae, nc: CC.ae, z: CC.e, nz: CC.ne, na: CC.be, nbe: CC.a,
  pe: CC.p, po: CC.np, nge: CC.l, nl: CC.ge, ng: CC.le, nle: CC.g,
};

/** Instructions without operands, as bytes. */
const FIXED_BYTES: Readonly<Record<string, readonly number[]>> = {
  rdtsc: [0x0f, 0x31], rdtscp: [0x0f, 0x01, 0xf9], rdpmc: [0x0f, 0x33], cpuid: [0x0f, 0xa2], pause: [0xf3, 0x90],
  mfence: [0x0f, 0xae, 0xf0], lfence: [0x0f, 0xae, 0xe8], sfence: [0x0f, 0xae, 0xf8],
  nop: [0x90], int3: [0xcc], ud2: [0x0f, 0x0b], hlt: [0xf4], cld: [0xfc], std: [0xfd], clc: [0xf8], stc: [0xf9], cmc: [0xf5],
  leave: [0xc9], leaveq: [0xc9], ret: [0xc3], retq: [0xc3], syscall: [0x0f, 0x05], xgetbv: [0x0f, 0x01, 0xd0],
  sahf: [0x9e], lahf: [0x9f], pushf: [0x9c], pushfq: [0x9c], popf: [0x9d], popfq: [0x9d],
  cltq: [0x48, 0x98], cdqe: [0x48, 0x98], cqto: [0x48, 0x99], cqo: [0x48, 0x99], cltd: [0x99], cdq: [0x99],
  cwtl: [0x98], cwde: [0x98], cwtd: [0x66, 0x99], cwd: [0x66, 0x99], cbtw: [0x66, 0x98], cbw: [0x66, 0x98],
  movsb: [0xa4], movsw: [0x66, 0xa5], movsl: [0xa5], movsq: [0x48, 0xa5],
  stosb: [0xaa], stosw: [0x66, 0xab], stosl: [0xab], stosq: [0x48, 0xab],
  lodsb: [0xac], lodsw: [0x66, 0xad], lodsl: [0xad], lodsq: [0x48, 0xad],
  cmpsb: [0xa6], cmpsw: [0x66, 0xa7], cmpsl: [0xa7], cmpsq: [0x48, 0xa7],
  scasb: [0xae], scasw: [0x66, 0xaf], scasl: [0xaf], scasq: [0x48, 0xaf],
};

const PREFIX_BYTES: Readonly<Record<string, number>> = { lock: 0xf0, rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2 };

const ALU_EXT: Readonly<Record<string, number>> = { add: 0, or: 1, adc: 2, sbb: 3, and: 4, sub: 5, xor: 6, cmp: 7 };
const UNARY_EXT: Readonly<Record<string, number>> = { not: 2, neg: 3, mul: 4, div: 6, idiv: 7 };
const SHIFT_EXT: Readonly<Record<string, number>> = { rol: 0, ror: 1, rcl: 2, rcr: 3, shl: 4, sal: 4, shr: 5, sar: 7 };
/** Two-byte opcodes `0F xx /r` with the register as destination (bsf, bsr) and their F3-prefixed cousins. */
const BIT_SCAN: Readonly<Record<string, readonly [number | undefined, number]>> = {
  bsf: [undefined, 0xbc], bsr: [undefined, 0xbd], popcnt: [0xf3, 0xb8], lzcnt: [0xf3, 0xbd], tzcnt: [0xf3, 0xbc],
};
const SSE_OPS = new Set<X64Op>([
  'movss', 'movsd', 'movaps', 'addsd', 'subsd', 'mulsd', 'divsd', 'sqrtsd', 'addss', 'subss', 'mulss', 'divss', 'sqrtss',
  'ucomisd', 'ucomiss', 'xorpd', 'xorps', 'andpd', 'andps', 'cvtss2sd', 'cvtsd2ss',
]);
/** Base mnemonics that take a b/w/l/q suffix. */
const SIZED = new Set([
  'mov', 'lea', 'test', 'imul', 'inc', 'dec', 'xchg', 'xadd', 'cmpxchg', 'bswap', 'push', 'pop', 'nop',
  ...Object.keys(ALU_EXT), ...Object.keys(UNARY_EXT), ...Object.keys(SHIFT_EXT), ...Object.keys(BIT_SCAN),
]);
const SUFFIX_SIZE: Readonly<Record<string, OpSize>> = { b: 1, w: 2, l: 4, q: 8 };
/** movzbl and friends: [op, source size, destination size]. */
const EXTENDS: Readonly<Record<string, readonly [X64Op, OpSize, OpSize]>> = {
  movzbw: ['movzx', 1, 2], movzbl: ['movzx', 1, 4], movzbq: ['movzx', 1, 8], movzwl: ['movzx', 2, 4], movzwq: ['movzx', 2, 8],
  movsbw: ['movsx', 1, 2], movsbl: ['movsx', 1, 4], movsbq: ['movsx', 1, 8], movswl: ['movsx', 2, 4], movswq: ['movsx', 2, 8],
  movslq: ['movsxd', 4, 8],
};

interface Decoded {
  readonly base: string;
  readonly size: OpSize | null;
  readonly cc?: Cc;
}

/** Splits a mnemonic into its base and size suffix, and condition code for jcc/setcc/cmovcc. */
function decodeMnemonic(m: string): Decoded | null {
  const jcc = /^j(.+)$/.exec(m);
  if (jcc && jcc[1]! in CC_ALIASES && m !== 'jmp') return { base: 'jcc', size: null, cc: CC_ALIASES[jcc[1]!]! };
  const setcc = /^set(.+?)b?$/.exec(m);
  if (setcc && setcc[1]! in CC_ALIASES) return { base: 'setcc', size: 1, cc: CC_ALIASES[setcc[1]!]! };
  const cmov = /^cmov(.+)$/.exec(m);
  if (cmov) {
    const c = cmov[1]!;
    if (c in CC_ALIASES) return { base: 'cmovcc', size: null, cc: CC_ALIASES[c]! };
    const sfx = c.slice(-1);
    if (c.slice(0, -1) in CC_ALIASES && sfx in SUFFIX_SIZE) return { base: 'cmovcc', size: SUFFIX_SIZE[sfx]!, cc: CC_ALIASES[c.slice(0, -1)]! };
  }
  if (SIZED.has(m) || m === 'jmp' || m === 'call' || m === 'movzx' || m === 'movsx' || m === 'movd' || m === 'movq' || m === 'movabs' || m === 'int') {
    return { base: m, size: null };
  }
  const sfx = m.slice(-1);
  if (sfx in SUFFIX_SIZE && SIZED.has(m.slice(0, -1))) return { base: m.slice(0, -1), size: SUFFIX_SIZE[sfx]! };
  if (m === 'jmpq' || m === 'callq') return { base: m.slice(0, -1), size: 8 };
  if (m === 'movabsq') return { base: 'movabs', size: 8 };
  return null;
}

export function encodeStatement(buf: X64Buffer, st: InstStatement, resolve: TargetResolver, isShort: boolean, loc: SourceLoc | undefined): void {
  for (const p of st.prefixes) buf.byte(PREFIX_BYTES[p]!);
  const m = st.mnemonic;
  if (m === '') return;
  const ops = st.operands;
  const fail = (msg?: string): never => asmError(loc, msg ?? `invalid operands for '${m}' in asm statement`);
  // 32-bit address registers: the address-size prefix (SDM vol. 2 §2.1.1, group 4).
  const addrSizes = ops.flatMap((o) => (o.kind === 'mem' ? [o.base?.size, o.index?.size] : [])).filter((x) => x !== undefined);
  if (addrSizes.some((x) => x !== 8 && x !== 4)) fail('only 32- and 64-bit address registers are supported in asm statements');
  if (addrSizes.length > 0 && addrSizes.every((x) => x === 4)) buf.byte(0x67);
  else if (addrSizes.includes(4)) fail('mixed address register sizes in asm operand');
  if (ops.length === 0 && m in FIXED_BYTES) {
    buf.bytesOf(FIXED_BYTES[m]!);
    return;
  }
  if (m in EXTENDS) {
    const [op, src, dst] = EXTENDS[m]!;
    if (ops.length !== 2) fail();
    return encodeInst(buf, { op, size: dst, srcSize: src, ops: [reg(ops[1]!, dst, fail), rm(ops[0]!, fail)] });
  }
  if (SSE_OPS.has(m as X64Op) && ops.length === 2) {
    return encodeInst(buf, { op: m as X64Op, size: 8, ops: [x64(ops[1]!, fail), x64(ops[0]!, fail)] });
  }
  const d = decodeMnemonic(m);
  if (d === null) asmError(loc, `unsupported instruction '${m}' in asm statement`);
  const size = (): OpSize => d.size ?? sizeFromRegs(ops) ?? fail(`no instruction mnemonic suffix given and no register operands for '${m}' in asm statement`);
  const base = d.base;
  if (base in ALU_EXT) {
    if (ops.length !== 2) fail();
    return encodeAlu(buf, ALU_EXT[base]!, size(), ops[1]!, ops[0]!, fail);
  }
  if (base in UNARY_EXT) {
    if (ops.length !== 1) fail();
    const s = size();
    return emitForm(buf, { ...sizeBits(s), opcode: [s === 1 ? 0xf6 : 0xf7], regField: { ext: UNARY_EXT[base]! }, rm: rm(ops[0]!, fail), isByte: s === 1 });
  }
  if (base in SHIFT_EXT) return encodeShift(buf, SHIFT_EXT[base]!, ops, size, fail);
  if (base in BIT_SCAN) {
    if (ops.length !== 2) fail();
    const [pfx, op] = BIT_SCAN[base]!;
    const s = size();
    if (s === 2 && pfx !== undefined) buf.byte(0x66);
    const form: Form = { opcode: [0x0f, op], isWide: s === 8, regField: regNum(ops[1]!, fail), rm: rm(ops[0]!, fail) };
    return emitForm(buf, pfx !== undefined ? { ...form, prefix: pfx } : s === 2 ? { ...form, prefix: 0x66 } : form);
  }
  switch (base) {
    case 'mov': {
      if (ops.length !== 2) fail();
      const s = size();
      return encodeInst(buf, { op: 'mov', size: s, ops: [rm(ops[1]!, fail), x64(ops[0]!, fail)] });
    }
    case 'movabs': {
      const [src, dst] = ops;
      if (src?.kind !== 'imm' || dst?.kind !== 'reg') return fail();
      const r = hwNum(dst.reg.preg);
      buf.byte(0x48 | (r & 8 ? 1 : 0));
      buf.byte(0xb8 + (r & 7));
      buf.int(src.value, 8);
      return;
    }
    case 'movzx': case 'movsx': {
      if (ops.length !== 2 || ops[1]!.kind !== 'reg') fail();
      const srcSize = ops[0]!.kind === 'reg' ? ops[0].reg.size : null;
      if (srcSize !== 1 && srcSize !== 2) fail(`ambiguous source size for '${m}' in asm statement`);
      const dst = (ops[1] as { reg: { size: number } }).reg.size as OpSize;
      return encodeInst(buf, { op: base, size: dst, srcSize: srcSize as OpSize, ops: [reg(ops[1]!, dst, fail), rm(ops[0]!, fail)] });
    }
    case 'movd': case 'movq': {
      if (ops.length !== 2) fail();
      if (base === 'movq' && ops.every((o) => o.kind !== 'reg' || o.reg.size !== 16)) {
        return encodeInst(buf, { op: 'mov', size: 8, ops: [rm(ops[1]!, fail), x64(ops[0]!, fail)] });
      }
      if (ops[0]!.kind !== 'reg' || ops[1]!.kind !== 'reg') fail(`'${m}' with a memory operand is not supported in asm statements`);
      return encodeInst(buf, { op: base, size: base === 'movq' ? 8 : 4, ops: [x64(ops[1]!, fail), x64(ops[0]!, fail)] });
    }
    case 'lea':
      if (ops.length !== 2 || ops[0]!.kind !== 'mem') fail();
      return encodeInst(buf, { op: 'lea', size: size(), ops: [reg(ops[1]!, size(), fail), x64(ops[0]!, fail)] });
    case 'test': {
      if (ops.length !== 2) fail();
      const s = size();
      // test is symmetric: the memory or immediate side goes where the encoder wants it.
      let [a, b] = [ops[1]!, ops[0]!];
      if (b.kind === 'mem') [a, b] = [b, a];
      return encodeInst(buf, { op: 'test', size: s, ops: [rm(a, fail), x64(b, fail)] });
    }
    case 'imul': {
      const s = size();
      if (ops.length === 1) return emitForm(buf, { ...sizeBits(s), opcode: [s === 1 ? 0xf6 : 0xf7], regField: { ext: 5 }, rm: rm(ops[0]!, fail), isByte: s === 1 });
      if (ops.length === 2 && ops[0]!.kind === 'imm') return encodeInst(buf, { op: 'imul3', size: s, ops: [reg(ops[1]!, s, fail), reg(ops[1]!, s, fail), x64(ops[0]!, fail)] });
      if (ops.length === 2) return encodeInst(buf, { op: 'imul', size: s, ops: [reg(ops[1]!, s, fail), rm(ops[0]!, fail)] });
      if (ops.length === 3 && ops[0]!.kind === 'imm') return encodeInst(buf, { op: 'imul3', size: s, ops: [reg(ops[2]!, s, fail), rm(ops[1]!, fail), x64(ops[0]!, fail)] });
      return fail();
    }
    case 'inc': case 'dec': {
      if (ops.length !== 1) fail();
      const s = size();
      return emitForm(buf, { ...sizeBits(s), opcode: [s === 1 ? 0xfe : 0xff], regField: { ext: base === 'inc' ? 0 : 1 }, rm: rm(ops[0]!, fail), isByte: s === 1 });
    }
    case 'xchg': return encodeXchg(buf, ops, size(), fail);
    case 'xadd': case 'cmpxchg': {
      if (ops.length !== 2) fail();
      const s = size();
      const op = (base === 'xadd' ? 0xc0 : 0xb0) + (s === 1 ? 0 : 1);
      return emitForm(buf, { ...sizeBits(s), opcode: [0x0f, op], regField: regNum(ops[0]!, fail), rm: rm(ops[1]!, fail), isByte: s === 1 });
    }
    case 'bswap': {
      if (ops.length !== 1 || ops[0]!.kind !== 'reg') fail();
      const r = hwNum((ops[0] as { reg: { preg: number } }).reg.preg);
      const rex = (size() === 8 ? 0x48 : 0) | (r & 8 ? 0x41 : 0);
      if (rex) buf.byte(rex);
      buf.bytesOf([0x0f, 0xc8 + (r & 7)]);
      return;
    }
    case 'setcc':
      if (ops.length !== 1) fail();
      return encodeInst(buf, { op: 'setcc', size: 1, cc: d.cc!, ops: [rm(ops[0]!, fail)] });
    case 'cmovcc': {
      if (ops.length !== 2) fail();
      const s = size();
      return encodeInst(buf, { op: 'cmovcc', size: s, cc: d.cc!, ops: [reg(ops[1]!, s, fail), rm(ops[0]!, fail)] });
    }
    case 'push': case 'pop': return encodePushPop(buf, base, ops, fail);
    case 'nop': {
      if (ops.length !== 1) fail();
      const s = size();
      return emitForm(buf, { ...sizeBits(s), opcode: [0x0f, 0x1f], regField: { ext: 0 }, rm: rm(ops[0]!, fail) });
    }
    case 'int': {
      const v = ops[0];
      if (ops.length !== 1 || v?.kind !== 'imm') fail();
      buf.bytesOf((v as { value: bigint }).value === 3n ? [0xcc] : [0xcd, Number((v as { value: bigint }).value & 0xffn)]);
      return;
    }
    case 'jcc': case 'jmp': case 'call':
      return encodeJump(buf, base, d.cc, ops, resolve, isShort, fail);
    default:
      return fail(`unsupported instruction '${m}' in asm statement`);
  }
}

/** Is this statement a jump to a label that relaxation may shorten? */
export function isRelaxableJump(st: InstStatement): boolean {
  const d = decodeMnemonic(st.mnemonic);
  return d !== null && (d.base === 'jcc' || d.base === 'jmp') && st.operands.length === 1 && st.operands[0]!.kind === 'target';
}

function encodeJump(
  buf: X64Buffer, base: string, cc: Cc | undefined, ops: readonly AsmOperandText[], resolve: TargetResolver, isShort: boolean,
  fail: (msg?: string) => never,
): void {
  const t = ops[0];
  if (ops.length !== 1 || t === undefined) return fail();
  if (t.kind === 'indirect') {
    if (base === 'jcc') fail();
    return emitForm(buf, { opcode: [0xff], regField: { ext: base === 'call' ? 2 : 4 }, rm: rm(t.operand, fail) });
  }
  if (t.kind !== 'target') return fail();
  const label = resolve(t.name);
  if (label === null) {
    if (base !== 'call' && base !== 'jmp') fail(`jump to undefined label '${t.name}' in asm statement`);
    if (/^[0-9]+[bf]$/.test(t.name)) fail(`undefined local label '${t.name}' in asm statement`);
    // psABI §4.4.1: calls and tail jumps to symbols go through the PLT.
    buf.byte(base === 'call' ? 0xe8 : 0xe9);
    buf.addReloc(R_X86_64_PLT32, t.name, -4n);
    buf.int(0, 4);
    return;
  }
  if (base === 'call') {
    buf.byte(0xe8);
    buf.addFixup('rel32', label);
    buf.int(0, 4);
    return;
  }
  if (isShort) {
    buf.byte(base === 'jmp' ? 0xeb : 0x70 + cc!);
    buf.addFixup('rel8', label);
    buf.byte(0);
    return;
  }
  if (base === 'jmp') buf.byte(0xe9); else buf.bytesOf([0x0f, 0x80 + cc!]);
  buf.addFixup('rel32', label);
  buf.int(0, 4);
}

function encodeAlu(buf: X64Buffer, ext: number, size: OpSize, dst: AsmOperandText, src: AsmOperandText, fail: (msg?: string) => never): void {
  const bits = sizeBits(size);
  const isByte = size === 1;
  if (src.kind === 'imm') {
    const v = src.value;
    const isShortImm = v >= -128n && v <= 127n;
    // gas picks the accumulator forms (04+8·ext ib, 05+8·ext iw/id) when no imm8 form is shorter.
    if (dst.kind === 'reg' && dst.reg.preg === 0 && (isByte || !isShortImm)) {
      if (size === 2) buf.byte(0x66);
      if (size === 8) buf.byte(0x48);
      buf.byte(ext * 8 + (isByte ? 4 : 5));
      buf.int(v, isByte ? 1 : size === 2 ? 2 : 4);
      return;
    }
    if (isByte) return emitForm(buf, { opcode: [0x80], regField: { ext }, rm: rm(dst, fail), isByte, imm: { value: v, size: 1 } });
    return emitForm(buf, { ...bits, opcode: [isShortImm ? 0x83 : 0x81], regField: { ext }, rm: rm(dst, fail), imm: { value: v, size: isShortImm ? 1 : size === 2 ? 2 : 4 } });
  }
  if (src.kind === 'mem') return emitForm(buf, { ...bits, opcode: [ext * 8 + (isByte ? 2 : 3)], regField: regNum(dst, fail), rm: rm(src, fail), isByte });
  return emitForm(buf, { ...bits, opcode: [ext * 8 + (isByte ? 0 : 1)], regField: regNum(src, fail), rm: rm(dst, fail), isByte });
}

function encodeShift(buf: X64Buffer, ext: number, ops: readonly AsmOperandText[], size: () => OpSize, fail: (msg?: string) => never): void {
  const target = ops[ops.length - 1];
  if (target === undefined || ops.length > 2) return fail();
  const s = size();
  const isByte = s === 1;
  const form = { ...sizeBits(s), regField: { ext }, rm: rm(target, fail), isByte };
  const count = ops.length === 2 ? ops[0]! : null;
  if (count === null || (count.kind === 'imm' && count.value === 1n)) return emitForm(buf, { ...form, opcode: [isByte ? 0xd0 : 0xd1] });
  if (count.kind === 'imm') return emitForm(buf, { ...form, opcode: [isByte ? 0xc0 : 0xc1], imm: { value: count.value & 0xffn, size: 1 } });
  if (count.kind === 'reg' && count.reg.preg === 1 && count.reg.size === 1) return emitForm(buf, { ...form, opcode: [isByte ? 0xd2 : 0xd3] });
  return fail();
}

function encodeXchg(buf: X64Buffer, ops: readonly AsmOperandText[], size: OpSize, fail: (msg?: string) => never): void {
  const [a, b] = ops;
  if (ops.length !== 2 || a === undefined || b === undefined) return fail();
  // 90+r: xchg with the accumulator (not for bytes, and not eax with itself, which 90 would make a nop).
  if (size !== 1 && a.kind === 'reg' && b.kind === 'reg' && (a.reg.preg === 0 || b.reg.preg === 0) && !(a.reg.preg === 0 && b.reg.preg === 0 && size === 4)) {
    const other = hwNum(a.reg.preg === 0 ? b.reg.preg : a.reg.preg);
    if (size === 2) buf.byte(0x66);
    const rex = (size === 8 ? 0x48 : 0) | (other & 8 ? 0x41 : 0);
    if (rex) buf.byte(rex);
    buf.byte(0x90 + (other & 7));
    return;
  }
  const [r, m] = a.kind === 'mem' ? [b, a] : [a, b];
  emitForm(buf, { ...sizeBits(size), opcode: [size === 1 ? 0x86 : 0x87], regField: regNum(r, fail), rm: rm(m, fail), isByte: size === 1 });
}

function encodePushPop(buf: X64Buffer, base: 'push' | 'pop', ops: readonly AsmOperandText[], fail: (msg?: string) => never): void {
  const o = ops[0];
  if (ops.length !== 1 || o === undefined) return fail();
  if (o.kind === 'reg') {
    if (o.reg.size !== 8) fail(`operand size mismatch for '${base}' in asm statement`);
    return encodeInst(buf, { op: base, size: 8, ops: [{ kind: 'reg', reg: o.reg.preg }] });
  }
  if (o.kind === 'imm' && base === 'push') {
    const isShort = o.value >= -128n && o.value <= 127n;
    buf.byte(isShort ? 0x6a : 0x68);
    buf.int(o.value, isShort ? 1 : 4);
    return;
  }
  if (o.kind === 'mem') return emitForm(buf, { opcode: [base === 'push' ? 0xff : 0x8f], regField: { ext: base === 'push' ? 6 : 0 }, rm: rm(o, fail) });
  return fail();
}

/** Operand-size prefix and REX.W for a width (SDM vol. 2 §2.1, §2.2.1). */
function sizeBits(size: OpSize): { prefix?: number; isWide?: boolean } {
  return size === 2 ? { prefix: 0x66 } : size === 8 ? { isWide: true } : {};
}

function sizeFromRegs(ops: readonly AsmOperandText[]): OpSize | null {
  // The destination register decides (movzx-like forms are handled separately).
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i]!;
    if (o.kind === 'reg' && o.reg.size !== 16) return o.reg.size;
  }
  return null;
}

function regNum(o: AsmOperandText, fail: (msg?: string) => never): number {
  if (o.kind !== 'reg') return fail();
  if (o.reg.isHighByte) fail('high byte registers (ah, bh, ch, dh) are not supported in asm statements');
  return o.reg.preg;
}

function reg(o: AsmOperandText, _size: OpSize, fail: (msg?: string) => never): X64Operand {
  return { kind: 'reg', reg: regNum(o, fail) };
}

function rm(o: AsmOperandText, fail: (msg?: string) => never): Rm {
  if (o.kind === 'reg') return { kind: 'reg', reg: regNum(o, fail) };
  if (o.kind === 'mem') return memOf(o, fail);
  return fail();
}

function x64(o: AsmOperandText, fail: (msg?: string) => never): X64Operand {
  switch (o.kind) {
    case 'reg': return { kind: 'reg', reg: regNum(o, fail) };
    case 'imm': return { kind: 'imm', value: o.value };
    case 'mem': return memOf(o, fail);
    default: return fail();
  }
}

function memOf(o: Extract<AsmOperandText, { kind: 'mem' }>, fail: (msg?: string) => never): MemOperand {
  if (!fitsInt32(o.disp)) fail('displacement out of range in asm operand');
  const disp = Number(o.disp);
  if (o.isRipRelative) {
    if (o.sym === null) fail('rip-relative operand without a symbol in asm statement');
    return { kind: 'mem', base: null, index: null, scale: 1, disp, sym: o.sym! };
  }
  const base = o.base === null ? null : o.base.preg;
  const index = o.index === null ? null : o.index.preg;
  if (index === 4) fail("'%rsp' cannot be an index register");
  if (base === null && index !== null) fail('an index without a base register is not supported in asm statements');
  return { kind: 'mem', base, index, scale: o.scale, disp };
}

export type { X64Inst };
