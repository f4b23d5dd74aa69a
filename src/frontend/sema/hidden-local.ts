// Hidden locals for builtins that sema expands into ordinary typed
// expressions (bit operations, checked arithmetic): each intermediate value
// is bound once to a compiler-made automatic variable, so an operand with
// side effects is evaluated once and the expansion stays linear in size.
//
// Input: the value and the list collecting the declarations. Output: a load
// of the variable (or the value itself outside functions, in constant
// contexts, where no code runs and const-eval folds the tree).

import type { SemaContext } from './context.js';
import type { TExpr, TStmt, VarSym } from './typed.js';

export function bindHiddenLocal(ctx: SemaContext, decls: TStmt[], prefix: string, v: TExpr): TExpr {
  if (ctx.fn === null || v.kind === 'intConst') return v;
  const loc = v.loc;
  const name = `.${prefix}.${ctx.freshId()}`;
  const sym: VarSym = {
    kind: 'var', name, type: v.type, storage: 'auto', linkage: 'none', irName: name, loc,
    isDefined: true, isUsed: true, explicitAlign: 0, isThreadLocal: false,
  };
  decls.push({ kind: 'decl', loc, sym, init: { type: v.type, entries: [{ kind: 'expr', offset: 0, expr: v, bitField: null }], loc } });
  return { kind: 'load', loc, type: v.type, operand: { kind: 'var', loc, type: v.type, sym } };
}
