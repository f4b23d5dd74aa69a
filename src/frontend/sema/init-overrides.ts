// Which initializer entries survive later ones (C11 6.7.9p19: "the
// initialization shall occur in initializer list order, each initializer
// provided for a particular subobject overriding any previously listed
// initializer for the same subobject").
//
// Input: the initializer's records in list order: entries (scalar, struct
// value, string or constant run, each covering [offset, offset + size)) and clears (a
// braced initializer for a whole subobject replaces everything earlier
// inside it). Output: the entries no later record overrides, in list order.
//
// Rules (as gcc): a later entry or clear drops every earlier entry it
// overlaps at all; a bit-field entry covers the bytes its bits touch within
// its storage unit for that purpose (so a designated member that shares the
// unit's other bytes leaves it alone), and a later bit-field entry drops only
// an earlier one for the same member at the same offset (neighbouring
// bit-fields share bytes without overriding each other). A constant run
// is overridden element by element: what survives of it stays runs.
//
// Cost: O(1) per record while no record overlaps an earlier entry (lists in
// order, the usual case); otherwise one O(n log n) pass at the end: the
// latest overlapping record per elementary interval, found with a
// max-segment-tree over the sorted interval ends. No record is ever compared
// with every other, so a 100k-element list with designators in any order
// stays fast (issue 11).

import type { RecordMember } from './types.js';
import { sizeOf } from './types.js';
import type { InitEntry } from './typed.js';

export class InitOverrides {
  private readonly entries: InitEntry[] = [];
  /** Killers (non-bit-field entries and clears): [lo, hi, seq] triples, seq = index among records. */
  private readonly killers: number[] = [];
  private readonly seqOf: number[] = [];
  private seq = 0;
  /** The end of the furthest entry so far: a record starting at or after it overrides nothing. */
  private entriesEnd = 0;
  /** Bit-field entries seen, per storage offset, to notice a repeated member. */
  private readonly bitsAt = new Map<number, RecordMember[]>();
  private mayOverride = false;

  add(entry: InitEntry): void {
    const seq = this.seq++;
    const lo = entry.offset;
    if (entry.kind === 'expr' && entry.bitField !== null) {
      const seen = this.bitsAt.get(lo);
      if (seen === undefined) this.bitsAt.set(lo, [entry.bitField]);
      else if (seen.includes(entry.bitField)) this.mayOverride = true;
      else seen.push(entry.bitField);
      this.entriesEnd = Math.max(this.entriesEnd, bitBytes(entry.offset, entry.bitField)[1]);
    } else {
      const hi = lo + entrySize(entry);
      this.killer(lo, hi, seq);
      this.entriesEnd = Math.max(this.entriesEnd, hi);
    }
    this.entries.push(entry);
    this.seqOf.push(seq);
  }

  /** A braced initializer for the subobject [offset, offset + size) starts: earlier entries inside it are dropped. */
  clear(offset: number, size: number): void {
    if (size > 0) this.killer(offset, offset + size, this.seq++);
  }

  private killer(lo: number, hi: number, seq: number): void {
    if (lo < this.entriesEnd) this.mayOverride = true;
    this.killers.push(lo, hi, seq);
  }

  /** The surviving entries in list order. */
  result(): InitEntry[] {
    if (!this.mayOverride) return this.entries;
    const latest = new LatestCover(this.killers);
    const lastBit = new Map<string, number>();
    this.entries.forEach((e, i) => {
      if (e.kind === 'expr' && e.bitField !== null) lastBit.set(bitKey(e.offset, e.bitField, this.bitsAt), this.seqOf[i]!);
    });
    const out: InitEntry[] = [];
    this.entries.forEach((e, i) => {
      const seq = this.seqOf[i]!;
      if (e.kind === 'run') {
        survivingParts(e, (lo, hi) => latest.maxSeq(lo, hi) <= seq, out);
        return;
      }
      const isBit = e.kind === 'expr' && e.bitField !== null;
      if (isBit && lastBit.get(bitKey(e.offset, e.bitField!, this.bitsAt))! > seq) return;
      const [lo, hi] = isBit ? bitBytes(e.offset, e.bitField!) : [e.offset, e.offset + entrySize(e)];
      if (latest.maxSeq(lo, hi) <= seq) out.push(e);
    });
    return out;
  }
}

/** The elements of a run that no later record overrides, as runs of consecutive survivors (sharing its values). */
function survivingParts(e: Extract<InitEntry, { kind: 'run' }>, survives: (lo: number, hi: number) => boolean, out: InitEntry[]): void {
  const size = sizeOf(e.elemType);
  const n = e.values.length;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && survives(e.offset + i * size, e.offset + (i + 1) * size)) continue;
    if (i > start) out.push({ ...e, offset: e.offset + start * size, values: e.values.subarray(start, i) });
    start = i + 1;
  }
}

export function entrySize(e: InitEntry): number {
  if (e.kind === 'run') return e.values.length * sizeOf(e.elemType);
  return e.kind === 'string' ? e.length * e.unitSize : e.bitField !== null ? 1 : sizeOf(e.expr.type);
}

/** The bytes [lo, hi) a bit-field's bits touch, its storage unit starting at `unit`. */
function bitBytes(unit: number, member: RecordMember): [number, number] {
  const first = member.bitOffset;
  return [unit + Math.floor(first / 8), unit + Math.max(Math.floor(first / 8) + 1, Math.ceil((first + (member.bitWidth ?? 0)) / 8))];
}

function bitKey(offset: number, member: RecordMember, bitsAt: ReadonlyMap<number, RecordMember[]>): string {
  return `${offset}:${bitsAt.get(offset)!.indexOf(member)}`;
}

/**
 * For a set of intervals with sequence numbers: the largest sequence number
 * of any interval overlapping a query interval. A segment tree over the
 * elementary intervals between sorted ends; an update puts its number on
 * O(log n) nodes, and a query takes the maximum of the nodes it touches and
 * of their ancestors' tags.
 */
class LatestCover {
  private readonly coords: number[];
  private readonly tag: Int32Array;
  private readonly max: Int32Array;
  private readonly size: number;

  constructor(triples: readonly number[]) {
    const ends: number[] = [];
    for (let i = 0; i < triples.length; i += 3) ends.push(triples[i]!, triples[i + 1]!);
    ends.sort((a, b) => a - b);
    this.coords = ends.filter((x, i) => i === 0 || x !== ends[i - 1]);
    this.size = Math.max(1, this.coords.length - 1);
    this.tag = new Int32Array(4 * this.size).fill(-1);
    this.max = new Int32Array(4 * this.size).fill(-1);
    for (let i = 0; i < triples.length; i += 3) {
      const [l, r] = this.range(triples[i]!, triples[i + 1]!);
      if (l < r) this.update(1, 0, this.size, l, r, triples[i + 2]!);
    }
  }

  /** The largest number of an interval overlapping [lo, hi), or -1. */
  maxSeq(lo: number, hi: number): number {
    const [l, r] = this.range(lo, hi);
    return l < r ? this.query(1, 0, this.size, l, r) : -1;
  }

  /** Elementary intervals [l, r) overlapping [lo, hi). */
  private range(lo: number, hi: number): [number, number] {
    // First elementary interval ending after lo; last one starting before hi.
    const l = Math.max(0, upperBound(this.coords, lo) - 1);
    const r = Math.min(this.size, lowerBound(this.coords, hi));
    return [l, r];
  }

  private update(node: number, nl: number, nr: number, l: number, r: number, v: number): void {
    // Iterative descent would save little: depth is log2(n).
    if (r <= nl || nr <= l) return;
    if (l <= nl && nr <= r) {
      if (v > this.tag[node]!) this.tag[node] = v;
      if (v > this.max[node]!) this.max[node] = v;
      return;
    }
    const mid = (nl + nr) >> 1;
    this.update(2 * node, nl, mid, l, r, v);
    this.update(2 * node + 1, mid, nr, l, r, v);
    this.max[node] = Math.max(this.tag[node]!, this.max[2 * node]!, this.max[2 * node + 1]!);
  }

  private query(node: number, nl: number, nr: number, l: number, r: number): number {
    if (r <= nl || nr <= l) return -1;
    if (l <= nl && nr <= r) return this.max[node]!;
    const mid = (nl + nr) >> 1;
    return Math.max(this.tag[node]!, this.query(2 * node, nl, mid, l, r), this.query(2 * node + 1, mid, nr, l, r));
  }
}

/** First index whose value is >= x. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
