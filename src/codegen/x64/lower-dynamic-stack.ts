// Instruction selection for dynamic stack allocation: `stackalloc`,
// `stacksave` and `stackrestore` (variable length arrays, alloca).
//
// Input: those IR instructions in a function whose MachFunction has
// `hasDynamicStack` set (abi.ts then keeps every frame access rbp-relative,
// rounds the outgoing argument area to 16 bytes and restores rsp from rbp
// in the epilogue). Output: x64 machine instructions.
//
// Invariants: rsp only ever moves by multiples of 16, so it stays 16-byte
// aligned at every call (psABI §3.2.2); the outgoing argument area stays at
// the bottom of the stack, below every dynamic allocation, so stack-passed
// call arguments never overwrite live allocations. Slots aligned beyond 16,
// which the static frame addresses from rsp, become dynamic allocations made
// once at entry when rsp moves in the function.

import type { Inst } from '../../ir/ir.js';
import { assert } from '../../diagnostics.js';
import { fitsInt32, imm, mem, reg, type X64Operand } from './inst.js';
import type { X64Lowering } from './lower.js';
import { RSP } from './regs.js';

/** psABI §3.2.2: the stack stays 16-byte aligned. */
const STACK_ALIGN = 16;

/** Does the function move rsp at run time (or read its own frame address, which needs rbp set up the same way)? */
export function hasDynamicStack(insts: Iterable<Inst>): boolean {
  for (const i of insts) if (i.op === 'stackalloc' || i.op === 'frameaddr') return true;
  return false;
}

/**
 * d = stackalloc n, align A →
 *   mov t, n; add t, 15 (+ A-16 for A > 16); and t, -16; sub rsp, t
 *   lea d, [rsp + outgoing area]   (A > 16: add d, A-1; and d, -A)
 * A constant n folds into `sub rsp, imm`.
 */
export function lowerStackAlloc(lw: X64Lowering, i: Inst, d: number): void {
  const align = Math.max(i.align ?? 1, 1);
  const extra = align > STACK_ALIGN ? align - STACK_ALIGN : 0;
  const size = i.args[0]!;
  emitAllocation(lw, d, align, size.kind === 'int' ? { bytes: BigInt.asUintN(64, size.value) } : { reg: lw.regOf(size, 'i64') }, extra);
}

function emitAllocation(lw: X64Lowering, d: number, align: number, size: { bytes: bigint } | { reg: number }, extra: number): void {
  let amount: X64Operand;
  if ('bytes' in size) {
    const bytes = (size.bytes + BigInt(STACK_ALIGN - 1 + extra)) & -BigInt(STACK_ALIGN);
    amount = fitsInt32(bytes) ? imm(bytes) : reg(lw.regOf({ kind: 'int', value: bytes }, 'i64'));
  } else {
    const t = lw.temp('int');
    lw.emit('lea', 8, [reg(t), mem(size.reg, STACK_ALIGN - 1 + extra)]);
    lw.emit('and', 8, [reg(t), imm(-STACK_ALIGN)]);
    amount = reg(t);
  }
  lw.emit('sub', 8, [reg(RSP), amount]);
  lw.emit('lea', 8, [reg(d), { ...mem(null, 0), frame: { kind: 'dynamic' } }]);
  if (align > STACK_ALIGN) {
    lw.emit('add', 8, [reg(d), imm(align - 1)]);
    lw.emit('and', 8, [reg(d), imm(-align)]);
  }
}

/** d = stacksave → lea d, [rsp] (not a `mov`, which the allocator would take for a copy to coalesce). */
export function lowerStackSave(lw: X64Lowering, d: number): void {
  lw.emit('lea', 8, [reg(d), mem(RSP, 0)]);
}

/** stackrestore p → lea rsp, [p]. */
export function lowerStackRestore(lw: X64Lowering, i: Inst): void {
  lw.emit('lea', 8, [reg(RSP), mem(lw.regOf(i.args[0]!, 'ptr'), 0)]);
}

/**
 * In the pre-entry block: each over-aligned slot of a function with a
 * dynamic stack gets its memory from a dynamic allocation made before any
 * other, so it lives as long as the frame. Returns slot index → vreg.
 */
export function allocateOverAlignedSlots(lw: X64Lowering, slots: readonly { readonly size: number; readonly align: number }[]): Map<number, number> {
  const bases = new Map<number, number>();
  slots.forEach((s, index) => {
    if (s.align <= STACK_ALIGN) return;
    assert((s.align & (s.align - 1)) === 0, 'slot alignment is a power of two');
    const d = lw.temp('int');
    emitAllocation(lw, d, s.align, { bytes: BigInt(Math.max(s.size, 1)) }, s.align - STACK_ALIGN);
    bases.set(index, d);
  });
  return bases;
}
