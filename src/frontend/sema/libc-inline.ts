// Calls to C library functions that gcc expands inline even at -O0,
// because the standard fixes what they compute (gcc manual "Other Built-in
// Functions": abs, labs, llabs, imaxabs are handled as built-in functions
// unless -fno-builtin is given).
//
// Input: a checked call's callee name, its function type and converted
// arguments. Output: an equivalent expression, or null to keep the call.
// The expansion happens only for the standard prototype (a user's own
// `abs(double)` stays a call) and only when the argument can be evaluated
// twice without a difference: a constant or a plain object's value; other
// arguments keep the library call, which computes the same result.

import type { CType } from './types.js';
import { INT, intNameOf, isInteger } from './types.js';
import type { TExpr } from './typed.js';

/** The integer type each absolute-value function takes and returns (C11 7.22.6.1, 7.8.2.1). */
const ABS_FUNCTIONS: Readonly<Record<string, string>> = { abs: 'int', labs: 'long', llabs: 'llong', imaxabs: 'long' };

/** True for a constant or the value of an object reached without calls or side effects. */
function isRepeatable(e: TExpr): boolean {
  switch (e.kind) {
    case 'intConst': case 'var': return true;
    case 'load': case 'cast': case 'decay': return isRepeatable(e.operand);
    case 'member': return isRepeatable(e.base);
    default: return false;
  }
}

export function inlineLibraryCall(name: string | null, fnType: Extract<CType, { kind: 'function' }>, args: readonly TExpr[]): TExpr | null {
  if (name === null || !Object.prototype.hasOwnProperty.call(ABS_FUNCTIONS, name)) return null;
  const want = ABS_FUNCTIONS[name]!;
  const [param] = fnType.params;
  if (!fnType.hasPrototype || fnType.params.length !== 1 || args.length !== 1 || param === undefined) return null;
  if (!isInteger(param.type) || !isInteger(fnType.ret) || intNameOf(param.type) !== want || intNameOf(fnType.ret) !== want) return null;
  const x = args[0]!;
  if (!isRepeatable(x)) return null;
  const type = fnType.ret;
  const loc = x.loc;
  // x < 0 ? -x : x, in the argument's own type (the most negative value wraps, as the library's does).
  const isNegative: TExpr = { kind: 'compare', loc, type: INT, op: 'lt', left: x, right: { kind: 'intConst', loc, type, value: 0n } };
  return { kind: 'cond', loc, type, cond: isNegative, then: { kind: 'neg', loc, type, operand: x }, else: x };
}
