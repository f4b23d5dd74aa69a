// AArch64's side of emission (core/emit.ts): the frame, how an instruction
// takes its allocated registers, what its jumps look like, and the
// legalization of offsets known only now.
//
// Input: machine instructions over vregs and the Allocation table.
// Output: EmitRules<A64Inst, FrameLayout> — instructions over pregs with
// frame references resolved to [sp + offset] or [x29 + offset] (frame.ts),
// spill code as 8-byte loads and stores, a `ret` turned into a jump to the
// shared epilogue. Address-of-frame operands (`add d, <frame ref>` from
// selection) become `add d, base, #offset`.

import type { EmitRules, FinalFunction as CoreFinalFunction } from '../core/emit.js';
import type { LoweredFunction } from '../core/lowering.js';
import type { Allocation, SlotEdit } from '../core/mach.js';
import type { FrameLayout } from './frame.js';
import { epilogue, layoutFrame, prologue, resolveFrameRef } from './frame.js';
import type { A64Inst, A64Operand, Cond } from './inst.js';
import { imm, inst, invertCond, label, mem, reg } from './inst.js';
import { legalize, legalizeAll } from './legalize.js';
import { FP, SP } from './regs.js';

export type FinalFunction = CoreFinalFunction<A64Inst, FrameLayout>;

/** No calls, no stack memory, no frame pointer read: the function needs no frame. */
function isLeafWithoutStack(lf: LoweredFunction<A64Inst>): boolean {
  const usesFrame = (o: A64Operand): boolean =>
    (o.kind === 'mem' && (o.frame !== undefined || o.base === SP || o.base === FP)) || (o.kind === 'reg' && (o.reg === SP || o.reg === FP));
  return lf.mf.blocks.every((blk) => blk.insts.every((i) => i.op !== 'bl' && i.op !== 'blr' && !i.ops.some(usesFrame)));
}

function editInst(e: SlotEdit, frame: FrameLayout): A64Inst {
  // A vector's 16 bytes are its two slots, the second (lower) one first (core/mach.ts RegClass).
  const isVec = e.cls === 'vec';
  const at = resolveFrameRef(frame, { kind: 'spill', index: isVec ? e.spillSlot + 1 : e.spillSlot });
  return inst(e.kind === 'reload' ? 'ldr' : 'str', isVec ? 16 : 8, [reg(e.preg), mem(at.base, at.offset)]);
}

function mapOperand(o: A64Operand, regOf: (r: number) => number, frame: FrameLayout): A64Operand {
  switch (o.kind) {
    case 'reg': return reg(regOf(o.reg));
    case 'shifted': case 'extended': case 'lane': return { ...o, reg: regOf(o.reg) };
    case 'mem': {
      if (o.frame !== undefined) {
        const at = resolveFrameRef(frame, o.frame);
        return { kind: 'mem', base: at.base, mode: 'offset', offset: at.offset + o.offset };
      }
      return { ...o, base: regOf(o.base), ...(o.index === undefined ? {} : { index: regOf(o.index) }) };
    }
    default: return o;
  }
}

function applyAllocation(mi: A64Inst, regOf: (r: number) => number, frame: FrameLayout): A64Inst {
  const ops = mi.ops.map((o) => mapOperand(o, regOf, frame));
  // `add d, <frame ref>`: the address of a frame location.
  const m = ops[1];
  if (mi.op === 'add' && ops.length === 2 && m?.kind === 'mem') return { ...mi, ops: [ops[0]!, reg(m.base), imm(m.offset)] };
  return { ...mi, ops };
}

function isNoOp(i: A64Inst): boolean {
  // `nop` only ever marks the incoming argument registers as defined (lower-call.ts).
  if (i.op === 'nop') return true;
  if ((i.op === 'mov' || i.op === 'fmov') && i.size === 8 && i.arrangement === undefined) {
    const [d, s] = i.ops;
    return d?.kind === 'reg' && s?.kind === 'reg' && d.reg === s.reg;
  }
  // `mov vD.16b, vS.16b` (orr with both sources the same), a vector copy onto itself.
  if (i.op === 'orr' && i.arrangement === '16b') {
    const [d, s, t] = i.ops;
    return d?.kind === 'reg' && s?.kind === 'reg' && t?.kind === 'reg' && d.reg === s.reg && s.reg === t.reg;
  }
  return false;
}

const COND_BRANCHES = new Set<A64Inst['op']>(['bcond', 'cbz', 'cbnz', 'tbz', 'tbnz']);
const INVERSE: Partial<Record<A64Inst['op'], A64Inst['op']>> = { cbz: 'cbnz', cbnz: 'cbz', tbz: 'tbnz', tbnz: 'tbz' };

function lastLabel(i: A64Inst): number | null {
  const t = i.ops[i.ops.length - 1];
  return t?.kind === 'label' ? t.label : null;
}

function withLabel(i: A64Inst, l: number): A64Inst {
  return { ...i, ops: [...i.ops.slice(0, -1), label(l)] };
}

export const a64EmitRules: EmitRules<A64Inst, FrameLayout> = {
  layoutFrame: (lf: LoweredFunction<A64Inst>, alloc: Allocation) => {
    const mf = lf.mf;
    return layoutFrame(mf.slots, alloc.spillSlots, alloc.usedCalleeSaved, mf.outgoingArgBytes, isLeafWithoutStack(lf), mf.hasDynamicStack ?? false);
  },
  prologue: (f) => legalizeAll(prologue(f)),
  epilogue: (f) => legalizeAll(epilogue(f)),
  editInst,
  applyAllocation,
  isNoOp,
  isReturn: (i) => i.op === 'ret',
  isBarrier: (i) => i.op === 'b' || i.op === 'br' || i.op === 'udf' || i.op === 'brk',
  jumpTarget: (i) => (i.op === 'b' ? lastLabel(i) : null),
  condJumpTarget: (i) => (COND_BRANCHES.has(i.op) ? lastLabel(i) : null),
  jumpFor: (replaced, l) => inst('b', 8, [label(l)], replaced.loc === undefined ? {} : { loc: replaced.loc }),
  retarget: withLabel,
  invertCondJump: (i, l) => {
    const inv = INVERSE[i.op];
    if (inv !== undefined) return withLabel({ ...i, op: inv }, l);
    return withLabel({ ...i, cond: invertCond(i.cond as Cond) }, l);
  },
  peephole: (body) => {
    const out = body.flatMap(legalize);
    // Copied back element by element: spreading a block of 100k+ instructions into splice overflows the stack.
    body.length = out.length;
    out.forEach((x, n) => { body[n] = x; });
  },
};
