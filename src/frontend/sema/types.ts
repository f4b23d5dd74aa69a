// C types (C11 6.2.5) as sema sees them: plain readonly data in a `kind`
// union, with qualifiers (6.7.3) as a bit set on every type.
//
// Input: built by the declaration checker from declaration specifiers and
// declarators. Output: used by every later stage of sema and by lowering.
//
// Invariants:
//  - Struct/union/enum types point at a mutable `RecordInfo`/`EnumInfo`
//    owned by the tag scope; the info is shared by every use of the tag so
//    that completing the type later (6.7.2.3p4) completes all uses. Record
//    identity is the info object's identity.
//  - Sizes and alignments come from `TargetInfo` (System V AMD64 and
//    AAPCS64 are both LP64: long and pointers are 8 bytes, long double 16).
//  - The error type absorbs every operation so one mistake reports once.

import type { TExpr, TStmt, VarSym } from './typed.js';
import type { LongDoubleFormat } from './long-double.js';

export const Q_CONST = 1;
export const Q_VOLATILE = 2;
export const Q_RESTRICT = 4;
export const Q_ATOMIC = 8;

/**
 * Integer type names, in rank order within each signedness (6.3.1.1p1).
 * `int128`/`uint128` are GNU `__int128` and `unsigned __int128`: extended
 * integer types (6.2.5p4) of 16 bytes, 16-aligned (SysV psABI §3.1.2
 * table 3.1, AAPCS64 §5.1 "quad-word"), ranked above long long.
 */
export type IntName =
  | 'bool' | 'char' | 'schar' | 'uchar' | 'short' | 'ushort'
  | 'int' | 'uint' | 'long' | 'ulong' | 'llong' | 'ullong' | 'int128' | 'uint128';

export type FloatName = 'float' | 'double' | 'ldouble';

export interface RecordMember {
  /** null for unnamed bit-fields and anonymous struct/union members. */
  readonly name: string | null;
  readonly type: CType;
  /** Byte offset of the member (for bit-fields: of the storage unit, aligned to the type). */
  readonly offset: number;
  /** Bit-fields only: width and bit offset inside the storage unit at `offset`. */
  readonly bitWidth: number | null;
  readonly bitOffset: number;
}

export interface RecordInfo {
  readonly id: number;
  readonly tag: string | null;
  readonly isUnion: boolean;
  /** null while incomplete (declared but not defined). */
  members: RecordMember[] | null;
  size: number;
  align: number;
  hasFlexibleArray: boolean;
  /** Where the tag was defined, for redefinition notes. */
  defLoc: import('../../diagnostics.js').SourceLoc | null;
  /** Set on the record that represents `T _Complex` (sema/complex.ts): T. */
  readonly complexElem?: CType;
}

export interface EnumInfo {
  readonly id: number;
  readonly tag: string | null;
  isComplete: boolean;
  values: { name: string; value: bigint }[];
  /** The compatible integer type (6.7.2.2p4): int unless a value needs more. */
  underlying: IntName;
}

export interface FuncParam {
  readonly name: string | null;
  readonly type: CType;
  /** The parameter as later parameters' VLA sizes see it, and the hidden declarations evaluating its own VLA sizes (vla.ts). */
  readonly sym?: VarSym;
  readonly vlaDecls?: readonly TStmt[];
}

export type CType = (
  | { readonly kind: 'void'; readonly quals: number }
  | { readonly kind: 'int'; readonly name: IntName; readonly quals: number }
  | { readonly kind: 'float'; readonly name: FloatName; readonly quals: number }
  | { readonly kind: 'pointer'; readonly to: CType; readonly quals: number }
  /**
   * `length` null: incomplete (`int a[]`); `isVla`: a variable length array whose size is known only at run time,
   * its element count (type long) given by `vlaLength` (absent for `[*]`, see vla.ts).
   */
  | { readonly kind: 'array'; readonly elem: CType; readonly length: number | null; readonly isVla: boolean; readonly quals: number; readonly vlaLength?: TExpr }
  | {
      readonly kind: 'function';
      readonly ret: CType;
      readonly params: readonly FuncParam[];
      readonly isVariadic: boolean;
      /** false for `int f()` (no parameter information, 6.7.6.3p14). */
      readonly hasPrototype: boolean;
      readonly quals: number;
    }
  | { readonly kind: 'record'; readonly info: RecordInfo; readonly quals: number }
  | { readonly kind: 'enum'; readonly info: EnumInfo; readonly quals: number }
  /** GNU vector (`__attribute__((vector_size(N)))`): `length` elements of integer or floating `elem` (see vector.ts). */
  | { readonly kind: 'vector'; readonly elem: CType; readonly length: number; readonly quals: number }
  | { readonly kind: 'error'; readonly quals: number }
) & {
  /** GNU `aligned(N)` on a typedef: the type's alignment is N instead of its natural one (sizeof is unchanged). */
  readonly alignAttr?: number;
};

/**
 * The C facts a target's ABI fixes beyond LP64 sizes, from its calling
 * convention object (lower/abi/convention.ts).
 */
export interface TargetInfo {
  readonly name: 'x86_64' | 'aarch64';
  /** Whether plain `char` is signed (the ABI says: signed on SysV x86-64, unsigned under AAPCS64). */
  readonly isCharSigned: boolean;
  /**
   * `__builtin_va_list`: a record of `size` bytes (8-aligned) tagged `tag`,
   * or an array of one such record when `isArray` (so it decays to a
   * pointer when passed). Only the size matters to sema: the convention's
   * va_arg reads the fields by offset.
   */
  readonly vaList: { readonly tag: string; readonly size: number; readonly isArray: boolean };
  /** The format of long double (80-bit extended on x86-64, binary128 under AAPCS64) and how it is computed. */
  readonly longDouble: LongDoubleFormat;
}

// ---------------------------------------------------------------- constructors

export const VOID: CType = { kind: 'void', quals: 0 };
export const ERROR: CType = { kind: 'error', quals: 0 };
export function intType(name: IntName, quals = 0): CType {
  return { kind: 'int', name, quals };
}
export function floatType(name: FloatName, quals = 0): CType {
  return { kind: 'float', name, quals };
}
export const INT = intType('int');
export const UINT = intType('uint');
export const LONG = intType('long');
export const ULONG = intType('ulong');
export const CHAR = intType('char');
export const BOOL = intType('bool');
export const DOUBLE = floatType('double');
/** size_t and ptrdiff_t on LP64 targets. */
export const SIZE_T = ULONG;
export const PTRDIFF_T = LONG;

export function pointerTo(to: CType, quals = 0): CType {
  return { kind: 'pointer', to, quals };
}
export function arrayOf(elem: CType, length: number | null, isVla = false): CType {
  return { kind: 'array', elem, length, isVla, quals: 0 };
}
export function withQuals(t: CType, quals: number): CType {
  if (t.quals === quals) return t;
  // Qualifiers on an array type apply to its elements (6.7.3p9).
  if (t.kind === 'array') return { ...t, elem: withQuals(t.elem, t.elem.quals | quals) };
  return { ...t, quals } as CType;
}
export function unqualified(t: CType): CType {
  return withQuals(t, 0);
}

// ---------------------------------------------------------------- classification (6.2.5)

export function isInteger(t: CType): boolean {
  return t.kind === 'int' || t.kind === 'enum';
}
export function isArithmetic(t: CType): boolean {
  return t.kind === 'int' || t.kind === 'enum' || t.kind === 'float';
}
export function isScalar(t: CType): boolean {
  return isArithmetic(t) || t.kind === 'pointer';
}
export function isAggregate(t: CType): boolean {
  return t.kind === 'record' || t.kind === 'array';
}
export function isVoid(t: CType): boolean {
  return t.kind === 'void';
}
export function isError(t: CType): boolean {
  return t.kind === 'error';
}
export function isConst(t: CType): boolean {
  return (t.quals & Q_CONST) !== 0;
}
export function isFunctionPointer(t: CType): boolean {
  return t.kind === 'pointer' && t.to.kind === 'function';
}
export function isVoidPointer(t: CType): boolean {
  return t.kind === 'pointer' && t.to.kind === 'void';
}

/** The integer type an enum or integer type is represented as. */
export function intNameOf(t: CType): IntName {
  if (t.kind === 'int') return t.name;
  if (t.kind === 'enum') return t.info.underlying;
  if (t.kind === 'pointer') return 'ulong';
  throw new Error(`intNameOf: not an integer type: ${t.kind}`);
}

export function isSignedInt(name: IntName, target: Pick<TargetInfo, 'isCharSigned'>): boolean {
  switch (name) {
    case 'char': return target.isCharSigned;
    case 'schar': case 'short': case 'int': case 'long': case 'llong': case 'int128': return true;
    case 'bool': case 'uchar': case 'ushort': case 'uint': case 'ulong': case 'ullong': case 'uint128': return false;
  }
}
export function isSignedType(t: CType, target: TargetInfo): boolean {
  if (t.kind === 'float') return true;
  if (t.kind === 'int' || t.kind === 'enum') return isSignedInt(intNameOf(t), target);
  return false;
}

export function intSize(name: IntName): number {
  switch (name) {
    case 'bool': case 'char': case 'schar': case 'uchar': return 1;
    case 'short': case 'ushort': return 2;
    case 'int': case 'uint': return 4;
    case 'long': case 'ulong': case 'llong': case 'ullong': return 8;
    case 'int128': case 'uint128': return 16;
  }
}

/** Integer conversion rank (6.3.1.1p1); long and long long differ in rank though equal in size. */
export function intRank(name: IntName): number {
  switch (name) {
    case 'bool': return 0;
    case 'char': case 'schar': case 'uchar': return 1;
    case 'short': case 'ushort': return 2;
    case 'int': case 'uint': return 3;
    case 'long': case 'ulong': return 4;
    case 'llong': case 'ullong': return 5;
    case 'int128': case 'uint128': return 6;
  }
}

export function toUnsigned(name: IntName): IntName {
  switch (name) {
    case 'char': case 'schar': return 'uchar';
    case 'short': return 'ushort';
    case 'int': return 'uint';
    case 'long': return 'ulong';
    case 'llong': return 'ullong';
    case 'int128': return 'uint128';
    default: return name;
  }
}

/** The range of an integer type as bigints. */
export function intRange(name: IntName, target: TargetInfo): { min: bigint; max: bigint } {
  const bits = BigInt(intSize(name) * 8);
  if (name === 'bool') return { min: 0n, max: 1n };
  if (isSignedInt(name, target)) return { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
  return { min: 0n, max: (1n << bits) - 1n };
}

/** Wraps `v` into the range of the integer type (6.3.1.3; implementation-defined for signed: modulo, as gcc). */
export function wrapInt(v: bigint, name: IntName, target: TargetInfo): bigint {
  if (name === 'bool') return v === 0n ? 0n : 1n;
  const bits = intSize(name) * 8;
  return isSignedInt(name, target) ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

// ---------------------------------------------------------------- size and alignment

export function isComplete(t: CType): boolean {
  switch (t.kind) {
    case 'void': case 'function': return false;
    case 'error': return true;
    case 'int': case 'float': case 'pointer': case 'vector': return true;
    case 'array': return t.length !== null || t.isVla;
    case 'record': return t.info.members !== null;
    case 'enum': return t.info.isComplete;
  }
}

/** sizeof (6.5.3.4); for incomplete types, VLAs and functions returns 1/0 — callers diagnose first. */
export function sizeOf(t: CType): number {
  switch (t.kind) {
    case 'void': case 'function': return 1; // GNU: sizeof(void) == 1, used by void* arithmetic
    case 'error': return 1;
    case 'int': return intSize(t.name);
    case 'enum': return intSize(t.info.underlying);
    case 'float': return t.name === 'float' ? 4 : t.name === 'double' ? 8 : 16;
    case 'pointer': return 8;
    case 'array': return t.length === null ? 0 : t.length * sizeOf(t.elem);
    case 'record': return t.info.size;
    case 'vector': return t.length * sizeOf(t.elem);
  }
}

export function alignOf(t: CType): number {
  if (t.alignAttr !== undefined) return t.alignAttr;
  switch (t.kind) {
    case 'void': case 'function': case 'error': return 1;
    case 'int': case 'enum': case 'float': case 'pointer': return sizeOf(t);
    case 'array': return alignOf(t.elem);
    case 'record': return t.info.align;
    // gcc lays vectors out aligned to their whole size (its _Alignof caps at 16, see check-expr).
    case 'vector': return sizeOf(t);
  }
}

export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

// ---------------------------------------------------------------- compatibility (6.2.7)

/** Compatible types (6.2.7p1), qualifiers included. */
export function areCompatible(a: CType, b: CType): boolean {
  if (a.kind === 'error' || b.kind === 'error') return true;
  if (a.quals !== b.quals) return false;
  return areCompatibleUnqualified(a, b);
}

export function areCompatibleUnqualified(a: CType, b: CType): boolean {
  if (a.kind === 'error' || b.kind === 'error') return true;
  // An enum is compatible with its underlying integer type (6.7.2.2p4).
  if (a.kind === 'enum' && b.kind === 'int') return a.info.underlying === b.name;
  if (a.kind === 'int' && b.kind === 'enum') return b.info.underlying === a.name;
  switch (a.kind) {
    case 'void': return b.kind === 'void';
    case 'int': return b.kind === 'int' && a.name === b.name;
    case 'float': return b.kind === 'float' && a.name === b.name;
    case 'pointer': return b.kind === 'pointer' && areCompatible(a.to, b.to);
    case 'array':
      return b.kind === 'array' && areCompatible(a.elem, b.elem) &&
        (a.length === null || b.length === null || a.isVla || b.isVla || a.length === b.length);
    case 'record': return b.kind === 'record' && a.info === b.info;
    case 'enum': return b.kind === 'enum' && a.info === b.info;
    case 'vector': return b.kind === 'vector' && a.length === b.length && areCompatible(a.elem, b.elem);
    case 'function': return b.kind === 'function' && areFunctionsCompatible(a, b);
  }
}

function areFunctionsCompatible(a: Extract<CType, { kind: 'function' }>, b: Extract<CType, { kind: 'function' }>): boolean {
  if (!areCompatible(a.ret, b.ret)) return false;
  if (a.hasPrototype && b.hasPrototype) {
    if (a.params.length !== b.params.length || a.isVariadic !== b.isVariadic) return false;
    // Parameter qualifiers do not take part (6.7.6.3p15).
    return a.params.every((p, i) => areCompatible(unqualified(p.type), unqualified(b.params[i]!.type)));
  }
  // One side unprototyped: the prototyped one must not be variadic and its
  // parameters must survive the default argument promotions (6.7.6.3p15).
  const proto = a.hasPrototype ? a : b.hasPrototype ? b : null;
  if (proto === null) return true;
  if (proto.isVariadic) return false;
  return proto.params.every((p) => !(p.type.kind === 'float' && p.type.name === 'float') &&
    !(p.type.kind === 'int' && intRank(p.type.name) < intRank('int')));
}

/** The composite type (6.2.7p3) of two compatible types: array lengths and prototypes are merged. */
export function compositeType(a: CType, b: CType): CType {
  if (a.kind === 'array' && b.kind === 'array') {
    return { ...a, elem: compositeType(a.elem, b.elem), length: a.length ?? b.length };
  }
  if (a.kind === 'function' && b.kind === 'function') {
    // Neither a prototype: keep the parameter list an old-style definition gave (promoted types), which
    // the definition's code is built for, over an empty `T f()` declared after it.
    if (!a.hasPrototype && !b.hasPrototype) return { ...(a.params.length >= b.params.length ? a : b), ret: compositeType(a.ret, b.ret) };
    if (!a.hasPrototype) return { ...b, ret: compositeType(a.ret, b.ret) };
    if (!b.hasPrototype) return { ...a, ret: compositeType(a.ret, b.ret) };
    return { ...a, ret: compositeType(a.ret, b.ret), params: a.params.map((p, i) => ({ name: p.name ?? b.params[i]!.name, type: compositeType(p.type, b.params[i]!.type) })) };
  }
  if (a.kind === 'pointer' && b.kind === 'pointer') return { ...a, to: compositeType(a.to, b.to) };
  return a;
}

// ---------------------------------------------------------------- printing (clang's spelling)

const INT_SPELLING: Record<IntName, string> = {
  bool: '_Bool', char: 'char', schar: 'signed char', uchar: 'unsigned char',
  short: 'short', ushort: 'unsigned short', int: 'int', uint: 'unsigned int',
  long: 'long', ulong: 'unsigned long', llong: 'long long', ullong: 'unsigned long long',
  int128: '__int128', uint128: 'unsigned __int128',
};

export function intSpelling(name: IntName): string {
  return INT_SPELLING[name];
}

function qualPrefix(quals: number): string {
  const parts: string[] = [];
  if (quals & Q_CONST) parts.push('const');
  if (quals & Q_VOLATILE) parts.push('volatile');
  if (quals & Q_RESTRICT) parts.push('restrict');
  if (quals & Q_ATOMIC) parts.push('_Atomic');
  return parts.join(' ');
}

/** The name a record or enum type is printed with: `struct s`, `struct (anonymous)`. */
export function tagSpelling(t: CType): string {
  // gcc's spelling of complex types: `complex double`.
  if (t.kind === 'record' && t.info.complexElem) return `complex ${printType(t.info.complexElem)}`;
  if (t.kind === 'record') return `${t.info.isUnion ? 'union' : 'struct'} ${t.info.tag ?? '(anonymous)'}`;
  if (t.kind === 'enum') return `enum ${t.info.tag ?? '(anonymous)'}`;
  return printType(t);
}

/**
 * The C spelling of a type as clang prints it in diagnostics: `int *`,
 * `const char *`, `char *const`, `int (*)[3]`, `int (int, char *)`, `int[3]`.
 * Built inside out like a declarator (6.7.6): `inner` is what the type wraps.
 */
export function printType(t: CType, inner = ''): string {
  switch (t.kind) {
    case 'void': case 'int': case 'float': case 'record': case 'enum': case 'error': {
      const base = t.kind === 'void' ? 'void' : t.kind === 'int' ? INT_SPELLING[t.name]
        : t.kind === 'float' ? (t.name === 'ldouble' ? 'long double' : t.name)
        : t.kind === 'error' ? '<error>' : tagSpelling(t);
      const q = qualPrefix(t.quals);
      const head = q ? `${q} ${base}` : base;
      if (inner === '') return head;
      return inner.startsWith('[') ? head + inner : `${head} ${inner}`;
    }
    case 'pointer': {
      const q = qualPrefix(t.quals);
      let s = '*' + q + (q && inner ? ' ' : '') + inner;
      if (t.to.kind === 'array' || t.to.kind === 'function') s = `(${s})`;
      return printType(t.to, s);
    }
    case 'array':
      return printType(t.elem, `${inner}[${t.length ?? (t.isVla ? '*' : '')}]`);
    case 'vector': {
      // gcc's spelling: `__vector(4) int`.
      const q = qualPrefix(t.quals);
      const head = `${q ? q + ' ' : ''}__vector(${t.length}) ${printType(t.elem)}`;
      return inner === '' ? head : inner.startsWith('[') ? head + inner : `${head} ${inner}`;
    }
    case 'function': {
      const ps = t.params.map((p) => printType(p.type));
      if (t.isVariadic) ps.push('...');
      const list = ps.length > 0 ? ps.join(', ') : t.hasPrototype ? 'void' : '';
      return printType(t.ret, `${inner}(${list})`);
    }
  }
}

/** `'int *'` — a type in quotes, as diagnostics show it. */
export function quoteType(t: CType): string {
  return `'${printType(t)}'`;
}
