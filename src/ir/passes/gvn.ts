// gvn: global value numbering of pure instructions over the dominator tree.
//
// Input: a function in SSA form. Output: the same function where a pure
// instruction that repeats an earlier one in a dominating position (same
// opcode, types, condition and operands; operands of commutative ops in
// either order) is removed and its uses refer to the earlier result.
//
// This is the scoped-hash-table form of dominator-based value numbering
// (Briggs, Cooper, Simpson 1997): walking the dominator tree in preorder,
// a block sees exactly the expressions computed in its dominators.
// Loads, stores and calls are never numbered (memory may change between
// them). Trapping ops (division) are fine: the dominating one ran first.

import type { Inst, IrFunction, IrType } from '../ir.js';
import { isIntType } from '../ir.js';
import { bitsOf } from './const-fold.js';
import { OPS } from '../ops.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { operandKey, resolve, substitute, type Substitution } from '../rewrite.js';

/** The type of operand `i` of a pure instruction (ops.ts shapes), for normalising constants. */
function operandType(inst: Inst, i: number): IrType | null {
  switch (OPS[inst.op].shape) {
    case 'compare': case 'convert': return inst.opTy ?? null;
    case 'select': return i === 0 ? inst.opTy ?? null : inst.ty;
    default: return inst.ty;
  }
}

function expressionKey(inst: Inst, subst: Substitution): string | null {
  const info = OPS[inst.op];
  if (!info.isPure || inst.result === null) return null;
  // `add %x, 255` and `add %x, -1` are the same i8 instruction.
  let args = inst.args.map((a, i) => {
    const r = resolve(subst, a);
    const ty = operandType(inst, i);
    return operandKey(r.kind === 'int' && ty !== null && isIntType(ty) ? { kind: 'int', value: BigInt.asIntN(bitsOf(ty), r.value) } : r);
  });
  if (info.isCommutative) args = args.slice().sort();
  return `${inst.op} ${inst.ty} ${inst.opTy ?? ''} ${inst.cond ?? ''} ${inst.slot ?? ''} ${args.join(',')}`;
}

export const gvn: FunctionPass = {
  name: 'gvn',
  preservesCfg: true,
  run(fn: IrFunction, ctx: PassContext): boolean {
    const cfg = ctx.cfg();
    const dom = ctx.dominators();
    if (cfg.rpo.length === 0) return false;
    const table = new Map<string, number>();
    const subst: Substitution = new Map();
    // Iterative preorder walk; `undo` lists the keys each open block added.
    const stack: { block: number; child: number; added: string[] }[] = [{ block: cfg.rpo[0], child: -1, added: [] }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.child === -1) {
        const blk = cfg.blocks[top.block];
        const kept: Inst[] = [];
        for (const inst of blk.insts) {
          const key = expressionKey(inst, subst);
          if (key === null) { kept.push(inst); continue; }
          const prior = table.get(key);
          if (prior !== undefined) {
            subst.set(inst.result!, { kind: 'value', id: prior });
          } else {
            table.set(key, inst.result!);
            top.added.push(key);
            kept.push(inst);
          }
        }
        blk.insts = kept;
        top.child = 0;
        continue;
      }
      const kids = dom.children[top.block];
      if (top.child < kids.length) {
        stack.push({ block: kids[top.child++], child: -1, added: [] });
      } else {
        for (const k of top.added) table.delete(k);
        stack.pop();
      }
    }
    return substitute(fn, subst);
  },
};
