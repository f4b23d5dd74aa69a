// Compile-time evaluation of constant expressions (C11 6.6) on the typed
// tree: integer constant expressions (array sizes, case labels, enum values,
// bit-field widths, _Static_assert), arithmetic constants and address
// constants (static initializers: `&g`, `&arr[3]`, `"str"`, `f`, `&s.m + 1`).
//
// Input: a typed expression. Output: its value, or null when it is not a
// constant (the caller decides whether that is an error).
// Invariant: integer results are wrapped to the expression's type, exactly as
// the generated code would compute them; division by zero is "not constant".

import { intNameOf, intSize, isInteger, wrapInt, type TargetInfo } from './types.js';
import type { FuncSym, TExpr, VarSym } from './typed.js';
import { ldArith, ldCompareFinite, ldFromInteger, ldFromNumber, ldIsZero, ldNegate, ldToNumber, ldToRational, type LdValue } from './long-double.js';

/** What an address constant points into. */
export type AddrBase =
  | { readonly kind: 'sym'; readonly sym: VarSym | FuncSym }
  /** A string literal expression; lowering gives it a rodata symbol. */
  | { readonly kind: 'string'; readonly expr: Extract<TExpr, { kind: 'string' }> }
  /** A label's address (GNU `&&label`): the local symbol lowering defines at the label. */
  | { readonly kind: 'label'; readonly symbol: string };

export type ConstValue =
  | { readonly kind: 'int'; readonly value: bigint }
  /** `ld`: the exact value when the expression has type long double (long-double.ts). */
  | { readonly kind: 'float'; readonly value: number; readonly ld?: LdValue }
  | { readonly kind: 'addr'; readonly base: AddrBase; readonly offset: bigint }
  /**
   * GNU `&&plus - &&minus + offset`: the distance between two labels of one
   * function, fixed once its code is laid out (a link-time constant, as gcc's
   * `.long .L1-.L2`). An integer of any width; interpreters use it for compact
   * jump tables of label offsets.
   */
  | { readonly kind: 'labelDiff'; readonly plus: string; readonly minus: string; readonly offset: bigint };

export function evalConst(e: TExpr, target: TargetInfo): ConstValue | null {
  return new ConstEvaluator(target).eval(e);
}

/** The value of an integer constant expression, or null. */
export function evalIntConst(e: TExpr, target: TargetInfo): bigint | null {
  if (!isInteger(e.type)) return null;
  const v = evalConst(e, target);
  return v?.kind === 'int' ? v.value : null;
}

class ConstEvaluator {
  constructor(private readonly target: TargetInfo) {}

  eval(e: TExpr): ConstValue | null {
    switch (e.kind) {
      case 'intConst': return { kind: 'int', value: e.value };
      case 'floatConst': return e.ld === undefined ? { kind: 'float', value: e.value } : { kind: 'float', value: e.value, ld: e.ld };
      case 'cast': return this.cast(e);
      case 'binary': return this.binary(e);
      case 'ptrAdd': {
        const p = this.eval(e.ptr);
        const i = this.eval(e.index);
        if (!p || i?.kind !== 'int') return null;
        const delta = (e.isSub ? -i.value : i.value) * BigInt(e.elemSize);
        if (p.kind === 'addr') return { ...p, offset: p.offset + delta };
        if (p.kind === 'int') return { kind: 'int', value: BigInt.asUintN(64, p.value + delta) };
        return null;
      }
      case 'ptrDiff': {
        const l = this.eval(e.left);
        const r = this.eval(e.right);
        if (l?.kind === 'addr' && r?.kind === 'addr' && sameBase(l.base, r.base) && e.elemSize > 0) {
          return { kind: 'int', value: (l.offset - r.offset) / BigInt(e.elemSize) };
        }
        // Two labels (void * arithmetic: bytes) of the same function: their distance.
        if (l?.kind === 'addr' && r?.kind === 'addr' && l.base.kind === 'label' && r.base.kind === 'label' && e.elemSize === 1) {
          return { kind: 'labelDiff', plus: l.base.symbol, minus: r.base.symbol, offset: l.offset - r.offset };
        }
        if (l?.kind === 'int' && r?.kind === 'int' && e.elemSize > 0) {
          return { kind: 'int', value: BigInt.asIntN(64, l.value - r.value) / BigInt(e.elemSize) };
        }
        return null;
      }
      case 'compare': return this.compare(e);
      case 'logical': {
        const l = this.truth(e.left);
        if (l === null) return null;
        if (e.op === 'and' && !l) return { kind: 'int', value: 0n };
        if (e.op === 'or' && l) return { kind: 'int', value: 1n };
        const r = this.truth(e.right);
        return r === null ? null : { kind: 'int', value: r ? 1n : 0n };
      }
      case 'not': {
        const t = this.truth(e.operand);
        return t === null ? null : { kind: 'int', value: t ? 0n : 1n };
      }
      case 'neg': {
        const v = this.eval(e.operand);
        if (v?.kind === 'int') return { kind: 'int', value: wrapInt(-v.value, intNameOf(e.type), this.target) };
        if (v?.kind === 'float') return v.ld === undefined ? { kind: 'float', value: -v.value } : { kind: 'float', value: -v.value, ld: ldNegate(v.ld) };
        return null;
      }
      case 'bitNot': {
        const v = this.eval(e.operand);
        return v?.kind === 'int' ? { kind: 'int', value: wrapInt(~v.value, intNameOf(e.type), this.target) } : null;
      }
      case 'cond': {
        const c = this.truth(e.cond);
        if (c === null) return null;
        return this.eval(c ? e.then : e.else);
      }
      case 'addrOf': return this.address(e.operand);
      case 'labelAddr': return { kind: 'addr', base: { kind: 'label', symbol: e.label.symbol }, offset: 0n };
      case 'decay': return this.address(e.operand);
      case 'comma': case 'string': case 'var': case 'func': case 'load': case 'deref': case 'member':
      case 'assign': case 'compoundAssign': case 'incDec': case 'call': case 'compoundLiteral':
      case 'stmtExpr': case 'vaBuiltin': case 'bitcast': case 'alloca': case 'frameAddress': case 'builtinSetjmp': case 'builtinLongjmp': case 'vector': case 'error':
        return null;
    }
  }

  /** The address of an lvalue with static storage, or null. */
  private address(e: TExpr): ConstValue | null {
    switch (e.kind) {
      case 'var':
        return e.sym.storage === 'static' || e.sym.storage === 'extern' ? { kind: 'addr', base: { kind: 'sym', sym: e.sym }, offset: 0n } : null;
      case 'func': return { kind: 'addr', base: { kind: 'sym', sym: e.sym }, offset: 0n };
      case 'string': return { kind: 'addr', base: { kind: 'string', expr: e }, offset: 0n };
      case 'compoundLiteral':
        return e.sym.storage === 'static' ? { kind: 'addr', base: { kind: 'sym', sym: e.sym }, offset: 0n } : null;
      case 'deref': return this.eval(e.operand);
      case 'member': {
        const b = this.address(e.base);
        if (b?.kind === 'addr') return { ...b, offset: b.offset + BigInt(e.offset) };
        // offsetof idiom: &((struct s *)0)->m
        if (b?.kind === 'int') return { kind: 'int', value: b.value + BigInt(e.offset) };
        return null;
      }
      default: return null;
    }
  }

  private truth(e: TExpr): boolean | null {
    const v = this.eval(e);
    if (!v) return null;
    if (v.kind === 'int') return v.value !== 0n;
    if (v.kind === 'float') return v.ld !== undefined ? !ldIsZero(v.ld) : v.value !== 0;
    if (v.kind === 'labelDiff') return null; // known only once the code is laid out
    return true; // the address of an object is never null
  }

  private cast(e: Extract<TExpr, { kind: 'cast' }>): ConstValue | null {
    const v = this.eval(e.operand);
    if (!v) return null;
    const to = e.type;
    if (to.kind === 'void') return null;
    if (v.kind === 'labelDiff' && to.kind !== 'int' && to.kind !== 'enum') return null;
    if (to.kind === 'float' && to.name === 'ldouble' && (v.kind === 'int' || v.kind === 'float')) {
      const ld = v.kind === 'int' ? ldFromInteger(v.value) : v.ld ?? ldFromNumber(v.value);
      return { kind: 'float', value: ldToNumber(ld), ld };
    }
    if (to.kind === 'float' && v.kind === 'float' && v.ld !== undefined) {
      const n = ldToNumber(v.ld);
      return { kind: 'float', value: to.name === 'float' ? Math.fround(n) : n };
    }
    if (to.kind === 'float') {
      if (v.kind === 'int') return { kind: 'float', value: Number(v.value) };
      if (v.kind === 'float') return { kind: 'float', value: to.name === 'float' ? Math.fround(v.value) : v.value };
      return null;
    }
    if (to.kind === 'pointer') return v.kind === 'float' ? null : v;
    if (to.kind === 'int' || to.kind === 'enum') {
      const name = intNameOf(to);
      if (v.kind === 'int') {
        // A pointer widens to __int128 sign-extended, as gcc documents ("Arrays and pointers implementation").
        const value = e.operand.type.kind === 'pointer' ? BigInt.asIntN(64, v.value) : v.value;
        return { kind: 'int', value: wrapInt(value, name, this.target) };
      }
      if (v.kind === 'float' && v.ld !== undefined) {
        // long double: truncate the exact value (beyond 2^53 a double would round it first).
        const r = ldToRational(v.ld);
        if (!r) return null;
        if (name === 'bool') return { kind: 'int', value: r.p !== 0n ? 1n : 0n };
        return { kind: 'int', value: wrapInt((r.isNegative ? -r.p : r.p) / r.q, name, this.target) };
      }
      if (v.kind === 'float') {
        if (!Number.isFinite(v.value)) return null;
        if (name === 'bool') return { kind: 'int', value: v.value !== 0 ? 1n : 0n };
        return { kind: 'int', value: wrapInt(BigInt(Math.trunc(v.value)), name, this.target) };
      }
      // A label distance fits any integer (gcc writes .byte/.value/.long/.quad L1-L2); the assembler checks the range.
      if (v.kind === 'labelDiff') return name === 'bool' || intSize(name) > 8 ? null : v;
      // An address survives only a cast to a 64-bit integer (GNU accepts it in initializers).
      return name === 'long' || name === 'ulong' || name === 'llong' || name === 'ullong' ? v : null;
    }
    return null;
  }

  private binary(e: Extract<TExpr, { kind: 'binary' }>): ConstValue | null {
    const l = this.eval(e.left);
    const r = this.eval(e.right);
    if (!l || !r) return null;
    if (l.kind === 'float' && r.kind === 'float' && e.type.kind === 'float' && e.type.name === 'ldouble') {
      if (e.op !== 'add' && e.op !== 'sub' && e.op !== 'mul' && e.op !== 'div') return null;
      const ld = ldArith(e.op, l.ld ?? ldFromNumber(l.value), r.ld ?? ldFromNumber(r.value), this.target.longDouble);
      return { kind: 'float', value: ldToNumber(ld), ld };
    }
    if (l.kind === 'float' && r.kind === 'float') {
      const a = l.value, b = r.value;
      let v: number;
      switch (e.op) {
        case 'add': v = a + b; break;
        case 'sub': v = a - b; break;
        case 'mul': v = a * b; break;
        case 'div': v = a / b; break;
        default: return null;
      }
      return { kind: 'float', value: e.type.kind === 'float' && e.type.name === 'float' ? Math.fround(v) : v };
    }
    // A label distance plus or minus an integer (gcc: `.long .L1-.L2+4`).
    if (l.kind === 'labelDiff' && r.kind === 'int' && (e.op === 'add' || e.op === 'sub')) {
      return { ...l, offset: e.op === 'add' ? l.offset + r.value : l.offset - r.value };
    }
    if (l.kind === 'int' && r.kind === 'labelDiff' && e.op === 'add') return { ...r, offset: r.offset + l.value };
    if (l.kind !== 'int' || r.kind !== 'int') return null;
    const name = intNameOf(e.type);
    const a = l.value, b = r.value;
    // Counts up to 63 fold for every type as before (a wider count than the
    // type is undefined, 6.5.7p3, so any value will do); __int128 takes 127.
    const shiftLimit = intSize(name) > 8 ? 128n : 64n;
    let v: bigint;
    switch (e.op) {
      case 'add': v = a + b; break;
      case 'sub': v = a - b; break;
      case 'mul': v = a * b; break;
      case 'div': if (b === 0n) return null; v = a / b; break;
      case 'rem': if (b === 0n) return null; v = a % b; break;
      case 'shl': if (b < 0n || b >= shiftLimit) return null; v = a << b; break;
      case 'shr': if (b < 0n || b >= shiftLimit) return null; v = a >> b; break;
      case 'and': v = a & b; break;
      case 'or': v = a | b; break;
      case 'xor': v = a ^ b; break;
    }
    return { kind: 'int', value: wrapInt(v, name, this.target) };
  }

  private compare(e: Extract<TExpr, { kind: 'compare' }>): ConstValue | null {
    const l = this.eval(e.left);
    const r = this.eval(e.right);
    if (!l || !r) return null;
    let a: number | bigint, b: number | bigint;
    if (l.kind === 'int' && r.kind === 'int') { a = l.value; b = r.value; }
    else if (l.kind === 'float' && r.kind === 'float' && (l.ld !== undefined || r.ld !== undefined)) {
      // long double: compare the exact values (two doubles may round together).
      const c = ldCompareFinite(l.ld ?? ldFromNumber(l.value), r.ld ?? ldFromNumber(r.value));
      if (c === null) { a = l.value; b = r.value; } else { a = c; b = 0; }
    }
    else if (l.kind === 'float' && r.kind === 'float') { a = l.value; b = r.value; }
    else if (l.kind === 'addr' && r.kind === 'addr' && sameBase(l.base, r.base)) { a = l.offset; b = r.offset; }
    else return null;
    let t: boolean;
    switch (e.op) {
      case 'lt': t = a < b; break;
      case 'gt': t = a > b; break;
      case 'le': t = a <= b; break;
      case 'ge': t = a >= b; break;
      case 'eq': t = a === b; break;
      case 'ne': t = a !== b; break;
    }
    return { kind: 'int', value: t ? 1n : 0n };
  }
}

function sameBase(a: AddrBase, b: AddrBase): boolean {
  if (a.kind === 'sym' && b.kind === 'sym') return a.sym === b.sym;
  if (a.kind === 'string' && b.kind === 'string') return a.expr === b.expr;
  if (a.kind === 'label' && b.kind === 'label') return a.symbol === b.symbol;
  return false;
}
