// Emission: a lowered function plus its allocation → the final instruction
// stream, shared by the encoder (object files) and the printer (`-S`).
//
// Input: LoweredFunction (machine IR over vregs, constant pool, jump
// tables), the Allocation table from regalloc.ts, and the target's
// EmitRules (its frame, how it rewrites an instruction's registers, what
// its jumps look like).
// Output: FinalFunction — labels, instructions over pregs with frame
// references resolved, and the function's data (constants, jump tables).
//
// Applying the allocation: every vreg operand becomes its preg at k
// (mach.ts regAt); reloads and rematerializations run before instruction k
// and spill stores after it; copies whose
// two sides got one register disappear (this is where coalescing pays off).
// Layout: every return jumps to the single epilogue at the end of the
// function (or falls into it from the last block); a block that is only a
// jump is bypassed and dropped (jump threading); a jump to the next block
// is dropped, and `jcc A; jmp B` with A next becomes `j!cc B`.

import type { LabelSymbol, LoweredFunction } from './lowering.js';
import type { Allocation, Edit, SlotEdit } from './mach.js';
import { isVreg, regAt } from './mach.js';
import { assert } from '../../diagnostics.js';

export type FinalItem<I> =
  | { readonly kind: 'label'; readonly label: number }
  | { readonly kind: 'inst'; readonly inst: I }
  | { readonly kind: 'align'; readonly align: number }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** A jump-table entry: the 32-bit offset of `target` from `table`. */
  | { readonly kind: 'table-entry'; readonly table: number; readonly target: number };

export interface FinalFunction<I, F> {
  readonly name: string;
  readonly items: FinalItem<I>[];
  readonly frame: F;
  /** Local symbols at labels of the code (taken label addresses, lowering.ts LabelSymbol), labels resolved. */
  readonly labelSymbols: readonly LabelSymbol[];
}

/** What emission needs from a target; F is its frame layout. */
export interface EmitRules<I, F> {
  /** The frame: where slots, spill slots and saved registers go, given the allocation. */
  layoutFrame(lf: LoweredFunction<I>, alloc: Allocation): F;
  prologue(frame: F): I[];
  /** The epilogue, ending in the return. */
  epilogue(frame: F): I[];
  /** A reload (load of a spill slot into its preg) or spill (the reverse). */
  editInst(e: SlotEdit, frame: F): I;
  /** The instruction over pregs: `regOf` maps each register (vregs to their preg), frame references resolved. */
  applyAllocation(inst: I, regOf: (reg: number) => number, frame: F): I;
  /** Emits nothing: a copy between one register and itself, a marker. */
  isNoOp(inst: I): boolean;
  /** The instructions one allocated instruction stands for when it is more than itself (saves around a call), else null. */
  expand?(inst: I): I[] | null;
  isReturn(inst: I): boolean;
  /** Control never passes to the next instruction (unconditional jumps of any kind, traps). */
  isBarrier(inst: I): boolean;
  /** The label of an unconditional jump to a label, else null. */
  jumpTarget(inst: I): number | null;
  /** The label of a conditional jump to a label, else null. */
  condJumpTarget(inst: I): number | null;
  /** A jump to `label` standing where `replaced` was (keeping its source position). */
  jumpFor(replaced: I, label: number): I;
  /** The same (conditional or unconditional) jump, to another label. */
  retarget(inst: I, label: number): I;
  /** The conditional jump with its condition inverted, to `label`. */
  invertCondJump(inst: I, label: number): I;
  /** Target-specific rewriting of one block's final instructions (after branch simplification). */
  peephole?(body: I[]): void;
}

export function emitFunction<I, F>(lf: LoweredFunction<I>, alloc: Allocation, rules: EmitRules<I, F>): FinalFunction<I, F> {
  const mf = lf.mf;
  const frame = rules.layoutFrame(lf, alloc);
  const items: FinalItem<I>[] = rules.prologue(frame).map((i) => ({ kind: 'inst', inst: i }));
  const epilogueLabel = mf.nextLabel;
  const flat = mf.blocks.flatMap((blk) => blk.insts);
  const regOfAt = (at: number) => (r: number): number => {
    if (!isVreg(r)) return r;
    const p = regAt(alloc, r, at);
    assert(p !== undefined, `vreg ${r} has no register at instruction ${at} of ${mf.name}`);
    return p;
  };
  // A remat edit runs the vreg's defining instruction again, into the edit's preg.
  const editInst = (e: Edit): I => (e.kind === 'remat'
    ? rules.applyAllocation(flat[e.inst]!, (r) => (r === e.vreg ? e.preg : r), frame)
    : rules.editInst(e, frame));
  let k = 0;
  const bodies: I[][] = mf.blocks.map((blk) => {
    const body: I[] = [];
    for (const mi of blk.insts) {
      for (const e of alloc.editsBefore.get(k) ?? []) body.push(editInst(e));
      const at = k;
      const mapped = rules.applyAllocation(mi, regOfAt(at), frame);
      if (rules.isReturn(mapped)) body.push(rules.jumpFor(mapped, epilogueLabel));
      else if (!rules.isNoOp(mapped)) {
        const expanded = rules.expand?.(mapped) ?? null;
        if (expanded === null) body.push(mapped);
        else for (const x of expanded) body.push(x);
      }
      for (const e of alloc.editsAfter.get(k) ?? []) body.push(editInst(e));
      k++;
    }
    return body;
  });
  // Jump threading: a block that is only `jmp X` (typically a split edge
  // whose copies were coalesced away) is bypassed and dropped.
  const alias = threadJumps(mf.blocks.map((b) => b.label), bodies, rules);
  const resolve = (l: number): number => alias.get(l) ?? l;
  for (const body of bodies) {
    body.forEach((i, n) => {
      const t = rules.jumpTarget(i) ?? rules.condJumpTarget(i);
      if (t !== null && alias.has(t)) body[n] = rules.retarget(i, resolve(t));
    });
  }
  // Only blocks nothing falls into can go (every block but the pre-entry one ends in a jump).
  const endsInJump = (body: readonly I[]): boolean => {
    const last = body[body.length - 1];
    return last !== undefined && rules.isBarrier(last);
  };
  const isDropped = mf.blocks.map((b, n) => alias.has(b.label) && n > 0 && endsInJump(bodies[n - 1]!));
  // Backwards, so each block knows every label control falls into after it:
  // the next block's, and past it if that block ended up empty.
  let fallsInto = new Set<number>([epilogueLabel]);
  for (let b = mf.blocks.length - 1; b >= 0; b--) {
    if (isDropped[b]) continue;
    const body = bodies[b]!;
    simplifyBranches(body, fallsInto, rules);
    rules.peephole?.(body);
    const own = mf.blocks[b]!.label;
    fallsInto = body.length === 0 ? new Set([own, ...fallsInto]) : new Set([own]);
  }
  mf.blocks.forEach((blk, b) => {
    if (isDropped[b]) return;
    items.push({ kind: 'label', label: blk.label });
    for (const i of bodies[b]!) items.push({ kind: 'inst', inst: i });
  });
  items.push({ kind: 'label', label: epilogueLabel });
  for (const i of rules.epilogue(frame)) items.push({ kind: 'inst', inst: i });
  for (const c of lf.consts) {
    items.push({ kind: 'align', align: c.align }, { kind: 'label', label: c.label }, { kind: 'bytes', bytes: c.bytes });
  }
  for (const t of lf.tables) {
    items.push({ kind: 'align', align: 4 }, { kind: 'label', label: t.label });
    for (const target of t.targets) items.push({ kind: 'table-entry', table: t.label, target: resolve(target) });
  }
  const labelSymbols = lf.labelSymbols.map((s) => ({ name: s.name, label: s.label === null ? null : resolve(s.label) }));
  return { name: lf.fn.name, items, frame, labelSymbols };
}

/** Labels of blocks consisting of a single jump to a label, mapped to their final destination (cycles left alone). */
function threadJumps<I, F>(labels: readonly number[], bodies: readonly I[][], rules: EmitRules<I, F>): Map<number, number> {
  const direct = new Map<number, number>();
  labels.forEach((l, n) => {
    const body = bodies[n]!;
    const target = body.length === 1 ? rules.jumpTarget(body[0]!) : null;
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

function simplifyBranches<I, F>(body: I[], fallsInto: ReadonlySet<number>, rules: EmitRules<I, F>): void {
  const last = body[body.length - 1];
  const jmpTarget = last === undefined ? null : rules.jumpTarget(last);
  if (jmpTarget === null) return;
  if (fallsInto.has(jmpTarget)) {
    body.pop();
    // A conditional jump left at the end may now also target the fall-through.
    const before = body[body.length - 1];
    const prev = before === undefined ? null : rules.condJumpTarget(before);
    if (prev !== null && fallsInto.has(prev)) body.pop();
    return;
  }
  const prevInst = body[body.length - 2];
  const prevTarget = prevInst === undefined ? null : rules.condJumpTarget(prevInst);
  if (prevTarget !== null && fallsInto.has(prevTarget)) {
    // jcc next; jmp B  →  j!cc B (falling through to next otherwise)
    body.splice(body.length - 2, 2, rules.invertCondJump(prevInst!, jmpTarget));
  }
}
