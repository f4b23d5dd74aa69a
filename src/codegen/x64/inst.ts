// x86-64 machine instructions: the data model shared by instruction
// selection, the allocator interface, the encoder and the printer.
//
// Input: built by lower.ts over vregs; after allocation emission substitutes
// pregs and resolves frame references, and the same shape goes to
// encode.ts / print.ts.
// Operand order is Intel's (destination first). Each opcode's operand roles
// (read / write / read-write, register class) are in ROLES, the one place
// the allocator interface reads them from.

import { unreachable, type SourceLoc } from '../../diagnostics.js';
import type { MachInstInfo, OperandVisitor, RegClass } from '../core/mach.js';
import { isVreg } from '../core/mach.js';
import { RBP, RSP } from './regs.js';
import type { MachAsm } from './asm/mach-asm.js';

export type OpSize = 1 | 2 | 4 | 8;

/** x86 condition codes, numbered as in the Jcc/SETcc/CMOVcc opcodes (Intel SDM vol. 2, appendix B.1.4.7). */
export const CC = {
  o: 0, no: 1, b: 2, ae: 3, e: 4, ne: 5, be: 6, a: 7, s: 8, ns: 9, p: 10, np: 11, l: 12, ge: 13, le: 14, g: 15,
} as const;
export type Cc = (typeof CC)[keyof typeof CC];
export const CC_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

export function invertCc(cc: Cc): Cc {
  return (cc ^ 1) as Cc;
}

/** A stack location whose rbp/rsp offset is known only after allocation. */
export type FrameRef =
  | { readonly kind: 'slot'; readonly index: number }
  | { readonly kind: 'spill'; readonly index: number }
  /** Incoming stack argument: byte offset from the first one ([rbp+16]). */
  | { readonly kind: 'incoming'; readonly offset: number }
  /** Just above the outgoing argument area, [rsp + its size]: where a `sub rsp, n` allocation starts. */
  | { readonly kind: 'dynamic' };

export interface MemOperand {
  readonly kind: 'mem';
  readonly base: number | null;
  readonly index: number | null;
  readonly scale: 1 | 2 | 4 | 8;
  readonly disp: number;
  /** Resolved into base rbp + disp at emission. */
  readonly frame?: FrameRef;
  /** RIP-relative symbol address (+disp); with isGot, the symbol's GOT entry; with isTlsGot, its GOT slot holding the TLS offset. */
  readonly sym?: string;
  readonly isGot?: boolean;
  readonly isTlsGot?: boolean;
  /** fs-relative absolute address (base and index null): the thread pointer block (psABI TLS, §"Initial Exec"). */
  readonly seg?: 'fs';
  /** RIP-relative label in this function (constants, jump tables). */
  readonly label?: number;
}

export type X64Operand =
  | { readonly kind: 'reg'; readonly reg: number }
  | { readonly kind: 'imm'; readonly value: bigint }
  | MemOperand
  | { readonly kind: 'label'; readonly label: number }
  | { readonly kind: 'sym'; readonly name: string };

export type X64Op =
  | 'mov' | 'movzx' | 'movsx' | 'movsxd' | 'lea'
  | 'add' | 'sub' | 'and' | 'or' | 'xor' | 'cmp' | 'test' | 'imul' | 'imul3'
  | 'neg' | 'not' | 'shl' | 'shr' | 'sar'
  | 'cqo' | 'cdq' | 'idiv' | 'div'
  /** One-operand multiplies, rdx:rax = rax × operand (unsigned `mul`, signed `imul`): the high half for smulh/umulh. */
  | 'mul' | 'imul1'
  | 'setcc' | 'cmovcc' | 'jcc' | 'jmp' | 'call' | 'ret' | 'push' | 'pop' | 'ud2'
  | 'movsd' | 'movss' | 'movaps'
  /** 16-byte vector arguments (SSE+SSEUP): the halves of one xmm register, and the whole register to memory. */
  | 'movlhps' | 'movhlps' | 'movups'
  /** `rep movsb`: rcx bytes from [rsi] to [rdi] (large by-value arguments); its registers are implicit. */
  | 'repmovsb'
  | 'addsd' | 'subsd' | 'mulsd' | 'divsd' | 'sqrtsd'
  | 'addss' | 'subss' | 'mulss' | 'divss' | 'sqrtss'
  | 'ucomisd' | 'ucomiss' | 'xorpd' | 'xorps' | 'andpd' | 'andps'
  /** C library math (lower-float-math.ts): bitwise or / and-not, min/max, compare to a mask (imm predicate), SSE4.1 round (imm mode). */
  | 'orpd' | 'orps' | 'andnpd' | 'andnps' | 'minsd' | 'maxsd' | 'minss' | 'maxss' | 'cmpsd' | 'cmpss' | 'roundsd' | 'roundss'
  /** 16-byte vectors (ir.ts VectorType): lane-wise arithmetic, and pshufd (imm lane selector) for splats. */
  | 'addpd' | 'subpd' | 'mulpd' | 'divpd' | 'addps' | 'subps' | 'mulps' | 'divps'
  | 'paddd' | 'psubd' | 'paddq' | 'psubq' | 'pshufd'
  | 'cvtsi2sd' | 'cvtsi2ss' | 'cvttsd2si' | 'cvttss2si' | 'cvtss2sd' | 'cvtsd2ss'
  | 'movq' | 'movd'
  /**
   * x87 (long double, see lower-x87.ts): loads and stores on memory operands
   * (`size` is the memory width; fldt/fstpt move 80 bits), and register-stack
   * forms with implicit operands (faddp etc. combine st(1) and st and pop).
   */
  | 'fld' | 'fldt' | 'fild' | 'fstp' | 'fstpt' | 'fisttp'
  | 'faddp' | 'fsubp' | 'fmulp' | 'fdivp' | 'fchs' | 'fucomip' | 'fpop'
  /** Pseudo: the entry's incoming argument registers come alive here; emits nothing. */
  | 'args'
  /** GNU inline asm: operands and template in `X64Inst.asm` (asm/mach-asm.ts). */
  | 'asm';

export interface X64Inst {
  readonly op: X64Op;
  /** Operation width in bytes (the destination's for moves and extensions). */
  readonly size: OpSize;
  readonly ops: readonly X64Operand[];
  readonly cc?: Cc;
  /** movzx/movsx, cvtsi2sd: the source's width. */
  readonly srcSize?: OpSize;
  readonly implicitUses?: readonly number[];
  readonly implicitDefs?: readonly number[];
  readonly clobbers?: readonly number[];
  /**
   * `call` on a cold path (lower-call.ts): these caller-saved registers are
   * saved before the call and restored after it (emit.ts), so the call
   * clobbers nothing the allocator must know about and values stay in
   * registers across it — LLVM's `coldcc` idea, done on the caller's side.
   */
  readonly preserves?: readonly number[];
  /** jmp/jcc to a label with an 8-bit displacement (chosen by branch relaxation at encoding). */
  readonly isShort?: boolean;
  /** `jmp reg` through a jump table: the possible targets. */
  readonly table?: readonly number[];
  /** The C statement this instruction implements, for -g line tables (absent in prologues and epilogues). */
  readonly loc?: SourceLoc;
  /** For op 'asm'. */
  readonly asm?: MachAsm;
}

type Role = 'r' | 'w' | 'rw';
type RoleSpec = readonly (readonly [Role, RegClass])[];

const I = 'int' as const;
const F = 'float' as const;
const SSE_BINARY: RoleSpec = [['rw', F], ['r', F]];

/** Operand roles per opcode; a memory operand's base and index are always int reads. */
const ROLES: Record<X64Op, RoleSpec> = {
  mov: [['w', I], ['r', I]],
  movzx: [['w', I], ['r', I]],
  movsx: [['w', I], ['r', I]],
  movsxd: [['w', I], ['r', I]],
  lea: [['w', I], ['r', I]],
  add: [['rw', I], ['r', I]], sub: [['rw', I], ['r', I]], and: [['rw', I], ['r', I]],
  or: [['rw', I], ['r', I]], xor: [['rw', I], ['r', I]], imul: [['rw', I], ['r', I]],
  cmp: [['r', I], ['r', I]], test: [['r', I], ['r', I]],
  imul3: [['w', I], ['r', I], ['r', I]],
  neg: [['rw', I]], not: [['rw', I]],
  shl: [['rw', I], ['r', I]], shr: [['rw', I], ['r', I]], sar: [['rw', I], ['r', I]],
  cqo: [], cdq: [], repmovsb: [],
  idiv: [['r', I]], div: [['r', I]], mul: [['r', I]], imul1: [['r', I]],
  setcc: [['w', I]],
  cmovcc: [['rw', I], ['r', I]],
  jcc: [], jmp: [['r', I]], call: [['r', I]], ret: [], args: [],
  // push/pop appear only in the prologue and epilogue, after allocation.
  push: [], pop: [], ud2: [],
  movsd: [['w', F], ['r', F]], movss: [['w', F], ['r', F]], movaps: [['w', F], ['r', F]],
  // movhlps writes only the low half of its destination, but callers use nothing else of it.
  movlhps: [['rw', F], ['r', F]], movhlps: [['w', F], ['r', F]], movups: [['w', F], ['r', F]],
  addsd: SSE_BINARY, subsd: SSE_BINARY, mulsd: SSE_BINARY, divsd: SSE_BINARY,
  addss: SSE_BINARY, subss: SSE_BINARY, mulss: SSE_BINARY, divss: SSE_BINARY,
  sqrtsd: [['w', F], ['r', F]], sqrtss: [['w', F], ['r', F]],
  ucomisd: [['r', F], ['r', F]], ucomiss: [['r', F], ['r', F]],
  xorpd: SSE_BINARY, xorps: SSE_BINARY, andpd: SSE_BINARY, andps: SSE_BINARY,
  orpd: SSE_BINARY, orps: SSE_BINARY, andnpd: SSE_BINARY, andnps: SSE_BINARY,
  minsd: SSE_BINARY, maxsd: SSE_BINARY, minss: SSE_BINARY, maxss: SSE_BINARY,
  addpd: SSE_BINARY, subpd: SSE_BINARY, mulpd: SSE_BINARY, divpd: SSE_BINARY,
  addps: SSE_BINARY, subps: SSE_BINARY, mulps: SSE_BINARY, divps: SSE_BINARY,
  paddd: SSE_BINARY, psubd: SSE_BINARY, paddq: SSE_BINARY, psubq: SSE_BINARY,
  pshufd: [['w', F], ['r', F], ['r', I]],
  // The third operand is the immediate predicate or rounding mode.
  cmpsd: [['rw', F], ['r', F], ['r', I]], cmpss: [['rw', F], ['r', F], ['r', I]],
  roundsd: [['w', F], ['r', F], ['r', I]], roundss: [['w', F], ['r', F], ['r', I]],
  cvtsi2sd: [['w', F], ['r', I]], cvtsi2ss: [['w', F], ['r', I]],
  cvttsd2si: [['w', I], ['r', F]], cvttss2si: [['w', I], ['r', F]],
  cvtss2sd: [['w', F], ['r', F]], cvtsd2ss: [['w', F], ['r', F]],
  // movq/movd move between the classes; the class follows the register (see below).
  movq: [['w', I], ['r', I]], movd: [['w', I], ['r', I]],
  // asm operands carry their roles in `X64Inst.asm.roles` (see visitAsmOperands).
  asm: [],
  // x87 operands are memory (its base and index are int reads) or the register stack, which the allocator never sees.
  fld: [['r', I]], fldt: [['r', I]], fild: [['r', I]], fstp: [['r', I]], fstpt: [['r', I]], fisttp: [['r', I]],
  faddp: [], fsubp: [], fmulp: [], fdivp: [], fchs: [], fucomip: [], fpop: [],
};

function isFrameReg(reg: number): boolean {
  return reg === RSP || reg === RBP;
}

function classOfReg(reg: number, declared: RegClass, op: X64Op): RegClass {
  // movq/movd: a preg tells its own class; a vreg's class was fixed when it was created,
  // and the allocator reads it from the function, not from here.
  if ((op === 'movq' || op === 'movd') && !isVreg(reg)) return reg >= 16 ? F : I;
  return declared;
}

/** `xorpd x, x` and friends: the result is 0 whatever x held, so x is only written. */
function isZeroingIdiom(inst: X64Inst): boolean {
  const [a, b] = inst.ops;
  return (inst.op === 'xorpd' || inst.op === 'xorps' || inst.op === 'xor') && a?.kind === 'reg' && b?.kind === 'reg' && a.reg === b.reg;
}

export function visitOperands(inst: X64Inst, visit: OperandVisitor): void {
  if (isZeroingIdiom(inst)) {
    const r = (inst.ops[0] as { reg: number }).reg;
    visit.def(r, inst.op === 'xor' ? I : F);
    return;
  }
  if (inst.asm) {
    visitAsmOperands(inst, inst.asm, visit);
    return;
  }
  const roles = ROLES[inst.op];
  // setcc writes only the low byte, movzx of a byte register then reads it whole:
  // treating the byte write as a def is sound because consumers read only the low byte.
  inst.ops.forEach((operand, i) => {
    const role = roles[i];
    switch (operand.kind) {
      case 'reg': {
        if (isFrameReg(operand.reg) || role === undefined) return;
        const cls = classOfReg(operand.reg, role[1], inst.op);
        if (role[0] === 'r') visit.use(operand.reg, cls);
        else if (role[0] === 'w') visit.def(operand.reg, cls);
        else visit.useDef(operand.reg, cls);
        return;
      }
      case 'mem':
        if (operand.base !== null && !isFrameReg(operand.base)) visit.use(operand.base, I);
        if (operand.index !== null) visit.use(operand.index, I);
        return;
      case 'imm': case 'label': case 'sym':
        return;
      default:
        unreachable(operand, 'operand');
    }
  });
  for (const r of inst.implicitUses ?? []) visit.use(r, r >= 16 ? F : I);
  for (const r of inst.implicitDefs ?? []) visit.def(r, r >= 16 ? F : I);
  for (const r of inst.clobbers ?? []) visit.clobber(r);
}

/** An asm's operands by their roles; the register class follows the register (a vreg's class is the function's). */
function visitAsmOperands(inst: X64Inst, asm: MachAsm, visit: OperandVisitor): void {
  const clsOf = (r: number): RegClass => (!isVreg(r) && r >= 16 ? F : I);
  inst.ops.forEach((operand, n) => {
    if (operand.kind === 'mem') {
      if (operand.base !== null && !isFrameReg(operand.base)) visit.use(operand.base, I);
      if (operand.index !== null) visit.use(operand.index, I);
      return;
    }
    if (operand.kind !== 'reg') return;
    const role = asm.roles[n];
    if (role === 'r') visit.use(operand.reg, clsOf(operand.reg));
    else if (role === 'w') visit.def(operand.reg, clsOf(operand.reg));
    else if (role === 'rw') visit.useDef(operand.reg, clsOf(operand.reg));
  });
  for (const r of inst.clobbers ?? []) visit.clobber(r);
}

/**
 * Computed from constants only: `mov r, imm`, `lea r, [rip+sym]`, a GOT
 * load (the GOT does not change once the loader filled it) and a load from
 * this function's constant pool.
 */
function isRematerializable(i: X64Inst): boolean {
  const [d, s] = i.ops;
  if (d?.kind !== 'reg' || s === undefined || i.ops.length !== 2 || i.implicitUses || i.implicitDefs || i.clobbers) return false;
  if (i.op === 'mov') return s.kind === 'imm' || (s.kind === 'mem' && s.isGot === true && s.base === null && s.index === null && !s.seg);
  if (i.op === 'lea') return s.kind === 'mem' && s.sym !== undefined && !s.isGot && !s.isTlsGot && s.base === null && s.index === null && !s.seg;
  if (i.op === 'movsd' || i.op === 'movss') return s.kind === 'mem' && s.label !== undefined && s.base === null && s.index === null;
  return false;
}

export const x64InstInfo: MachInstInfo<X64Inst> = {
  operands: visitOperands,
  isRematerializable,
  copyOf(inst) {
    if ((inst.op === 'mov' && inst.size === 8) || inst.op === 'movaps') {
      const [d, s] = inst.ops;
      if (d?.kind === 'reg' && s?.kind === 'reg') return [d.reg, s.reg];
    }
    return null;
  },
  branchTargets(inst) {
    if (inst.op === 'jcc' || inst.op === 'jmp') {
      const t = inst.ops[0];
      if (t?.kind === 'label') return [t.label];
      return inst.table ?? [];
    }
    return [];
  },
  isTerminal(inst) {
    return inst.op === 'jmp' || inst.op === 'ret' || inst.op === 'ud2';
  },
  sourceOf: (inst) => inst.loc,
};

// Small constructors keep lower.ts readable.
export function reg(r: number): X64Operand {
  return { kind: 'reg', reg: r };
}
export function imm(v: bigint | number): X64Operand {
  return { kind: 'imm', value: BigInt(v) };
}
export function label(l: number): X64Operand {
  return { kind: 'label', label: l };
}
export function mem(base: number | null, disp = 0, index: number | null = null, scale: 1 | 2 | 4 | 8 = 1): MemOperand {
  return { kind: 'mem', base, index, scale, disp };
}
export function inst(op: X64Op, size: OpSize, ops: readonly X64Operand[], extra: Partial<X64Inst> = {}): X64Inst {
  return { op, size, ops, ...extra };
}

export function fitsInt32(v: bigint): boolean {
  return v >= -(1n << 31n) && v < 1n << 31n;
}
