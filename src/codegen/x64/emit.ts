// x86-64's side of emission (core/emit.ts): the frame, how an instruction
// takes its allocated registers, what its jumps look like, and one
// peephole.
//
// Input: machine instructions over vregs and the Allocation table.
// Output: EmitRules<X64Inst, FrameLayout> — instructions over pregs with
// frame references resolved to [rbp + disp] (or [rsp + disp] without a
// frame pointer, for over-aligned slots and the dynamic area), spill code as 8-byte moves, a
// `ret` turned into a jump to the shared epilogue, a call that preserves
// registers (cold paths) wrapped in their saves and restores.

import type { EmitRules, FinalFunction as CoreFinalFunction, FinalItem as CoreFinalItem } from '../core/emit.js';
import type { LoweredFunction } from '../core/lowering.js';
import type { Allocation, SlotEdit } from '../core/mach.js';
import type { FrameLayout } from './abi.js';
import { epilogue, frameRefBase, frameRefDisp, layoutFrame, prologue } from './abi.js';
import type { Cc, MemOperand, X64Inst, X64Operand } from './inst.js';
import { imm, inst, invertCc, label, mem, reg } from './inst.js';
import { isXmm, RSP } from './regs.js';

export type FinalItem = CoreFinalItem<X64Inst>;
export type FinalFunction = CoreFinalFunction<X64Inst, FrameLayout>;

/**
 * A call that keeps `regs` (X64Inst.preserves): they go below rsp into an
 * area of a multiple of 16 bytes, so the call still sees rsp 16-byte
 * aligned (psABI §3.2.2); whole xmm registers, as 16-byte values may live
 * there. Nothing between the saves and the restores addresses the frame.
 */
function preservingCall(call: X64Inst, regs: readonly number[]): X64Inst[] {
  const gprs = regs.filter((r) => !isXmm(r));
  const xmms = regs.filter(isXmm);
  const bytes = Math.ceil((gprs.length * 8 + xmms.length * 16) / 16) * 16;
  const at = (r: number, n: number) => (isXmm(r) ? gprs.length * 8 + 16 * (n - gprs.length) : 8 * n);
  const ordered = [...gprs, ...xmms];
  const out: X64Inst[] = [inst('sub', 8, [reg(RSP), imm(bytes)])];
  ordered.forEach((r, n) => out.push(inst(isXmm(r) ? 'movups' : 'mov', 8, [mem(RSP, at(r, n)), reg(r)])));
  const { preserves: _, ...plain } = call;
  out.push(plain);
  ordered.forEach((r, n) => out.push(inst(isXmm(r) ? 'movups' : 'mov', 8, [reg(r), mem(RSP, at(r, n))])));
  out.push(inst('add', 8, [reg(RSP), imm(bytes)]));
  return out;
}

/** No calls and no stack operands: the function can run without an rbp frame. */
function isLeafWithoutStack(lf: LoweredFunction<X64Inst>): boolean {
  return lf.mf.blocks.every((blk) => blk.insts.every((i) => i.op !== 'call' && i.ops.every((o) => o.kind !== 'mem' || o.frame === undefined)));
}

function editInst(e: SlotEdit, frame: FrameLayout): X64Inst {
  // A vector's 16 bytes are its two slots, the second (lower) one first (mach.ts RegClass).
  const ref = { kind: 'spill', index: e.cls === 'vec' ? e.spillSlot + 1 : e.spillSlot } as const;
  const slot = mem(frameRefBase(frame, ref), frameRefDisp(frame, ref));
  const op = e.cls === 'float' ? 'movsd' : e.cls === 'vec' ? 'movups' : 'mov';
  return e.kind === 'reload' ? inst(op, 8, [reg(e.preg), slot]) : inst(op, 8, [slot, reg(e.preg)]);
}

function mapOperand(o: X64Operand, regOf: (r: number) => number, frame: FrameLayout): X64Operand {
  switch (o.kind) {
    case 'reg': return reg(regOf(o.reg));
    case 'mem': {
      if (o.frame) {
        const m: MemOperand = { kind: 'mem', base: frameRefBase(frame, o.frame), index: o.index === null ? null : regOf(o.index), scale: o.scale, disp: o.disp + frameRefDisp(frame, o.frame) };
        return m;
      }
      return { ...o, base: o.base === null ? null : regOf(o.base), index: o.index === null ? null : regOf(o.index) };
    }
    default: return o;
  }
}

/** Copies between one register and itself, and the `args` marker, emit nothing. */
function isNoOp(i: X64Inst): boolean {
  if (i.op === 'args') return true;
  if ((i.op === 'mov' && i.size === 8) || i.op === 'movaps') {
    const [d, s] = i.ops;
    return d?.kind === 'reg' && s?.kind === 'reg' && d.reg === s.reg;
  }
  return false;
}

const FLAG_READERS = new Set<X64Inst['op']>(['jcc', 'setcc', 'cmovcc']);
const FLAG_WRITERS = new Set<X64Inst['op']>([
  'add', 'sub', 'and', 'or', 'xor', 'cmp', 'test', 'imul', 'imul3', 'neg', 'shl', 'shr', 'sar', 'idiv', 'div', 'mul', 'imul1',
  'ucomisd', 'ucomiss', 'call',
]);

/**
 * `mov r32, 0` → `xor r32, r32` (2 bytes instead of 5, and a dependency-
 * breaking idiom, SDM vol. 1 / Intel optimization manual §3.5.1.7) wherever
 * EFLAGS are dead, found by a backward scan of the block (flags never live
 * across blocks in our code: every reader sits in its writer's block).
 */
function useXorForZero(body: X64Inst[]): void {
  let areFlagsLive = false;
  for (let n = body.length - 1; n >= 0; n--) {
    const i = body[n]!;
    const [d, v] = i.ops;
    if (i.op === 'mov' && i.size === 4 && d?.kind === 'reg' && v?.kind === 'imm' && v.value === 0n && !areFlagsLive) {
      body[n] = inst('xor', 4, [d, d], i.loc === undefined ? {} : { loc: i.loc });
      continue;
    }
    if (FLAG_READERS.has(i.op)) areFlagsLive = true;
    else if (FLAG_WRITERS.has(i.op)) areFlagsLive = false;
  }
}

function labelOf(i: X64Inst, op: 'jmp' | 'jcc'): number | null {
  if (i.op !== op) return null;
  const t = i.ops[0];
  return t?.kind === 'label' ? t.label : null;
}

export const x64EmitRules: EmitRules<X64Inst, FrameLayout> = {
  layoutFrame: (lf: LoweredFunction<X64Inst>, alloc: Allocation) => {
    const mf = lf.mf;
    return layoutFrame(mf.slots, alloc.spillSlots, alloc.usedCalleeSaved, mf.outgoingArgBytes, isLeafWithoutStack(lf), mf.hasDynamicStack ?? false, mf.omitsFramePointer ?? false);
  },
  prologue,
  epilogue,
  editInst,
  applyAllocation: (mi, regOf, frame) => ({ ...mi, ops: mi.ops.map((o) => mapOperand(o, regOf, frame)) }),
  isNoOp,
  expand: (i) => (i.op === 'call' && i.preserves ? preservingCall(i, i.preserves) : null),
  isReturn: (i) => i.op === 'ret',
  isBarrier: (i) => i.op === 'jmp' || i.op === 'ud2',
  jumpTarget: (i) => labelOf(i, 'jmp'),
  condJumpTarget: (i) => labelOf(i, 'jcc'),
  jumpFor: (replaced, l) => inst('jmp', 8, [label(l)], replaced.loc === undefined ? {} : { loc: replaced.loc }),
  retarget: (i, l) => ({ ...i, ops: [label(l)] }),
  invertCondJump: (i, l) => inst('jcc', 8, [label(l)], { cc: invertCc(i.cc as Cc) }),
  peephole: useXorForZero,
};
