// Instruction-selection planning: which IR instructions fold into their
// consumers, decided before any code is produced.
//
// Input: an IrFunction, its blocks in reverse postorder, and the target's
// PlanRules (what its addresses and instructions can absorb).
// Output: a LowerPlan — addressing shapes for loads/stores, compares fused
// into branches/selects, loads folded into their consumer's memory operand,
// remainder tests, and the set of instructions left with no use (not
// emitted).
//
// Matchers are pure; the only effect of choosing a fold is bookkeeping on
// use counts: the consumer stops using the producer's result (count − 1) and
// uses the producer's operands directly (their counts + 1). Blocks are
// visited in reverse RPO and instructions backwards, so every use is counted
// before its definition is reached; a pure instruction whose count fell to
// zero is then skipped and releases its own operands. Folding across blocks
// is sound in SSA: the producer dominates the consumer and its operands are
// not redefined on any path between them.
//
// An address is base + index·scale + disp over IR values (IrAddress); a
// target whose addressing modes cannot hold every such shape at once (no
// displacement with an index, scales only of the access size) builds the
// rest with instructions when it selects the access.

import type { Block, Inst, IrFunction, Operand } from '../../ir/ir.js';
import { successors } from '../../ir/ir.js';
import { OPS } from '../../ir/ops.js';

/** An address: base + index*scale + disp, with IR-level bases. */
export interface IrAddress {
  readonly base:
    | { readonly kind: 'slot'; readonly slot: number }
    | { readonly kind: 'global'; readonly name: string }
    | { readonly kind: 'value'; readonly id: number }
    | { readonly kind: 'operand'; readonly op: Operand };
  readonly index: number | null;
  readonly scale: number;
  readonly disp: number;
}

/** What a target's instructions can absorb (see the header). */
export interface PlanRules {
  /** A displacement the target's addresses can hold. */
  fitsDisp(disp: bigint): boolean;
  /** Index scales its addresses can hold, reached through `mul I, s` or `shl I, log2 s`. */
  readonly scales: readonly number[];
  /** Whether `consumer` (add, fadd, icmp…) can take its operand straight from memory, as x86's `add r, [m]`. */
  canFoldLoadInto(consumer: Inst): boolean;
  /** Whether `icmp eq|ne (rem x, 2^k), 0` may become a test of x's low bits with this mask. */
  fitsTestMask(mask: bigint): boolean;
  /**
   * Whether one access can take base + index and a displacement together
   * (x86 yes; AArch64 no: there `p + i` is better computed once and each
   * `p + i + field` addressed from it). Absent: true.
   */
  readonly canIndexWithDisp?: boolean;
}

export interface LowerPlan {
  readonly addresses: Map<Inst, IrAddress>;
  /** Loads folded into their only consumer's memory operand: consumer → the load and which operand it was. */
  readonly foldedLoads: Map<Inst, { readonly load: Inst; readonly index: 0 | 1 }>;
  /** `icmp eq|ne (rem x, 2^k), 0` compares: the remainder is not computed, `test x, 2^k−1` is. */
  readonly remainderTests: Map<Inst, { readonly x: Operand; readonly mask: bigint }>;
  /** Values (icmp/fcmp results) consumed only as the flags of a branch or select. */
  readonly fusedCompares: Set<number>;
  readonly skipped: Set<Inst>;
  readonly defs: Map<number, Inst>;
  readonly useCounts: number[];
}

function valueIds(ops: readonly Operand[]): number[] {
  return ops.filter((o) => o.kind === 'value').map((o) => (o as { id: number }).id);
}

export function planLowering(fn: IrFunction, order: readonly Block[], rules: PlanRules): LowerPlan {
  const defs = new Map<number, Inst>();
  const counts = new Array<number>(fn.values.length).fill(0);
  const bump = (ids: readonly number[], by: number): void => { for (const id of ids) counts[id] = (counts[id] ?? 0) + by; };
  for (const blk of order) {
    for (const inst of blk.insts) {
      if (inst.result !== null) defs.set(inst.result, inst);
      bump(valueIds(inst.args), 1);
    }
    bump(valueIds(terminatorOperands(blk)), 1);
  }
  const plan: LowerPlan = { addresses: new Map(), foldedLoads: new Map(), remainderTests: new Map(), fusedCompares: new Set(), skipped: new Set(), defs, useCounts: counts };
  const fold = (producer: number, nowUsed: readonly number[]): void => {
    counts[producer]!--;
    bump(nowUsed, 1);
  };

  const foldedLoadSet = new Set<Inst>();
  for (let b = order.length - 1; b >= 0; b--) {
    const blk = order[b]!;
    const term = blk.term;
    const condOperand = term.kind === 'br' ? term.cond : null;
    if (condOperand?.kind === 'value') tryFuseCompare(condOperand.id);
    for (let i = blk.insts.length - 1; i >= 0; i--) {
      const inst = blk.insts[i]!;
      if (inst.result !== null && OPS[inst.op].isPure && counts[inst.result] === 0) {
        plan.skipped.add(inst);
        bump(valueIds(inst.args), -1);
        continue;
      }
      if (foldedLoadSet.has(inst)) {
        // Emitted as the consumer's memory operand; its address is still planned here.
        // The load's own use of its pointer moved to the consumer (counted when folding).
        plan.skipped.add(inst);
        bump(valueIds(inst.args), -1);
        plan.addresses.set(inst, matchAddress(inst.args[0]!));
        continue;
      }
      if (inst.op === 'icmp') tryRemainderTest(inst);
      tryFoldLoad(blk, i);
      if (inst.op === 'load' || inst.op === 'store') {
        const ptr = inst.op === 'load' ? inst.args[0]! : inst.args[1]!;
        plan.addresses.set(inst, matchAddress(ptr));
      } else if (inst.op === 'select' && inst.args[0]!.kind === 'value') {
        tryFuseCompare(inst.args[0]!.id);
      }
    }
  }
  return plan;

  /**
   *   %v = load p; …; %r = op %x, %v   →   op r, [address(p)]
   * when the target can take that operand from memory (rules), %v has no
   * other use, lives in the same block, is not volatile, has the consumer's
   * type, and no store or call lies between the two.
   */
  function tryFoldLoad(blk: Block, at: number): void {
    const inst = blk.insts[at]!;
    if (!rules.canFoldLoadInto(inst)) return;
    const ty = inst.op === 'icmp' ? inst.opTy : inst.ty;
    const candidates = OPS[inst.op].isCommutative ? [1, 0] : [1];
    for (const k of candidates) {
      const op = inst.args[k]!;
      if (op.kind !== 'value' || counts[op.id] !== 1) continue;
      if (k === 0 && inst.args[1]!.kind === 'value' && inst.args[1]!.id === op.id) continue;
      const load = defs.get(op.id);
      if (!load || load.op !== 'load' || load.isVolatile || load.ty !== ty) continue;
      const j = blk.insts.indexOf(load);
      if (j < 0 || j > at) continue;
      if (blk.insts.slice(j + 1, at).some((x) => x.op === 'store' || x.op === 'call' || x.op === 'vastart' || x.op === 'asm' || x.isVolatile)) continue;
      plan.foldedLoads.set(inst, { load, index: k as 0 | 1 });
      foldedLoadSet.add(load);
      fold(op.id, valueIds(load.args));
      return;
    }
  }

  function tryFuseCompare(id: number): void {
    const def = defs.get(id);
    if (!def || (def.op !== 'icmp' && def.op !== 'fcmp') || counts[id] !== 1) return;
    plan.fusedCompares.add(id);
    fold(id, valueIds(def.args));
    tryRemainderTest(def);
  }

  /** icmp eq|ne (srem|urem x, 2^k), 0  →  test x, 2^k−1: a remainder is zero exactly when those bits are. */
  function tryRemainderTest(cmp: Inst): void {
    const [r, zero] = cmp.args as [Operand, Operand];
    if ((cmp.cond !== 'eq' && cmp.cond !== 'ne') || r.kind !== 'value' || zero.kind !== 'int' || zero.value !== 0n) return;
    if (counts[r.id] !== 1 || (cmp.opTy !== 'i32' && cmp.opTy !== 'i64')) return;
    const rem = defs.get(r.id);
    if (!rem || (rem.op !== 'srem' && rem.op !== 'urem')) return;
    const [x, d] = rem.args as [Operand, Operand];
    const width = cmp.opTy === 'i64' ? 64 : 32;
    const v = d.kind === 'int' ? BigInt.asUintN(width, d.value) : 0n;
    if (v < 2n || (v & (v - 1n)) !== 0n || !rules.fitsTestMask(v - 1n)) return;
    plan.remainderTests.set(cmp, { x, mask: v - 1n });
    fold(r.id, valueIds([x]));
  }

  /**
   * Address patterns, outermost first (each folds the matched producers):
   *   slotaddr $s                      → [frame slot s]
   *   add X, C                         → address(X) + C
   *   add B, (mul I, s)                → [B + I*s]    (s a scale of the rules)
   *   add B, (shl I, k)                → [B + I*2^k]
   *   add B, I                         → [B + I]
   *   add @g, (shl I, k) or add @g, I  → [g + I*2^k] (g's address in a register)
   *   @g+off                           → [g + off]
   */
  function matchAddress(op: Operand, disp = 0, depth = 0): IrAddress {
    if (op.kind === 'global') return { base: { kind: 'global', name: op.name }, index: null, scale: 1, disp: disp + op.offset };
    if (op.kind !== 'value') return { base: { kind: 'operand', op }, index: null, scale: 1, disp };
    const def = defs.get(op.id);
    if (def?.op === 'slotaddr') {
      fold(op.id, []);
      return { base: { kind: 'slot', slot: def.slot! }, index: null, scale: 1, disp };
    }
    if (def?.op === 'add' && depth < 3 && (def.ty === 'ptr' || def.ty === 'i64')) {
      const [x, y] = def.args as [Operand, Operand];
      const c = y.kind === 'int' ? y : x.kind === 'int' ? x : null;
      const rest = c === y ? x : y;
      if (c !== null && c.kind === 'int' && rules.fitsDisp(BigInt(disp) + c.value)) {
        fold(op.id, valueIds([rest]));
        return matchAddress(rest, disp + Number(c.value), depth + 1);
      }
      if (x.kind === 'value' && y.kind === 'value' && (disp === 0 || rules.canIndexWithDisp !== false)) {
        fold(op.id, [x.id, y.id]);
        const scaled = matchScaled(y.id) ?? matchScaled(x.id);
        if (scaled) {
          const baseId = scaled.from === y.id ? x.id : y.id;
          return { base: { kind: 'value', id: baseId }, index: scaled.index, scale: scaled.scale, disp };
        }
        return { base: { kind: 'value', id: x.id }, index: y.id, scale: 1, disp };
      }
      // A table indexed by a value (`crc_table[i]`): the symbol's address is the base register.
      const g = x.kind === 'global' ? x : y.kind === 'global' ? y : null;
      const v = g === x ? y : x;
      if (g !== null && g.kind === 'global' && v.kind === 'value' && rules.fitsDisp(BigInt(disp + g.offset)) && (disp + g.offset === 0 || rules.canIndexWithDisp !== false)) {
        fold(op.id, [v.id]);
        const scaled = matchScaled(v.id);
        return { base: { kind: 'global', name: g.name }, index: scaled ? scaled.index : v.id, scale: scaled ? scaled.scale : 1, disp: disp + g.offset };
      }
    }
    return { base: { kind: 'value', id: op.id }, index: null, scale: 1, disp };
  }

  /** `mul I, s` or `shl I, k` with a scale the rules allow, possibly seen through an i64↔ptr cast: folds the chain. */
  function matchScaled(id: number): { from: number; index: number; scale: number } | null {
    const chain: number[] = [];
    let cur = id;
    let def = defs.get(cur);
    // inttoptr / ptrtoint between i64 and ptr change no bits.
    while (def && (def.op === 'inttoptr' || def.op === 'ptrtoint') && (def.opTy === 'i64' || def.opTy === 'ptr') && def.args[0]!.kind === 'value') {
      chain.push(cur);
      cur = (def.args[0] as { id: number }).id;
      def = defs.get(cur);
    }
    if (!def || (def.ty !== 'i64' && def.ty !== 'ptr')) return null;
    const [x, y] = def.args as [Operand, Operand];
    if (x?.kind !== 'value' || y?.kind !== 'int') return null;
    const scale = def.op === 'mul' ? Number(y.value) : def.op === 'shl' && y.value >= 0n && y.value < 8n ? 2 ** Number(y.value) : undefined;
    if (scale === undefined || !rules.scales.includes(scale)) return null;
    chain.push(cur);
    chain.forEach((link, n) => fold(link, [n + 1 < chain.length ? chain[n + 1]! : x.id]));
    return { from: id, index: x.id, scale };
  }
}

export function terminatorOperands(blk: Block): Operand[] {
  const t = blk.term;
  const out: Operand[] = [];
  if (t.kind === 'br') out.push(t.cond);
  if (t.kind === 'switch' || t.kind === 'ijmp') out.push(t.value);
  if (t.kind === 'ret' && t.value) out.push(t.value);
  for (const edge of successors(t)) out.push(...edge.args);
  return out;
}
