// Register allocation: linear scan over live intervals with holes, spill
// weights from loop depth, copy hints, and spill-everywhere for intervals
// that lose.
//
// Input: an immutable MachFunction (blocks in layout order), the target's
// MachInstInfo and RegisterFile.
// Output: an Allocation table — a preg for every vreg at every instruction
// plus reload/spill edits around instructions. Instructions are not
// rewritten; emission applies the table.
//
// Positions: instruction k (numbered in layout order) reads its operands at
// 2k and writes its results at 2k+1. Intervals are lists of half-open
// position ranges. A use at k keeps a register busy up to 2k+1 (exclusive),
// a def starts at 2k+1, so an operand that dies at k may share a register
// with k's result, while a `useDef` operand (x86 two-address) covers both
// and therefore conflicts with every other use of the instruction.
// Pregs named directly by instructions (fixed constraints such as an
// argument register set before a call, x86 `idiv` reading rax/rdx) get fixed intervals
// the same way; call clobbers block their preg at 2k+1, so vregs live across
// a call land in callee-saved registers or are spilled.
//
// Algorithm: intervals are processed in order of start; each takes a hinted
// register (from copies) if it is free over the whole interval, else any free
// register, else evicts the assigned intervals with the smallest total spill
// weight when that is below its own, else is spilled itself. A spilled vreg
// lives in an 8-byte stack slot and gets a tiny unspillable interval at each
// instruction that mentions it, with a reload before and a store after —
// spill everywhere, correct by construction because no instruction needs more
// registers than the target has.
//
// Invariant: two intervals assigned the same preg never overlap, and no
// vreg interval overlaps a fixed interval of its preg.

import { assert } from '../../diagnostics.js';
import { buildCfg, collectOperands, computeLiveness, computeLoopDepths } from './liveness.js';
import type { InstOperands } from './liveness.js';
import { FIRST_VREG, isVreg, vregClass } from './mach.js';
import type { Allocation, Edit, MachFunction, MachInstInfo, RegClass, RegisterFile } from './mach.js';

type Range = [number, number];

interface Interval {
  readonly vreg: number;
  readonly cls: RegClass;
  /** Sorted, disjoint, half-open. */
  readonly ranges: Range[];
  weight: number;
  /** Tiny intervals of a spilled vreg carry the instruction they serve. */
  readonly spillAt: number | null;
  preg: number | null;
}

interface Occurrence {
  readonly inst: number;
  isRead: boolean;
  isWritten: boolean;
}

export function allocateRegisters<I>(fn: MachFunction<I>, info: MachInstInfo<I>, regs: RegisterFile): Allocation {
  return new LinearScan(fn, info, regs).run();
}

/**
 * The ranges one preg is busy for. Intervals sharing a preg never overlap,
 * so the ranges are disjoint and a binary search finds the first one that
 * could overlap a query.
 */
class Occupancy {
  private starts: number[] = [];
  private ends: number[] = [];
  private owners: Interval[] = [];

  private firstEndingAfter(pos: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! > pos) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  conflicts(ranges: readonly Range[]): Interval[] {
    const out = new Set<Interval>();
    for (const [from, to] of ranges) {
      for (let i = this.firstEndingAfter(from); i < this.starts.length && this.starts[i]! < to; i++) out.add(this.owners[i]!);
    }
    return [...out];
  }

  /** Whether any range overlaps: stops at the first overlap (the common question, asked per candidate register). */
  hasConflict(ranges: readonly Range[]): boolean {
    for (const [from, to] of ranges) {
      const i = this.firstEndingAfter(from);
      if (i < this.starts.length && this.starts[i]! < to) return true;
    }
    return false;
  }

  add(iv: Interval): void {
    for (const [from, to] of iv.ranges) {
      const at = this.firstEndingAfter(from);
      this.starts.splice(at, 0, from);
      this.ends.splice(at, 0, to);
      this.owners.splice(at, 0, iv);
    }
  }

  remove(iv: Interval): void {
    // Each of its ranges is where `add` put it: found by binary search, not by a scan of the whole preg.
    for (const [from] of iv.ranges) {
      let at = this.firstEndingAfter(from);
      while (at < this.owners.length && this.owners[at] !== iv) at++;
      if (at === this.owners.length) continue;
      this.starts.splice(at, 1);
      this.ends.splice(at, 1);
      this.owners.splice(at, 1);
    }
  }

  holdsVreg(): boolean {
    return this.owners.some((o) => isVreg(o.vreg));
  }
}

function normalize(ranges: Range[]): Range[] {
  ranges.sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

class LinearScan<I> {
  private readonly rawRanges = new Map<number, Range[]>();
  private readonly occurrences = new Map<number, Occurrence[]>();
  private readonly useWeight = new Map<number, number>();
  private readonly hints = new Map<number, number[]>();
  /** Per preg: the occupied ranges (disjoint, sorted by start) and who holds them; fixed intervals included. */
  private readonly occupancy = new Map<number, Occupancy>();
  private readonly vregPreg = new Map<number, number>();
  private readonly spillSlotOf = new Map<number, number>();
  private readonly tinyRegs = new Map<string, number>();
  private readonly editsBefore = new Map<number, Edit[]>();
  private readonly editsAfter = new Map<number, Edit[]>();
  private queue: Interval[] = [];
  private queueHead = 0;
  /** Tiny intervals of spilled vregs, allocated before anything else in the queue (last pushed first). */
  private readonly tinies: Interval[] = [];

  constructor(
    private readonly fn: MachFunction<I>,
    private readonly info: MachInstInfo<I>,
    private readonly regs: RegisterFile,
  ) {}

  run(): Allocation {
    const cfg = buildCfg(this.fn, this.info);
    computeLoopDepths(this.fn, cfg);
    const operands = collectOperands(this.fn, this.info);
    const live = computeLiveness(this.fn, operands, cfg);
    this.buildRanges(live.liveOut, operands);
    this.makeIntervals();
    for (;;) {
      const next = this.tinies.length > 0 ? this.tinies.pop()! : this.queue[this.queueHead++];
      if (next === undefined) break;
      this.allocate(next);
    }
    return this.result();
  }

  private addRange(reg: number, from: number, to: number): void {
    let list = this.rawRanges.get(reg);
    if (!list) { list = []; this.rawRanges.set(reg, list); }
    list.push([from, to]);
  }

  private addHint(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const list = this.hints.get(x) ?? [];
      list.push(y);
      this.hints.set(x, list);
    }
  }

  /** One backward walk per block: live segments of vregs and pregs, occurrences, hints. */
  private buildRanges(liveOut: readonly Set<number>[], operands: readonly (readonly InstOperands[])[]): void {
    let k = 0;
    this.fn.blocks.forEach((blk, b) => {
      const first = k;
      k += blk.insts.length;
      const blockStart = 2 * first;
      const open = new Map<number, number>();
      for (const v of liveOut[b]!) open.set(v, 2 * k);
      const loopWeight = 10 ** Math.min(blk.loopDepth, 6);
      for (let i = blk.insts.length - 1; i >= 0; i--) {
        const idx = first + i;
        const inst = blk.insts[i]!;
        const { reads, writes, clobbers } = operands[b]![i]!;
        for (const r of writes) {
          const end = open.get(r);
          this.addRange(r, 2 * idx + 1, end ?? 2 * idx + 2);
          open.delete(r);
        }
        for (const r of clobbers) this.addRange(r, 2 * idx + 1, 2 * idx + 2);
        for (const r of reads) if (!open.has(r)) open.set(r, 2 * idx + 1);
        for (const r of [...reads, ...writes]) {
          if (!isVreg(r)) continue;
          this.noteOccurrence(r, idx, reads.includes(r), writes.includes(r));
          this.useWeight.set(r, (this.useWeight.get(r) ?? 0) + loopWeight);
        }
        const copy = this.info.copyOf(inst);
        if (copy) this.addHint(copy[0], copy[1]);
      }
      for (const [r, end] of open) {
        // A preg read before any write in its block: an incoming value (arguments
        // arrive through an explicit pseudo-def at entry, so this means a bug).
        assert(isVreg(r) || b === 0, `preg ${this.regs.regName(r)} live into block .L${blk.label} of ${this.fn.name}`);
        this.addRange(r, blockStart, end);
      }
    });
  }

  private noteOccurrence(vreg: number, inst: number, isRead: boolean, isWritten: boolean): void {
    let list = this.occurrences.get(vreg);
    if (!list) { list = []; this.occurrences.set(vreg, list); }
    const last = list[list.length - 1];
    if (last && last.inst === inst) { last.isRead ||= isRead; last.isWritten ||= isWritten; return; }
    list.push({ inst, isRead, isWritten });
  }

  private makeIntervals(): void {
    const intervals: Interval[] = [];
    for (const [reg, raw] of this.rawRanges) {
      const ranges = normalize(raw);
      if (!isVreg(reg)) {
        this.occupancyOf(reg).add({ vreg: reg, cls: 'int', ranges, weight: Infinity, spillAt: null, preg: reg });
        continue;
      }
      let length = 0;
      for (const r of ranges) length += r[1] - r[0];
      const weight = (this.useWeight.get(reg) ?? 0) / Math.max(length, 1);
      intervals.push({ vreg: reg, cls: vregClass(this.fn, reg), ranges, weight, spillAt: null, preg: null });
    }
    intervals.sort((a, b) => a.ranges[0]![0] - b.ranges[0]![0] || a.vreg - b.vreg);
    this.queue = intervals;
  }

  private occupancyOf(preg: number): Occupancy {
    let occ = this.occupancy.get(preg);
    if (!occ) { occ = new Occupancy(); this.occupancy.set(preg, occ); }
    return occ;
  }

  private conflicts(cur: Interval, preg: number): Interval[] {
    return this.occupancyOf(preg).conflicts(cur.ranges);
  }

  private candidates(cur: Interval): number[] {
    const order = this.regs.allocatable[cur.cls];
    const preferred: number[] = [];
    for (const h of this.hints.get(cur.vreg) ?? []) {
      const preg = isVreg(h) ? this.vregPreg.get(h) : h;
      if (preg !== undefined && order.includes(preg) && !preferred.includes(preg)) preferred.push(preg);
    }
    return [...preferred, ...order.filter((r) => !preferred.includes(r))];
  }

  private allocate(cur: Interval): void {
    const candidates = this.candidates(cur);
    for (const preg of candidates) {
      if (!this.occupancyOf(preg).hasConflict(cur.ranges)) { this.assign(cur, preg); return; }
    }
    // No free register: evict the cheapest set of conflicting intervals.
    let best: { preg: number; cost: number; victims: Interval[] } | null = null;
    for (const preg of candidates) {
      const victims = this.conflicts(cur, preg);
      const cost = victims.reduce((sum, v) => sum + v.weight, 0);
      if (best === null || cost < best.cost) best = { preg, cost, victims };
    }
    if (best !== null && best.cost < cur.weight) {
      for (const victim of best.victims) this.evict(victim);
      this.assign(cur, best.preg);
      return;
    }
    assert(cur.spillAt === null, `no register for a spill-code interval of ${this.fn.name} at instruction ${cur.spillAt}`);
    this.spill(cur);
  }

  private assign(cur: Interval, preg: number): void {
    cur.preg = preg;
    this.occupancyOf(preg).add(cur);
    if (cur.spillAt === null) this.vregPreg.set(cur.vreg, preg);
    else this.tinyRegs.set(`${cur.vreg}@${cur.spillAt}`, preg);
  }

  private evict(victim: Interval): void {
    this.occupancyOf(victim.preg!).remove(victim);
    this.vregPreg.delete(victim.vreg);
    victim.preg = null;
    this.spill(victim);
  }

  /** Spill everywhere: a stack slot, and a tiny interval (with reload/store) at each occurrence. */
  private spill(cur: Interval): void {
    const slot = this.spillSlotOf.size;
    this.spillSlotOf.set(cur.vreg, slot);
    for (const occ of this.occurrences.get(cur.vreg) ?? []) {
      const from = occ.isRead ? 2 * occ.inst : 2 * occ.inst + 1;
      const to = occ.isWritten ? 2 * occ.inst + 2 : 2 * occ.inst + 1;
      const tiny: Interval = { vreg: cur.vreg, cls: cur.cls, ranges: [[from, to]], weight: Infinity, spillAt: occ.inst, preg: null };
      // Tiny intervals go next: they must win a register at their instruction.
      this.tinies.push(tiny);
    }
  }

  private result(): Allocation {
    // Spill code, now that every tiny interval has its register.
    for (const [vreg, occs] of this.occurrences) {
      const slot = this.spillSlotOf.get(vreg);
      if (slot === undefined) continue;
      const cls = vregClass(this.fn, vreg);
      for (const occ of occs) {
        const preg = this.tinyRegs.get(`${vreg}@${occ.inst}`)!;
        if (occ.isRead) pushEdit(this.editsBefore, occ.inst, { kind: 'reload', preg, spillSlot: slot, cls });
        if (occ.isWritten) pushEdit(this.editsAfter, occ.inst, { kind: 'spill', preg, spillSlot: slot, cls });
      }
    }
    const used = new Set<number>();
    // A callee-saved preg named directly (an asm clobber or `b` constraint) must be saved too.
    for (const [preg, occ] of this.occupancy) if (occ.holdsVreg() || this.regs.calleeSaved.has(preg)) used.add(preg);
    const usedCalleeSaved = [...used].filter((r) => this.regs.calleeSaved.has(r)).sort((a, b) => a - b);
    const vregPreg = this.vregPreg;
    const tinyRegs = this.tinyRegs;
    const fnName = this.fn.name;
    return {
      regAt(vreg: number, instIndex: number): number {
        assert(vreg >= FIRST_VREG, 'regAt of a preg');
        const preg = vregPreg.get(vreg) ?? tinyRegs.get(`${vreg}@${instIndex}`);
        assert(preg !== undefined, `vreg ${vreg} has no register at instruction ${instIndex} of ${fnName}`);
        return preg;
      },
      editsBefore: this.editsBefore,
      editsAfter: this.editsAfter,
      spillSlots: this.spillSlotOf.size,
      usedCalleeSaved,
    };
  }
}

function pushEdit(map: Map<number, Edit[]>, inst: number, edit: Edit): void {
  const list = map.get(inst) ?? [];
  list.push(edit);
  map.set(inst, list);
}
