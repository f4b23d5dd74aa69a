// AArch64 machine instructions: the data model shared by instruction
// selection, the allocator interface, the encoder and the printer.
//
// Input: built by instruction selection over vregs (or by hand, in tests and
// the loader's tests); after allocation the same shape, over pregs and with
// frame references resolved, goes to encode.ts / print.ts.
// Output: — (data and the MachInstInfo the core reads).
//
// An instruction is a mnemonic-level `op` with operands in GNU assembler
// order (destination first), as in x64/inst.ts. Widths:
//   integer data processing  `size` 4 (wN) or 8 (xN)
//   loads and stores         `size` is the access width in bytes (1, 2, 4, 8,
//                            16); a general register takes wN for 1–4 bytes,
//                            a SIMD&FP register bN/hN/sN/dN/qN. `ldrs`
//                            (sign-extending) has `size` the register width
//                            and `srcSize` the access width
//   scalar floating point    `size` 2 (h), 4 (s) or 8 (d); conversions name
//                            the other side's width in `srcSize`
//   vectors (NEON)           `arrangement` set ('4s', '2d', …) and the
//                            registers print as vN.<T>
// Register 31 is sp; the zero register is the `zr` operand (regs.ts).
// Aliases that GNU as and objdump prefer (mov, cmp, lsl, cset, sxtw…) are
// ops of their own, so selection writes what it means and `-S` reads like
// gcc's output; the encoder maps each to its underlying instruction.
// Every opcode's operand roles are in ROLES, the one place the allocator
// interface reads them from.

import { unreachable, type SourceLoc } from '../../diagnostics.js';
import type { MachInstInfo, OperandVisitor, RegClass } from '../core/mach.js';
import { isVreg } from '../core/mach.js';
import { FP, pregClass, SP } from './regs.js';

/** Condition codes, numbered as in the `cond` field (Arm ARM C1.2.4, table C1-1). */
export const COND = {
  eq: 0, ne: 1, hs: 2, lo: 3, mi: 4, pl: 5, vs: 6, vc: 7, hi: 8, ls: 9, ge: 10, lt: 11, gt: 12, le: 13, al: 14, nv: 15,
} as const;
export type Cond = (typeof COND)[keyof typeof COND];
/** Barrier options of dmb/dsb by their CRm field (Arm ARM C6.2, "DMB"); unnamed values print as immediates. */
export const BARRIER_OPTIONS = ['#0x0', 'oshld', 'oshst', 'osh', '#0x4', 'nshld', 'nshst', 'nsh', '#0x8', 'ishld', 'ishst', 'ish', '#0xc', 'ld', 'st', 'sy'];
export const COND_NAMES = ['eq', 'ne', 'hs', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

/** The opposite condition (flip the low bit); `al`/`nv` have none. */
export function invertCond(c: Cond): Cond {
  return (c ^ 1) as Cond;
}

/** A stack location whose sp/x29 offset is known only after allocation (as in x64/inst.ts). */
export type FrameRef =
  | { readonly kind: 'slot'; readonly index: number }
  | { readonly kind: 'spill'; readonly index: number }
  /** Incoming stack argument: byte offset from the first one. */
  | { readonly kind: 'incoming'; readonly offset: number }
  /** The start of the dynamic area (alloca, VLAs): just above the outgoing arguments at sp. */
  | { readonly kind: 'dynamic' };

export type ShiftKind = 'lsl' | 'lsr' | 'asr' | 'ror';
export type ExtendKind = 'uxtb' | 'uxth' | 'uxtw' | 'uxtx' | 'sxtb' | 'sxth' | 'sxtw' | 'sxtx';

/**
 * Relocation operators on a symbol (GNU as `:lo12:` etc.; AAELF64 §5.7):
 *   page           adrp: the 4 KiB page of sym+addend   R_AARCH64_ADR_PREL_PG_HI21
 *   lo12           add, ldr/str: its low 12 bits          ADD_ABS_LO12_NC, LDSTn_ABS_LO12_NC
 *   got            adrp: the page of its GOT slot         ADR_GOT_PAGE
 *   got_lo12       ldr: the slot's low 12 bits            LD64_GOT_LO12_NC
 *   tprel_hi12     add …, lsl #12: local-exec TLS offset  TLSLE_ADD_TPREL_HI12
 *   tprel_lo12_nc  add: its low 12 bits                   TLSLE_ADD_TPREL_LO12_NC
 *   gottprel       adrp: the page of its TLS-offset slot  TLSIE_ADR_GOTTPREL_PAGE21
 *   gottprel_lo12  ldr: that slot's low 12 bits           TLSIE_LD64_GOTTPREL_LO12_NC
 * Without an operator a symbol is a branch or adr target (CALL26, JUMP26,
 * CONDBR19, TSTBR14, ADR_PREL_LO21).
 */
export type SymMod = 'page' | 'lo12' | 'got' | 'got_lo12' | 'tprel_hi12' | 'tprel_lo12_nc' | 'gottprel' | 'gottprel_lo12';

export interface SymRef {
  readonly kind: 'sym';
  readonly name: string;
  readonly addend: number;
  readonly mod?: SymMod;
}

/**
 * A memory operand. Addressing modes (Arm ARM C1.3.3):
 *   [base, #offset]        mode 'offset': scaled unsigned imm12 when it fits,
 *                          else the unscaled signed imm9 form (ldur/stur)
 *   [base, #offset]!       mode 'pre': writeback before the access (simm9)
 *   [base], #offset        mode 'post': writeback after the access (simm9)
 *   [base, index{, ext}]   `index` set: register offset, `extend` lsl
 *                          (64-bit index) / uxtw / sxtw / sxtx, `isScaled`
 *                          shifts the index by log2(access size)
 *   [base, :lo12:sym]      `sym` set (mode 'offset', offset 0)
 * ldp/stp take 'offset'/'pre'/'post' with a scaled signed imm7.
 */
export interface MemOperand {
  readonly kind: 'mem';
  readonly base: number;
  readonly mode: 'offset' | 'pre' | 'post';
  readonly offset: number;
  readonly index?: number;
  readonly extend?: 'lsl' | 'uxtw' | 'sxtw' | 'sxtx';
  readonly isScaled?: boolean;
  readonly sym?: SymRef;
  /** Resolved into a base register and offset at emission. */
  readonly frame?: FrameRef;
}

export type A64Operand =
  | { readonly kind: 'reg'; readonly reg: number }
  /** The zero register: xzr or wzr by the instruction's width. */
  | { readonly kind: 'zr' }
  | { readonly kind: 'imm'; readonly value: bigint }
  /** A floating-point immediate (fmov): must be representable in 8 bits (encode.ts `encodeFpImm`). */
  | { readonly kind: 'fimm'; readonly value: number }
  /** A register shifted by a constant: `x1, lsl #3`. */
  | { readonly kind: 'shifted'; readonly reg: number; readonly shift: ShiftKind; readonly amount: number }
  /** A register extended then shifted left: `w1, sxtw #2` (add/sub extended register). */
  | { readonly kind: 'extended'; readonly reg: number; readonly extend: ExtendKind; readonly amount: number }
  /** One lane of a vector register: `v0.d[1]`; the element size is the instruction's `size`. */
  | { readonly kind: 'lane'; readonly reg: number; readonly index: number }
  | MemOperand
  | { readonly kind: 'label'; readonly label: number }
  | SymRef;

export type A64Op =
  // Data processing, integer (Arm ARM C3.4 immediate, C3.5 register).
  | 'add' | 'adds' | 'sub' | 'subs' | 'cmp' | 'cmn' | 'neg' | 'negs'
  | 'and' | 'ands' | 'orr' | 'eor' | 'bic' | 'bics' | 'orn' | 'eon' | 'tst' | 'mvn'
  | 'mov' | 'movz' | 'movn' | 'movk'
  | 'madd' | 'msub' | 'mul' | 'mneg' | 'smulh' | 'umulh' | 'smull' | 'umull' | 'smaddl' | 'umaddl'
  | 'sdiv' | 'udiv'
  | 'lsl' | 'lsr' | 'asr' | 'ror'
  | 'sbfm' | 'ubfm' | 'bfm' | 'sbfx' | 'ubfx' | 'sbfiz' | 'ubfiz' | 'bfi' | 'bfxil'
  | 'sxtb' | 'sxth' | 'sxtw' | 'uxtb' | 'uxth' | 'extr'
  | 'csel' | 'csinc' | 'csinv' | 'csneg' | 'cset' | 'csetm' | 'cinc' | 'cinv' | 'cneg' | 'ccmp' | 'ccmn'
  | 'clz' | 'cls' | 'rbit' | 'rev' | 'rev16' | 'rev32'
  // Loads and stores (C3.3).
  | 'ldr' | 'str' | 'ldrs' | 'ldp' | 'stp'
  // Branches, PC-relative addresses, system (C3.1, C3.4.6).
  | 'b' | 'bl' | 'br' | 'blr' | 'ret' | 'bcond' | 'cbz' | 'cbnz' | 'tbz' | 'tbnz'
  | 'adr' | 'adrp' | 'mrs' | 'brk' | 'udf' | 'hint' | 'nop' | 'dmb'
  // Scalar floating point (C3.6).
  | 'fmov' | 'fadd' | 'fsub' | 'fmul' | 'fdiv' | 'fnmul' | 'fmax' | 'fmin' | 'fmaxnm' | 'fminnm'
  | 'fmadd' | 'fmsub' | 'fnmadd' | 'fnmsub'
  | 'fneg' | 'fabs' | 'fsqrt' | 'frintn' | 'frintp' | 'frintm' | 'frintz' | 'frinta' | 'frintx' | 'frinti'
  | 'fcmp' | 'fcmpe' | 'fcsel' | 'scvtf' | 'ucvtf' | 'fcvtzs' | 'fcvtzu' | 'fcvt'
  // Vectors (C3.6, Advanced SIMD): with `arrangement` set, add/sub/mul/and/orr/eor/bic/fadd… work lane-wise.
  | 'ld1' | 'st1' | 'not' | 'dup' | 'ins' | 'umov'
  /** Fused multiply-add / -subtract into the destination, lane-wise (vector forms only). */
  | 'fmla' | 'fmls';

/** NEON arrangements: lane count and lane size (Arm ARM C1.2.6). */
export type Arrangement = '8b' | '16b' | '4h' | '8h' | '2s' | '4s' | '1d' | '2d';

export interface A64Inst {
  readonly op: A64Op;
  /** Operation or access width in bytes (see the file comment). */
  readonly size: 1 | 2 | 4 | 8 | 16;
  readonly ops: readonly A64Operand[];
  readonly cond?: Cond;
  /** Width of the other side: the source of conversions and extensions, the memory access of `ldrs`. */
  readonly srcSize?: 1 | 2 | 4 | 8;
  /** Set for vector (NEON) forms. */
  readonly arrangement?: Arrangement;
  readonly implicitUses?: readonly number[];
  readonly implicitDefs?: readonly number[];
  readonly clobbers?: readonly number[];
  /**
   * An instruction whose label is beyond its ±1 MiB reach (relaxation,
   * target.ts): a conditional branch is encoded as the inverted branch over
   * an unconditional `b` (±128 MiB); `adr` as `adr` + `add #H, lsl #12`,
   * and a literal load as that into x16 and a load from [x16] (±16 MiB).
   */
  readonly isLong?: boolean;
  /** `br` through a jump table: every label it may reach. */
  readonly table?: readonly number[];
  /** The C statement this instruction implements, for -g line tables. */
  readonly loc?: SourceLoc;
}

type Role = 'r' | 'w' | 'rw';

/**
 * Operand roles per opcode, by position; a memory operand's base and index
 * are always reads (and the base is also written by pre/post-index forms).
 * Operands past the list (immediates, labels) have no role.
 */
const ROLES: Record<A64Op, readonly Role[]> = {
  add: ['w', 'r', 'r'], adds: ['w', 'r', 'r'], sub: ['w', 'r', 'r'], subs: ['w', 'r', 'r'],
  cmp: ['r', 'r'], cmn: ['r', 'r'], neg: ['w', 'r'], negs: ['w', 'r'],
  and: ['w', 'r', 'r'], ands: ['w', 'r', 'r'], orr: ['w', 'r', 'r'], eor: ['w', 'r', 'r'],
  bic: ['w', 'r', 'r'], bics: ['w', 'r', 'r'], orn: ['w', 'r', 'r'], eon: ['w', 'r', 'r'], tst: ['r', 'r'], mvn: ['w', 'r'],
  mov: ['w', 'r'], movz: ['w'], movn: ['w'], movk: ['rw'],
  madd: ['w', 'r', 'r', 'r'], msub: ['w', 'r', 'r', 'r'], mul: ['w', 'r', 'r'], mneg: ['w', 'r', 'r'],
  smulh: ['w', 'r', 'r'], umulh: ['w', 'r', 'r'], smull: ['w', 'r', 'r'], umull: ['w', 'r', 'r'],
  smaddl: ['w', 'r', 'r', 'r'], umaddl: ['w', 'r', 'r', 'r'],
  sdiv: ['w', 'r', 'r'], udiv: ['w', 'r', 'r'],
  lsl: ['w', 'r', 'r'], lsr: ['w', 'r', 'r'], asr: ['w', 'r', 'r'], ror: ['w', 'r', 'r'],
  sbfm: ['w', 'r'], ubfm: ['w', 'r'], bfm: ['rw', 'r'], sbfx: ['w', 'r'], ubfx: ['w', 'r'],
  sbfiz: ['w', 'r'], ubfiz: ['w', 'r'], bfi: ['rw', 'r'], bfxil: ['rw', 'r'],
  sxtb: ['w', 'r'], sxth: ['w', 'r'], sxtw: ['w', 'r'], uxtb: ['w', 'r'], uxth: ['w', 'r'], extr: ['w', 'r', 'r'],
  csel: ['w', 'r', 'r'], csinc: ['w', 'r', 'r'], csinv: ['w', 'r', 'r'], csneg: ['w', 'r', 'r'],
  cset: ['w'], csetm: ['w'], cinc: ['w', 'r'], cinv: ['w', 'r'], cneg: ['w', 'r'], ccmp: ['r', 'r'], ccmn: ['r', 'r'],
  clz: ['w', 'r'], cls: ['w', 'r'], rbit: ['w', 'r'], rev: ['w', 'r'], rev16: ['w', 'r'], rev32: ['w', 'r'],
  ldr: ['w'], ldrs: ['w'], str: ['r'], ldp: ['w', 'w'], stp: ['r', 'r'],
  b: [], bl: [], br: ['r'], blr: ['r'], ret: ['r'], bcond: [], cbz: ['r'], cbnz: ['r'], tbz: ['r'], tbnz: ['r'],
  adr: ['w'], adrp: ['w'], mrs: ['w'], brk: [], udf: [], hint: [], nop: [], dmb: [],
  fmov: ['w', 'r'], fadd: ['w', 'r', 'r'], fsub: ['w', 'r', 'r'], fmul: ['w', 'r', 'r'], fdiv: ['w', 'r', 'r'],
  fnmul: ['w', 'r', 'r'], fmax: ['w', 'r', 'r'], fmin: ['w', 'r', 'r'], fmaxnm: ['w', 'r', 'r'], fminnm: ['w', 'r', 'r'],
  fmadd: ['w', 'r', 'r', 'r'], fmsub: ['w', 'r', 'r', 'r'], fnmadd: ['w', 'r', 'r', 'r'], fnmsub: ['w', 'r', 'r', 'r'],
  fneg: ['w', 'r'], fabs: ['w', 'r'], fsqrt: ['w', 'r'], frintn: ['w', 'r'], frintp: ['w', 'r'], frintm: ['w', 'r'],
  frintz: ['w', 'r'], frinta: ['w', 'r'], frintx: ['w', 'r'], frinti: ['w', 'r'],
  fcmp: ['r', 'r'], fcmpe: ['r', 'r'], fcsel: ['w', 'r', 'r'],
  scvtf: ['w', 'r'], ucvtf: ['w', 'r'], fcvtzs: ['w', 'r'], fcvtzu: ['w', 'r'], fcvt: ['w', 'r'],
  ld1: ['w'], st1: ['r'], not: ['w', 'r'], dup: ['w', 'r'], ins: ['rw', 'r'], umov: ['w', 'r'],
  fmla: ['rw', 'r', 'r'], fmls: ['rw', 'r', 'r'],
};

/**
 * The class a register operand is reported with. A preg knows its own; a
 * vreg's class was fixed when it was created and the allocator reads it from
 * the function (core/mach.ts), so the class given here is informational.
 */
function classOf(reg: number): RegClass {
  return isVreg(reg) ? 'int' : pregClass(reg);
}

function visitReg(reg: number, role: Role, visit: OperandVisitor): void {
  // sp and x29 are never allocated and never tracked: they are the frame's own
  // registers, fixed for the whole body (x29 is read by frameaddr in any block).
  if (reg === SP || reg === FP) return;
  if (role === 'r') visit.use(reg, classOf(reg));
  else if (role === 'w') visit.def(reg, classOf(reg));
  else visit.useDef(reg, classOf(reg));
}

function visitMem(m: MemOperand, visit: OperandVisitor): void {
  visitReg(m.base, m.mode === 'offset' ? 'r' : 'rw', visit);
  if (m.index !== undefined) visitReg(m.index, 'r', visit);
}

export function visitOperands(inst: A64Inst, visit: OperandVisitor): void {
  const roles = ROLES[inst.op];
  // An insert into one lane keeps the others (C7.2.161 INS): the vector is read and written.
  inst.ops.forEach((operand, i) => {
    const role = roles[i];
    switch (operand.kind) {
      case 'reg': case 'shifted': case 'extended': case 'lane':
        if (role !== undefined) visitReg(operand.reg, role, visit);
        return;
      case 'mem':
        visitMem(operand, visit);
        return;
      case 'zr': case 'imm': case 'fimm': case 'label': case 'sym':
        return;
      default:
        unreachable(operand, 'operand');
    }
  });
  for (const r of inst.implicitUses ?? []) visit.use(r, classOf(r));
  for (const r of inst.implicitDefs ?? []) visit.def(r, classOf(r));
  for (const r of inst.clobbers ?? []) visit.clobber(r);
}

export const a64InstInfo: MachInstInfo<A64Inst> = {
  operands: visitOperands,
  copyOf(inst) {
    // `mov` between general registers is a 64-bit copy only at size 8 (a 32-bit one zero-extends).
    const [d, s, t] = inst.ops;
    // `orr vD.16b, vS.16b, vS.16b` is `mov vD.16b, vS.16b`: a whole-vector copy.
    const isVectorCopy = inst.op === 'orr' && inst.arrangement === '16b' && s?.kind === 'reg' && t?.kind === 'reg' && s.reg === t.reg;
    const isCopy = (inst.op === 'mov' && inst.size === 8) || (inst.op === 'fmov' && inst.size === 8 && inst.arrangement === undefined) || isVectorCopy;
    if (!isCopy) return null;
    if (d?.kind === 'reg' && s?.kind === 'reg' && d.reg !== SP && s.reg !== SP && classOf(d.reg) === classOf(s.reg)) return [d.reg, s.reg];
    return null;
  },
  branchTargets(inst) {
    const target = inst.ops[inst.ops.length - 1];
    if (inst.op === 'br') return inst.table ?? [];
    const isBranch = inst.op === 'b' || inst.op === 'bcond' || inst.op === 'cbz' || inst.op === 'cbnz' || inst.op === 'tbz' || inst.op === 'tbnz';
    return isBranch && target?.kind === 'label' ? [target.label] : [];
  },
  isTerminal(inst) {
    return inst.op === 'b' || inst.op === 'br' || inst.op === 'ret' || inst.op === 'brk' || inst.op === 'udf';
  },
};

// Small constructors keep selection and tests readable.
export function reg(r: number): A64Operand {
  return { kind: 'reg', reg: r };
}
export function zr(): A64Operand {
  return { kind: 'zr' };
}
export function imm(v: bigint | number): A64Operand {
  return { kind: 'imm', value: BigInt(v) };
}
export function fimm(v: number): A64Operand {
  return { kind: 'fimm', value: v };
}
export function shifted(r: number, shift: ShiftKind, amount: number): A64Operand {
  return { kind: 'shifted', reg: r, shift, amount };
}
export function extended(r: number, extend: ExtendKind, amount = 0): A64Operand {
  return { kind: 'extended', reg: r, extend, amount };
}
export function lane(r: number, index: number): A64Operand {
  return { kind: 'lane', reg: r, index };
}
export function label(l: number): A64Operand {
  return { kind: 'label', label: l };
}
export function sym(name: string, mod?: SymMod, addend = 0): SymRef {
  return mod === undefined ? { kind: 'sym', name, addend } : { kind: 'sym', name, addend, mod };
}
/** [base, #offset] (or [base, #offset]! / [base], #offset with a mode). */
export function mem(base: number, offset = 0, mode: MemOperand['mode'] = 'offset'): MemOperand {
  return { kind: 'mem', base, mode, offset };
}
/** [base, index{, extend {#amount}}]. */
export function memIndex(base: number, index: number, extend: NonNullable<MemOperand['extend']> = 'lsl', isScaled = false): MemOperand {
  return { kind: 'mem', base, mode: 'offset', offset: 0, index, extend, isScaled };
}
/** [base, :lo12:sym] and the other low-12 operators. */
export function memSym(base: number, s: SymRef): MemOperand {
  return { kind: 'mem', base, mode: 'offset', offset: 0, sym: s };
}
export function inst(op: A64Op, size: A64Inst['size'], ops: readonly A64Operand[], extra: Partial<A64Inst> = {}): A64Inst {
  return { op, size, ops, ...extra };
}
