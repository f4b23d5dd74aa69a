// load-elim: redundant load elimination and store-to-load forwarding for
// memory that mem2reg could not promote (arrays, struct fields, globals,
// memory behind pointers).
//
// Input: a function in SSA form. Output: a non-volatile load of the same
// type from the same bytes as an earlier load or store, with no write in
// between that may touch them, is replaced by the earlier value.
//
// Scope: extended basic blocks — a block inherits what is known at the end
// of its predecessor when that predecessor is its only one (so every path
// into the block passes through it). A store forgets only what it may
// overwrite (analysis/alias.ts: same base at other constant offsets,
// distinct stack slots and globals, and private objects cannot overlap),
// then its own bytes hold the stored value; any call, asm, va_start or
// long double operation may write anything; a volatile store forgets everything. Volatile loads are
// never removed nor forwarded (C11 6.7.3p7). "The same bytes" is exact
// (alias.ts mustAlias: same root, offset and width), so forwarding needs
// no guess.

import type { Inst, IrFunction, IrType, Operand } from '../ir.js';
import { sizeOfType } from '../ir.js';
import { OPS } from '../ops.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { resolve, substitute, type Substitution } from '../rewrite.js';
import { AliasAnalysis } from '../analysis/alias.js';

/** A location whose value is known: its address, width and type, and the value. */
interface Known {
  readonly addr: Operand;
  readonly size: number;
  readonly ty: IrType;
  readonly value: Operand;
}

/** Known locations per point: a bound keeps long blocks linear. */
const MAX_KNOWN = 64;

export const loadElim: FunctionPass = {
  name: 'load-elim',
  preservesCfg: true,
  run(fn: IrFunction, ctx: PassContext): boolean {
    const cfg = ctx.cfg();
    const aa = new AliasAnalysis(fn);
    const subst: Substitution = new Map();
    const atEnd: (Known[] | undefined)[] = new Array(cfg.blocks.length);
    let changed = false;
    for (const bi of cfg.rpo) {
      const preds = cfg.preds[bi];
      const inherited = preds.length === 1 && preds[0] !== bi ? atEnd[preds[0]] : undefined;
      let known: Known[] = inherited ? inherited.slice() : [];
      const blk = cfg.blocks[bi];
      const kept: Inst[] = [];
      for (const inst of blk.insts) {
        const r = forward(inst, known, subst, aa);
        known = r.known;
        if (r.isRedundant) { changed = true; continue; }
        kept.push(inst);
      }
      blk.insts = kept;
      atEnd[bi] = known;
    }
    return substitute(fn, subst) || changed;
  },
};

function remember(known: Known[], k: Known): Known[] {
  known.push(k);
  if (known.length > MAX_KNOWN) known.shift();
  return known;
}

/** Updates what is known for `inst`; `isRedundant` when the instruction is a load to delete. */
function forward(inst: Inst, known: Known[], subst: Substitution, aa: AliasAnalysis): { known: Known[]; isRedundant: boolean } {
  switch (inst.op) {
    case 'load': {
      if (inst.isVolatile || inst.result === null || inst.ty === null) return { known, isRedundant: false };
      const addr = resolve(subst, inst.args[0]!);
      const size = sizeOfType(inst.ty);
      const prior = known.find((k) => k.ty === inst.ty && aa.mustAlias(k.addr, k.size, addr, size));
      if (prior !== undefined) {
        subst.set(inst.result, resolve(subst, prior.value));
        return { known, isRedundant: true };
      }
      return { known: remember(known, { addr, size, ty: inst.ty, value: { kind: 'value', id: inst.result } }), isRedundant: false };
    }
    case 'store': {
      if (inst.isVolatile || inst.ty === null) return { known: [], isRedundant: false };
      const addr = resolve(subst, inst.args[1]!);
      const size = sizeOfType(inst.ty);
      const survivors = known.filter((k) => !aa.mayAlias(k.addr, k.size, addr, size));
      return { known: remember(survivors, { addr, size, ty: inst.ty, value: resolve(subst, inst.args[0]!) }), isRedundant: false };
    }
    default:
      // Calls, asm, va_start and long double operations may write any memory.
      return { known: OPS[inst.op].isPure ? known : [], isRedundant: false };
  }
}
