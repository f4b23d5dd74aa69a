// System V AMD64 ABI facts used by lowering and emission: argument
// classification and the frame layout.
//
// Input: IR argument types; the allocator's spill/callee-saved results.
// Output: where each argument goes; the rbp-relative offset of every stack
// slot and spill slot, and the prologue/epilogue instructions.
//
// Frame (rbp-based, psABI §3.2.2, figure 3.3):
//   [rbp+16 …]     incoming stack arguments (8-byte slots, first at rbp+16)
//   [rbp+8]        return address
//   [rbp]          caller's rbp
//   [rbp-8 …]      callee-saved registers we write, pushed
//   below          IR stack slots, then spill slots
//   [rsp …]        outgoing stack arguments of calls (preallocated)
// A function with dynamic allocation (`stackalloc`) moves rsp down by
// multiples of 16 at run time; its allocations start just above the
// outgoing area (FrameRef 'dynamic'), which stays at the bottom, and the
// epilogue restores rsp from rbp.
// rsp is 16-byte aligned at every call: rsp ≡ 8 (mod 16) on entry, the push
// of rbp makes it 0, and the pushes plus `sub rsp, N` total a multiple of 16.
//
// Without a frame pointer (MachFunction.omitsFramePointer, -O1 and up as
// gcc, when no alloca/VLA, over-aligned slot or inline asm needs rbp): no
// `push rbp; mov rbp, rsp`, rbp is one more callee-saved register the
// allocator may use, and frame references are addressed from rsp, which
// does not move between prologue and epilogue. Offsets are still computed
// from V = CFA - 16 (where rbp would point), so slots sit where they would
// in an rbp frame, just 8 bytes higher because no rbp is pushed:
//   [V+8]          return address
//   [V …]          callee-saved registers pushed (the first at V)
//   below          IR stack slots, spill slots, then the outgoing area at rsp
// and a V-relative offset o is [rsp + o + (V - rsp)].

import { assert } from '../../diagnostics.js';
import type { ArgAbi, IrType, RegPiece } from '../../ir/ir.js';
import { isFloatType } from '../../ir/ir.js';
import type { FrameRef, X64Inst } from './inst.js';
import { imm, inst, mem, reg } from './inst.js';
import { FLOAT_ARG_REGS, INT_ARG_REGS, RAX, RBP, RDX, RSP, XMM0 } from './regs.js';

export type ArgLoc =
  /** `isUpper`: an SSEUP eightbyte, in the upper half of `preg` (the previous argument's xmm). */
  | { readonly kind: 'reg'; readonly preg: number; readonly isUpper?: boolean }
  /** Byte offset in the outgoing (or incoming) argument area. */
  | { readonly kind: 'stack'; readonly offset: number }
  /** A MEMORY-class aggregate of `size` bytes copied into the argument area at `offset`. */
  | { readonly kind: 'byval'; readonly offset: number; readonly size: number }
  /** Not passed: a call's buffer for the returned eightbytes. */
  | { readonly kind: 'none' };

function alignTo(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/**
 * §3.2.3: INTEGER class → rdi…r9, SSE class → xmm0–7, the rest on the
 * stack in order. The eightbytes of one register-class aggregate ('part'
 * annotations) go all in registers or, if any would not fit, all on the
 * stack; MEMORY-class aggregates ('byval') always go on the stack, aligned
 * as their type (at least 8). An SSEUP eightbyte ('part' isUpper) shares
 * the xmm register of the eightbyte before it; on the stack the pair is
 * 16-byte aligned, as an __m128 argument, and so is a group whose value is
 * 16-aligned (`align`: __int128, an _Alignas(16) struct), as gcc places it.
 */
export function classifyArgs(
  tys: readonly IrType[],
  abi?: readonly (ArgAbi | null)[],
): { locs: ArgLoc[]; stackBytes: number; floatRegs: number } {
  let ints = 0;
  let floats = 0;
  let stack = 0;
  let groupInRegs = true;
  const locs = tys.map((ty, k): ArgLoc => {
    const a = abi?.[k] ?? null;
    if (a?.kind === 'retbuf') return { kind: 'none' };
    if (a?.kind === 'byval') {
      // Aligned as the type even beyond 16 (gcc ≥ 4.6 for 32-byte vectors and _Alignas(32) structs).
      stack = alignTo(stack, Math.max(8, a.align));
      const loc: ArgLoc = { kind: 'byval', offset: stack, size: a.size };
      stack += alignTo(a.size, 8);
      return loc;
    }
    if (a?.kind === 'part' && a.index === 0) {
      let needInt = 0;
      let needFloat = 0;
      let hasUpper = false;
      for (let j = 0; j < a.count; j++) {
        const part = abi?.[k + j];
        if (part?.kind === 'part' && part.isUpper) hasUpper = true;
        else if (isFloatType(tys[k + j]!)) needFloat++;
        else needInt++;
      }
      groupInRegs = ints + needInt <= INT_ARG_REGS.length && floats + needFloat <= FLOAT_ARG_REGS.length;
      if (!groupInRegs && (hasUpper || (a.align ?? 8) > 8)) stack = alignTo(stack, 16);
    }
    const mayUseReg = a?.kind !== 'part' || groupInRegs;
    if (mayUseReg && a?.kind === 'part' && a.isUpper) return { kind: 'reg', preg: FLOAT_ARG_REGS[floats - 1]!, isUpper: true };
    if (mayUseReg) {
      if (isFloatType(ty)) {
        if (floats < FLOAT_ARG_REGS.length) return { kind: 'reg', preg: FLOAT_ARG_REGS[floats++]! };
      } else if (ints < INT_ARG_REGS.length) {
        return { kind: 'reg', preg: INT_ARG_REGS[ints++]! };
      }
    }
    const loc: ArgLoc = { kind: 'stack', offset: stack };
    stack += 8;
    return loc;
  });
  return { locs, stackBytes: alignTo(stack, 8), floatRegs: floats };
}

/**
 * §3.2.3 returning: INTEGER eightbytes ('i64' pieces) in rax then rdx, SSE
 * eightbytes ('f64') in xmm0 then xmm1, in order; an SSEUP eightbyte ('up')
 * in the upper half of the xmm register before it. ('ldouble', class X87,
 * is returned in %st0 and handled by the callers.)
 */
export function returnRegs(pieces: readonly RegPiece[]): number[] {
  let ints = 0;
  let floats = 0;
  return pieces.map((c) => (c === 'i64' ? [RAX, RDX][ints++]! : c === 'up' ? XMM0 + floats - 1 : XMM0 + floats++));
}

export interface FrameLayout {
  /** False for leaf functions that touch no stack memory: no rbp frame at all (as gcc -O2). */
  readonly hasFrame: boolean;
  readonly calleeSaved: readonly number[];
  readonly slotOffsets: readonly number[];
  /** The register each IR slot is addressed from: rbp, or rsp for over-aligned slots. */
  readonly slotBases: readonly number[];
  /** Above 16: the prologue aligns rsp down to this (`and rsp, -A`) for over-aligned slots. */
  readonly realign: number;
  readonly spillOffsets: readonly number[];
  /** Bytes subtracted from rsp after the pushes. */
  readonly allocBytes: number;
  /** Size of the outgoing argument area at the bottom of the frame (a multiple of 16 with a dynamic stack). */
  readonly outgoingBytes: number;
  /** rsp moves at run time: the epilogue must restore it from rbp. */
  readonly hasDynamicStack: boolean;
  /** No rbp frame: references are rsp-relative, `rspToV` bytes below V (see the header). */
  readonly omitsFramePointer: boolean;
  readonly rspToV: number;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function layoutFrame(
  slots: readonly { readonly size: number; readonly align: number }[],
  spillSlots: number,
  calleeSaved: readonly number[],
  outgoingBytes0: number,
  isLeafWithoutStack = false,
  hasDynamicStack = false,
  omitsFramePointer = false,
): FrameLayout {
  if (isLeafWithoutStack && !hasDynamicStack && slots.length === 0 && spillSlots === 0 && calleeSaved.length === 0) {
    return { hasFrame: false, calleeSaved: [], slotOffsets: [], slotBases: [], realign: 0, spillOffsets: [], allocBytes: 0, outgoingBytes: 0, hasDynamicStack, omitsFramePointer: false, rspToV: 0 };
  }
  assert(!omitsFramePointer || !hasDynamicStack, 'a function with a dynamic stack keeps its frame pointer');
  // Dynamic allocations sit right above the outgoing area and must be 16-aligned.
  const outgoingBytes = hasDynamicStack ? alignUp(outgoingBytes0, 16) : outgoingBytes0;
  // Below V: the pushed registers (with a frame pointer rbp itself is at V and they follow).
  let used = omitsFramePointer ? 8 * calleeSaved.length - 8 : 8 * calleeSaved.length;
  // Slots aligned beyond rbp's 16 bytes (_Alignas(32), _Alignas(64)) live in
  // an area above the outgoing arguments, addressed from rsp after the
  // prologue has aligned rsp down to the largest such alignment.
  let rspCursor = outgoingBytes;
  let realign = 0;
  const slotBases: number[] = [];
  const slotOffsets = slots.map((s) => {
    if (s.align > 16) {
      assert(!omitsFramePointer, 'a function with an over-aligned slot keeps its frame pointer');
      realign = Math.max(realign, s.align);
      const at = alignUp(rspCursor, s.align);
      rspCursor = at + Math.max(s.size, 1);
      slotBases.push(RSP);
      return at;
    }
    used = alignUp(used + Math.max(s.size, 1), Math.max(s.align, 1));
    slotBases.push(omitsFramePointer ? RSP : RBP);
    return -used;
  });
  const spillOffsets: number[] = [];
  for (let i = 0; i < spillSlots; i++) {
    used = alignUp(used + 8, 8);
    spillOffsets.push(-used);
  }
  if (omitsFramePointer) {
    // CFA - rsp = 16 + total, a multiple of 16; the pushes took 8 per register of it after the return address.
    const total = alignUp(used + outgoingBytes, 16);
    return {
      hasFrame: true, calleeSaved, slotOffsets, slotBases, realign: 0, spillOffsets, allocBytes: total + 8 - 8 * calleeSaved.length, outgoingBytes, hasDynamicStack,
      omitsFramePointer, rspToV: total,
    };
  }
  const total = alignUp(used + rspCursor + realign, 16);
  return { hasFrame: true, calleeSaved, slotOffsets, slotBases, realign, spillOffsets, allocBytes: total - 8 * calleeSaved.length, outgoingBytes, hasDynamicStack, omitsFramePointer, rspToV: 0 };
}

/** The base register of a frame reference: rsp without a frame pointer and for over-aligned slots, else rbp. */
export function frameRefBase(layout: FrameLayout, ref: FrameRef): number {
  if (ref.kind === 'dynamic' || layout.omitsFramePointer) return RSP;
  return ref.kind === 'slot' ? layout.slotBases[ref.index]! : RBP;
}

export function frameRefDisp(layout: FrameLayout, ref: FrameRef): number {
  // Without a frame pointer every offset below is V-relative and moves to rsp (an over-aligned slot's is rsp-relative already, but there are none then).
  const fromV = layout.omitsFramePointer ? layout.rspToV : 0;
  switch (ref.kind) {
    case 'slot': return layout.slotOffsets[ref.index]! + fromV;
    case 'spill': {
      const off = layout.spillOffsets[ref.index];
      assert(off !== undefined, `spill slot ${ref.index} missing`);
      return off + fromV;
    }
    case 'incoming': return 16 + ref.offset + fromV;
    case 'dynamic': return layout.outgoingBytes;
  }
}

export function prologue(layout: FrameLayout): X64Inst[] {
  if (!layout.hasFrame) return [];
  const out: X64Inst[] = layout.omitsFramePointer ? [] : [inst('push', 8, [reg(RBP)]), inst('mov', 8, [reg(RBP), reg(RSP)])];
  for (const r of layout.calleeSaved) out.push(inst('push', 8, [reg(r)]));
  if (layout.allocBytes > 0) out.push(inst('sub', 8, [reg(RSP), imm(layout.allocBytes)]));
  if (layout.realign > 16) out.push(inst('and', 8, [reg(RSP), imm(-layout.realign)]));
  return out;
}

export function epilogue(layout: FrameLayout): X64Inst[] {
  if (!layout.hasFrame) return [inst('ret', 8, [])];
  const out: X64Inst[] = [];
  if (layout.omitsFramePointer) {
    if (layout.allocBytes > 0) out.push(inst('add', 8, [reg(RSP), imm(layout.allocBytes)]));
    for (const r of [...layout.calleeSaved].reverse()) out.push(inst('pop', 8, [reg(r)]));
    out.push(inst('ret', 8, []));
    return out;
  }
  if (layout.allocBytes > 0 || layout.hasDynamicStack) out.push(inst('lea', 8, [reg(RSP), mem(RBP, -8 * layout.calleeSaved.length)]));
  for (const r of [...layout.calleeSaved].reverse()) out.push(inst('pop', 8, [reg(r)]));
  out.push(inst('pop', 8, [reg(RBP)]), inst('ret', 8, []));
  return out;
}
