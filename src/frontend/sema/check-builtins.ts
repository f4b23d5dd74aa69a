// The GNU floating-point builtins glibc's <math.h> expands its macros to
// (INFINITY, NAN, isnan, isinf, isfinite, isnormal, fpclassify, signbit)
// plus fabs and copysign, expressed with ordinary typed-tree operators so
// lowering needs nothing new beyond `bitcast`.
//
// Input: a call to an undeclared `__builtin_*` name. Output: a typed
// expression, or null when the name is not one of these builtins.
// Invariant: classification builtins evaluate their operand more than once;
// the operand of these macros is a plain value in practice, and we accept
// that as gcc's own fallback expansions do.

import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkValue, errorExpr } from './check-expr.js';
import { castTo } from './conversions.js';
import { DOUBLE, floatType, INT, intType, isArithmetic, isError, quoteType, type CType, type FloatName } from './types.js';
import type { CompareOpName, TExpr } from './typed.js';

/** Which floating type a builtin's suffix names: `inf` double, `inff` float, `infl` long double. */
function suffixType(base: string, name: string): CType | null {
  for (const [suffix, t] of [['', 'double'], ['f', 'float'], ['l', 'ldouble'], ['f32', 'float'], ['f64', 'double'], ['f32x', 'double'], ['f64x', 'ldouble']] as const) {
    if (name === base + suffix) return floatType(t as FloatName);
  }
  return null;
}

export function checkFloatBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const loc = e.loc;
  for (const [base, value] of [['__builtin_inf', Infinity], ['__builtin_huge_val', Infinity], ['__builtin_nan', NaN], ['__builtin_nans', NaN]] as const) {
    const t = suffixType(base, name);
    if (t) {
      for (const a of e.args) checkValue(ctx, a);
      return { kind: 'floatConst', loc, type: t, value };
    }
  }
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
    return this.and(this.isFinite(x), this.cmp('ge', ax, { kind: 'floatConst', loc: this.loc, type: x.type, value: min }));
  }
  private bits(x: TExpr): { int: CType; value: TExpr; signMask: bigint } {
    const isFloat = x.type.kind === 'float' && x.type.name === 'float';
    const int = intType(isFloat ? 'uint' : 'ulong');
    return { int, value: { kind: 'bitcast', loc: this.loc, type: int, operand: x }, signMask: isFloat ? 1n << 31n : 1n << 63n };
  }
  signbit(x: TExpr): TExpr {
    const { int, value, signMask } = this.bits(x);
    const masked: TExpr = { kind: 'binary', loc: this.loc, type: int, op: 'and', left: value, right: { kind: 'intConst', loc: this.loc, type: int, value: signMask } };
    return this.cmp('ne', masked, { kind: 'intConst', loc: this.loc, type: int, value: 0n });
  }
  fabs(x: TExpr): TExpr {
    const { int, value, signMask } = this.bits(x);
    const cleared: TExpr = { kind: 'binary', loc: this.loc, type: int, op: 'and', left: value, right: { kind: 'intConst', loc: this.loc, type: int, value: signMask - 1n } };
    return { kind: 'bitcast', loc: this.loc, type: x.type, operand: cleared };
  }
  copysign(x: TExpr, y: TExpr): TExpr {
    const bx = this.bits(x);
    const by = this.bits(y);
    const mag: TExpr = { kind: 'binary', loc: this.loc, type: bx.int, op: 'and', left: bx.value, right: { kind: 'intConst', loc: this.loc, type: bx.int, value: bx.signMask - 1n } };
    const sign: TExpr = { kind: 'binary', loc: this.loc, type: by.int, op: 'and', left: by.value, right: { kind: 'intConst', loc: this.loc, type: by.int, value: by.signMask } };
    const both: TExpr = { kind: 'binary', loc: this.loc, type: bx.int, op: 'or', left: mag, right: sign };
    return { kind: 'bitcast', loc: this.loc, type: x.type, operand: both };
  }
}
