// Register allocation: a greedy allocator over live intervals with holes —
// spill weights from loop depth, copy hints, eviction with a second chance,
// live-range splitting of what loses into block pieces cut at calls, and
// rematerialization of constants — for every target.
//
// Input: an immutable MachFunction (blocks in layout order), the target's
// MachInstInfo and RegisterFile.
// Output: an Allocation (mach.ts), as data: per vreg the instruction ranges
// it holds a preg for, plus reload/spill/remat edits around instructions.
// Instructions are not rewritten; emission applies the table, `--dump=mir`
// prints it, check-alloc.ts proves it.
//
// Positions: instruction k (numbered in layout order) reads its operands at
// 2k and writes its results at 2k+1. Intervals are lists of half-open
// position ranges. A use at k keeps a register busy up to 2k+1 (exclusive),
// a def starts at 2k+1, so an operand that dies at k may share a register
// with k's result, while a `useDef` operand (x86 two-address) covers both
// and therefore conflicts with every other use of the instruction. Pregs
// named directly by instructions (fixed constraints such as an argument
// register set before a call, x86 `idiv` reading rax/rdx) get fixed
// intervals the same way; call clobbers block their preg at 2k+1, so a
// vreg live across a call lands in a callee-saved register or loses.
//
// Algorithm (in the manner of LLVM's greedy allocator, simplified): whole
// intervals are taken in order of start; each takes a hinted register (from
// copies) if it is free over the whole interval, else any free register,
// else evicts the assigned intervals of smallest total spill weight when
// that is below its own. An evicted whole interval gets a second chance: it
// is queued again once and may find another register or evict in turn.
// What still loses is *split*: its value lives in a home between the pieces
// — a spill slot, or nowhere when it is a constant its defining instruction
// can recompute (rematerialization) — and each block that mentions it gets
// a *piece* from the first to the last mention, cut wherever a call lies
// between two mentions (a piece across a call would need a callee-saved
// register, the very thing that ran out). A piece reloads (or recomputes)
// the value before its first mention when that mention reads it, and stores
// it after its last write when a later piece or a successor block may read
// it, so stores follow the definitions: for a value defined outside a loop
// and read inside it, the store is outside the loop and the loop reloads
// only in the blocks that use it. Pieces are short, so their weight (uses
// per position) is high and they usually win a register, evicting a long
// interval instead. A piece that loses anyway is cut in two at the longest
// stretch between its mentions, and so on down to one tiny interval per
// mention (reload before, store after) — spill everywhere, which is correct
// by construction because no instruction needs more registers than the
// target has. Tiny intervals never lose.
//
// Termination: a whole interval is evicted at most twice (then it is split),
// a piece once (then it is cut in two, each part with fewer mentions), and
// tiny intervals are never evicted; so every vreg passes through finitely
// many states.
//
// Cost: the occupancy of each preg is a chunked sorted array of disjoint
// ranges (binary search for conflicts, bounded work per insertion);
// intervals are built by one backward walk per block. Linear in practice (test/codegen/core/regalloc-scaling).
//
// Invariant: two intervals assigned the same preg never overlap, and no
// vreg interval overlaps a fixed interval of its preg.

import { assert } from '../../diagnostics.js';
import { buildCfg, collectOperands, computeLiveness, computeLoopDepths } from './liveness.js';
import type { InstOperands } from './liveness.js';
import { isVreg, vregClass } from './mach.js';
import type { Allocation, Assignment, Edit, MachFunction, MachInstInfo, RegClass, RegisterFile } from './mach.js';

type Range = [number, number];

/** whole: the vreg's entire live range; piece: its mentions in part of one block; tiny: one mention. */
type Level = 'whole' | 'piece' | 'tiny';

interface Interval {
  readonly vreg: number;
  readonly cls: RegClass;
  /** Sorted, disjoint, half-open. */
  readonly ranges: Range[];
  readonly weight: number;
  readonly level: Level;
  /** The mentions a piece or tiny interval serves, in order; the block (index) they are in. */
  readonly occs: readonly Occurrence[];
  readonly block: number;
  preg: number | null;
  /** A whole interval already evicted once. */
  isRetried: boolean;
}

interface Occurrence {
  readonly inst: number;
  isRead: boolean;
  isWritten: boolean;
}

export function allocateRegisters<I>(fn: MachFunction<I>, info: MachInstInfo<I>, regs: RegisterFile): Allocation {
  return new GreedyAllocator(fn, info, regs).run();
}

/** Copy partners remembered per register (copy hints). */
const MAX_HINTS = 8;

/** Entries per chunk of an Occupancy before it splits in two. */
const CHUNK = 256;

interface Chunk {
  starts: number[];
  ends: number[];
  owners: Interval[];
}

/**
 * The ranges one preg is busy for. Intervals sharing a preg never overlap,
 * so the ranges are disjoint and sorted by start and by end alike: a binary
 * search finds the first one that could overlap a query. They are kept in
 * chunks of at most CHUNK entries (a one-level B-tree), so an insertion or
 * removal moves at most CHUNK entries however busy the preg is.
 */
class Occupancy {
  private readonly chunks: Chunk[] = [];

  /** The first entry whose end is after `pos`: [chunk, index], or [chunks.length, 0]. */
  private locate(pos: number): [number, number] {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const ends = chunks[mid]!.ends;
      if (ends[ends.length - 1]! > pos) hi = mid; else lo = mid + 1;
    }
    if (lo === chunks.length) return [lo, 0];
    const ends = chunks[lo]!.ends;
    let a = 0;
    let b = ends.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (ends[mid]! > pos) b = mid; else a = mid + 1;
    }
    return [lo, a];
  }

  /**
   * The intervals overlapping `ranges`, each once. `isEnough`, called per new
   * interval, ends the search early (eviction stops counting once a register
   * cannot win: collecting every conflict of a long interval per candidate
   * register was quadratic in the function's length).
   */
  conflicts(ranges: readonly Range[], isEnough?: (iv: Interval) => boolean): Interval[] {
    const out = new Set<Interval>();
    for (const [from, to] of ranges) {
      let [c, i] = this.locate(from);
      for (; c < this.chunks.length; c++, i = 0) {
        const chunk = this.chunks[c]!;
        for (; i < chunk.starts.length && chunk.starts[i]! < to; i++) {
          const owner = chunk.owners[i]!;
          if (out.has(owner)) continue;
          out.add(owner);
          if (isEnough?.(owner)) return [...out];
        }
        if (i < chunk.starts.length) break;
      }
    }
    return [...out];
  }

  /** Whether any range overlaps: stops at the first overlap (the common question, asked per candidate register). */
  hasConflict(ranges: readonly Range[]): boolean {
    for (const [from, to] of ranges) {
      const [c, i] = this.locate(from);
      const chunk = this.chunks[c];
      if (chunk !== undefined && chunk.starts[i]! < to) return true;
    }
    return false;
  }

  add(iv: Interval): void {
    for (const [from, to] of iv.ranges) {
      let [c, i] = this.locate(from);
      if (c === this.chunks.length) {
        if (c === 0) this.chunks.push({ starts: [], ends: [], owners: [] });
        c = this.chunks.length - 1;
        i = this.chunks[c]!.starts.length;
      }
      const chunk = this.chunks[c]!;
      chunk.starts.splice(i, 0, from);
      chunk.ends.splice(i, 0, to);
      chunk.owners.splice(i, 0, iv);
      if (chunk.starts.length > CHUNK) {
        const half = chunk.starts.length >> 1;
        this.chunks.splice(c + 1, 0, { starts: chunk.starts.splice(half), ends: chunk.ends.splice(half), owners: chunk.owners.splice(half) });
      }
    }
  }

  remove(iv: Interval): void {
    // Each of its ranges is where `add` put it: found by binary search, not by a scan of the whole preg.
    for (const [from] of iv.ranges) {
      let [c, i] = this.locate(from);
      for (; c < this.chunks.length; c++, i = 0) {
        const chunk = this.chunks[c]!;
        while (i < chunk.owners.length && chunk.owners[i] !== iv) i++;
        if (i === chunk.owners.length) continue;
        chunk.starts.splice(i, 1);
        chunk.ends.splice(i, 1);
        chunk.owners.splice(i, 1);
        if (chunk.starts.length === 0) this.chunks.splice(c, 1);
        break;
      }
    }
  }

  holdsVreg(): boolean {
    return this.chunks.some((c) => c.owners.some((o) => isVreg(o.vreg)));
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

/** Where a split vreg's value lives between its pieces. */
type Home = { readonly kind: 'slot'; readonly slot: number } | { readonly kind: 'remat'; readonly inst: number };

class GreedyAllocator<I> {
  private readonly rawRanges = new Map<number, Range[]>();
  private readonly occurrences = new Map<number, Occurrence[]>();
  private readonly useWeight = new Map<number, number>();
  private readonly hints = new Map<number, number[]>();
  /** Per preg: the occupied ranges (disjoint, sorted by start) and who holds them; fixed intervals included. */
  private readonly occupancy = new Map<number, Occupancy>();
  /** The preg of each vreg whose whole interval has one (copy hints read it). */
  private readonly vregPreg = new Map<number, number>();
  private readonly wholes = new Map<number, Interval>();
  /** Split vregs: their home and the pieces or tiny intervals serving their mentions. */
  private readonly homes = new Map<number, Home>();
  private readonly served = new Map<number, Set<Interval>>();
  private spillSlots = 0;
  private queue: Interval[] = [];
  private queueHead = 0;
  /** Pieces, tiny intervals and second chances, allocated before the queue goes on (last pushed first). */
  private readonly pending: Interval[] = [];
  /** Layout index of each block's first instruction, and one past the last block. */
  private blockStarts: number[] = [];
  /** Clobbering instructions (calls) before each layout index: a prefix count. */
  private clobbersBefore: Int32Array = new Int32Array(1);
  private liveOut: readonly Set<number>[] = [];
  private loopWeights: number[] = [];
  private flatInsts: I[] = [];

  constructor(
    private readonly fn: MachFunction<I>,
    private readonly info: MachInstInfo<I>,
    private readonly regs: RegisterFile,
  ) {}

  run(): Allocation {
    const cfg = buildCfg(this.fn, this.info);
    computeLoopDepths(this.fn, cfg);
    const operands = collectOperands(this.fn, this.info);
    this.liveOut = computeLiveness(this.fn, operands, cfg).liveOut;
    this.indexBlocks(operands);
    this.buildRanges(operands);
    this.makeIntervals();
    for (;;) {
      const next = this.pending.length > 0 ? this.pending.pop()! : this.queue[this.queueHead++];
      if (next === undefined) break;
      this.allocate(next);
    }
    return this.result();
  }

  private indexBlocks(operands: readonly (readonly InstOperands[])[]): void {
    let k = 0;
    const clobbering: number[] = [];
    this.fn.blocks.forEach((blk, b) => {
      this.blockStarts.push(k);
      this.loopWeights.push(10 ** Math.min(blk.loopDepth, 6));
      blk.insts.forEach((inst, i) => {
        this.flatInsts.push(inst);
        clobbering.push(operands[b]![i]!.clobbers.length > 0 ? 1 : 0);
      });
      k += blk.insts.length;
    });
    this.blockStarts.push(k);
    this.clobbersBefore = new Int32Array(k + 1);
    for (let i = 0; i < k; i++) this.clobbersBefore[i + 1] = this.clobbersBefore[i]! + clobbering[i]!;
  }

  private addRange(reg: number, from: number, to: number): void {
    let list = this.rawRanges.get(reg);
    if (!list) { list = []; this.rawRanges.set(reg, list); }
    list.push([from, to]);
  }

  /** Records a copy between a and b; a register keeps at most MAX_HINTS partners (the first ones), so asking stays cheap. */
  private addHint(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      let list = this.hints.get(x);
      if (list === undefined) { list = []; this.hints.set(x, list); }
      if (list.length < MAX_HINTS && !list.includes(y)) list.push(y);
    }
  }

  /** One backward walk per block: live segments of vregs and pregs, occurrences, hints. */
  private buildRanges(operands: readonly (readonly InstOperands[])[]): void {
    // Last block first, so each vreg's mentions are listed in reverse layout order.
    for (let b = this.fn.blocks.length - 1; b >= 0; b--) {
      const blk = this.fn.blocks[b]!;
      const first = this.blockStarts[b]!;
      const end = this.blockStarts[b + 1]!;
      const open = new Map<number, number>();
      for (const v of this.liveOut[b]!) open.set(v, 2 * end);
      const loopWeight = this.loopWeights[b]!;
      for (let i = blk.insts.length - 1; i >= 0; i--) {
        const idx = first + i;
        const inst = blk.insts[i]!;
        const { reads, writes, clobbers } = operands[b]![i]!;
        for (const r of writes) {
          const until = open.get(r);
          this.addRange(r, 2 * idx + 1, until ?? 2 * idx + 2);
          open.delete(r);
        }
        for (const r of clobbers) this.addRange(r, 2 * idx + 1, 2 * idx + 2);
        for (const r of reads) if (!open.has(r)) open.set(r, 2 * idx + 1);
        for (const r of reads) if (isVreg(r)) this.noteOccurrence(r, idx, true, false, loopWeight);
        for (const r of writes) if (isVreg(r)) this.noteOccurrence(r, idx, false, true, loopWeight);
        const copy = this.info.copyOf(inst);
        if (copy) this.addHint(copy[0], copy[1]);
      }
      for (const [r, until] of open) {
        // A preg read before any write in its block: an incoming value (arguments
        // arrive through an explicit pseudo-def at entry, so this means a bug).
        assert(isVreg(r) || b === 0, `preg ${this.regs.regName(r)} live into block .L${blk.label} of ${this.fn.name}`);
        this.addRange(r, 2 * first, until);
      }
    }
    // The backward walk listed each vreg's mentions last first.
    for (const list of this.occurrences.values()) list.reverse();
  }

  private noteOccurrence(vreg: number, inst: number, isRead: boolean, isWritten: boolean, loopWeight: number): void {
    let list = this.occurrences.get(vreg);
    if (!list) { list = []; this.occurrences.set(vreg, list); }
    const last = list[list.length - 1];
    if (last && last.inst === inst) { last.isRead ||= isRead; last.isWritten ||= isWritten; return; }
    list.push({ inst, isRead, isWritten });
    this.useWeight.set(vreg, (this.useWeight.get(vreg) ?? 0) + loopWeight);
  }

  private makeIntervals(): void {
    const intervals: Interval[] = [];
    for (const [reg, raw] of this.rawRanges) {
      const ranges = normalize(raw);
      if (!isVreg(reg)) {
        this.occupancyOf(reg).add({ vreg: reg, cls: 'int', ranges, weight: Infinity, level: 'tiny', occs: [], block: -1, preg: reg, isRetried: false });
        continue;
      }
      let length = 0;
      for (const r of ranges) length += r[1] - r[0];
      const weight = (this.useWeight.get(reg) ?? 0) / Math.max(length, 1);
      const iv: Interval = { vreg: reg, cls: vregClass(this.fn, reg), ranges, weight, level: 'whole', occs: [], block: -1, preg: null, isRetried: false };
      intervals.push(iv);
      this.wholes.set(reg, iv);
    }
    intervals.sort((a, b) => a.ranges[0]![0] - b.ranges[0]![0] || a.vreg - b.vreg);
    this.queue = intervals;
  }

  private occupancyOf(preg: number): Occupancy {
    let occ = this.occupancy.get(preg);
    if (!occ) { occ = new Occupancy(); this.occupancy.set(preg, occ); }
    return occ;
  }

  /** The allocatable registers per class, without the frame pointer unless the function omits it. */
  private allocatableOf(cls: RegClass): readonly number[] {
    const all = this.regs.allocatable[cls];
    const fp = this.regs.framePointer;
    if (fp === undefined || this.fn.omitsFramePointer === true || !all.includes(fp)) return all;
    let list = this.allocatableCache.get(cls);
    if (list === undefined) { list = all.filter((r) => r !== fp); this.allocatableCache.set(cls, list); }
    return list;
  }

  private readonly allocatableCache = new Map<RegClass, readonly number[]>();

  private candidates(cur: Interval): number[] {
    const order = this.allocatableOf(cur.cls);
    const preferred: number[] = [];
    const waiting: Interval[] = [];
    for (const h of this.hints.get(cur.vreg) ?? []) {
      const preg = isVreg(h) ? this.vregPreg.get(h) : h;
      if (preg !== undefined && order.includes(preg) && !preferred.includes(preg)) preferred.push(preg);
      const partner = isVreg(h) ? this.wholes.get(h) : undefined;
      if (preg === undefined && partner !== undefined && partner.preg === null && !partner.isRetried && partner.cls === cur.cls) waiting.push(partner);
    }
    // A copy partner not allocated yet (a loop variable whose initial value
    // is computed before the loop, `lea t, [n - 1]; mov i, t`): a register
    // free over the partner's whole interval as well lets the partner take
    // the same one later and the copy disappear.
    if (cur.level === 'whole') {
      for (const partner of waiting) {
        const both = normalize([...cur.ranges, ...partner.ranges].map((r): Range => [r[0], r[1]]));
        const preg = order.find((r) => !preferred.includes(r) && !this.occupancyOf(r).hasConflict(both));
        if (preg !== undefined) preferred.push(preg);
      }
    }
    if (preferred.length === 0) return order as number[];
    return [...preferred, ...order.filter((r) => !preferred.includes(r))];
  }

  private allocate(cur: Interval): void {
    const candidates = this.candidates(cur);
    for (const preg of candidates) {
      if (!this.occupancyOf(preg).hasConflict(cur.ranges)) { this.assign(cur, preg); return; }
    }
    // No free register: evict the cheapest set of conflicting intervals (never tiny ones).
    let best: { preg: number; cost: number; victims: Interval[] } | null = null;
    for (const preg of candidates) {
      // A register whose victims cost at least this can be chosen neither over `best` nor over `cur` itself.
      const cap = Math.min(cur.weight, best?.cost ?? Infinity);
      let cost = 0;
      const victims = this.occupancyOf(preg).conflicts(cur.ranges, (v) => {
        cost += v.level === 'tiny' ? Infinity : v.weight;
        return cost >= cap;
      });
      if (cost >= cap) continue;
      if (best === null || cost < best.cost) best = { preg, cost, victims };
    }
    if (best !== null && best.cost < cur.weight) {
      for (const victim of best.victims) this.evict(victim);
      this.assign(cur, best.preg);
      return;
    }
    assert(cur.level !== 'tiny', `no register for a spill-code interval of ${this.fn.name} at instruction ${cur.occs[0]?.inst}`);
    this.split(cur);
  }

  private assign(cur: Interval, preg: number): void {
    cur.preg = preg;
    this.occupancyOf(preg).add(cur);
    if (cur.level === 'whole') this.vregPreg.set(cur.vreg, preg);
  }

  private evict(victim: Interval): void {
    this.occupancyOf(victim.preg!).remove(victim);
    victim.preg = null;
    if (victim.level === 'whole') {
      this.vregPreg.delete(victim.vreg);
      if (!victim.isRetried) {
        victim.isRetried = true;
        this.pending.push(victim);
        return;
      }
    }
    this.split(victim);
  }

  /** A whole interval becomes pieces; a piece becomes tiny intervals. */
  private split(cur: Interval): void {
    if (cur.level === 'whole') {
      this.homes.set(cur.vreg, this.homeOf(cur.vreg));
      const serving = new Set<Interval>();
      this.served.set(cur.vreg, serving);
      for (const piece of this.piecesOf(cur)) { serving.add(piece); this.pending.push(piece); }
      return;
    }
    const serving = this.served.get(cur.vreg)!;
    serving.delete(cur);
    if (cur.occs.length > 1) {
      // Two pieces, cut at the longest stretch between two mentions (where holding a register costs most).
      let cut = 1;
      for (let n = 2; n < cur.occs.length; n++) {
        if (cur.occs[n]!.inst - cur.occs[n - 1]!.inst > cur.occs[cut]!.inst - cur.occs[cut - 1]!.inst) cut = n;
      }
      for (const part of [cur.occs.slice(0, cut), cur.occs.slice(cut)]) {
        const piece = this.piece(cur.vreg, cur.cls, part, cur.block);
        serving.add(piece);
        this.pending.push(piece);
      }
      return;
    }
    for (const occ of cur.occs) {
      const from = occ.isRead ? 2 * occ.inst : 2 * occ.inst + 1;
      const to = occ.isWritten ? 2 * occ.inst + 2 : 2 * occ.inst + 1;
      const tiny: Interval = { vreg: cur.vreg, cls: cur.cls, ranges: [[from, to]], weight: Infinity, level: 'tiny', occs: [occ], block: cur.block, preg: null, isRetried: false };
      serving.add(tiny);
      this.pending.push(tiny);
    }
  }

  /** A constant the target can compute again (one definition, rematerializable), else a fresh spill slot. */
  private homeOf(vreg: number): Home {
    const defs = this.occurrences.get(vreg)!.filter((o) => o.isWritten);
    const def = defs.length === 1 && !defs[0]!.isRead ? defs[0]!.inst : -1;
    if (def >= 0 && this.info.isRematerializable?.(this.flatInsts[def]!) === true) return { kind: 'remat', inst: def };
    const slot = this.spillSlots;
    // A 16-byte vector takes two 8-byte slots: `slot` and `slot + 1`.
    this.spillSlots += vregClass(this.fn, vreg) === 'vec' ? 2 : 1;
    return { kind: 'slot', slot };
  }

  /** A piece serving the mentions `occs` (in block `b`): held from the first to the last. */
  private piece(vreg: number, cls: RegClass, occs: readonly Occurrence[], b: number): Interval {
    const firstOcc = occs[0]!;
    const lastOcc = occs[occs.length - 1]!;
    const from = firstOcc.isRead ? 2 * firstOcc.inst : 2 * firstOcc.inst + 1;
    const to = lastOcc.isWritten ? 2 * lastOcc.inst + 2 : 2 * lastOcc.inst + 1;
    const weight = (occs.length * this.loopWeights[b]!) / (to - from + 1);
    return { vreg, cls, ranges: [[from, to]], weight, level: 'piece', occs, block: b, preg: null, isRetried: false };
  }

  /** The block holding layout index `inst` (binary search). */
  private blockOf(inst: number): number {
    let lo = 0;
    let hi = this.blockStarts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blockStarts[mid]! <= inst) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The pieces of a split vreg: per block, runs of mentions with no call between two of them. */
  private piecesOf(whole: Interval): Interval[] {
    const pieces: Interval[] = [];
    const occs = this.occurrences.get(whole.vreg)!;
    let b = 0;
    let run: Occurrence[] = [];
    const flush = () => {
      if (run.length === 0) return;
      pieces.push(this.piece(whole.vreg, whole.cls, run, b));
      run = [];
    };
    for (const occ of occs) {
      const nb = this.blockStarts[b + 1]! > occ.inst ? b : this.blockOf(occ.inst);
      const prev = run[run.length - 1];
      if (nb !== b || (prev !== undefined && this.clobbersBefore[occ.inst]! - this.clobbersBefore[prev.inst + 1]! > 0)) flush();
      b = nb;
      run.push(occ);
    }
    flush();
    return pieces;
  }

  private result(): Allocation {
    const assignments = new Map<number, Assignment[]>();
    const editsBefore = new Map<number, Edit[]>();
    const editsAfter = new Map<number, Edit[]>();
    for (const [vreg, whole] of this.wholes) {
      if (whole.preg !== null) {
        const ranges = whole.ranges;
        assignments.set(vreg, [{ from: ranges[0]![0] >> 1, to: (ranges[ranges.length - 1]![1] - 1) >> 1, preg: whole.preg }]);
        continue;
      }
      const home = this.homes.get(vreg)!;
      const serving = [...this.served.get(vreg)!].sort((a, b) => a.occs[0]!.inst - b.occs[0]!.inst);
      const list: Assignment[] = [];
      serving.forEach((iv, n) => {
        const preg = iv.preg!;
        const first = iv.occs[0]!;
        const last = iv.occs[iv.occs.length - 1]!;
        list.push({ from: first.inst, to: last.inst, preg });
        // The interval before it in the block left the value in this preg, and nothing took the preg since: no reload.
        // (From the write position of its last mention: a dead result there would overwrite the preg too.)
        const prev = serving[n - 1];
        const gapFrom = prev === undefined ? 0 : 2 * prev.occs[prev.occs.length - 1]!.inst + 1;
        const isStillThere = prev !== undefined && prev.block === iv.block && prev.preg === preg
          && (gapFrom >= 2 * first.inst || this.occupancyOf(preg).conflicts([[gapFrom, 2 * first.inst]]).every((x) => x === prev));
        if (first.isRead && !isStillThere) {
          pushEdit(editsBefore, first.inst, home.kind === 'slot'
            ? { kind: 'reload', preg, spillSlot: home.slot, cls: iv.cls }
            : { kind: 'remat', preg, vreg, inst: home.inst, cls: iv.cls });
        }
        if (home.kind !== 'slot') return;
        // The value leaves the register: store it when something after this interval may read it.
        let lastWrite: Occurrence | undefined;
        for (const o of iv.occs) if (o.isWritten) lastWrite = o;
        if (lastWrite === undefined) return;
        // Later mentions in this block are served by the next interval; successors read the home.
        const next = serving[n + 1];
        if ((next !== undefined && next.block === iv.block) || this.liveOut[iv.block]!.has(vreg)) pushEdit(editsAfter, lastWrite.inst, { kind: 'spill', preg, spillSlot: home.slot, cls: iv.cls });
      });
      assignments.set(vreg, list);
    }
    const used = new Set<number>();
    // A callee-saved preg named directly (an asm clobber or `b` constraint) must be saved too.
    for (const [preg, occ] of this.occupancy) if (occ.holdsVreg() || this.regs.calleeSaved.has(preg)) used.add(preg);
    const usedCalleeSaved = [...used].filter((r) => this.regs.calleeSaved.has(r)).sort((a, b) => a - b);
    return { assignments, editsBefore, editsAfter, spillSlots: this.spillSlots, usedCalleeSaved };
  }
}

function pushEdit(map: Map<number, Edit[]>, inst: number, edit: Edit): void {
  const list = map.get(inst);
  if (list === undefined) map.set(inst, [edit]); else list.push(edit);
}
