// Emission: a lowered function plus its allocation → the final instruction
// stream, shared by the encoder (object files) and the printer (`-S`).
//
// Input: LoweredFunction (machine IR over vregs, constant pool, jump
// tables) and the Allocation table from core/regalloc.ts.
// Output: FinalItem[] — labels, instructions over pregs with frame
// references resolved to [rbp + disp], and the function's data.
//
// Applying the allocation: every vreg operand becomes `regAt(vreg, k)`;
// reloads run before instruction k and spill stores after it; copies whose
// two sides got one register disappear (this is where coalescing pays off).
// Layout: a `jmp` to the next block is dropped, and `jcc A; jmp B` with A
// next becomes `j!cc B`. Every `ret` jumps to the single epilogue at the
// end of the function (or falls into it from the last block).

import type { Allocation, Edit } from '../core/mach.js';
import { isVreg } from '../core/mach.js';
import type { FrameLayout } from './abi.js';
import { epilogue, frameRefBase, frameRefDisp, layoutFrame, prologue } from './abi.js';
import type { Cc, MemOperand, X64Inst, X64Operand } from './inst.js';
import { inst, invertCc, label, mem, reg } from './inst.js';
import type { LoweredFunction } from './lower.js';
import { RBP } from './regs.js';

export type FinalItem =
  | { readonly kind: 'label'; readonly label: number }
  | { readonly kind: 'inst'; readonly inst: X64Inst }
  | { readonly kind: 'align'; readonly align: number }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** A jump-table entry: the 32-bit offset of `target` from `table`. */
  | { readonly kind: 'table-entry'; readonly table: number; readonly target: number };

export interface FinalFunction {
  readonly name: string;
  readonly items: FinalItem[];
  readonly frame: FrameLayout;
}

export function emitFunction(lf: LoweredFunction, alloc: Allocation): FinalFunction {
  const mf = lf.mf;
  const frame = layoutFrame(mf.slots, alloc.spillSlots, alloc.usedCalleeSaved, mf.outgoingArgBytes, isLeafWithoutStack(lf), mf.hasDynamicStack ?? false);
  const items: FinalItem[] = prologue(frame).map((i) => ({ kind: 'inst', inst: i }));
  const epilogueLabel = mf.nextLabel;
  let k = 0;
  const bodies: X64Inst[][] = mf.blocks.map((blk) => {
    const body: X64Inst[] = [];
    for (const mi of blk.insts) {
      for (const e of alloc.editsBefore.get(k) ?? []) body.push(editInst(e, frame));
      const mapped = applyAllocation(mi, alloc, k, frame);
      if (mapped.op === 'ret') body.push(inst('jmp', 8, [label(epilogueLabel)], mapped.loc === undefined ? {} : { loc: mapped.loc }));
      else if (!isNoOp(mapped)) body.push(mapped);
      for (const e of alloc.editsAfter.get(k) ?? []) body.push(editInst(e, frame));
      k++;
    }
    return body;
  });
  // Jump threading: a block that is only `jmp X` (typically a split edge
  // whose copies were coalesced away) is bypassed and dropped.
  const alias = threadJumps(mf.blocks.map((b) => b.label), bodies);
  const resolve = (l: number): number => alias.get(l) ?? l;
  for (const body of bodies) {
    body.forEach((i, n) => {
      const t = i.ops[0];
      if ((i.op === 'jmp' || i.op === 'jcc') && t?.kind === 'label' && alias.has(t.label)) body[n] = { ...i, ops: [label(resolve(t.label))] };
    });
  }
  // Only blocks nothing falls into can go (every block but the pre-entry one ends in a jump).
  const endsInJump = (body: readonly X64Inst[]): boolean => {
    const last = body[body.length - 1];
    return last !== undefined && (last.op === 'jmp' || last.op === 'ud2');
  };
  const isDropped = mf.blocks.map((b, n) => alias.has(b.label) && n > 0 && endsInJump(bodies[n - 1]!));
  // Backwards, so each block knows every label control falls into after it:
  // the next block's, and past it if that block ended up empty.
  let fallsInto = new Set<number>([epilogueLabel]);
  for (let b = mf.blocks.length - 1; b >= 0; b--) {
    if (isDropped[b]) continue;
    const body = bodies[b]!;
    simplifyBranches(body, fallsInto);
    useXorForZero(body);
    const own = mf.blocks[b]!.label;
    fallsInto = body.length === 0 ? new Set([own, ...fallsInto]) : new Set([own]);
  }
  mf.blocks.forEach((blk, b) => {
    if (isDropped[b]) return;
    items.push({ kind: 'label', label: blk.label });
    for (const i of bodies[b]!) items.push({ kind: 'inst', inst: i });
  });
  items.push({ kind: 'label', label: epilogueLabel });
  for (const i of epilogue(frame)) items.push({ kind: 'inst', inst: i });
  for (const c of lf.consts) {
    items.push({ kind: 'align', align: c.align }, { kind: 'label', label: c.label }, { kind: 'bytes', bytes: c.bytes });
  }
  for (const t of lf.tables) {
    items.push({ kind: 'align', align: 4 }, { kind: 'label', label: t.label });
    for (const target of t.targets) items.push({ kind: 'table-entry', table: t.label, target: resolve(target) });
  }
  return { name: lf.fn.name, items, frame };
}

/** No calls and no stack operands: the function can run without an rbp frame. */
function isLeafWithoutStack(lf: LoweredFunction): boolean {
  return lf.mf.blocks.every((blk) => blk.insts.every((i) => i.op !== 'call' && i.ops.every((o) => o.kind !== 'mem' || o.frame === undefined)));
}

/** Labels of blocks consisting of a single `jmp X`, mapped to their final destination (cycles left alone). */
function threadJumps(labels: readonly number[], bodies: readonly X64Inst[][]): Map<number, number> {
  const direct = new Map<number, number>();
  labels.forEach((l, n) => {
    const body = bodies[n]!;
    const target = body.length === 1 ? jumpTarget(body[0], 'jmp') : null;
    if (target !== null && target !== l) direct.set(l, target);
  });
  const alias = new Map<number, number>();
  for (const start of direct.keys()) {
    let cur = start;
    const seen = new Set<number>([start]);
    while (direct.has(cur)) {
      const next = direct.get(cur)!;
      if (seen.has(next)) { cur = -1; break; } // a cycle of empty jumps: an infinite loop, keep it
      seen.add(next);
      cur = next;
    }
    if (cur >= 0) alias.set(start, cur);
  }
  return alias;
}

function editInst(e: Edit, frame: FrameLayout): X64Inst {
  const slot = mem(RBP, frameRefDisp(frame, { kind: 'spill', index: e.spillSlot }));
  const op = e.cls === 'float' ? 'movsd' : 'mov';
  return e.kind === 'reload' ? inst(op, 8, [reg(e.preg), slot]) : inst(op, 8, [slot, reg(e.preg)]);
}

function mapReg(r: number, alloc: Allocation, k: number): number {
  return isVreg(r) ? alloc.regAt(r, k) : r;
}

function mapOperand(o: X64Operand, alloc: Allocation, k: number, frame: FrameLayout): X64Operand {
  switch (o.kind) {
    case 'reg': return reg(mapReg(o.reg, alloc, k));
    case 'mem': {
      if (o.frame) {
        const m: MemOperand = { kind: 'mem', base: frameRefBase(frame, o.frame), index: o.index === null ? null : mapReg(o.index, alloc, k), scale: o.scale, disp: o.disp + frameRefDisp(frame, o.frame) };
        return m;
      }
      return { ...o, base: o.base === null ? null : mapReg(o.base, alloc, k), index: o.index === null ? null : mapReg(o.index, alloc, k) };
    }
    default: return o;
  }
}

function applyAllocation(mi: X64Inst, alloc: Allocation, k: number, frame: FrameLayout): X64Inst {
  return { ...mi, ops: mi.ops.map((o) => mapOperand(o, alloc, k, frame)) };
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
  'add', 'sub', 'and', 'or', 'xor', 'cmp', 'test', 'imul', 'imul3', 'neg', 'shl', 'shr', 'sar', 'idiv', 'div', 'mul',
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

function jumpTarget(i: X64Inst | undefined, op: 'jmp' | 'jcc'): number | null {
  if (i?.op !== op) return null;
  const t = i.ops[0];
  return t?.kind === 'label' ? t.label : null;
}

function simplifyBranches(body: X64Inst[], fallsInto: ReadonlySet<number>): void {
  const last = body[body.length - 1];
  const jmpTarget = jumpTarget(last, 'jmp');
  if (jmpTarget === null) return;
  if (fallsInto.has(jmpTarget)) {
    body.pop();
    // A conditional jump left at the end may now also target the fall-through.
    const prev = jumpTarget(body[body.length - 1], 'jcc');
    if (prev !== null && fallsInto.has(prev)) body.pop();
    return;
  }
  const prev = body[body.length - 2];
  const prevTarget = jumpTarget(prev, 'jcc');
  if (prevTarget !== null && fallsInto.has(prevTarget)) {
    // jcc next; jmp B  →  j!cc B (falling through to next otherwise)
    body.splice(body.length - 2, 2, inst('jcc', 8, [label(jmpTarget)], { cc: invertCc(prev!.cc as Cc) }));
  }
}
