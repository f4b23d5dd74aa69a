// The SSA intermediate representation: modules, functions, blocks with
// parameters, instructions and operands.
//
// SSA form uses *block parameters* instead of phi nodes (the flow model of
// PyPy's translator): a block declares typed parameters, and every edge into
// it passes one argument per parameter. A function's parameters are the
// parameters of its entry block (blocks[0]).
//
// Invariants (checked by verify.ts):
//  - every value is defined once: by a block parameter or an instruction result;
//  - every use is dominated by its definition;
//  - every block ends in exactly one terminator (`Block.term`);
//  - edge argument counts and types match the target block's parameters;
//  - operand types follow the opcode's rule in ops.ts.
//
// The IR is mutable: passes edit it in place. Values are numbered per
// function (`IrFunction.values[id]`); numbering is stable and deterministic so
// printed IR is reproducible.
//
// Text form (print.ts / parse.ts, exact round trip), for example:
//
//   declare @strlen
//   global export @counter align 4 size 4 zero
//   global local @.str0 align 1 size 6 rodata { bytes "hello\00" }
//
//   func export @fib(i64) -> i64 {
//   b0(%0:i64):
//     %1:i32 = icmp slt i64 %0, 2
//     br %1, b1, b2
//   b1:
//     ret %0
//   b2:
//     %2:i64 = sub %0, 1
//     %3:i64 = call @fib(i64 %2)
//     %4:i64 = sub %0, 2
//     %5:i64 = call @fib(i64 %4)
//     %6:i64 = add %3, %5
//     ret %6
//   }

import type { SourceLoc } from '../diagnostics.js';
import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import type { Opcode, CmpCond } from './ops.js';
import type { AsmSpec } from './asm.js';

/**
 * Value types. `ptr` is a 64-bit address, kept distinct from i64 for clarity
 * and for future targets. `i128` (C's `__int128`) is wider than any
 * target's registers: the optimiser treats it like the other integers, and
 * before instruction selection the legalize-i128 pass rewrites it into
 * pairs of i64 (passes/legalize-i128.ts), so no backend sees it. Only
 * operations that pass takes apart may use it (verify.ts): no calls,
 * parameters or results (calling conventions pass it as two i64 pieces),
 * no division (libgcc's __divti3 & co. are called instead) and no
 * conversions to or from floating point or pointers.
 */
export type IrType = ScalarType | VectorType;
export type ScalarType = 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'f32' | 'f64' | 'ptr';

/**
 * 16-byte vectors of lanes (`v2f64` = two f64), made only by the loop
 * vectorizer (passes/vectorize.ts) and only when the target says it has
 * registers of that width (PassSettings.vectorBytes): the type is a shape,
 * the width a fact the target supplies. Vector values are loaded, stored,
 * combined lane by lane with fadd/fsub/fmul/fdiv (float lanes) or
 * add/sub/and/or/xor (integer lanes), and made from a scalar by `splat`;
 * nothing else takes them (verify.ts), so a backend needs only those.
 * Memory order is lane 0 first, whatever the alignment.
 */
export type VectorType = 'v4i32' | 'v2i64' | 'v4f32' | 'v2f64';

export const IR_TYPES: readonly IrType[] = ['i8', 'i16', 'i32', 'i64', 'i128', 'f32', 'f64', 'ptr', 'v4i32', 'v2i64', 'v4f32', 'v2f64'];

const VECTOR_SHAPES: Readonly<Record<VectorType, readonly [ScalarType, number]>> = {
  v4i32: ['i32', 4], v2i64: ['i64', 2], v4f32: ['f32', 4], v2f64: ['f64', 2],
};

export function isVectorType(ty: IrType): ty is VectorType {
  return Object.prototype.hasOwnProperty.call(VECTOR_SHAPES, ty);
}
/** A vector type's lane type. */
export function laneType(ty: VectorType): ScalarType {
  return VECTOR_SHAPES[ty][0];
}
export function laneCount(ty: VectorType): number {
  return VECTOR_SHAPES[ty][1];
}
/** The vector type of `bytes` bytes with `lane` lanes, or null when there is none. */
export function vectorOf(lane: IrType, bytes: number): VectorType | null {
  for (const [v, [l, n]] of Object.entries(VECTOR_SHAPES) as [VectorType, readonly [ScalarType, number]][]) {
    if (l === lane && n * sizeOfType(l) === bytes) return v;
  }
  return null;
}

export function isIntType(ty: IrType): boolean {
  return ty === 'i8' || ty === 'i16' || ty === 'i32' || ty === 'i64' || ty === 'i128' || ty === 'ptr';
}
export function isFloatType(ty: IrType): boolean {
  return ty === 'f32' || ty === 'f64';
}
export function sizeOfType(ty: IrType): number {
  switch (ty) {
    case 'i8': return 1;
    case 'i16': return 2;
    case 'i32': case 'f32': return 4;
    case 'i64': case 'f64': case 'ptr': return 8;
    case 'i128': return 16;
    case 'v4i32': case 'v2i64': case 'v4f32': case 'v2f64': return 16;
  }
}

/**
 * One register-sized piece of a value that a calling convention passes or
 * returns in registers (the frontend's convention object decides the
 * split; the target's backend decides the registers):
 *  - 'i64': the next general register;
 *  - 'f32', 'f64': the low bits of the next floating-point/vector register;
 *  - 'up': the upper 64 bits of the vector register the 'f64' piece before
 *    it went to (a 16-byte vector, or a 128-bit long double);
 *  - 'ldouble': the whole value is a C long double, returned where the
 *    target returns one (a piece of its own; the buffer holds the value in
 *    the target's long double format).
 * In memory (an aggregate's padded copy, a return buffer) the pieces lie at
 * consecutive offsets: 'f32' takes 4 bytes, 'ldouble' 16, the others 8.
 */
export type RegPiece = 'i64' | 'f32' | 'f64' | 'up' | 'ldouble';

export const REG_PIECES: readonly RegPiece[] = ['i64', 'f32', 'f64', 'up', 'ldouble'];

/** Bytes a piece takes in memory (see RegPiece). */
export function pieceSize(piece: RegPiece): number {
  return piece === 'f32' ? 4 : piece === 'ldouble' ? 16 : 8;
}

/**
 * How one call argument / function parameter carries (part of) a C value
 * the calling convention does not pass as a plain scalar. Absent (or null)
 * for ordinary scalars.
 *  - 'part': piece `index` of `count` of a value the frontend split into
 *    i64/f32/f64 IR values (RegPiece); the backend passes all `count`
 *    pieces in registers or, when registers run short, all on the stack,
 *    laid out as in memory. `isUpper` marks an 'up' piece (an f64 in the
 *    upper half of the previous piece's vector register). `align` (on
 *    piece 0 only) is the value's alignment when it exceeds 8: on the
 *    stack the group starts that aligned, and targets that pair registers
 *    for such values do so (AAPCS64 C.8).
 *  - 'byval': a ptr to a value of `size` bytes passed in memory; the
 *    backend copies it into the stack argument area (caller) or binds the
 *    parameter to the address of that area (callee).
 *  - 'sret': a ptr to the memory receiving the function's result, passed
 *    where the target passes the indirect result address (an ordinary
 *    first argument on some targets, a register of its own on others).
 *  - 'retbuf' (call arguments only): not passed at all; a ptr to a buffer
 *    that receives the callee's returned register pieces after the call.
 */
export type ArgAbi =
  | { readonly kind: 'part'; readonly index: number; readonly count: number; readonly isUpper?: boolean; readonly align?: number }
  | { readonly kind: 'byval'; readonly size: number; readonly align: number }
  | { readonly kind: 'sret' }
  | { readonly kind: 'retbuf'; readonly pieces: readonly RegPiece[] };

/**
 * An instruction operand. Constants are typed by their position: the
 * instruction's operand type (see ops.ts), the callee's argument type, or
 * the target block's parameter type.
 */
export type Operand =
  | { readonly kind: 'value'; readonly id: number }
  /** Integer constant, stored as its two's-complement value (sign irrelevant; consumers truncate to the type). */
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  /** The address of a global symbol (function or data) plus a byte offset; type ptr. */
  | { readonly kind: 'global'; readonly name: string; readonly offset: number };

/** A value's definition site and type, indexed by value id. */
export interface ValueInfo {
  readonly ty: IrType;
  /** Optional readable name used by the text form (`%i.next`); default is the id. */
  name?: string;
}

export interface Inst {
  op: Opcode;
  /** Result value id, or null for instructions without a result (store, call to void). */
  result: number | null;
  /**
   * The instruction's type. For value-producing instructions the result
   * type; for `store` the stored type; for `call` without result null.
   */
  ty: IrType | null;
  /**
   * The operand type where it differs from `ty`: the compared type for
   * icmp/fcmp, the source type for conversions.
   */
  opTy?: IrType;
  args: Operand[];
  /** Condition for icmp / fcmp. */
  cond?: CmpCond;
  /** For call: the type of each argument (args[0] is the callee). */
  argTys?: IrType[];
  /** For call to a variadic function: how many arguments are fixed (the rest are variadic). */
  fixedArgs?: number;
  /** For call: how each argument travels when not as a plain scalar (parallel to argTys). */
  argAbi?: (ArgAbi | null)[];
  /** For slotaddr: the stack slot index. */
  slot?: number;
  /** For stackalloc: the alignment of the memory (a power of two). */
  align?: number;
  /** Memory access flags for load/store. */
  isVolatile?: boolean;
  /** For asm: the template, constraints and operand passing (asm.ts). */
  asm?: AsmSpec;
  loc?: SourceLoc;
}

/** An edge: a target block and the arguments for its parameters. */
export interface BlockCall {
  block: number;
  args: Operand[];
}

export type Terminator =
  | { kind: 'jmp'; target: BlockCall }
  /** Branch on an integer value: non-zero goes to `then`. */
  | { kind: 'br'; cond: Operand; then: BlockCall; else: BlockCall }
  | { kind: 'switch'; ty: IrType; value: Operand; cases: { value: bigint; target: BlockCall }[]; default: BlockCall }
  | { kind: 'ret'; value: Operand | null }
  /**
   * An indirect branch (GNU `goto *p`): to the block whose address `value`
   * holds, one of `targets` — blocks whose address the function takes
   * (IrFunction.labelAddresses), which have no parameters, so the edges
   * carry no arguments and need no copies the branch could not place.
   */
  | { kind: 'ijmp'; value: Operand; targets: BlockCall[] }
  | { kind: 'unreachable' };

export interface Block {
  /** Index in `IrFunction.blocks` is not stable across passes; `id` is. */
  readonly id: number;
  name?: string;
  /** Parameter value ids (their types are in `IrFunction.values`). */
  params: number[];
  insts: Inst[];
  term: Terminator;
  /** The statement the terminator comes from (a `return`, a loop's back edge), for -g line tables. */
  termLoc?: SourceLoc;
  /** Rarely runs (an error path): block layout puts it after the hot code. Text form: `b4 cold:`. */
  isCold?: boolean;
}

export interface StackSlot {
  size: number;
  align: number;
  /** The C variable this slot holds, for dumps and debug info. */
  name?: string;
}

export type Linkage = 'export' | 'local';

/** ELF symbol visibility other than the default (gABI "Symbol Visibility"): from `visibility(…)` or -fvisibility. */
export type Visibility = 'hidden' | 'protected' | 'internal';

/** How an exported definition is presented to the linker beyond its linkage (GNU `weak` / `visibility`). */
export interface SymbolAttrs {
  /** Absent: default visibility (the symbol may be preempted in a shared library). */
  visibility?: Visibility;
  /** A weak definition: another module's strong definition wins at link time. */
  isWeak?: boolean;
  /** GNU `section("name")`: the object-file section instead of the default one for its kind. */
  section?: string;
  /** GNU `used`: kept in the object even when nothing in the module refers to it (asm may). */
  isUsed?: boolean;
}

/** Another name for a definition in the same module (GNU `alias`): same address, its own binding. */
export interface IrAlias extends SymbolAttrs {
  name: string;
  linkage: Linkage;
  target: string;
}

/** A function run before `main` / at exit (GNU `constructor` / `destructor`); lower priorities first (destructors: last). */
export interface StartupFunction {
  name: string;
  /** null: the default, after every prioritised one. */
  priority: number | null;
}

export interface IrFunction extends SymbolAttrs {
  name: string;
  linkage: Linkage;
  /** Parameter types; equal to the entry block's parameter types. */
  params: IrType[];
  ret: IrType | 'void';
  isVariadic: boolean;
  /** How each parameter travels when not as a plain scalar ('part', 'byval' or 'sret'; parallel to params). */
  paramAbi?: (ArgAbi | null)[];
  /**
   * C11 6.5p8: `a * b + c` may be evaluated as one fused multiply-add,
   * rounded once (the GNU dialects allow it, as gcc's default
   * -ffp-contract=fast for -std=gnu*; ISO C modes do not). Absent: never.
   * A target with fused instructions may contract; others ignore it.
   */
  allowsContraction?: boolean;
  /** GNU `aligned(N)` on the function: its first byte is N-aligned (beyond the target's default). */
  align?: number;
  /** GNU `noinline` ('never') or `always_inline` ('always'): overrides the inliner's heuristic. */
  inlining?: 'never' | 'always';
  /**
   * A result returned in registers as pieces (RegPiece): `ret` must be
   * 'ptr' and every `ret` passes a pointer to the (padded) value, whose
   * pieces the backend loads into the target's return registers.
   */
  retAbi?: readonly RegPiece[];
  slots: StackSlot[];
  /**
   * Blocks whose address the code takes (GNU `&&label`), each under a local
   * symbol the backend defines at the block's first instruction, so code
   * and static data refer to it as to any symbol (a 'global' operand, an
   * 'addr' data item). Such a block has no parameters and is entered only
   * by an `ijmp`. A block a pass removed as unreachable can never be jumped
   * to: its symbol is then defined at the function's start.
   */
  labelAddresses?: { name: string; block: number }[];
  /** blocks[0] is the entry. Blocks reference each other by `Block.id`. */
  blocks: Block[];
  values: ValueInfo[];
  loc?: SourceLoc;
}

/** One piece of a global's initial bytes, laid out in order. */
export type DataItem =
  | { kind: 'int'; ty: IrType; value: bigint }
  | { kind: 'float'; ty: 'f32' | 'f64'; value: number }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'zero'; size: number }
  /** An 8-byte absolute address of a symbol plus offset (the target's 64-bit absolute relocation). */
  | { kind: 'addr'; name: string; offset: number }
  /**
   * GNU `&&plus - &&minus + offset` as an integer of type `ty`: the distance
   * between two taken labels (IrFunction.labelAddresses) of one function,
   * known once its code is laid out; no relocation (gcc: `.long .L1-.L2`).
   */
  | { kind: 'labelDiff'; ty: 'i8' | 'i16' | 'i32' | 'i64'; plus: string; minus: string; offset: number };

export interface GlobalVar extends SymbolAttrs {
  name: string;
  linkage: Linkage;
  size: number;
  align: number;
  /** Read-only data (string literals, const globals) goes to .rodata. */
  isConst: boolean;
  /** null: all zero (.bss); otherwise items whose sizes add up to `size`. */
  init: DataItem[] | null;
  isThreadLocal?: boolean;
  loc?: SourceLoc;
}

export interface IrModule {
  functions: IrFunction[];
  globals: GlobalVar[];
  /** Symbols referenced but not defined here (resolved by the linker or loader). */
  externs: string[];
  /**
   * C prototypes of the module's external functions (and declared
   * externs), recorded by the frontend for the loader's FFI bindings.
   */
  signatures: Map<string, FfiFunctionType>;
  /** C types of the module's objects with external linkage (defined or declared), for `Module.global`. */
  globalTypes?: Map<string, FfiType>;
  aliases?: IrAlias[];
  /** Names in `externs` declared weak: left undefined (null) when no module defines them. */
  weakExterns?: string[];
  /** Names in `externs` declared `_Thread_local`: reached through the TLS sequences and written as STT_TLS. */
  threadLocalExterns?: string[];
  /**
   * Names in `externs` whose definition is known to end up within reach of
   * a PC-relative address (as for gcc's hidden visibility), so code refers
   * to them directly rather than through the GOT; the loader then places
   * the module near them. Tiering's second tier (jit/tier-ir.ts) declares
   * the first tier's data so.
   */
  nearExterns?: string[];
  constructors?: StartupFunction[];
  destructors?: StartupFunction[];
  /** GNU file-scope asm blocks (AT&T text, as char codes), assembled into .text after the functions. */
  fileAsm?: { text: string; loc?: SourceLoc }[];
}

export function valueOperand(id: number): Operand {
  return { kind: 'value', id };
}
export function intOperand(value: bigint | number): Operand {
  return { kind: 'int', value: BigInt(value) };
}
export function floatOperand(value: number): Operand {
  return { kind: 'float', value };
}
export function globalOperand(name: string, offset = 0): Operand {
  return { kind: 'global', name, offset };
}

export function blockById(fn: IrFunction, id: number): Block {
  const b = fn.blocks.find((blk) => blk.id === id);
  if (!b) throw new Error(`no block b${id} in @${fn.name}`);
  return b;
}

/** The blocks an edge leaves `term` for, in order. */
export function successors(term: Terminator): BlockCall[] {
  switch (term.kind) {
    case 'jmp': return [term.target];
    case 'br': return [term.then, term.else];
    case 'switch': return [...term.cases.map((c) => c.target), term.default];
    case 'ijmp': return [...term.targets]; // the edges themselves, in a fresh array (callers may reorder it)
    case 'ret': case 'unreachable': return [];
  }
}
