// `__builtin_alloca` as IR: a `stackalloc` never released before the
// function returns (gcc: alloca memory lives until the function returns).
//
// Input: an `alloca` typed expression. Output: the ptr operand of the new
// memory. Invariant: the size is converted to i64 (size_t) by sema.

import type { Operand } from '../../ir/ir.js';
import type { TExpr } from '../sema/typed.js';
import type { FnLowerer } from './lower-function.js';
import { lowerValue } from './lower-expr.js';

export function lowerAlloca(fl: FnLowerer, e: Extract<TExpr, { kind: 'alloca' }>): Operand {
  const size = lowerValue(fl, e.size);
  const result = fl.b.newValue('ptr');
  fl.b.emit({ op: 'stackalloc', result, ty: 'ptr', args: [size], align: e.align });
  return { kind: 'value', id: result };
}
