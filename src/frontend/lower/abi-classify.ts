// System V AMD64 classification of aggregates passed or returned by value
// (psABI §3.2.3 "Parameter Passing", the algorithm for aggregates).
//
// Input: a record or array CType. Output: how the value travels —
// in registers as 1–2 eightbytes of class INTEGER ('int') or SSE ('sse'),
// in memory (MEMORY class), or not at all (empty GNU structs, size 0).
//
// Rules applied:
//  - larger than 16 bytes → MEMORY;
//  - a member not at an offset aligned to its type (packed records) → MEMORY;
//  - long double members (class X87) → MEMORY, as for arguments;
//  - each eightbyte merges the classes of the scalar leaves overlapping it:
//    INTEGER wins over SSE (integers, pointers, enums, bit-fields are
//    INTEGER; float and double are SSE); an eightbyte holding only padding
//    counts as INTEGER (gcc never sees such types in practice);
//  - GNU vectors (§3.2.3 treats __m64/__m128 as SSE and SSE+SSEUP): a
//    vector of 8 bytes is one SSE eightbyte, of 16 bytes SSE then SSEUP
//    (one whole xmm register), of 4 bytes or less its elements' class
//    (gcc passes them in general registers); larger ones are MEMORY without
//    AVX, as gcc does ("AVX vector argument without AVX enabled changes the
//    ABI"). SSEUP merged with anything else degrades: INTEGER wins, else SSE.
// The same classification serves the frontend's call/function lowering on
// every target whose IR lowering uses ArgAbi (today x86-64).

import type { AbiClass } from '../../ir/ir.js';
import { alignOf, sizeOf, type CType } from '../sema/types.js';

export type AggregateAbi =
  | { readonly kind: 'regs'; readonly classes: readonly AbiClass[] }
  | { readonly kind: 'memory' }
  | { readonly kind: 'empty' };

type Slot = AbiClass | 'none';

export function classifyAggregate(t: CType): AggregateAbi {
  const size = sizeOf(t);
  if (size === 0) return { kind: 'empty' };
  if (size > 16) return { kind: 'memory' };
  const slots: Slot[] = size > 8 ? ['none', 'none'] : ['none'];
  if (!classifyInto(t, 0, slots)) return { kind: 'memory' };
  const classes = slots.map((c): AbiClass => (c === 'none' ? 'int' : c));
  // §3.2.3 post-merger: SSEUP not preceded by SSE becomes SSE.
  if (classes[1] === 'sseup' && classes[0] !== 'sse') classes[1] = 'sse';
  return { kind: 'regs', classes };
}

/** Merges the classes of `t`'s scalar leaves at byte `offset` into `slots`; false means MEMORY. */
function classifyInto(t: CType, offset: number, slots: Slot[]): boolean {
  switch (t.kind) {
    case 'record': {
      for (const m of t.info.members ?? []) {
        // A flexible array member adds no bytes to pass (§3.2.3 ignores it via the size).
        if (m.type.kind === 'array' && m.type.length === null) continue;
        if (m.bitWidth !== null) {
          if (m.bitWidth > 0) merge(slots, offset + m.offset, 'int');
          continue;
        }
        if (m.offset % Math.max(alignOf(m.type), 1) !== 0) return false;
        if (!classifyInto(m.type, offset + m.offset, slots)) return false;
      }
      return true;
    }
    case 'array': {
      const n = t.length ?? 0;
      const elemSize = sizeOf(t.elem);
      for (let i = 0; i < n; i++) {
        if (!classifyInto(t.elem, offset + i * elemSize, slots)) return false;
      }
      return true;
    }
    case 'float':
      if (t.name === 'ldouble') return false;
      merge(slots, offset, 'sse');
      return true;
    case 'int': case 'enum': case 'pointer':
      merge(slots, offset, 'int');
      return true;
    case 'vector': {
      const size = sizeOf(t);
      if (size > 16) return false;
      if (size <= 4) return classifyInto({ kind: 'array', elem: t.elem, length: t.length, isVla: false, quals: 0 }, offset, slots);
      if (offset % size !== 0) return false;
      merge(slots, offset, 'sse');
      if (size === 16) merge(slots, offset + 8, 'sseup');
      return true;
    }
    case 'function': case 'void': case 'error':
      return true;
  }
}

function merge(slots: Slot[], offset: number, c: AbiClass): void {
  const i = Math.floor(offset / 8);
  if (i >= slots.length) return;
  const old = slots[i]!;
  slots[i] = old === 'none' ? c : old === 'int' || c === 'int' ? 'int' : old === c ? c : 'sse';
}
