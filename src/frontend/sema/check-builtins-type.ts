// GNU builtins that answer questions about an expression or hint the
// machine without computing anything: __builtin_classify_type and
// __builtin_prefetch.
//
// Input: a call to one of these names. Output: a typed expression (an
// integer constant, or the address operand evaluated for its side effects
// and discarded), or null when the name is not one of them.

import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkExpr, checkValue, errorExpr } from './check-expr.js';
import { evalIntConst } from './const-eval.js';
import { castTo, rvalue } from './conversions.js';
import { INT, isError, VOID, type CType } from './types.js';
import type { TExpr } from './typed.js';

/**
 * gcc's `enum type_class` (typeclass.h), the values __builtin_classify_type
 * returns; code such as old <stdarg.h> implementations and the c-torture
 * tests compare against the numbers.
 */
const TYPE_CLASS = {
  void: 0, integer: 1, pointer: 5, real: 8, complex: 9, function: 10, record: 12, union: 13, array: 14,
} as const;

function typeClass(t: CType): number {
  switch (t.kind) {
    case 'void': return TYPE_CLASS.void;
    // The operand is promoted as a call argument would be: _Bool, char and enums count as int.
    case 'int': case 'enum': return TYPE_CLASS.integer;
    case 'float': return TYPE_CLASS.real;
    case 'pointer': return TYPE_CLASS.pointer;
    case 'record': return t.info.isUnion ? TYPE_CLASS.union : TYPE_CLASS.record;
    case 'array': return TYPE_CLASS.array;
    case 'function': return TYPE_CLASS.function;
    default: return -1; // no_type_class
  }
}

export function checkTypeBuiltin(ctx: SemaContext, e: Extract<A.Expr, { kind: 'call' }>, name: string): TExpr | null {
  switch (name) {
    case '__builtin_classify_type': {
      if (e.args.length !== 1) {
        ctx.error(e.loc, `wrong number of arguments to function '__builtin_classify_type'`);
        return errorExpr(e.loc, INT);
      }
      // The operand is not evaluated; as a function argument it has decayed (an array is a pointer).
      const arg = rvalue(checkExpr(ctx, e.args[0]!));
      return { kind: 'intConst', loc: e.loc, type: INT, value: BigInt(isError(arg.type) ? -1 : typeClass(arg.type)) };
    }
    case '__builtin_prefetch': {
      if (e.args.length < 1 || e.args.length > 3) {
        ctx.error(e.loc, `wrong number of arguments to function '__builtin_prefetch'`);
        return errorExpr(e.loc, VOID);
      }
      const [address, ...hints] = e.args.map((a) => checkValue(ctx, a));
      hints.forEach((h, i) => {
        if (evalIntConst(h, ctx.target) === null) ctx.error(h.loc, `${i === 0 ? 'second' : 'third'} argument to '__builtin_prefetch' must be a constant`);
      });
      // A hint only: the address is computed (it may have side effects) and no memory is touched.
      return castTo(address!, VOID);
    }
    default:
      return null;
  }
}
