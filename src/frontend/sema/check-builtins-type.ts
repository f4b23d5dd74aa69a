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
import { INT, isError, LONG, pointerTo, VOID, type CType } from './types.js';
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
    case '__builtin_setjmp': case '__builtin_longjmp': {
      const want = name === '__builtin_setjmp' ? 1 : 2;
      const args = e.args.map((a) => checkValue(ctx, a));
      if (args.length !== want) {
        ctx.error(e.loc, `wrong number of arguments to function '${name}'`);
        return errorExpr(e.loc, name === '__builtin_setjmp' ? INT : VOID);
      }
      if (args.some((a) => isError(a.type))) return errorExpr(e.loc);
      if (args[0]!.type.kind !== 'pointer') {
        ctx.error(args[0]!.loc, `first argument to '${name}' must be a pointer`);
        return errorExpr(e.loc);
      }
      const buf = castTo(args[0]!, pointerTo(VOID_PTR));
      if (name === '__builtin_setjmp') return { kind: 'builtinSetjmp', loc: e.loc, type: INT, buf };
      if (evalIntConst(args[1]!, ctx.target) !== 1n) ctx.error(args[1]!.loc, `second argument to '__builtin_longjmp' must be 1`);
      return { kind: 'builtinLongjmp', loc: e.loc, type: VOID, buf };
    }
    case '__builtin_frame_address': case '__builtin_return_address': {
      const level = e.args.length === 1 ? evalIntConst(checkValue(ctx, e.args[0]!), ctx.target) : null;
      if (level === null || level < 0n || level > 0xffffn) {
        ctx.error(e.loc, `invalid argument to '${name}'`);
        return errorExpr(e.loc, VOID_PTR);
      }
      // The x86-64 frame chain (every function here keeps rbp when asked): [frame] holds the caller's
      // frame address, [frame + 8] the return address. Levels above 0 walk the chain, as gcc does,
      // and are only meaningful when the callers keep frame pointers too.
      let frame: TExpr = { kind: 'frameAddress', loc: e.loc, type: VOID_PTR };
      for (let k = 0n; k < level; k++) frame = loadPointerAt(frame, 0);
      return name === '__builtin_frame_address' ? frame : loadPointerAt(frame, 8);
    }
    default:
      return null;
  }
}

const VOID_PTR = pointerTo(VOID);

/** The `void *` stored at byte `offset` from the address `base`. */
function loadPointerAt(base: TExpr, offset: number): TExpr {
  const loc = base.loc;
  const slotPtr: CType = pointerTo(VOID_PTR);
  const at: TExpr = offset === 0 ? base : { kind: 'ptrAdd', loc, type: VOID_PTR, isSub: false, ptr: base, index: { kind: 'intConst', loc, type: LONG, value: BigInt(offset) }, elemSize: 1 };
  const lvalue: TExpr = { kind: 'deref', loc, type: VOID_PTR, operand: { kind: 'cast', loc, type: slotPtr, operand: at, isImplicit: false } };
  return { kind: 'load', loc, type: VOID_PTR, operand: lvalue };
}
