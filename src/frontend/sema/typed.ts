// The typed tree: sema's output and lowering's input.
//
// Input: built by check-*.ts from the parser's AST. Output: read by
// src/frontend/lower.
//
// Invariants (lowering relies on every one):
//  - every expression has its C type; implicit conversions are explicit
//    `cast` nodes (6.3), lvalue conversion is an explicit `load` node
//    (6.3.2.1p2) and array/function decay an explicit `decay` node
//    (6.3.2.1p3-4), so lowering never has to re-derive C's rules;
//  - operands of `binary` and `compare` already have the common type (the
//    usual arithmetic conversions are applied), assignments' values already
//    have the target's type;
//  - `sizeof`, `_Alignof`, enum constants and other integer constant
//    expressions that sema evaluates become `intConst`;
//  - identifiers are resolved to symbol objects; a symbol's identity is the
//    object (two locals called `i` are two symbols);
//  - initializers are flattened into (offset, value) entries;
//  - trees containing an `error` node are never lowered (sema reported it).

import type { LdValue } from './long-double.js';
import type { SourceLoc } from '../../diagnostics.js';
import type { CType, RecordMember } from './types.js';

export type Linkage = 'external' | 'internal' | 'none';

/** GNU attributes that shape the symbol in the object file (symbol-attributes.ts). */
export interface GnuSymbolAttrs {
  visibility?: 'default' | 'hidden' | 'protected' | 'internal';
  isWeak?: boolean;
  /** `section("name")`: the section the definition goes to instead of .text / .data / .bss. */
  section?: string;
  /** `alias("target")`: this name is another name for the target's definition in this unit. */
  aliasOf?: string;
  /** `constructor` / `destructor`, with an optional priority (lower runs first; destructors in reverse). */
  startup?: { readonly priority: number | null };
  shutdown?: { readonly priority: number | null };
  /** `used`: emitted even when nothing in the unit refers to it. */
  isKept?: boolean;
}

export interface VarSym {
  readonly kind: 'var';
  readonly name: string;
  type: CType;
  /** 'auto' locals and parameters live in the frame; 'static' and 'extern' in data. */
  readonly storage: 'auto' | 'param' | 'static' | 'extern';
  readonly linkage: Linkage;
  /** The assembler symbol for objects with static storage (unique for static locals). */
  readonly irName: string;
  readonly loc: SourceLoc;
  /** A definition (not only a declaration) exists in this unit, possibly tentative. */
  isDefined: boolean;
  isUsed: boolean;
  /** _Alignas / aligned attribute, 0 when absent. */
  explicitAlign: number;
  isThreadLocal: boolean;
  /** GNU local register variable `register T x asm("r10")`: the register (64-bit name) asm operands must use. */
  asmRegister?: string;
  /** A variable length array object: the hidden pointer to its stack memory (vla.ts). */
  vlaStorage?: VarSym;
  /** This is such a hidden pointer: lowering saves/restores the stack around its block (lower-vla.ts). */
  isVlaStorage?: boolean;
  gnu?: GnuSymbolAttrs;
}

export interface FuncSym {
  readonly kind: 'func';
  readonly name: string;
  type: CType;
  readonly linkage: Linkage;
  readonly irName: string;
  readonly loc: SourceLoc;
  isDefined: boolean;
  isUsed: boolean;
  /** GNU `aligned(N)` on any declaration of the function (0: none): its code starts N-aligned. */
  explicitAlign?: number;
  /** GNU `noinline` / `always_inline` on some declaration of the function. */
  inlining?: 'never' | 'always';
  /**
   * Every file-scope declaration says `inline` and none `extern`: a C99
   * inline definition (6.7.4p7), which provides no external definition, so
   * lowering keeps it local to the object (no clash when headers repeat it).
   */
  isInline: boolean;
  gnu?: GnuSymbolAttrs;
}

export interface LabelSym {
  readonly name: string;
  readonly id: number;
  defLoc: SourceLoc | null;
  firstUseLoc: SourceLoc | null;
  /** GNU `&&label`: the label's address is a local symbol of this name (unique in the unit). */
  readonly symbol: string;
  isAddressTaken: boolean;
}

export type BinaryOpName = 'add' | 'sub' | 'mul' | 'div' | 'rem' | 'shl' | 'shr' | 'and' | 'or' | 'xor';
export type CompareOpName = 'lt' | 'gt' | 'le' | 'ge' | 'eq' | 'ne';

interface Base {
  readonly loc: SourceLoc;
  readonly type: CType;
}

export type TExpr =
  | (Base & { readonly kind: 'intConst'; readonly value: bigint })
  /** `value` is the nearest double; a long double constant also has its exact value in `ld` (long-double.ts). */
  | (Base & { readonly kind: 'floatConst'; readonly value: number; readonly ld?: LdValue })
  /** A string literal: an lvalue of array type (6.4.5p6). `units` excludes the terminating zero. */
  | (Base & { readonly kind: 'string'; readonly units: readonly number[]; readonly unitSize: number })
  | (Base & { readonly kind: 'var'; readonly sym: VarSym })
  | (Base & { readonly kind: 'func'; readonly sym: FuncSym })
  /** Lvalue conversion: the value stored in the object `operand` designates. For aggregates lowering yields the object's address. */
  | (Base & { readonly kind: 'load'; readonly operand: TExpr })
  /** Array-to-pointer or function-to-pointer conversion. */
  | (Base & { readonly kind: 'decay'; readonly operand: TExpr })
  | (Base & { readonly kind: 'addrOf'; readonly operand: TExpr })
  /** GNU `&&label`, of type void * (a constant address). */
  | (Base & { readonly kind: 'labelAddr'; readonly label: LabelSym })
  | (Base & { readonly kind: 'deref'; readonly operand: TExpr })
  /** `base.member`; `offset` is the member's byte offset from `base` (through anonymous members). */
  | (Base & { readonly kind: 'member'; readonly base: TExpr; readonly member: RecordMember; readonly offset: number })
  | (Base & { readonly kind: 'binary'; readonly op: BinaryOpName; readonly left: TExpr; readonly right: TExpr })
  /** Pointer plus/minus integer (6.5.6p8); `index` has type long, `elemSize` is the pointee size. */
  | (Base & { readonly kind: 'ptrAdd'; readonly isSub: boolean; readonly ptr: TExpr; readonly index: TExpr; readonly elemSize: number })
  /** Pointer difference (6.5.6p9): type ptrdiff_t. */
  | (Base & { readonly kind: 'ptrDiff'; readonly left: TExpr; readonly right: TExpr; readonly elemSize: number })
  /** Relational and equality operators: type int, operands of one common type. */
  | (Base & { readonly kind: 'compare'; readonly op: CompareOpName; readonly left: TExpr; readonly right: TExpr })
  /** `&&` and `||` (6.5.13-14): type int, operands scalar, short-circuit. */
  | (Base & { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: TExpr; readonly right: TExpr })
  /** `!x` (6.5.3.3p5): type int, operand scalar. */
  | (Base & { readonly kind: 'not'; readonly operand: TExpr })
  | (Base & { readonly kind: 'neg'; readonly operand: TExpr })
  | (Base & { readonly kind: 'bitNot'; readonly operand: TExpr })
  /** Simple assignment; `value` already has the target's unqualified type. */
  | (Base & { readonly kind: 'assign'; readonly target: TExpr; readonly value: TExpr })
  /**
   * `a op= b` (6.5.16.2): load a, convert to `computeType`, apply op with
   * `value` (already of `computeType`, or long for pointer steps), convert
   * back, store. For pointer targets `op` is add/sub and `elemSize` is set.
   */
  | (Base & { readonly kind: 'compoundAssign'; readonly op: BinaryOpName; readonly target: TExpr; readonly value: TExpr; readonly computeType: CType; readonly elemSize: number })
  /** ++/-- (6.5.2.4, 6.5.3.1); the step is 1, or the pointee size for pointers. */
  | (Base & { readonly kind: 'incDec'; readonly isInc: boolean; readonly isPrefix: boolean; readonly target: TExpr; readonly elemSize: number })
  /** `c ? a : b`; both arms already converted to `type` (void allowed). */
  | (Base & { readonly kind: 'cond'; readonly cond: TExpr; readonly then: TExpr; readonly else: TExpr })
  /** A conversion of a scalar to a scalar type or to void (explicit or implicit). */
  | (Base & { readonly kind: 'cast'; readonly operand: TExpr; readonly isImplicit: boolean })
  /** `callee` is a pointer to function; `args` are converted (prototype conversions or default promotions). */
  | (Base & { readonly kind: 'call'; readonly callee: TExpr; readonly args: readonly TExpr[]; readonly fnType: Extract<CType, { kind: 'function' }> })
  | (Base & { readonly kind: 'comma'; readonly left: TExpr; readonly right: TExpr })
  /** A compound literal (6.5.2.5): an lvalue naming an unnamed object `sym` initialised by `init`. */
  | (Base & { readonly kind: 'compoundLiteral'; readonly sym: VarSym; readonly init: TInit })
  /** GNU statement expression: the value is `result`'s (or void). */
  | (Base & { readonly kind: 'stmtExpr'; readonly body: readonly TStmt[]; readonly result: TExpr | null })
  /** Reinterprets the bits of a scalar as another scalar type of the same size (GNU builtins: signbit, fabs, copysign). */
  | (Base & { readonly kind: 'bitcast'; readonly operand: TExpr })
  /** `__builtin_va_start(ap)`, `__builtin_va_end(ap)`, `__builtin_va_copy(d, s)`, `__builtin_va_arg(ap, T)`. */
  | (Base & { readonly kind: 'vaBuiltin'; readonly name: 'start' | 'end' | 'copy' | 'arg'; readonly args: readonly TExpr[] })
  /** `__builtin_alloca(size)`: `size` bytes of stack, aligned to `align`, that live until the function returns. */
  | (Base & { readonly kind: 'alloca'; readonly size: TExpr; readonly align: number })
  /** `__builtin_frame_address(0)`: the function's own frame address (type void *). */
  | (Base & { readonly kind: 'frameAddress' })
  /** GNU `__builtin_setjmp(buf)` (type int) and `__builtin_longjmp(buf, 1)` (void); lower-builtin-setjmp.ts. */
  | (Base & { readonly kind: 'builtinSetjmp'; readonly buf: TExpr })
  | (Base & { readonly kind: 'builtinLongjmp'; readonly buf: TExpr })
  /** A GNU vector operation (checked in sema/vector.ts, lowered element by element in lower/lower-vector.ts). */
  | (Base & { readonly kind: 'vector'; readonly op: VectorOp })
  | (Base & { readonly kind: 'error' });

/**
 * The GNU vector operations. Vector operands are values of vector type
 * (memory-resident, like structs); `type` of the enclosing node is the result.
 *  - binary: element-wise; both operands have the result type, except a
 *    shift count, which is a vector of the same length;
 *  - compare: element-wise on two operands of one vector type; each result
 *    element is 0 or -1 in the same-width signed integer type;
 *  - unary: element-wise negation or complement;
 *  - splat: a scalar (already of the element type) in every element;
 *  - bitcast: the bits of a vector or scalar of the same size reinterpreted;
 *  - convert: each element converted (`__builtin_convertvector`);
 *  - shuffle: `__builtin_shuffle(a, [b,] mask)`: element i is element
 *    mask[i] mod n (mod 2n with b) of a, or of b;
 *  - compoundAssign: `target op= value` with `value` already of the target's
 *    type; `yieldsOld` (postfix ++/--) makes the old value the result.
 */
export type VectorOp =
  | { readonly kind: 'binary'; readonly op: BinaryOpName; readonly left: TExpr; readonly right: TExpr }
  | { readonly kind: 'compare'; readonly op: CompareOpName; readonly left: TExpr; readonly right: TExpr }
  | { readonly kind: 'unary'; readonly op: 'neg' | 'bitNot'; readonly operand: TExpr }
  | { readonly kind: 'splat'; readonly operand: TExpr }
  | { readonly kind: 'bitcast'; readonly operand: TExpr }
  | { readonly kind: 'convert'; readonly operand: TExpr }
  | { readonly kind: 'shuffle'; readonly first: TExpr; readonly second: TExpr | null; readonly mask: TExpr }
  | { readonly kind: 'compoundAssign'; readonly op: BinaryOpName; readonly target: TExpr; readonly value: TExpr; readonly yieldsOld: boolean };

/** One piece of a flattened initializer, at a byte offset in the object. */
export type InitEntry =
  | {
      readonly kind: 'expr';
      readonly offset: number;
      /** Converted to the member's type: a scalar, or a record-typed value (struct copy). */
      readonly expr: TExpr;
      /** For bit-field members. */
      readonly bitField: RecordMember | null;
    }
  /** A string literal initialising a character array (6.7.9p14): `units` then zeros up to `length` units. */
  | { readonly kind: 'string'; readonly offset: number; readonly units: readonly number[]; readonly unitSize: number; readonly length: number }
  /**
   * Consecutive array elements of arithmetic type `elemType` from a constant
   * run (check-init-run.ts): `values[i]` goes at `offset + i * sizeof(elemType)`,
   * each already exact in that type.
   */
  | { readonly kind: 'run'; readonly offset: number; readonly elemType: CType; readonly values: Float64Array };

/** A whole object's initializer: everything not covered by an entry is zero (6.7.9p10, p21). */
export interface TInit {
  readonly type: CType;
  readonly entries: readonly InitEntry[];
  readonly loc: SourceLoc;
}

export interface CaseLabel {
  readonly id: number;
  readonly value: bigint;
  /** GNU `case lo ... hi`, else equal to value. */
  readonly high: bigint;
  readonly loc: SourceLoc;
}

export type TStmt =
  | { readonly kind: 'expr'; readonly loc: SourceLoc; readonly expr: TExpr }
  /** A block-scope object with automatic storage, initialised at this point. */
  | { readonly kind: 'decl'; readonly loc: SourceLoc; readonly sym: VarSym; readonly init: TInit | null }
  | { readonly kind: 'compound'; readonly loc: SourceLoc; readonly items: readonly TStmt[] }
  | { readonly kind: 'if'; readonly loc: SourceLoc; readonly cond: TExpr; readonly then: TStmt; readonly else: TStmt | null }
  | { readonly kind: 'while'; readonly loc: SourceLoc; readonly cond: TExpr; readonly body: TStmt }
  | { readonly kind: 'doWhile'; readonly loc: SourceLoc; readonly body: TStmt; readonly cond: TExpr }
  | { readonly kind: 'for'; readonly loc: SourceLoc; readonly init: TStmt | null; readonly cond: TExpr | null; readonly step: TExpr | null; readonly body: TStmt }
  /** `value` is promoted; `cases` lists every case label inside `body` that belongs to this switch. */
  | { readonly kind: 'switch'; readonly loc: SourceLoc; readonly value: TExpr; readonly body: TStmt; readonly cases: readonly CaseLabel[]; readonly defaultLabel: CaseLabel | null }
  | { readonly kind: 'caseLabel'; readonly loc: SourceLoc; readonly label: CaseLabel; readonly body: TStmt }
  | { readonly kind: 'label'; readonly loc: SourceLoc; readonly label: LabelSym; readonly body: TStmt }
  | { readonly kind: 'goto'; readonly loc: SourceLoc; readonly label: LabelSym }
  /** GNU computed goto `goto *target;` (target: void *, the address of one of the function's labels). */
  | { readonly kind: 'gotoExpr'; readonly loc: SourceLoc; readonly target: TExpr }
  | { readonly kind: 'break'; readonly loc: SourceLoc }
  | { readonly kind: 'continue'; readonly loc: SourceLoc }
  /** `value` is converted to the function's return type. */
  | { readonly kind: 'return'; readonly loc: SourceLoc; readonly value: TExpr | null }
  | { readonly kind: 'empty'; readonly loc: SourceLoc }
  /** GNU inline assembly, operands checked (check-asm.ts). */
  | TAsmStmt;

/**
 * A checked asm statement. `+` operands were split as gcc does: the output
 * with `=`, plus an input tied to it by number, after the written inputs.
 */
export interface TAsmStmt {
  readonly kind: 'asm';
  readonly loc: SourceLoc;
  readonly template: string;
  readonly isBasic: boolean;
  readonly isVolatile: boolean;
  readonly outputs: readonly TAsmOperand[];
  readonly inputs: readonly TAsmOperand[];
  readonly clobbers: readonly string[];
}

export interface TAsmOperand {
  readonly name: string | null;
  readonly constraint: string;
  /** Outputs and memory operands: the lvalue; register and immediate inputs: the value. */
  readonly expr: TExpr;
  /** The operand lives in memory: the asm gets its address. */
  readonly isMem: boolean;
}

export interface TFunction {
  readonly sym: FuncSym;
  readonly params: readonly VarSym[];
  readonly body: TStmt;
  readonly loc: SourceLoc;
  /** Labels whose address the function takes (`&&label`), in order of first use. */
  readonly addressedLabels?: readonly LabelSym[];
}

/** An object with static storage duration defined in this unit (file scope or static local). */
export interface TGlobal {
  readonly sym: VarSym;
  /** null: zero-initialised (tentative definition or no initializer). */
  init: TInit | null;
}

export interface TypedUnit {
  readonly kind: 'typedUnit';
  readonly functions: readonly TFunction[];
  readonly globals: readonly TGlobal[];
  /** Every file-scope function and object symbol, in first-declaration order. */
  readonly symbols: readonly (VarSym | FuncSym)[];
  /** File-scope asm blocks, in source order. */
  readonly fileAsm: readonly { readonly loc: SourceLoc; readonly text: string }[];
  /** True when sema reported errors; such a unit must not be lowered. */
  readonly hasErrors: boolean;
}
