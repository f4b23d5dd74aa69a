// The one opcode table. The parser, printer, verifier, folder and backends
// read opcode facts from here instead of scattering them across switches.
//
// Operand typing rules (`shape`):
//  - 'binary':   two operands of the instruction type `ty`; result `ty`.
//                Integer ops accept i8..i64 and ptr (add/sub for address math);
//                float ops accept f32/f64.
//  - 'unary':    one operand of type `ty`; result `ty`.
//  - 'compare':  two operands of `opTy`, result `ty` (an integer type, 0 or 1).
//  - 'convert':  one operand of `opTy`, result `ty`.
//  - 'load':     one ptr operand; result `ty`.
//  - 'store':    operands (value of `ty`, ptr); no result.
//  - 'select':   (cond integer of `opTy`, a of `ty`, b of `ty`); result `ty`.
//  - 'call':     args[0] callee (global or ptr value), then arguments typed by `argTys`.
//  - 'slotaddr': no operands, `slot` set; result ptr.
//  - 'copy':     one operand of `ty`; result `ty` (a plain move, also used to
//                materialise a constant as a value).
//  - 'vastart':  one ptr operand, no result: initialises the va_list it
//                points to for the enclosing variadic function, in the
//                target ABI's layout (the frontend's calling convention
//                reads it in va_arg); the backend owns the register save
//                area and knows which registers the named parameters used.
//  - 'asm':      GNU inline assembly; operands and result described by
//                `Inst.asm` (asm.ts). Opaque: like a call for memory.
//  - 'ldmem':    no result; all operands ptr, the destination first: a C
//                long double in the target's format, where the target
//                computes it with instructions (TargetInfo.longDouble
//                arithmetic 'ir': the 80-bit extended format), is computed
//                from memory into memory (see LD_OPERANDS). The IR has no
//                long double value type, so long double lives in memory and
//                the register allocator never sees it. (A target whose long
//                double is computed by library calls gets calls instead.)
//  - 'ldcmp':    two ptr operands to long double values, `cond` a FloatCond;
//                result `ty` (an integer type, 0 or 1).
//  - 'stackalloc': one i64 operand (a byte count), `align` set; result ptr
//                to fresh stack memory that lives until a `stackrestore` to
//                a state saved before it, or until the function returns
//                (variable length arrays, alloca).
//  - 'stacksave': no operands; result ptr: the dynamic stack state.
//  - 'stackrestore': one ptr operand from `stacksave`, no result: frees
//                every `stackalloc` made since that save.
//  - 'frameaddr' (shape 'stacksave'): no operands; result ptr: the
//                function's own frame address — its frame record, where the
//                caller's frame pointer is saved with the return address one
//                word above — for __builtin_frame_address and
//                __builtin_return_address; such a function keeps a frame
//                pointer.

import type { IrType } from './ir.js';

export type Opcode =
  // integer arithmetic
  | 'add' | 'sub' | 'mul' | 'sdiv' | 'udiv' | 'srem' | 'urem'
  // the high half of the double-width product (signed, unsigned): division by constants
  | 'smulh' | 'umulh'
  | 'and' | 'or' | 'xor' | 'shl' | 'lshr' | 'ashr'
  | 'neg' | 'not'
  // floating point
  | 'fadd' | 'fsub' | 'fmul' | 'fdiv' | 'fneg'
  // C library math the hardware computes exactly (math-builtins.ts, float-math.ts)
  | 'fsqrt' | 'fabs' | 'ffloor' | 'fceil' | 'ftrunc' | 'fcopysign' | 'fmin' | 'fmax'
  // comparisons
  | 'icmp' | 'fcmp'
  // conversions
  | 'sext' | 'zext' | 'trunc'
  | 'sitofp' | 'uitofp' | 'fptosi' | 'fptoui' | 'fpext' | 'fptrunc'
  | 'ptrtoint' | 'inttoptr' | 'bitcast'
  // a vector with every lane equal to a scalar (ir.ts VectorType)
  | 'splat'
  // memory
  | 'load' | 'store' | 'slotaddr'
  // other
  | 'select' | 'call' | 'copy'
  // variadic functions
  | 'vastart'
  // GNU inline assembly (asm.ts)
  | 'asm'
  // long double in the target's format, memory to memory
  | 'ldadd' | 'ldsub' | 'ldmul' | 'lddiv' | 'ldneg' | 'ldext' | 'ldtrunc' | 'ldcmp'
  // dynamic stack allocation (VLAs, alloca)
  | 'stackalloc' | 'stacksave' | 'stackrestore' | 'frameaddr';

export type OpShape = 'binary' | 'unary' | 'compare' | 'convert' | 'load' | 'store' | 'select' | 'call' | 'slotaddr' | 'copy' | 'vastart'
  | 'asm' | 'ldmem' | 'ldcmp' | 'stackalloc' | 'stacksave' | 'stackrestore';

export interface OpInfo {
  readonly shape: OpShape;
  /** Which type class the operands (or result, for converts) belong to. */
  readonly domain: 'int' | 'float' | 'any';
  /** No side effects and no dependence on memory: may be removed when unused, hoisted, CSE'd. */
  readonly isPure: boolean;
  readonly isCommutative: boolean;
  /** Division and remainder trap on zero, so they are not speculated. */
  readonly canTrap: boolean;
}

function op(shape: OpShape, domain: OpInfo['domain'], flags: Partial<Pick<OpInfo, 'isPure' | 'isCommutative' | 'canTrap'>> = {}): OpInfo {
  return { shape, domain, isPure: flags.isPure ?? true, isCommutative: flags.isCommutative ?? false, canTrap: flags.canTrap ?? false };
}

export const OPS: { readonly [K in Opcode]: OpInfo } = {
  add: op('binary', 'int', { isCommutative: true }),
  sub: op('binary', 'int'),
  mul: op('binary', 'int', { isCommutative: true }),
  smulh: op('binary', 'int', { isCommutative: true }),
  umulh: op('binary', 'int', { isCommutative: true }),
  sdiv: op('binary', 'int', { canTrap: true }),
  udiv: op('binary', 'int', { canTrap: true }),
  srem: op('binary', 'int', { canTrap: true }),
  urem: op('binary', 'int', { canTrap: true }),
  and: op('binary', 'int', { isCommutative: true }),
  or: op('binary', 'int', { isCommutative: true }),
  xor: op('binary', 'int', { isCommutative: true }),
  shl: op('binary', 'int'),
  lshr: op('binary', 'int'),
  ashr: op('binary', 'int'),
  neg: op('unary', 'int'),
  not: op('unary', 'int'),
  fadd: op('binary', 'float', { isCommutative: true }),
  fsub: op('binary', 'float'),
  fmul: op('binary', 'float', { isCommutative: true }),
  fdiv: op('binary', 'float'),
  fneg: op('unary', 'float'),
  fsqrt: op('unary', 'float'),
  fabs: op('unary', 'float'),
  ffloor: op('unary', 'float'),
  fceil: op('unary', 'float'),
  ftrunc: op('unary', 'float'),
  fcopysign: op('binary', 'float'),
  // Not commutative: a NaN or a zero of either sign in one place gives a different result (float-math.ts).
  fmin: op('binary', 'float'),
  fmax: op('binary', 'float'),
  icmp: op('compare', 'int'),
  fcmp: op('compare', 'float'),
  sext: op('convert', 'int'),
  zext: op('convert', 'int'),
  trunc: op('convert', 'int'),
  sitofp: op('convert', 'any'),
  uitofp: op('convert', 'any'),
  fptosi: op('convert', 'any'),
  fptoui: op('convert', 'any'),
  fpext: op('convert', 'float'),
  fptrunc: op('convert', 'float'),
  ptrtoint: op('convert', 'int'),
  inttoptr: op('convert', 'int'),
  bitcast: op('convert', 'any'),
  splat: op('convert', 'any'),
  load: op('load', 'any', { isPure: false }),
  store: op('store', 'any', { isPure: false }),
  slotaddr: op('slotaddr', 'any'),
  select: op('select', 'any'),
  call: op('call', 'any', { isPure: false }),
  copy: op('copy', 'any'),
  vastart: op('vastart', 'any', { isPure: false }),
  asm: op('asm', 'any', { isPure: false }),
  ldadd: op('ldmem', 'any', { isPure: false }),
  ldsub: op('ldmem', 'any', { isPure: false }),
  ldmul: op('ldmem', 'any', { isPure: false }),
  lddiv: op('ldmem', 'any', { isPure: false }),
  ldneg: op('ldmem', 'any', { isPure: false }),
  ldext: op('ldmem', 'any', { isPure: false }),
  ldtrunc: op('ldmem', 'any', { isPure: false }),
  // Reads memory, so not pure (a store may change what it compares).
  ldcmp: op('ldcmp', 'any', { isPure: false }),
  // Each execution yields new memory and moves the stack: never merged, hoisted or dropped.
  stackalloc: op('stackalloc', 'any', { isPure: false }),
  stacksave: op('stacksave', 'any', { isPure: false }),
  frameaddr: op('stacksave', 'any', { isPure: false }),
  stackrestore: op('stackrestore', 'any', { isPure: false }),
};

/**
 * The 'ldmem' shape per opcode: how many ptr operands (destination first),
 * and whether `opTy` names the other side's memory type:
 *  - ldadd/sub/mul/div dst, a, b: *dst = *a op *b, rounded to the format;
 *  - ldneg dst, a: *dst = -*a;
 *  - ldext <ty> dst, src: *dst = the ty value at src (i16/i32/i64 signed, f32/f64), exactly;
 *  - ldtrunc <ty> dst, src: the ty value at dst = *src (integers truncate toward zero, C11 6.3.1.4p1; floats round).
 */
export const LD_OPERANDS: Readonly<Partial<Record<Opcode, { readonly count: number; readonly hasMemTy: boolean }>>> = {
  ldadd: { count: 3, hasMemTy: false },
  ldsub: { count: 3, hasMemTy: false },
  ldmul: { count: 3, hasMemTy: false },
  lddiv: { count: 3, hasMemTy: false },
  ldneg: { count: 2, hasMemTy: false },
  ldext: { count: 2, hasMemTy: true },
  ldtrunc: { count: 2, hasMemTy: true },
};

/** The memory types ldext reads and ldtrunc writes (signed integers of 16–64 bits, float, double). */
export const LD_MEM_TYPES: readonly IrType[] = ['i16', 'i32', 'i64', 'f32', 'f64'];

export const OPCODES = Object.keys(OPS) as Opcode[];

export function isOpcode(s: string): s is Opcode {
  return Object.prototype.hasOwnProperty.call(OPS, s);
}

/**
 * Comparison conditions. Integer: signed (s*) and unsigned (u*).
 * Float: ordered (o*: false if either is NaN) and unordered (u*: true if
 * either is NaN) as C needs: `==` `<` `<=` `>` `>=` are ordered, `!=` is `une`.
 */
export type IntCond = 'eq' | 'ne' | 'slt' | 'sle' | 'sgt' | 'sge' | 'ult' | 'ule' | 'ugt' | 'uge';
export type FloatCond = 'oeq' | 'une' | 'olt' | 'ole' | 'ogt' | 'oge' | 'uno' | 'ord';
export type CmpCond = IntCond | FloatCond;

export const INT_CONDS: readonly IntCond[] = ['eq', 'ne', 'slt', 'sle', 'sgt', 'sge', 'ult', 'ule', 'ugt', 'uge'];
export const FLOAT_CONDS: readonly FloatCond[] = ['oeq', 'une', 'olt', 'ole', 'ogt', 'oge', 'uno', 'ord'];

/** The condition that holds exactly when `c` does not (for branch inversion). */
export function invertCond(c: CmpCond): CmpCond {
  const inv: Record<CmpCond, CmpCond> = {
    eq: 'ne', ne: 'eq', slt: 'sge', sge: 'slt', sle: 'sgt', sgt: 'sle',
    ult: 'uge', uge: 'ult', ule: 'ugt', ugt: 'ule',
    oeq: 'une', une: 'oeq', uno: 'ord', ord: 'uno',
    // !(a < b) on floats is "unordered or >=", which has no cond here: callers must check isInvertible.
    olt: 'olt', ole: 'ole', ogt: 'ogt', oge: 'oge',
  };
  return inv[c];
}

export function isInvertible(c: CmpCond): boolean {
  return c !== 'olt' && c !== 'ole' && c !== 'ogt' && c !== 'oge';
}

/** The condition with operands swapped: a < b  ==  b > a. */
export function swapCond(c: CmpCond): CmpCond {
  const sw: Record<CmpCond, CmpCond> = {
    eq: 'eq', ne: 'ne', slt: 'sgt', sgt: 'slt', sle: 'sge', sge: 'sle',
    ult: 'ugt', ugt: 'ult', ule: 'uge', uge: 'ule',
    oeq: 'oeq', une: 'une', olt: 'ogt', ogt: 'olt', ole: 'oge', oge: 'ole', uno: 'uno', ord: 'ord',
  };
  return sw[c];
}
