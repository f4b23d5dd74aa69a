// Types from declaration specifiers and declarators (C11 6.7.2 - 6.7.7):
// base types from keyword combinations, typedef names, struct/union/enum
// specifiers with their layout, and the declarator walk that wraps pointer,
// array and function types around the base type.
//
// Input: AST DeclSpecs / Declarator / TypeName. Output: CType values and the
// declared name. Tags are declared in the current scope as a side effect
// (6.7.2.3). Invariant: a mistake yields the error type after one diagnostic.

import { declarePrototypeParam, isVlaSized, vlaArrayType } from './vla.js';
import type { TStmt } from './typed.js';
import type { SourceLoc } from '../../diagnostics.js';
import type * as A from '../parse/ast.js';
import { nameRange, type SemaContext } from './context.js';
import { checkExpr } from './check-expr.js';
import { evalIntConst } from './const-eval.js';
import { rvalue } from './conversions.js';
import { layoutRecord, type MemberInput } from './layout.js';
import { complexType } from './complex.js';
import { applyDeclVectorSize, applyVectorSize } from './vector.js';
import {
  alignOf, arrayOf, DOUBLE, ERROR, floatType, intType, isComplete, isError, isInteger, pointerTo, printType, Q_ATOMIC, Q_CONST,
  Q_RESTRICT, Q_VOLATILE, quoteType, unqualified, VOID, withQuals, intSize, type CType, type EnumInfo, type FuncParam,
  type IntName, type RecordInfo, type RecordMember, type TargetInfo,
} from './types.js';

export interface ResolvedSpecs {
  readonly type: CType;
  readonly storage: A.StorageClass | null;
  readonly isInline: boolean;
  readonly explicitAlign: number;
  readonly isThreadLocal: boolean;
  /** GNU `noinline` / `always_inline` among the attributes ('never' wins), else null. */
  readonly inlining: 'never' | 'always' | null;
}

export function qualBits(qs: readonly A.TypeQualifier[]): number {
  let q = 0;
  for (const x of qs) q |= x === 'const' ? Q_CONST : x === 'volatile' ? Q_VOLATILE : x === 'restrict' ? Q_RESTRICT : Q_ATOMIC;
  return q;
}

/** Normalised attribute name: `__packed__` -> `packed`. */
export function attrName(a: A.Attribute): string {
  return a.name.replace(/^__(.*)__$/, '$1');
}

/** `declaresTagOnly`: the declaration is `struct s;` — it declares a new tag in the current scope (6.7.2.3p7). */
export function resolveSpecs(ctx: SemaContext, specs: A.DeclSpecs, declaresTagOnly = false): ResolvedSpecs {
  let storage: A.StorageClass | null = null;
  let isThreadLocal = false;
  for (const s of specs.storage) {
    if (s === '_Thread_local') { isThreadLocal = true; continue; }
    if (storage !== null && storage !== s) ctx.error(specs.loc, `cannot combine with previous '${storage}' declaration specifier`);
    else storage = s;
  }
  let type = baseType(ctx, specs, declaresTagOnly);
  type = withQuals(type, type.quals | qualBits(specs.qualifiers));
  type = applyVectorSize(ctx, type, specs.attributes);
  let explicitAlign = 0;
  for (const a of specs.alignas) {
    const n = alignasValue(ctx, a);
    if (n !== null) explicitAlign = Math.max(explicitAlign, n);
  }
  for (const a of specs.attributes) {
    if (attrName(a) === 'aligned') explicitAlign = Math.max(explicitAlign, attributeAlign(ctx, a));
  }
  return { type, storage, isInline: specs.functionSpecs.includes('inline'), explicitAlign, isThreadLocal, inlining: inliningOf(specs.attributes, null) };
}

/** What `noinline` and `always_inline` in `attributes` ask of the inliner, on top of `prev`. */
export function inliningOf(attributes: readonly A.Attribute[], prev: 'never' | 'always' | null): 'never' | 'always' | null {
  let r = prev;
  for (const a of attributes) {
    const n = attrName(a);
    if (n === 'noinline') r = 'never';
    else if (n === 'always_inline' && r === null) r = 'always';
  }
  return r;
}

function alignasValue(ctx: SemaContext, a: A.TypeName | A.Expr): number | null {
  if (a.kind === 'typeName') return alignOf(checkTypeName(ctx, a));
  const v = evalIntConst(rvalue(checkExpr(ctx, a)), ctx.target);
  if (v === null) {
    ctx.error(a.loc, `expression is not an integer constant expression`);
    return null;
  }
  if (v !== 0n && (v < 0n || (v & (v - 1n)) !== 0n)) {
    ctx.error(a.loc, `requested alignment is not a power of 2`);
    return null;
  }
  return Number(v);
}

export function attributeAlign(ctx: SemaContext, a: A.Attribute): number {
  if (a.args.length === 0) return 16; // gcc: the largest useful alignment on the target
  const v = evalIntConst(rvalue(checkExpr(ctx, a.args[0]!)), ctx.target);
  if (v === null || v <= 0n || (v & (v - 1n)) !== 0n) {
    ctx.error(a.loc, `requested alignment is not a positive power of 2`);
    return 0;
  }
  return Number(v);
}

function isAfter(a: SourceLoc, b: SourceLoc): boolean {
  return a.line > b.line || (a.line === b.line && a.col > b.col);
}

/** The type named by the type specifiers (6.7.2p2 lists the valid combinations). */
function baseType(ctx: SemaContext, specs: A.DeclSpecs, declaresTagOnly: boolean): CType {
  const words = new Map<A.TypeKeyword, number>();
  let other: CType | null = null;
  /** A struct/union/enum specifier with a body: a type keyword after it means its ';' is missing. */
  let definition: A.RecordSpec | A.EnumSpec | null = null;
  for (const ts of specs.typeSpecs) {
    switch (ts.kind) {
      case 'keyword': words.set(ts.name, (words.get(ts.name) ?? 0) + 1); break;
      case 'record': other = checkRecordSpec(ctx, ts, declaresTagOnly); if (ts.members !== null) definition = ts; break;
      case 'enum': other = checkEnumSpec(ctx, ts); if (ts.enumerators !== null) definition = ts; break;
      case 'typedefName': {
        const e = ctx.scope.lookup(ts.name);
        if (e?.kind !== 'typedef') {
          ctx.error(ts.loc, `unknown type name '${ts.name}'`);
          other = ERROR;
        } else {
          other = e.type;
        }
        break;
      }
      case 'typeof': {
        if (ts.arg.kind === 'typeName') other = checkTypeName(ctx, ts.arg);
        else other = checkExpr(ctx, ts.arg).type;
        break;
      }
      case 'atomic': other = withQuals(checkTypeName(ctx, ts.type), Q_ATOMIC); break;
      default: return ts satisfies never;
    }
  }
  const keywordAfterBody = definition === null ? undefined : specs.typeSpecs.find((w) => w.kind === 'keyword' && isAfter(w.loc, definition.loc));
  if (other !== null && keywordAfterBody !== undefined && definition !== null) {
    // `struct s { … }` then `int main(…)` on the next line: the usual slip. Say so (as clang does), and let
    // the keywords name the type, which is what the declaration meant: no cascade of type errors.
    const what = definition.kind === 'enum' ? 'enum' : definition.isUnion ? 'union' : 'struct';
    ctx.error(keywordAfterBody.loc, `expected ';' after ${what} definition`);
  } else if (other !== null) {
    if (words.size > 0) {
      ctx.error(specs.loc, `cannot combine with previous '${printType(other)}' declaration specifier`);
    }
    return other;
  }
  if (words.size === 0) {
    ctx.error(specs.loc, `type specifier missing, defaults to 'int'; ISO C99 and later do not support implicit int`);
    return intType('int');
  }
  return keywordType(ctx, words, specs.loc);
}

/** `_Complex T` (6.7.2p2); plain `_Complex` is `double _Complex` and `_Complex int` a GNU integer complex, as in gcc. */
function complexSpecifierType(ctx: SemaContext, words: Map<A.TypeKeyword, number>, loc: SourceLoc): CType {
  const rest = new Map(words);
  rest.delete('_Complex');
  if ((words.get('_Complex') ?? 0) > 1) {
    ctx.error(loc, `duplicate '_Complex'`);
    return ERROR;
  }
  const elem = rest.size === 0 ? DOUBLE : keywordType(ctx, rest, loc);
  if (isError(elem)) return elem;
  if (elem.kind !== 'float' && !(elem.kind === 'int' && elem.name !== 'bool')) {
    ctx.error(loc, `invalid combination of type specifiers`);
    return ERROR;
  }
  return complexType(elem);
}

function keywordType(ctx: SemaContext, words: Map<A.TypeKeyword, number>, loc: SourceLoc): CType {
  const n = (k: A.TypeKeyword) => words.get(k) ?? 0;
  const isUnsigned = n('unsigned') > 0;
  const isSigned = n('signed') > 0;
  const bad = () => {
    ctx.error(loc, `invalid combination of type specifiers`);
    return ERROR;
  };
  if ((isSigned && isUnsigned) || n('unsigned') > 1 || n('signed') > 1) return bad();
  const core = [...words.keys()].filter((k) => k !== 'signed' && k !== 'unsigned');
  const only = (...ks: A.TypeKeyword[]) => core.every((k) => ks.includes(k));
  if (n('_Complex') > 0) return complexSpecifierType(ctx, words, loc);
  if (n('void') > 0) return core.length === 1 && n('void') === 1 && !isSigned && !isUnsigned ? VOID : bad();
  if (n('_Bool') > 0) return core.length === 1 && n('_Bool') === 1 && !isSigned && !isUnsigned ? intType('bool') : bad();
  if (n('__builtin_va_list') > 0) return core.length === 1 ? vaListType(ctx.target) : bad();
  if (n('float') > 0) return core.length === 1 && n('float') === 1 && !isSigned && !isUnsigned ? floatType('float') : bad();
  if (n('double') > 0) {
    if (isSigned || isUnsigned || n('double') > 1 || !only('double', 'long') || n('long') > 1) return bad();
    return floatType(n('long') === 1 ? 'ldouble' : 'double');
  }
  if (n('__int128') > 0) return core.length === 1 && n('__int128') === 1 ? intType(isUnsigned ? 'uint128' : 'int128') : bad();
  if (n('char') > 0) {
    if (core.length !== 1 || n('char') > 1) return bad();
    return intType(isUnsigned ? 'uchar' : isSigned ? 'schar' : 'char');
  }
  if (!only('short', 'long', 'int') || n('int') > 1) return bad();
  let name: IntName;
  if (n('short') > 0) {
    if (n('short') > 1 || n('long') > 0) return bad();
    name = 'short';
  } else if (n('long') === 1) name = 'long';
  else if (n('long') === 2) name = 'llong';
  else if (n('long') > 2) {
    ctx.error(loc, `'long long long' is invalid`);
    return ERROR;
  } else name = 'int';
  if (!isUnsigned) return intType(name);
  const u: Record<string, IntName> = { short: 'ushort', int: 'uint', long: 'ulong', llong: 'ullong' };
  return intType(u[name]!);
}

/** `__builtin_va_list` as the target's ABI defines it (TargetInfo.vaList); one record per layout, so every use is one type. */
const vaListInfos = new Map<string, RecordInfo>();
export function vaListType(target: TargetInfo): CType {
  const { tag, size, isArray } = target.vaList;
  const key = `${tag}:${size}`;
  let info = vaListInfos.get(key);
  if (!info) {
    info = { id: -1, tag, isUnion: false, members: [], size, align: 8, hasFlexibleArray: false, defLoc: null };
    vaListInfos.set(key, info);
  }
  const rec: CType = { kind: 'record', info, quals: 0 };
  return isArray ? arrayOf(rec, 1) : rec;
}

// ---------------------------------------------------------------- struct and union (6.7.2.1)

function checkRecordSpec(ctx: SemaContext, spec: A.RecordSpec, declaresTagOnly: boolean): CType {
  const kindWord = spec.isUnion ? 'union' : 'struct';
  let info: RecordInfo | null = null;
  if (spec.tag !== null) {
    const here = ctx.scope.tags.get(spec.tag);
    const visible = spec.members === null && !declaresTagOnly ? ctx.scope.lookupTag(spec.tag) : here;
    if (visible) {
      if (visible.type.kind !== 'record' || visible.type.info.isUnion !== spec.isUnion) {
        ctx.error(spec.loc, `use of '${spec.tag}' with tag type that does not match previous declaration`, [ctx.note(visible.loc, 'previous use is here')]);
        return ERROR;
      }
      info = visible.type.info;
      if (spec.members !== null && info.members !== null) {
        ctx.error(spec.loc, `redefinition of '${kindWord} ${spec.tag}'`, info.defLoc ? [ctx.note(info.defLoc, 'previous definition is here')] : []);
        return ERROR;
      }
    }
  }
  if (info === null) {
    info = { id: ctx.freshId(), tag: spec.tag, isUnion: spec.isUnion, members: null, size: 0, align: 1, hasFlexibleArray: false, defLoc: null };
    if (spec.tag !== null) ctx.scope.tags.set(spec.tag, { type: { kind: 'record', info, quals: 0 }, loc: spec.loc });
  }
  const type: CType = { kind: 'record', info, quals: 0 };
  if (spec.members !== null) defineRecord(ctx, info, spec);
  return type;
}

function defineRecord(ctx: SemaContext, info: RecordInfo, spec: A.RecordSpec): void {
  const inputs: MemberInput[] = [];
  const names = new Map<string, SourceLoc>();
  const addName = (name: string, loc: SourceLoc) => {
    const prev = names.get(name);
    if (prev) ctx.error(loc, `duplicate member '${name}'`, [ctx.note(prev, 'previous declaration is here')]);
    else names.set(name, loc);
  };
  const members = spec.members ?? [];
  members.forEach((m, index) => {
    if (m.kind === 'staticAssert') {
      checkStaticAssert(ctx, m);
      return;
    }
    const rs = resolveSpecs(ctx, m.specs);
    if (m.declarators.length === 0) {
      // An anonymous struct or union member (6.7.2.1p13).
      if (rs.type.kind === 'record' && rs.type.info.tag === null) {
        for (const inner of rs.type.info.members ?? []) if (inner.name) addName(inner.name, m.loc);
        inputs.push({ name: null, type: rs.type, bitWidth: null, explicitAlign: rs.explicitAlign });
      } else {
        ctx.warning(m.loc, `declaration does not declare anything`);
      }
      return;
    }
    m.declarators.forEach((md, di) => {
      const d = applyDeclVectorSize(ctx, md.declarator ? applyDeclarator(ctx, rs.type, md.declarator) : { name: null, type: rs.type, loc: md.loc }, md.attributes);
      const name = d.name;
      let type = d.type;
      const isLast = index === members.length - 1 && di === m.declarators.length - 1;
      if (name) addName(name, d.loc);
      let bitWidth: number | null = null;
      if (md.bitWidth) bitWidth = checkBitWidth(ctx, md.bitWidth, type, name);
      if (type.kind === 'function') {
        ctx.error(d.loc, `field '${name ?? ''}' declared as a function`);
        type = ERROR;
      } else if (isVlaSized(type)) {
        // gcc's variable-size members (VLAIS) are a GNU extension we do not implement.
        ctx.error(d.loc, `a member of variably modified type is not supported`);
        type = ERROR;
      } else if (!isComplete(type) && !isError(type)) {
        const isFlexible = type.kind === 'array' && type.length === null && isLast && !info.isUnion;
        if (!isFlexible) {
          ctx.error(d.loc, `field has incomplete type ${quoteType(type)}`);
          type = ERROR;
        }
      }
      let explicitAlign = rs.explicitAlign;
      for (const a of md.attributes) if (attrName(a) === 'aligned') explicitAlign = Math.max(explicitAlign, attributeAlign(ctx, a));
      inputs.push({ name, type, bitWidth, explicitAlign });
    });
  });
  const isPacked = spec.attributes.some((a) => attrName(a) === 'packed');
  let align = 0;
  for (const a of spec.attributes) if (attrName(a) === 'aligned') align = Math.max(align, attributeAlign(ctx, a));
  const layout = layoutRecord(inputs, info.isUnion, isPacked, align);
  info.members = layout.members;
  info.size = layout.size;
  info.align = layout.align;
  info.hasFlexibleArray = layout.hasFlexibleArray;
  info.defLoc = spec.loc;
}

function checkBitWidth(ctx: SemaContext, e: A.Expr, type: CType, name: string | null): number | null {
  const v = evalIntConst(rvalue(checkExpr(ctx, e)), ctx.target);
  const who = name ? `'${name}'` : 'anonymous bit-field';
  if (!isInteger(type)) {
    if (!isError(type)) ctx.error(e.loc, `bit-field ${who} has non-integral type ${quoteType(type)}`);
    return null;
  }
  if (v === null) {
    ctx.error(e.loc, `integer constant expression expected`);
    return null;
  }
  if (v < 0n) {
    ctx.error(e.loc, `bit-field ${who} has negative width (${v})`);
    return null;
  }
  const max = BigInt((type.kind === 'int' && type.name === 'bool') ? 1 : intSize(type.kind === 'int' ? type.name : type.kind === 'enum' ? type.info.underlying : 'int') * 8);
  if (v > max) {
    ctx.error(e.loc, `width of bit-field ${who} (${v} bits) exceeds the width of its type (${max} bits)`);
    return null;
  }
  if (v === 0n && name !== null) {
    ctx.error(e.loc, `named bit-field ${who} has zero width`);
    return null;
  }
  return Number(v);
}

/** Finds `name` in a record, looking through anonymous members; returns the member and its total offset. */
export function findMember(info: RecordInfo, name: string): { member: RecordMember; offset: number } | null {
  for (const m of info.members ?? []) {
    if (m.name === name) return { member: m, offset: m.offset };
    if (m.name === null && m.bitWidth === null && m.type.kind === 'record') {
      const inner = findMember(m.type.info, name);
      if (inner) return { member: inner.member, offset: m.offset + inner.offset };
    }
  }
  return null;
}

// ---------------------------------------------------------------- enum (6.7.2.2)

function checkEnumSpec(ctx: SemaContext, spec: A.EnumSpec): CType {
  let info: EnumInfo | null = null;
  if (spec.tag !== null) {
    const found = spec.enumerators === null ? ctx.scope.lookupTag(spec.tag) : ctx.scope.tags.get(spec.tag);
    if (found) {
      if (found.type.kind !== 'enum') {
        ctx.error(spec.loc, `use of '${spec.tag}' with tag type that does not match previous declaration`, [ctx.note(found.loc, 'previous use is here')]);
        return ERROR;
      }
      info = found.type.info;
      if (spec.enumerators !== null && info.isComplete) {
        ctx.error(spec.loc, `redefinition of 'enum ${spec.tag}'`, [ctx.note(found.loc, 'previous definition is here')]);
        return ERROR;
      }
    }
  }
  if (info === null) {
    info = { id: ctx.freshId(), tag: spec.tag, isComplete: false, values: [], underlying: 'uint' };
    if (spec.tag !== null) ctx.scope.tags.set(spec.tag, { type: { kind: 'enum', info, quals: 0 }, loc: spec.loc });
  }
  const type: CType = { kind: 'enum', info, quals: 0 };
  if (spec.enumerators === null) return type;
  let next = 0n;
  let min = 0n;
  let max = 0n;
  for (const en of spec.enumerators) {
    let value = next;
    if (en.value) {
      const v = evalIntConst(rvalue(checkExpr(ctx, en.value)), ctx.target);
      if (v === null) ctx.error(en.value.loc, `expression is not an integer constant expression`);
      else value = v;
    }
    min = value < min ? value : min;
    max = value > max ? value : max;
    info.values.push({ name: en.name, value });
    // 6.7.2.2p3: enumeration constants have type int (gcc widens when the value does not fit).
    const constType = value >= -(1n << 31n) && value < (1n << 31n) ? intType('int') : value < 0n ? intType('long') : intType('ulong');
    declareOrdinary(ctx, en.name, { kind: 'enumConst', name: en.name, value, type: constType, loc: en.loc });
    next = value + 1n;
  }
  // gcc: unsigned int when no value is negative, else int; wider when needed.
  info.underlying = min < 0n
    ? (min >= -(1n << 31n) && max < (1n << 31n) ? 'int' : 'long')
    : (max < (1n << 32n) ? 'uint' : 'ulong');
  info.isComplete = true;
  return type;
}

/** Adds a name to the current scope, reporting a clash with a declaration in the same scope. */
export function declareOrdinary(ctx: SemaContext, name: string, entity: import('./scope.js').OrdinaryEntity): void {
  const prev = ctx.scope.ordinary.get(name);
  if (prev) {
    const isSameKind = prev.kind === entity.kind;
    ctx.error(nameRange(entity.loc, name), isSameKind ? `redefinition of '${name}'` : `redefinition of '${name}' as different kind of symbol`, [ctx.note(nameRange(prev.loc, name), 'previous definition is here')]);
    return;
  }
  ctx.scope.ordinary.set(name, entity);
}

// ---------------------------------------------------------------- declarators (6.7.6)

export interface Declared {
  readonly name: string | null;
  readonly type: CType;
  readonly loc: SourceLoc;
  /** The parameter list of the function declarator that applies directly to the name (for definitions). */
  readonly params: readonly A.ParamDecl[] | null;
}

/** Applies `d` to `base`: outermost declarator node first, each wrapping the type (see ast.ts). */
export function applyDeclarator(ctx: SemaContext, base: CType, d: A.Declarator): Declared {
  let type = base;
  let node = d;
  let params: readonly A.ParamDecl[] | null = null;
  for (;;) {
    switch (node.kind) {
      case 'ident':
        return { name: node.name, type, loc: node.loc, params };
      case 'pointer':
        type = pointerTo(type, qualBits(node.qualifiers));
        node = node.inner;
        break;
      case 'array':
        type = arrayDeclarator(ctx, type, node);
        node = node.inner;
        break;
      case 'function':
        if (type.kind === 'function' || type.kind === 'array') {
          ctx.error(node.loc, `function cannot return ${type.kind} type ${quoteType(type)}`);
          type = ERROR;
        }
        type = functionDeclarator(ctx, type, node);
        params = node.params;
        node = node.inner;
        break;
      default:
        return node satisfies never;
    }
  }
}

function arrayDeclarator(ctx: SemaContext, elem: CType, node: Extract<A.Declarator, { kind: 'array' }>): CType {
  if (elem.kind === 'function') {
    ctx.error(node.loc, `array of functions is not allowed`);
    return ERROR;
  }
  if (!isComplete(elem) && !isError(elem)) {
    ctx.error(node.loc, `array has incomplete element type ${quoteType(elem)}`);
    return ERROR;
  }
  if (node.size === null) return node.isStar ? arrayOf(elem, null, true) : arrayOf(elem, null);
  const size = rvalue(checkExpr(ctx, node.size));
  if (isError(size.type)) return ERROR;
  if (!isInteger(size.type)) {
    ctx.error(node.size.loc, `size of array has non-integer type ${quoteType(size.type)}`);
    return ERROR;
  }
  const v = evalIntConst(size, ctx.target);
  if (v === null) {
    if (ctx.isFileScope) {
      ctx.error(node.size.loc, `variable length array declaration not allowed at file scope`);
      return ERROR;
    }
    return vlaArrayType(ctx, elem, size, node.loc);
  }
  const isSigned = size.type.kind === 'int' && ['schar', 'short', 'int', 'long', 'llong', 'char'].includes(size.type.name);
  if (isSigned && v < 0n) {
    ctx.error(node.size.loc, `array size is negative`);
    return ERROR;
  }
  if (v > (1n << 40n)) {
    ctx.error(node.size.loc, `array is too large`);
    return ERROR;
  }
  return withQuals(arrayOf(elem, Number(v)), 0);
}

function functionDeclarator(ctx: SemaContext, ret: CType, node: Extract<A.Declarator, { kind: 'function' }>): CType {
  const params: FuncParam[] = [];
  ctx.pushScope('prototype');
  try {
    const isVoidList = node.params.length === 1 && node.params[0]!.declarator.kind === 'ident' &&
      node.params[0]!.declarator.name === null && node.params[0]!.specs.typeSpecs.length === 1 &&
      node.params[0]!.specs.typeSpecs[0]!.kind === 'keyword' && node.params[0]!.specs.typeSpecs[0]!.name === 'void' &&
      node.params[0]!.specs.qualifiers.length === 0;
    if (!isVoidList) {
      for (const p of node.params) {
        const rs = resolveSpecs(ctx, p.specs);
        // A parameter's VLA sizes are evaluated at function entry, in order (6.9.1p10).
        const outerSink = ctx.vlaSink;
        const vlaDecls: TStmt[] = [];
        ctx.vlaSink = vlaDecls;
        const d = applyDeclarator(ctx, rs.type, p.declarator);
        ctx.vlaSink = outerSink;
        let type = adjustParamType(d.type);
        if (type.kind === 'void') {
          ctx.error(p.loc, `'void' must be the first and only parameter if specified`);
          type = ERROR;
        }
        params.push(declarePrototypeParam(ctx, d.name, type, p.loc, vlaDecls));
      }
    }
  } finally {
    ctx.popScope();
  }
  const hasPrototype = node.hasPrototype && node.identifiers.length === 0;
  return { kind: 'function', ret: unqualifiedReturn(ret), params, isVariadic: node.isVariadic, hasPrototype, quals: 0 };
}

/** Qualifiers on a return type are meaningless (6.7.6.3p5, C17 clarifies) and would spoil compatibility. */
function unqualifiedReturn(t: CType): CType {
  return t.kind === 'error' ? t : unqualified(t);
}

/** Parameter type adjustment (6.7.6.3p7-8): arrays and functions become pointers. */
export function adjustParamType(t: CType): CType {
  if (t.kind === 'array') return pointerTo(t.elem, t.quals);
  if (t.kind === 'function') return pointerTo(t);
  return t;
}

export function checkTypeName(ctx: SemaContext, tn: A.TypeName): CType {
  const rs = resolveSpecs(ctx, tn.specs);
  return applyDeclarator(ctx, rs.type, tn.declarator).type;
}

export function checkStaticAssert(ctx: SemaContext, sa: A.StaticAssert): void {
  const v = evalIntConst(rvalue(checkExpr(ctx, sa.cond)), ctx.target);
  if (v === null) {
    ctx.error(sa.cond.loc, `static assertion expression is not an integral constant expression`);
    return;
  }
  if (v === 0n) {
    const msg = sa.message ? `: ${String.fromCodePoint(...sa.message.units)}` : '';
    ctx.error(sa.loc, `static assertion failed${msg}`);
  }
}
