// The syntax tree the parser builds: C11 (6.5 expressions, 6.7 declarations,
// 6.8 statements, 6.9 external definitions) plus the GNU extensions real code
// uses. It records what was written; types are resolved by sema, which builds
// its own typed tree from this one.
//
// Every node carries `loc`, the position diagnostics point at: the first
// token for most nodes, the operator for binary/assignment/member nodes
// (as gcc and clang do).
//
// Declarators nest as C writes them (C11 6.7.6): the type of the declared
// name is found by starting from the specifier type and walking from the
// outermost declarator node inward, wrapping the type at each step. For
// `int *a[3]` the declarator is pointer(array(ident a, 3)): int -> int* ->
// array of 3 int*.

import type { SourceLoc } from '../../diagnostics.js';
import type { ConstantRun } from './constant-run.js';

export interface TranslationUnit {
  readonly kind: 'translationUnit';
  readonly decls: readonly ExternalDecl[];
}

export type ExternalDecl = Declaration | FunctionDef | StaticAssert | FileAsm;

/** GNU file-scope (basic) asm: `asm("text");` outside functions, copied into the object verbatim. */
export interface FileAsm {
  readonly kind: 'fileAsm';
  readonly loc: SourceLoc;
  readonly template: string;
}

// ---------------------------------------------------------------- declarations

export type StorageClass = 'typedef' | 'extern' | 'static' | 'auto' | 'register' | '_Thread_local';
export type TypeQualifier = 'const' | 'volatile' | 'restrict' | '_Atomic';
export type FunctionSpecifier = 'inline' | '_Noreturn';

/** The keywords of C11 6.7.2 type-specifiers, plus GNU spellings normalised (`__signed__` -> 'signed'). */
export type TypeKeyword =
  | 'void' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double'
  | 'signed' | 'unsigned' | '_Bool' | '_Complex' | '__int128' | '__builtin_va_list';

/** GNU `__attribute__((name(args)))`, one entry per attribute. */
export interface Attribute {
  readonly loc: SourceLoc;
  readonly name: string;
  readonly args: readonly Expr[];
}

export type TypeSpec =
  | { readonly kind: 'keyword'; readonly loc: SourceLoc; readonly name: TypeKeyword }
  | RecordSpec
  | EnumSpec
  | { readonly kind: 'typedefName'; readonly loc: SourceLoc; readonly name: string }
  /** `typeof(expr)` / `typeof(type)` (GNU, C23). */
  | { readonly kind: 'typeof'; readonly loc: SourceLoc; readonly arg: Expr | TypeName }
  /** `_Atomic(type)` */
  | { readonly kind: 'atomic'; readonly loc: SourceLoc; readonly type: TypeName };

export interface RecordSpec {
  readonly kind: 'record';
  readonly loc: SourceLoc;
  readonly isUnion: boolean;
  readonly tag: string | null;
  /** null for a reference to a tag (`struct s`) without a body. */
  readonly members: readonly (RecordMember | StaticAssert)[] | null;
  readonly attributes: readonly Attribute[];
}

export interface RecordMember {
  readonly kind: 'member';
  readonly loc: SourceLoc;
  readonly specs: DeclSpecs;
  /** Empty for an anonymous struct/union member (C11 6.7.2.1p13). */
  readonly declarators: readonly MemberDeclarator[];
}

export interface MemberDeclarator {
  readonly loc: SourceLoc;
  /** null for an unnamed bit-field (`int : 3;`). */
  readonly declarator: Declarator | null;
  readonly bitWidth: Expr | null;
  readonly attributes: readonly Attribute[];
}

export interface EnumSpec {
  readonly kind: 'enum';
  readonly loc: SourceLoc;
  readonly tag: string | null;
  /** null for a reference to a tag without a body. */
  readonly enumerators: readonly Enumerator[] | null;
  readonly attributes: readonly Attribute[];
}

export interface Enumerator {
  readonly loc: SourceLoc;
  readonly name: string;
  readonly value: Expr | null;
}

export interface DeclSpecs {
  readonly loc: SourceLoc;
  readonly storage: readonly StorageClass[];
  readonly typeSpecs: readonly TypeSpec[];
  readonly qualifiers: readonly TypeQualifier[];
  readonly functionSpecs: readonly FunctionSpecifier[];
  /** `_Alignas(type)` or `_Alignas(constant-expression)`. */
  readonly alignas: readonly (TypeName | Expr)[];
  readonly attributes: readonly Attribute[];
}

export type Declarator =
  /** The declared name; `name` is null in an abstract declarator (type names, unnamed parameters). */
  | { readonly kind: 'ident'; readonly loc: SourceLoc; readonly name: string | null }
  | { readonly kind: 'pointer'; readonly loc: SourceLoc; readonly qualifiers: readonly TypeQualifier[]; readonly inner: Declarator; readonly attributes: readonly Attribute[] }
  | {
      readonly kind: 'array';
      readonly loc: SourceLoc;
      readonly inner: Declarator;
      /** null for `[]`. */
      readonly size: Expr | null;
      /** `[*]` in a prototype: a VLA of unspecified size. */
      readonly isStar: boolean;
      /** `[static n]` and qualifiers inside the brackets of a parameter. */
      readonly isStatic: boolean;
      readonly qualifiers: readonly TypeQualifier[];
    }
  | {
      readonly kind: 'function';
      readonly loc: SourceLoc;
      readonly inner: Declarator;
      readonly params: readonly ParamDecl[];
      readonly isVariadic: boolean;
      /** `f()` in C11: no information about the parameters (not the same as `f(void)`). */
      readonly hasPrototype: boolean;
      /** Old-style identifier list `f(a, b)` (K&R definitions), else empty. */
      readonly identifiers: readonly { readonly loc: SourceLoc; readonly name: string }[];
    };

export interface ParamDecl {
  readonly loc: SourceLoc;
  readonly specs: DeclSpecs;
  /** Abstract (name null) for unnamed parameters. */
  readonly declarator: Declarator;
}

export interface TypeName {
  readonly kind: 'typeName';
  readonly loc: SourceLoc;
  readonly specs: DeclSpecs;
  /** Always abstract: its innermost ident has name null. */
  readonly declarator: Declarator;
}

export interface InitDeclarator {
  readonly loc: SourceLoc;
  readonly declarator: Declarator;
  readonly init: Initializer | null;
  /** GNU `__asm__("symbol")`: the symbol name to use instead of the C name. */
  readonly asmLabel: string | null;
  readonly attributes: readonly Attribute[];
}

export interface Declaration {
  readonly kind: 'declaration';
  readonly loc: SourceLoc;
  readonly specs: DeclSpecs;
  /** Empty for declarations that only declare a tag (`struct s { … };`). */
  readonly declarators: readonly InitDeclarator[];
}

export interface StaticAssert {
  readonly kind: 'staticAssert';
  readonly loc: SourceLoc;
  readonly cond: Expr;
  /** The message string's bytes, or null when omitted (C23). */
  readonly message: StringLit | null;
}

export interface FunctionDef {
  readonly kind: 'functionDef';
  readonly loc: SourceLoc;
  readonly specs: DeclSpecs;
  readonly declarator: Declarator;
  /** K&R parameter declarations between `)` and `{`, else empty. */
  readonly oldStyleDecls: readonly Declaration[];
  readonly body: CompoundStmt;
  readonly asmLabel: string | null;
}

export type Initializer =
  | { readonly kind: 'initExpr'; readonly loc: SourceLoc; readonly expr: Expr }
  | InitList;

export interface InitList {
  readonly kind: 'initList';
  readonly loc: SourceLoc;
  readonly items: readonly InitItem[];
  /** A long list of plain numbers, compact (constant-run.ts); `items` then holds the same elements, built when first read. */
  readonly run?: ConstantRun;
}

export interface InitItem {
  readonly loc: SourceLoc;
  /** Empty when the item has no designation. */
  readonly designators: readonly Designator[];
  readonly init: Initializer;
}

export type Designator =
  | { readonly kind: 'field'; readonly loc: SourceLoc; readonly name: string }
  /** `[i]`, or the GNU range `[lo ... hi]` when `high` is set. */
  | { readonly kind: 'index'; readonly loc: SourceLoc; readonly index: Expr; readonly high: Expr | null };

// ---------------------------------------------------------------- statements

export type Stmt =
  | CompoundStmt
  | { readonly kind: 'exprStmt'; readonly loc: SourceLoc; readonly expr: Expr | null }
  | { readonly kind: 'if'; readonly loc: SourceLoc; readonly cond: Expr; readonly then: Stmt; readonly else: Stmt | null }
  | { readonly kind: 'while'; readonly loc: SourceLoc; readonly cond: Expr; readonly body: Stmt }
  | { readonly kind: 'doWhile'; readonly loc: SourceLoc; readonly body: Stmt; readonly cond: Expr }
  | { readonly kind: 'for'; readonly loc: SourceLoc; readonly init: Declaration | Expr | null; readonly cond: Expr | null; readonly step: Expr | null; readonly body: Stmt }
  | { readonly kind: 'switch'; readonly loc: SourceLoc; readonly value: Expr; readonly body: Stmt }
  /** `case v:` or the GNU range `case lo ... hi:` */
  | { readonly kind: 'case'; readonly loc: SourceLoc; readonly value: Expr; readonly high: Expr | null; readonly body: Stmt }
  | { readonly kind: 'default'; readonly loc: SourceLoc; readonly body: Stmt }
  | { readonly kind: 'label'; readonly loc: SourceLoc; readonly name: string; readonly body: Stmt }
  | { readonly kind: 'goto'; readonly loc: SourceLoc; readonly label: string }
  /** GNU computed goto `goto *expr;` */
  | { readonly kind: 'gotoExpr'; readonly loc: SourceLoc; readonly target: Expr }
  | { readonly kind: 'break'; readonly loc: SourceLoc }
  | { readonly kind: 'continue'; readonly loc: SourceLoc }
  | { readonly kind: 'return'; readonly loc: SourceLoc; readonly value: Expr | null }
  /** GNU inline assembly (gcc manual "Basic Asm", "Extended Asm"). */
  | AsmStmt;

/** `asm [volatile|inline|goto] ( template [: outputs [: inputs [: clobbers [: labels]]]] );` */
export interface AsmStmt {
  readonly kind: 'asm';
  readonly loc: SourceLoc;
  readonly template: string;
  readonly isVolatile: boolean;
  readonly isGoto: boolean;
  /** Basic asm has no colon at all: its template is used verbatim (no `%` substitution). */
  readonly isBasic: boolean;
  readonly outputs: readonly AsmOperand[];
  readonly inputs: readonly AsmOperand[];
  readonly clobbers: readonly { readonly loc: SourceLoc; readonly text: string }[];
  readonly labels: readonly { readonly loc: SourceLoc; readonly name: string }[];
}

/** `[name] "constraint" (expr)` */
export interface AsmOperand {
  readonly loc: SourceLoc;
  readonly name: string | null;
  readonly constraint: string;
  readonly expr: Expr;
}

export interface CompoundStmt {
  readonly kind: 'compound';
  readonly loc: SourceLoc;
  readonly items: readonly BlockItem[];
  /** Position of the closing brace (missing-return diagnostics point here). */
  readonly endLoc: SourceLoc;
}

export type BlockItem = Stmt | Declaration | StaticAssert;

// ---------------------------------------------------------------- expressions

export type BinaryOp =
  | '*' | '/' | '%' | '+' | '-' | '<<' | '>>'
  | '<' | '>' | '<=' | '>=' | '==' | '!='
  | '&' | '^' | '|' | '&&' | '||' | ',';

export type AssignOp = '=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|=';

/** With GNU `__real__` / `__imag__` (the parts of a complex value). */
export type UnaryOp = '+' | '-' | '!' | '~' | '*' | '&' | '__real__' | '__imag__';

export interface StringLit {
  readonly kind: 'string';
  readonly loc: SourceLoc;
  /** Encoding prefix of the (concatenated) literal. */
  readonly prefix: '' | 'u8' | 'u' | 'U' | 'L';
  /**
   * The code units after escape processing and concatenation, without the
   * terminating zero: bytes for '' and 'u8' (UTF-8 encoded), UTF-16 units
   * for 'u', code points for 'U' and 'L'.
   */
  readonly units: readonly number[];
}

export type Expr =
  | {
      readonly kind: 'intLit';
      readonly loc: SourceLoc;
      readonly value: bigint;
      /** Suffix: 'u' and the number of 'l's, which with the radix pick the type (C11 6.4.4.1p5). */
      readonly isUnsigned: boolean;
      readonly longs: 0 | 1 | 2;
      readonly isDecimal: boolean;
      /** The literal as written, for messages. */
      readonly text: string;
      /** GNU imaginary constant (`3i`): the complex value 0 + 3i. */
      readonly isImaginary?: boolean;
    }
  /** `isImaginary`: GNU imaginary constant (`2.0i`, `1.0iF`). */
  | { readonly kind: 'floatLit'; readonly loc: SourceLoc; readonly value: number; readonly suffix: '' | 'f' | 'l'; readonly text: string; readonly isImaginary?: boolean }
  /** Character constant; `value` is the int value (C11 6.4.4.4p10: `'\xff'` is -1 with signed char). */
  | { readonly kind: 'charLit'; readonly loc: SourceLoc; readonly value: number; readonly prefix: '' | 'u' | 'U' | 'L' }
  | StringLit
  | { readonly kind: 'ident'; readonly loc: SourceLoc; readonly name: string }
  | { readonly kind: 'binary'; readonly loc: SourceLoc; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'assign'; readonly loc: SourceLoc; readonly op: AssignOp; readonly target: Expr; readonly value: Expr }
  | { readonly kind: 'unary'; readonly loc: SourceLoc; readonly op: UnaryOp; readonly operand: Expr }
  | { readonly kind: 'incDec'; readonly loc: SourceLoc; readonly op: '++' | '--'; readonly isPrefix: boolean; readonly operand: Expr }
  /** GNU `a ?: b` has `then === cond` (the same object): evaluate the condition once and reuse its value. */
  | { readonly kind: 'cond'; readonly loc: SourceLoc; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: 'cast'; readonly loc: SourceLoc; readonly type: TypeName; readonly operand: Expr }
  | { readonly kind: 'sizeofExpr'; readonly loc: SourceLoc; readonly operand: Expr }
  | { readonly kind: 'sizeofType'; readonly loc: SourceLoc; readonly type: TypeName }
  /** `_Alignof(type)`, or GNU `__alignof__(expr)` when `type` is an Expr. */
  | { readonly kind: 'alignof'; readonly loc: SourceLoc; readonly type: TypeName | Expr }
  | { readonly kind: 'call'; readonly loc: SourceLoc; readonly callee: Expr; readonly args: readonly Expr[] }
  | { readonly kind: 'index'; readonly loc: SourceLoc; readonly base: Expr; readonly index: Expr }
  | { readonly kind: 'member'; readonly loc: SourceLoc; readonly base: Expr; readonly member: string; readonly isArrow: boolean }
  | { readonly kind: 'compoundLiteral'; readonly loc: SourceLoc; readonly type: TypeName; readonly init: InitList }
  | { readonly kind: 'generic'; readonly loc: SourceLoc; readonly control: Expr; readonly assocs: readonly GenericAssoc[] }
  /** GNU statement expression `({ … })`. */
  | { readonly kind: 'stmtExpr'; readonly loc: SourceLoc; readonly body: CompoundStmt }
  /**
   * Builtins whose operands are not all expressions: `__builtin_va_arg(ap, T)`,
   * `__builtin_offsetof(T, a.b[2])`, `__builtin_types_compatible_p(T, U)`,
   * `__builtin_convertvector(v, T)`.
   * Builtins with ordinary arguments are plain calls to an ident.
   */
  | { readonly kind: 'builtin'; readonly loc: SourceLoc; readonly name: string; readonly args: readonly (Expr | TypeName | OffsetofDesignator)[] }
  /** GNU `&&label` (address of a label). */
  | { readonly kind: 'labelAddr'; readonly loc: SourceLoc; readonly label: string };

export interface GenericAssoc {
  readonly loc: SourceLoc;
  /** null for `default:`. */
  readonly type: TypeName | null;
  readonly expr: Expr;
}

/** The member designator of `offsetof`: `a.b[2].c`. */
export interface OffsetofDesignator {
  readonly kind: 'offsetofDesignator';
  readonly loc: SourceLoc;
  readonly path: readonly ({ readonly kind: 'field'; readonly name: string; readonly loc: SourceLoc } | { readonly kind: 'index'; readonly index: Expr; readonly loc: SourceLoc })[];
}
