// load-elim: redundant load elimination and store-to-load forwarding for
// memory that mem2reg could not promote (arrays, struct fields, globals,
// memory behind pointers).
//
// Input: a function in SSA form. Output: a non-volatile load of the same
// type from the same address operand as an earlier load or store, with no
// possibly-aliasing write in between, is replaced by the earlier value.
//
// Scope: extended basic blocks — a block inherits what is known at the end
// of its predecessor when that predecessor is its only one (so every path
// into the block passes through it). Knowledge is killed conservatively:
// any store may write any address except that its own address then holds
// the stored value; any call may write anything; a volatile store kills
// everything. Volatile loads are never removed nor forwarded (C11 6.7.3p7).
// Addresses are compared as operands (the same SSA value, or the same
// global and offset), so no alias analysis is needed for correctness.

import type { Inst, IrFunction, Operand } from '../ir.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { operandKey, resolve, substitute, type Substitution } from '../rewrite.js';

type Known = Map<string, Operand>;

export const loadElim: FunctionPass = {
  name: 'load-elim',
  preservesCfg: true,
  run(fn: IrFunction, ctx: PassContext): boolean {
    const cfg = ctx.cfg();
    const subst: Substitution = new Map();
    const atEnd: (Known | undefined)[] = new Array(cfg.blocks.length);
    let changed = false;
    for (const bi of cfg.rpo) {
      const preds = cfg.preds[bi];
      const inherited = preds.length === 1 && preds[0] !== bi ? atEnd[preds[0]] : undefined;
      const known: Known = inherited ? new Map(inherited) : new Map();
      const blk = cfg.blocks[bi];
      const kept: Inst[] = [];
      for (const inst of blk.insts) {
        if (forward(inst, known, subst)) { changed = true; continue; }
        kept.push(inst);
      }
      blk.insts = kept;
      atEnd[bi] = known;
    }
    return substitute(fn, subst) || changed;
  },
};

const keyOf = (addr: Operand, ty: string) => `${ty} ${operandKey(addr)}`;

/** Updates `known` for `inst`; returns true when the instruction is a redundant load to delete. */
function forward(inst: Inst, known: Known, subst: Substitution): boolean {
  switch (inst.op) {
    case 'load': {
      if (inst.isVolatile || inst.result === null || inst.ty === null) return false;
      const key = keyOf(resolve(subst, inst.args[0]), inst.ty);
      const prior = known.get(key);
      if (prior !== undefined) {
        subst.set(inst.result, resolve(subst, prior));
        return true;
      }
      known.set(key, { kind: 'value', id: inst.result });
      return false;
    }
    case 'store':
      known.clear();
      if (!inst.isVolatile && inst.ty !== null) known.set(keyOf(resolve(subst, inst.args[1]), inst.ty), resolve(subst, inst.args[0]));
      return false;
    case 'call': case 'vastart': case 'asm':
    case 'ldadd': case 'ldsub': case 'ldmul': case 'lddiv': case 'ldneg': case 'ldext': case 'ldtrunc':
      known.clear();
      return false;
    default:
      return false;
  }
}
