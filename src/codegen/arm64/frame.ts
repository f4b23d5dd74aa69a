// The AArch64 stack frame: where slots, spill slots and saved registers go,
// and the prologue and epilogue.
//
// Input: the function's IR slots, the allocator's spill count and
// callee-saved registers, the outgoing argument area, whether sp moves at
// run time (alloca, VLAs).
// Output: a FrameLayout that resolves frame references to a base register
// and offset, and the entry/exit instruction sequences (over pregs; emit.ts
// legalizes offsets that do not fit an instruction).
//
// Layout (AAPCS64 §6.2.3 frame records; sp 16-byte aligned at all times):
//   [x29+16 …]   incoming stack arguments
//   [x29+8]      saved x30 (lr)      ─┐ the frame record
//   [x29]        saved x29           ─┘
//   [x29-8 …]    callee-saved registers the function writes
//   below        IR slots, then spill slots
//   above sp     over-aligned slots (align > 16), sp rounded down to the largest
//   [sp …]       outgoing stack arguments (preallocated)
// Frame references are addressed from sp (positive offsets, which the
// scaled 12-bit forms reach furthest) unless sp moves at run time or is
// realigned; then from x29. Dynamic allocations sit just above the
// outgoing area ('dynamic'), and the epilogue restores sp from x29.
// A leaf that touches no stack memory gets no frame at all (as gcc -O2).

import { InternalCompilerError } from '../../diagnostics.js';
import type { A64Inst, FrameRef } from './inst.js';
import { imm, inst, mem, reg } from './inst.js';
import { FP, isFpr, LR, SP, X16 } from './regs.js';

export interface FrameLayout {
  readonly hasFrame: boolean;
  /** Callee-saved registers (not x29/x30) and their x29-relative offsets. */
  readonly saved: readonly { readonly preg: number; readonly offset: number }[];
  /** Bytes between x29 and sp after the prologue (without realignment). */
  readonly belowFp: number;
  /** Above 16: the prologue rounds sp down to this for over-aligned slots. */
  readonly realign: number;
  /** Frame references resolve against sp (else x29). */
  readonly isSpBased: boolean;
  /** x29-relative offsets of ordinary slots and spills; sp-relative for over-aligned slots. */
  readonly slotOffsets: readonly number[];
  readonly slotIsSp: readonly boolean[];
  readonly spillOffsets: readonly number[];
  readonly outgoingBytes: number;
  readonly hasDynamicStack: boolean;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function layoutFrame(
  slots: readonly { readonly size: number; readonly align: number }[],
  spillSlots: number,
  calleeSaved: readonly number[],
  outgoingBytes0: number,
  isLeafWithoutStack: boolean,
  hasDynamicStack: boolean,
): FrameLayout {
  const saveable = calleeSaved.filter((r) => r !== FP && r !== LR);
  if (isLeafWithoutStack && !hasDynamicStack && slots.length === 0 && spillSlots === 0 && saveable.length === 0) {
    return {
      hasFrame: false, saved: [], belowFp: 0, realign: 0, isSpBased: true, slotOffsets: [], slotIsSp: [], spillOffsets: [], outgoingBytes: 0, hasDynamicStack,
    };
  }
  const outgoingBytes = alignUp(outgoingBytes0, 16);
  let used = 0;
  const saved = saveable.map((preg) => {
    used += 8;
    return { preg, offset: -used };
  });
  let spCursor = outgoingBytes;
  let realign = 0;
  const slotIsSp: boolean[] = [];
  const slotOffsets = slots.map((s) => {
    if (s.align > 16) {
      if (hasDynamicStack) throw new InternalCompilerError('a slot aligned beyond 16 bytes in a function with alloca or a VLA is not supported on aarch64 yet');
      realign = Math.max(realign, s.align);
      const at = alignUp(spCursor, s.align);
      spCursor = at + Math.max(s.size, 1);
      slotIsSp.push(true);
      return at;
    }
    used = alignUp(used + Math.max(s.size, 1), Math.max(s.align, 1));
    slotIsSp.push(false);
    return -used;
  });
  const spillOffsets: number[] = [];
  for (let i = 0; i < spillSlots; i++) {
    used = alignUp(used + 8, 8);
    spillOffsets.push(-used);
  }
  const locals = alignUp(used, 16);
  const belowFp = realign > 0 ? locals + alignUp(spCursor, 16) + realign : locals + outgoingBytes;
  return {
    hasFrame: true, saved, belowFp, realign, isSpBased: !hasDynamicStack && realign === 0,
    slotOffsets, slotIsSp, spillOffsets, outgoingBytes, hasDynamicStack,
  };
}

/** A frame reference as base register and offset. */
export function resolveFrameRef(f: FrameLayout, ref: FrameRef): { base: number; offset: number } {
  const fromFp = (offset: number) => (f.isSpBased ? { base: SP, offset: offset + f.belowFp } : { base: FP, offset });
  switch (ref.kind) {
    case 'slot':
      if (f.slotIsSp[ref.index]) return { base: SP, offset: f.slotOffsets[ref.index]! };
      return fromFp(f.slotOffsets[ref.index]!);
    case 'spill': {
      const off = f.spillOffsets[ref.index];
      if (off === undefined) throw new InternalCompilerError(`spill slot ${ref.index} missing`);
      return fromFp(off);
    }
    case 'incoming': return fromFp(16 + ref.offset);
    case 'dynamic': return { base: SP, offset: f.outgoingBytes };
  }
}

/**
 * Stores (or loads) of the callee-saved registers at their x29 offsets:
 * neighbours of one register file in pairs (stp/ldp), the odd one alone.
 */
function saveInsts(op: 'str' | 'ldr', saved: FrameLayout['saved']): A64Inst[] {
  const out: A64Inst[] = [];
  for (let k = 0; k < saved.length; k++) {
    const a = saved[k]!;
    const b = saved[k + 1];
    if (b !== undefined && isFpr(a.preg) === isFpr(b.preg) && b.offset === a.offset - 8) {
      out.push(inst(op === 'str' ? 'stp' : 'ldp', 8, [reg(b.preg), reg(a.preg), mem(FP, b.offset)]));
      k++;
    } else {
      out.push(inst(op, 8, [reg(a.preg), mem(FP, a.offset)]));
    }
  }
  return out;
}

/** Opens the frame: the frame record, x29, sp lowered (and realigned), callee-saved registers stored. */
export function prologue(f: FrameLayout): A64Inst[] {
  if (!f.hasFrame) return [];
  const out: A64Inst[] = [
    inst('stp', 8, [reg(FP), reg(LR), mem(SP, -16, 'pre')]),
    inst('mov', 8, [reg(FP), reg(SP)]),
  ];
  if (f.realign > 0) {
    out.push(inst('sub', 8, [reg(X16), reg(SP), imm(f.belowFp)]));
    out.push(inst('and', 8, [reg(SP), reg(X16), imm(-f.realign)]));
  } else if (f.belowFp > 0) {
    out.push(inst('sub', 8, [reg(SP), reg(SP), imm(f.belowFp)]));
  }
  out.push(...saveInsts('str', f.saved));
  return out;
}

/** Restores the callee-saved registers, sp from x29, the frame record, and returns. */
export function epilogue(f: FrameLayout): A64Inst[] {
  if (!f.hasFrame) return [inst('ret', 8, [])];
  const out: A64Inst[] = saveInsts('ldr', f.saved);
  // sp is x29 already unless the prologue lowered it or it moved since.
  if (f.belowFp > 0 || f.hasDynamicStack) out.push(inst('mov', 8, [reg(SP), reg(FP)]));
  out.push(inst('ldp', 8, [reg(FP), reg(LR), mem(SP, 16, 'post')]));
  out.push(inst('ret', 8, []));
  return out;
}

