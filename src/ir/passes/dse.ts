// dse: dead store elimination.
//
// Input: a function in SSA form. Output: the function without stores whose
// bytes nothing can read before they are overwritten or cease to exist:
//  - within a block, a store followed by a store to the same bytes
//    (analysis/alias.ts mustAlias) with no load that may read them, no
//    call, asm, va_start or long-double operation in between (any of which
//    may read memory): `q->vy = a; … q->vy = b;` keeps only the second;
//  - anywhere, a store into a stack slot that does not escape and is never
//    loaded from (nothing can observe it).
// Volatile stores are never removed and order everything around them
// (C11 6.7.3p7). Memory left at the end of a block may be read by its
// successors, so the backward scan starts empty at every block's end.

import type { Inst, IrFunction } from '../ir.js';
import { sizeOfType } from '../ir.js';
import { OPS } from '../ops.js';
import type { FunctionPass, PassContext } from '../pass.js';
import { AliasAnalysis } from '../analysis/alias.js';
import { analyzeEscapes } from '../analysis/escape.js';

export const dse: FunctionPass = {
  name: 'dse',
  preservesCfg: true,
  run(fn: IrFunction, _ctx: PassContext): boolean {
    if (!fn.blocks.some((b) => b.insts.some((i) => i.op === 'store'))) return false;
    const aa = new AliasAnalysis(fn);
    const dead = new Set<Inst>(unreadSlotStores(fn));
    for (const blk of fn.blocks) {
      let later: Inst[] = []; // stores after the scan point, not yet read
      for (let k = blk.insts.length - 1; k >= 0; k--) {
        const inst = blk.insts[k]!;
        if (inst.op === 'store' && !inst.isVolatile) {
          const size = sizeOfType(inst.ty!);
          if (later.some((s) => aa.mustAlias(s.args[1]!, sizeOfType(s.ty!), inst.args[1]!, size))) { dead.add(inst); continue; }
          later.push(inst);
          if (later.length > MAX_TRACKED) later.shift();
        } else if (inst.op === 'load' && !inst.isVolatile) {
          const size = sizeOfType(inst.ty!);
          later = later.filter((s) => !aa.mayAlias(s.args[1]!, sizeOfType(s.ty!), inst.args[0]!, size));
        } else if (mayTouchMemory(inst)) {
          later = [];
        }
      }
    }
    if (dead.size === 0) return false;
    for (const blk of fn.blocks) blk.insts = blk.insts.filter((i) => !dead.has(i));
    return true;
  },
};

/** Stores still awaited per block: a bound so long blocks stay linear. */
const MAX_TRACKED = 64;

function mayTouchMemory(inst: Inst): boolean {
  if (inst.op === 'load' || inst.op === 'store') return true; // volatile ones, here
  return !OPS[inst.op].isPure;
}

/** Stores into slots that do not escape and are never loaded from. */
function unreadSlotStores(fn: IrFunction): Inst[] {
  const out: Inst[] = [];
  for (const o of analyzeEscapes(fn)) {
    // A merged object's loads may go through a pointer attributed to the other object.
    if (o.kind !== 'slot' || o.escapes || o.hasVolatile || o.isMerged) continue;
    if (o.accesses.some((a) => a.kind === 'load')) continue;
    for (const a of o.accesses) out.push(a.inst);
  }
  return out;
}
