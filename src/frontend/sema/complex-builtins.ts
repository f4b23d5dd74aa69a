// gcc's complex builtins (gcc manual, "Other Builtins"): __builtin_creal,
// __builtin_cimag and __builtin_conj with their f/l variants, expanded inline
// as gcc does. The plain names creal/cimag/conj stay ordinary calls to libm
// (glibc's <complex.h> declares them), which return the same values.
//
// Input: a call AST whose callee names one of the builtins. Output: the typed
// expression (a part of the argument, or its conjugate), or null for any
// other name.

import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkValue, errorExpr } from './check-expr.js';
import { castTo } from './conversions.js';
import { complexType, complexUnary, isArithmeticOrComplex, realImag } from './complex.js';
import { floatType, isError, type FloatName } from './types.js';
import type { TExpr } from './typed.js';

const SUFFIX_TYPES: Record<string, FloatName> = { '': 'double', f: 'float', l: 'ldouble' };

export function checkComplexBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  const m = /^__builtin_(creal|cimag|conj)(f|l|)$/.exec(name);
  if (!m) return null;
  if (e.args.length !== 1) {
    ctx.error(e.loc, `too ${e.args.length < 1 ? 'few' : 'many'} arguments to function '${name}'`);
    return errorExpr(e.loc);
  }
  const arg = checkValue(ctx, e.args[0]!);
  if (isError(arg.type)) return errorExpr(e.loc);
  if (!isArithmeticOrComplex(arg.type)) {
    ctx.error(e.loc, `incompatible type for argument 1 of '${name}'`);
    return errorExpr(e.loc);
  }
  // The argument converts to the builtin's parameter type, as for the library function.
  const type = complexType(floatType(SUFFIX_TYPES[m[2]!]!));
  const z = castTo(arg, type);
  if (m[1] === 'conj') return complexUnary(e.loc, 'conj', z);
  return realImag(e.loc, m[1] === 'creal' ? 0 : 1, z);
}
