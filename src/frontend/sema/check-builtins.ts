// GNU builtins called like functions: __builtin_expect, __builtin_constant_p,
// __builtin_choose_expr, the library builtins (__builtin_memcpy, …), and the
// floating-point builtins glibc's <math.h> expands its macros to (INFINITY,
// NAN, isnan, isinf, isfinite, isnormal, fpclassify, signbit) plus fabs and
// copysign, expressed with ordinary typed-tree operators so lowering needs
// nothing new beyond `bitcast`.
//
// Input: a call to an undeclared `__builtin_*` name. Output: a typed
// expression, or null when the name is not one of these builtins.
// Invariant: classification builtins evaluate their operand more than once;
// the operand of these macros is a plain value in practice, and we accept
// that as gcc's own fallback expansions do.

import type { SourceLoc } from '../../diagnostics.js';
import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkTypeBuiltin } from './check-builtins-type.js';
import { checkExpr, checkValue, errorExpr, finishCall } from './check-expr.js';
import { evalConst, evalIntConst } from './const-eval.js';
import { castTo, longDoubleConst, rvalue } from './conversions.js';
import { LD_MIN_NORMAL } from './long-double.js';
import {
  CHAR, DOUBLE, floatType, INT, intType, isArithmetic, isError, LONG, pointerTo, Q_CONST, quoteType, SIZE_T, withQuals, type CType, type FloatName,
  type TargetInfo,
} from './types.js';
import type { CompareOpName, FuncSym, TExpr, TStmt } from './typed.js';
import { checkComplexBuiltin } from './complex-builtins.js';

import { checkShuffle } from './vector.js';
import { checkOverflowBuiltin } from './overflow-builtins.js';
import { bindHiddenLocal } from './hidden-local.js';
import { LIBRARY_BUILTINS } from './builtin-names.js';
/** Builtins called like functions. Returns null when `name` is not one. */
export function checkBuiltinCall(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const complex = checkComplexBuiltin(ctx, e, name);
  if (complex !== null) return complex;
  switch (name) {
    case '__builtin_expect': {
      const args = e.args.map((a) => checkValue(ctx, a));
      if (args.length !== 2) {
        ctx.error(e.loc, `too ${args.length < 2 ? 'few' : 'many'} arguments to function call, expected 2, have ${args.length}`);
        return errorExpr(e.loc, LONG);
      }
      return castTo(args[0]!, LONG);
    }
    case '__builtin_va_start': case '__builtin_va_end': case '__builtin_va_copy':
      return checkVaBuiltin(ctx, e, name);
    case '__builtin_alloca': case 'alloca': case '__builtin_alloca_with_align':
      return checkAlloca(ctx, e, name);
    case '__builtin_shuffle': return checkShuffle(ctx, e);
    case '__sync_synchronize': {
      // gcc's full memory barrier: an `asm volatile` fence with a memory clobber, so the
      // compiler keeps memory accesses on their side of it too.
      if (e.args.length !== 0) ctx.error(e.loc, `too many arguments to function call, expected 0, have ${e.args.length}`);
      const fence = ctx.opts.target === 'aarch64' ? 'dmb ish' : 'mfence';
      const stmt: TStmt = { kind: 'asm', loc: e.loc, template: fence, isBasic: false, isVolatile: true, outputs: [], inputs: [], clobbers: ['memory'] };
      return { kind: 'stmtExpr', loc: e.loc, type: { kind: 'void', quals: 0 }, body: [stmt], result: null };
    }
    case '__builtin_constant_p': {
      // 1 when the argument folds to a constant here; gcc may say 1 in more cases after optimization.
      const args = e.args.map((a) => checkValue(ctx, a));
      const v = args.length === 1 ? evalConst(args[0]!, ctx.target) : null;
      // Addresses and label distances are fixed only by the linker or the code's layout: 0, as gcc says.
      return { kind: 'intConst', loc: e.loc, type: INT, value: v !== null && (v.kind === 'int' || v.kind === 'float') ? 1n : 0n };
    }
    case '__builtin_choose_expr': {
      if (e.args.length !== 3) {
        ctx.error(e.loc, `wrong number of arguments to function '__builtin_choose_expr'`);
        return errorExpr(e.loc);
      }
      const c = evalIntConst(checkValue(ctx, e.args[0]!), ctx.target);
      if (c === null) {
        ctx.error(e.args[0]!.loc, `'__builtin_choose_expr' requires a constant expression`);
        return errorExpr(e.loc);
      }
      return checkExpr(ctx, e.args[c !== 0n ? 1 : 2]!);
    }
    default:
      return checkFloatBuiltin(ctx, e, name) ?? checkBitBuiltin(ctx, e, name) ?? checkOverflowBuiltin(ctx, e, name) ?? checkTypeBuiltin(ctx, e, name) ?? checkLibraryBuiltin(ctx, e, name);
  }
  return null;
}

/**
 * va_start / va_end / va_copy (C11 7.16.1): the va_list operands are
 * pointers after decay (x86-64's va_list is an array of one
 * `__va_list_tag`). va_start's second operand names the last parameter;
 * like gcc we only evaluate it.
 */
function checkVaBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: '__builtin_va_start' | '__builtin_va_end' | '__builtin_va_copy'): TExpr {
  const VOID: CType = { kind: 'void', quals: 0 };
  const args = e.args.map((a) => checkValue(ctx, a));
  const want = name === '__builtin_va_end' ? 1 : 2;
  if (args.length !== want) {
    ctx.error(e.loc, `too ${args.length < want ? 'few' : 'many'} arguments to function '${name}'`);
    return errorExpr(e.loc, VOID);
  }
  if (args.some((a) => isError(a.type))) return errorExpr(e.loc, VOID);
  const lists = name === '__builtin_va_copy' ? args : args.slice(0, 1);
  for (const a of lists) {
    if (!isVaListOperand(a.type, ctx.target)) {
      ctx.error(a.loc, `first argument to '${name}' must be a 'va_list'`);
      return errorExpr(e.loc, VOID);
    }
  }
  if (name === '__builtin_va_start') {
    const fnType = ctx.fn?.sym.type;
    if (fnType?.kind !== 'function' || !fnType.isVariadic) {
      ctx.error(e.loc, `'va_start' used in function with fixed arguments`);
      return errorExpr(e.loc, VOID);
    }
    return { kind: 'vaBuiltin', loc: e.loc, type: VOID, name: 'start', args: [args[0]!, args[1]!] };
  }
  return { kind: 'vaBuiltin', loc: e.loc, type: VOID, name: name === '__builtin_va_end' ? 'end' : 'copy', args };
}

/**
 * `__builtin_alloca(size)` and `__builtin_alloca_with_align(size, bits)`
 * (gcc "Other Builtins"): `void *` to stack memory that lives until the
 * function returns, aligned to 16 bytes (the stack alignment, psABI §3.2.2)
 * or to the requested alignment in bits. glibc's <alloca.h> maps `alloca`
 * to `__builtin_alloca`; an undeclared `alloca` is the builtin too, as in gcc.
 */
function checkAlloca(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr {
  const voidPtr = pointerTo({ kind: 'void', quals: 0 });
  const args = e.args.map((a) => checkValue(ctx, a));
  const want = name === '__builtin_alloca_with_align' ? 2 : 1;
  if (args.length !== want) {
    ctx.error(e.loc, `too ${args.length < want ? 'few' : 'many'} arguments to function '${name}'`);
    return errorExpr(e.loc, voidPtr);
  }
  if (args.some((a) => isError(a.type))) return errorExpr(e.loc, voidPtr);
  if (!isArithmetic(args[0]!.type) || args[0]!.type.kind === 'float') {
    ctx.error(args[0]!.loc, `passing argument 1 of '${name}' makes integer from ${quoteType(args[0]!.type)}`);
    return errorExpr(e.loc, voidPtr);
  }
  let align = 16;
  if (want === 2) {
    const bits = evalIntConst(args[1]!, ctx.target);
    if (bits === null || bits < 8n || (bits & (bits - 1n)) !== 0n) {
      ctx.error(args[1]!.loc, `second argument to function '${name}' must be a constant integer power of 2 between 8 and ${1n << 31n} inclusive`);
      return errorExpr(e.loc, voidPtr);
    }
    align = Math.max(16, Number(bits / 8n));
  }
  if (!ctx.fn) {
    ctx.error(e.loc, `'${name}' outside a function`);
    return errorExpr(e.loc, voidPtr);
  }
  return { kind: 'alloca', loc: e.loc, type: voidPtr, size: castTo(args[0]!, SIZE_T), align };
}

/**
 * An operand of type va_list as the va_* builtins see it (TargetInfo.vaList):
 * a decayed array va_list is a pointer to its record, a record va_list the
 * record itself (lowering takes its address).
 */
export function isVaListOperand(t: CType, target: TargetInfo): boolean {
  const isListRecord = (r: CType): boolean => r.kind === 'record' && r.info.tag === target.vaList.tag && r.info.id === -1;
  return target.vaList.isArray ? t.kind === 'pointer' && isListRecord(t.to) : isListRecord(t);
}


/**
 * A call to an undeclared function (C90 6.3.2.2; removed in C99 but still a
 * warning in gcc up to 13): implicitly declares `extern int name();` at file
 * scope. Library functions gcc knows as builtins get their real prototype, as
 * gcc does, so `p = malloc(n)` does not truncate the pointer to int.
 */
export function declareImplicitFunction(ctx: SemaContext, name: string, loc: SourceLoc): FuncSym | null {
  const INT_NO_PROTOTYPE: CType = { kind: 'function', ret: INT, params: [], isVariadic: false, hasPrototype: false, quals: 0 };
  const type = Object.hasOwn(LIBRARY_BUILTINS, name) ? libraryPrototype(name) : INT_NO_PROTOTYPE;
  const prev = ctx.linked.get(name);
  // A block-scope `extern` seen earlier (now out of scope) is the same entity (6.2.2p4).
  if (prev !== undefined) {
    if (prev.kind !== 'func') return null;
    ctx.fileScope.ordinary.set(name, prev);
    return prev;
  }
  const sym: FuncSym = { kind: 'func', name, type, linkage: 'external', irName: name, loc, isDefined: false, isUsed: true, isInline: false };
  ctx.linked.set(name, sym);
  ctx.symbols.push(sym);
  ctx.fileScope.ordinary.set(name, sym);
  return sym;
}

function checkLibraryBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const m = /^__builtin_(\w+)$/.exec(name);
  // __builtin_trap and __builtin_unreachable stop the program: abort() does.
  const plain = m?.[1] === 'trap' || m?.[1] === 'unreachable' ? 'abort' : m?.[1];
  if (!plain || !(plain in LIBRARY_BUILTINS)) return null;
  if (plain === 'abort' && e.args.length > 0) return null;
  let sym = ctx.linked.get(plain);
  if (!sym) {
    const type = libraryPrototype(plain);
    const fsym: FuncSym = { kind: 'func', name: plain, type, linkage: 'external', irName: plain, loc: e.loc, isDefined: false, isUsed: true, isInline: false };
    ctx.linked.set(plain, fsym);
    ctx.symbols.push(fsym);
    sym = fsym;
  }
  if (sym.kind !== 'func') return null;
  sym.isUsed = true;
  const callee: TExpr = { kind: 'func', loc: e.callee.loc, type: sym.type, sym };
  return finishCall(ctx, e, rvalue(callee), plain);
}

function libraryPrototype(name: string): CType {
  const text = LIBRARY_BUILTINS[name]!;
  const [, ret, params] = /^(.*?)\s*\((.*)\)$/.exec(text)!;
  const parse = (s: string): CType => {
    let t = s.trim();
    const isPtr = t.endsWith('*');
    if (isPtr) t = t.slice(0, -1).trim();
    const isConstBase = t.startsWith('const ');
    if (isConstBase) t = t.slice(6);
    const base: CType = t === 'void' ? { kind: 'void', quals: 0 } : t === 'char' ? CHAR : t === 'int' ? INT : t === 'long' ? LONG : SIZE_T;
    const q = isConstBase ? withQuals(base, Q_CONST) : base;
    return isPtr ? pointerTo(q) : q;
  };
  const list = params!.split(',').map((p) => p.trim()).filter((p) => p !== '' && p !== 'void' && p !== '...');
  return { kind: 'function', ret: parse(ret!), params: list.map((p) => ({ name: null, type: parse(p) })), isVariadic: params!.includes('...'), hasPrototype: true, quals: 0 };
}

/** Which floating type a builtin's suffix names: `inf` double, `inff` float, `infl` long double. */
function suffixType(base: string, name: string): CType | null {
  for (const [suffix, t] of [['', 'double'], ['f', 'float'], ['l', 'ldouble'], ['f32', 'float'], ['f64', 'double'], ['f32x', 'double'], ['f64x', 'ldouble']] as const) {
    if (name === base + suffix) return floatType(t as FloatName);
  }
  return null;
}

function checkFloatBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const loc = e.loc;
  for (const [base, value] of [['__builtin_inf', Infinity], ['__builtin_huge_val', Infinity], ['__builtin_nan', NaN], ['__builtin_nans', NaN]] as const) {
    const t = suffixType(base, name);
    if (t) {
      for (const a of e.args) checkValue(ctx, a);
      return { kind: 'floatConst', loc, type: t, value };
    }
  }
  // isinff/isinfl, isnanf/isnanl (glibc's older spellings) classify like the generic forms.
  if (/^__builtin_(isinf|isnan)[fl]$/.test(name)) name = name.slice(0, -1);
  const isClassifier = ['__builtin_isnan', '__builtin_isinf', '__builtin_isinf_sign', '__builtin_isfinite', '__builtin_isnormal',
    '__builtin_signbit', '__builtin_signbitf', '__builtin_signbitl', '__builtin_fpclassify'].includes(name);
  const fabsType = suffixType('__builtin_fabs', name);
  const copysignType = suffixType('__builtin_copysign', name);
  if (!isClassifier && !fabsType && !copysignType) return null;
  const args = e.args.map((a) => checkValue(ctx, a));
  if (args.some((a) => isError(a.type))) return errorExpr(loc, INT);
  const expected = name === '__builtin_fpclassify' ? 6 : copysignType ? 2 : 1;
  if (args.length !== expected) {
    ctx.error(loc, `too ${args.length < expected ? 'few' : 'many'} arguments to function call, expected ${expected}, have ${args.length}`);
    return errorExpr(loc, INT);
  }
  const x0 = args[args.length - 1]!;
  if (!isArithmetic(x0.type)) {
    ctx.error(loc, `operand of type ${quoteType(x0.type)} where arithmetic type is required`);
    return errorExpr(loc, INT);
  }
  const b = new FloatExprs(loc);
  if (fabsType) return b.fabs(castTo(args[0]!, fabsType));
  if (copysignType) return b.copysign(castTo(args[0]!, copysignType), castTo(args[1]!, copysignType));
  const x = x0.type.kind === 'float' ? x0 : castTo(x0, DOUBLE);
  switch (name) {
    case '__builtin_isnan': return b.cmp('ne', x, x);
    case '__builtin_isinf': return b.or(b.cmp('eq', x, b.inf(x.type)), b.cmp('eq', x, b.inf(x.type, -1)));
    case '__builtin_isinf_sign':
      return b.cond(b.cmp('eq', x, b.inf(x.type)), b.int(1), b.cond(b.cmp('eq', x, b.inf(x.type, -1)), b.int(-1), b.int(0)));
    case '__builtin_isfinite': return b.isFinite(x);
    case '__builtin_isnormal': return b.isNormal(x);
    case '__builtin_fpclassify': {
      const [nan, inf, normal, subnormal, zero] = args.slice(0, 5).map((a) => castTo(a, INT));
      return b.cond(b.cmp('ne', x, x), nan!,
        b.cond(b.isFinite(x), b.cond(b.isNormal(x), normal!, b.cond(b.cmp('eq', x, b.zero(x.type)), zero!, subnormal!)), inf!));
    }
    default: return b.signbit(x);
  }
}

/** Small constructors for the typed expressions above. */
class FloatExprs {
  constructor(private readonly loc: A.Expr['loc']) {}

  int(v: number): TExpr {
    return { kind: 'intConst', loc: this.loc, type: INT, value: BigInt(v) };
  }
  zero(t: CType): TExpr {
    return { kind: 'floatConst', loc: this.loc, type: t, value: 0 };
  }
  inf(t: CType, sign = 1): TExpr {
    return { kind: 'floatConst', loc: this.loc, type: t, value: sign * Infinity };
  }
  cmp(op: CompareOpName, left: TExpr, right: TExpr): TExpr {
    return { kind: 'compare', loc: this.loc, type: INT, op, left, right };
  }
  or(left: TExpr, right: TExpr): TExpr {
    return { kind: 'logical', loc: this.loc, type: INT, op: 'or', left, right };
  }
  and(left: TExpr, right: TExpr): TExpr {
    return { kind: 'logical', loc: this.loc, type: INT, op: 'and', left, right };
  }
  cond(c: TExpr, a: TExpr, b: TExpr): TExpr {
    return { kind: 'cond', loc: this.loc, type: INT, cond: c, then: a, else: b };
  }
  /** x - x is 0 for finite x and NaN for infinities and NaN. */
  isFinite(x: TExpr): TExpr {
    const diff: TExpr = { kind: 'binary', loc: this.loc, type: x.type, op: 'sub', left: x, right: x };
    return this.cmp('eq', diff, this.zero(x.type));
  }
  isNormal(x: TExpr): TExpr {
    const min = x.type.kind === 'float' && x.type.name === 'float' ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
    const ax = this.fabs(x);
    // LDBL_MIN = 2^-16382 in either long double format (long-double.ts).
    const least: TExpr = this.isLongDouble(x) ? longDoubleConst(this.loc, x.type, LD_MIN_NORMAL) : { kind: 'floatConst', loc: this.loc, type: x.type, value: min };
    return this.and(this.isFinite(x), this.cmp('ge', ax, least));
  }
  private bits(x: TExpr): { int: CType; value: TExpr; signMask: bigint } {
    const isFloat = x.type.kind === 'float' && x.type.name === 'float';
    if (this.isLongDouble(x)) {
      const word = intType('ushort');
      return { int: word, value: { kind: 'bitcast', loc: this.loc, type: word, operand: x }, signMask: 1n << 15n };
    }
    const int = intType(isFloat ? 'uint' : 'ulong');
    return { int, value: { kind: 'bitcast', loc: this.loc, type: int, operand: x }, signMask: isFloat ? 1n << 31n : 1n << 63n };
  }
  signbit(x: TExpr): TExpr {
    const { int, value, signMask } = this.bits(x);
    const masked: TExpr = { kind: 'binary', loc: this.loc, type: int, op: 'and', left: value, right: { kind: 'intConst', loc: this.loc, type: int, value: signMask } };
    return this.cmp('ne', masked, { kind: 'intConst', loc: this.loc, type: int, value: 0n });
  }
  /**
   * long double: the sign is bit 15 of the sign/exponent word (bytes 8–9),
   * which a bitcast to unsigned short reads (lower-expr.ts); fabs and
   * copysign negate (fchs flips only the sign, NaNs included).
   */
  private isLongDouble(x: TExpr): boolean {
    return x.type.kind === 'float' && x.type.name === 'ldouble';
  }
  private neg(x: TExpr): TExpr {
    return { kind: 'neg', loc: this.loc, type: x.type, operand: x };
  }
  fabs(x: TExpr): TExpr {
    if (this.isLongDouble(x)) return { kind: 'cond', loc: this.loc, type: x.type, cond: this.signbit(x), then: this.neg(x), else: x };
    const { int, value, signMask } = this.bits(x);
    const cleared: TExpr = { kind: 'binary', loc: this.loc, type: int, op: 'and', left: value, right: { kind: 'intConst', loc: this.loc, type: int, value: signMask - 1n } };
    return { kind: 'bitcast', loc: this.loc, type: x.type, operand: cleared };
  }
  copysign(x: TExpr, y: TExpr): TExpr {
    if (this.isLongDouble(x)) {
      return { kind: 'cond', loc: this.loc, type: x.type, cond: this.cmp('ne', this.signbit(x), this.signbit(y)), then: this.neg(x), else: x };
    }
    const bx = this.bits(x);
    const by = this.bits(y);
    const mag: TExpr = { kind: 'binary', loc: this.loc, type: bx.int, op: 'and', left: bx.value, right: { kind: 'intConst', loc: this.loc, type: bx.int, value: bx.signMask - 1n } };
    const sign: TExpr = { kind: 'binary', loc: this.loc, type: by.int, op: 'and', left: by.value, right: { kind: 'intConst', loc: this.loc, type: by.int, value: by.signMask } };
    const both: TExpr = { kind: 'binary', loc: this.loc, type: bx.int, op: 'or', left: mag, right: sign };
    return { kind: 'bitcast', loc: this.loc, type: x.type, operand: both };
  }
}

// ---------------------------------------------------------------- bit operations

/**
 * __builtin_popcount/clz/ctz/ffs/parity (with l and ll suffixes) and
 * __builtin_bswap16/32/64, as branch-free expressions on the unsigned
 * operand (SWAR population count; ctz(x) = popcount((x & -x) - 1);
 * clz(x) = width - popcount(x smeared right)). The operand is evaluated
 * several times; it is a plain value in practice. clz/ctz of 0 are
 * undefined in gcc too.
 */
function checkBitBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const m = /^__builtin_(popcount|clz|ctz|ffs|parity|clrsb)(l|ll)?$/.exec(name) ?? /^__builtin_(bswap)(16|32|64)$/.exec(name);
  if (!m) return null;
  const args = e.args.map((a) => checkValue(ctx, a));
  if (args.length !== 1) {
    ctx.error(e.loc, `too ${args.length < 1 ? 'few' : 'many'} arguments to function call, expected 1, have ${args.length}`);
    return errorExpr(e.loc, INT);
  }
  if (isError(args[0]!.type)) return errorExpr(e.loc, INT);
  const op = m[1]!;
  const bits = op === 'bswap' ? Number(m[2]) : m[2] ? 64 : 32;
  const ut = intType(bits === 16 ? 'ushort' : bits === 32 ? 'uint' : 'ulong');
  const isSigned = op === 'ffs' || op === 'clrsb';
  const x = castTo(args[0]!, isSigned ? intType(bits === 32 ? 'int' : 'long') : ut);
  const b = new BitExprs(ctx, e.loc, ut, bits);
  const ux = b.let(castTo(x, ut));
  switch (op) {
    case 'bswap': return b.finish(b.bswap(ux));
    case 'popcount': return b.finish(castTo(b.popcount(ux), INT));
    case 'parity': return b.finish(castTo(b.and(b.popcount(ux), b.k(1n)), INT));
    case 'ctz': return b.finish(castTo(b.ctz(ux), INT));
    case 'clz': return b.finish(castTo(b.clz(ux), INT));
    case 'ffs': {
      // ffs(0) = 0, else ctz + 1.
      const nonZero: TExpr = { kind: 'compare', loc: e.loc, type: INT, op: 'ne', left: ux, right: b.k(0n) };
      return b.finish({ kind: 'cond', loc: e.loc, type: INT, cond: nonZero, then: castTo(b.add(b.ctz(ux), b.k(1n)), INT), else: { kind: 'intConst', loc: e.loc, type: INT, value: 0n } });
    }
    default: {
      // clrsb(x): leading redundant sign bits = clz(x ^ (x >> (bits-1))) - 1, with clz(0) taken as bits.
      const sign: TExpr = { kind: 'binary', loc: e.loc, type: x.type, op: 'shr', left: x, right: castTo({ kind: 'intConst', loc: e.loc, type: INT, value: BigInt(bits - 1) }, x.type) };
      const y = b.let(castTo({ kind: 'binary', loc: e.loc, type: x.type, op: 'xor', left: x, right: sign }, ut));
      return b.finish(castTo(b.sub(b.clz(y), b.k(1n)), INT));
    }
  }
}

class BitExprs {
  /** Temporaries declared so each intermediate is computed once (inside functions). */
  private readonly decls: TStmt[] = [];

  constructor(private readonly ctx: SemaContext, private readonly loc: A.Expr['loc'], private readonly t: CType, private readonly bits: number) {}

  /** Binds `v` to a hidden local and returns a reader of it; outside functions (constant contexts) returns `v`. */
  let(v: TExpr): TExpr {
    return bindHiddenLocal(this.ctx, this.decls, 'bit', v);
  }

  /** The result, preceded by the temporaries' declarations. */
  finish(result: TExpr): TExpr {
    if (this.decls.length === 0) return result;
    return { kind: 'stmtExpr', loc: this.loc, type: result.type, body: this.decls, result };
  }

  k(v: bigint): TExpr {
    return { kind: 'intConst', loc: this.loc, type: this.t, value: v };
  }
  private bin(op: 'and' | 'or' | 'xor' | 'add' | 'sub' | 'mul' | 'shl' | 'shr', left: TExpr, right: TExpr): TExpr {
    return { kind: 'binary', loc: this.loc, type: this.t, op, left, right };
  }
  and(a: TExpr, b: TExpr): TExpr { return this.bin('and', a, b); }
  add(a: TExpr, b: TExpr): TExpr { return this.bin('add', a, b); }
  sub(a: TExpr, b: TExpr): TExpr { return this.bin('sub', a, b); }
  shr(a: TExpr, n: number): TExpr { return this.bin('shr', a, this.k(BigInt(n))); }
  shl(a: TExpr, n: number): TExpr { return this.bin('shl', a, this.k(BigInt(n))); }

  /** A constant whose every byte is `byte`. */
  private rep(byte: bigint): TExpr {
    let v = 0n;
    for (let i = 0; i < this.bits / 8; i++) v = (v << 8n) | byte;
    return this.k(v);
  }

  popcount(x: TExpr): TExpr {
    const a = this.let(this.sub(x, this.and(this.shr(x, 1), this.rep(0x55n))));
    const b = this.let(this.add(this.and(a, this.rep(0x33n)), this.and(this.shr(a, 2), this.rep(0x33n))));
    const c = this.and(this.add(b, this.shr(b, 4)), this.rep(0x0fn));
    return this.shr(this.bin('mul', c, this.rep(0x01n)), this.bits - 8);
  }
  ctz(x: TExpr): TExpr {
    const neg: TExpr = { kind: 'neg', loc: this.loc, type: this.t, operand: x };
    return this.popcount(this.sub(this.and(x, neg), this.k(1n)));
  }
  private smear(x: TExpr): TExpr {
    let y = x;
    for (let s = 1; s < this.bits; s *= 2) y = this.let(this.bin('or', y, this.shr(y, s)));
    return y;
  }
  clz(x: TExpr): TExpr {
    return this.sub(this.k(BigInt(this.bits)), this.popcount(this.smear(x)));
  }
  bswap(x: TExpr): TExpr {
    let out: TExpr | null = null;
    for (let i = 0; i < this.bits / 8; i++) {
      const byte = this.and(this.shr(x, i * 8), this.k(0xffn));
      const placed = this.shl(byte, this.bits - 8 - i * 8);
      out = out === null ? placed : this.bin('or', out, placed);
    }
    return out!;
  }
}
