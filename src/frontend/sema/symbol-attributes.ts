// GNU attributes that change how a function or object appears to the
// linker: `visibility`, `weak`, `section`, `alias`, `constructor` and
// `destructor` (gcc manual, "Common Function Attributes" / "Common Variable
// Attributes").
//
// Input: the attributes of one declaration (in its specifiers and after its
// declarator) and the symbol it declares. Output: the symbol's `gnu` record,
// merged across declarations (an attribute on any declaration holds for the
// symbol, as in gcc). Lowering turns the record into IR symbol attributes.
// `used` keeps a definition nothing refers to (lowering drops the others).
// Attributes that change nothing here (`noinline`, `format`…) are left to
// their own checks or ignored.

import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { attrName } from './check-types.js';
import { checkExpr } from './check-expr.js';
import { evalIntConst } from './const-eval.js';
import { rvalue } from './conversions.js';
import type { FuncSym, GnuSymbolAttrs, VarSym } from './typed.js';

const visibilities = new Set(['default', 'hidden', 'protected', 'internal']);

/** The narrow-string argument of an attribute such as `section("x")`, or null after reporting. */
function stringArg(ctx: SemaContext, a: A.Attribute): string | null {
  const arg = a.args[0];
  if (a.args.length !== 1 || arg === undefined || arg.kind !== 'string' || (arg.prefix !== '' && arg.prefix !== 'u8')) {
    ctx.error(a.loc, `'${attrName(a)}' attribute requires a string argument`);
    return null;
  }
  return String.fromCharCode(...arg.units);
}

/** `constructor(N)`: priorities 0–100 are reserved for the implementation (gcc warns; we do too), beyond 65535 an error. */
function priorityArg(ctx: SemaContext, a: A.Attribute): number | null {
  if (a.args.length === 0) return null;
  const v = evalIntConst(rvalue(checkExpr(ctx, a.args[0]!)), ctx.target);
  if (v === null || v < 0n || v > 65535n) {
    ctx.error(a.loc, `${attrName(a)} priorities must be integers from 0 to 65535 inclusive`);
    return null;
  }
  if (v <= 100n) ctx.warning(a.loc, `${attrName(a)} priorities from 0 to 100 are reserved for the implementation`);
  return Number(v);
}

export function applySymbolAttributes(ctx: SemaContext, sym: VarSym | FuncSym, attributes: readonly A.Attribute[]): void {
  for (const a of attributes) {
    const name = attrName(a);
    const gnu: GnuSymbolAttrs = sym.gnu ?? {};
    switch (name) {
      case 'visibility': {
        const v = stringArg(ctx, a);
        if (v === null) continue;
        if (!visibilities.has(v)) {
          ctx.error(a.loc, `attribute 'visibility' argument must be one of "default", "hidden", "protected" or "internal"`);
          continue;
        }
        gnu.visibility = v as GnuSymbolAttrs['visibility'];
        break;
      }
      case 'weak': gnu.isWeak = true; break;
      case 'used': gnu.isKept = true; break;
      case 'section': {
        const s = stringArg(ctx, a);
        if (s === null) continue;
        gnu.section = s;
        break;
      }
      case 'alias': {
        const target = stringArg(ctx, a);
        if (target === null) continue;
        gnu.aliasOf = target;
        break;
      }
      case 'constructor': case 'destructor': {
        if (sym.kind !== 'func') {
          ctx.warning(a.loc, `'${name}' attribute only applies to functions`);
          continue;
        }
        const priority = priorityArg(ctx, a);
        if (name === 'constructor') gnu.startup = { priority }; else gnu.shutdown = { priority };
        break;
      }
      default: continue;
    }
    sym.gnu = gnu;
  }
  // An alias is a definition: it names the target's storage or code.
  if (sym.gnu?.aliasOf !== undefined) sym.isDefined = true;
}

/**
 * At the end of the unit: each alias must name a definition of this unit
 * (gcc: "aliased to undefined symbol"), of the same kind, and not another alias.
 */
export function checkAliases(ctx: SemaContext, symbols: readonly (VarSym | FuncSym)[]): void {
  const byAsmName = new Map<string, VarSym | FuncSym>();
  for (const s of symbols) byAsmName.set(s.irName, s);
  for (const s of byAsmName.values()) {
    const target = s.gnu?.aliasOf;
    if (target === undefined) continue;
    const t = byAsmName.get(target);
    if (t === undefined || !t.isDefined || t.gnu?.aliasOf !== undefined) {
      ctx.error(s.loc, `'${s.name}' aliased to undefined symbol '${target}'`);
    } else if (t.kind !== s.kind) {
      ctx.error(s.loc, `'${s.name}' alias between function and variable is not supported`);
    }
  }
}
