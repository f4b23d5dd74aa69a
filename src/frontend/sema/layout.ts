// Struct and union layout as gcc does it on System V AMD64 and AAPCS64
// (SysV ABI 3.1.2 "Aggregates and Unions" and "Bit-Fields"; AAPCS64 10.1.8).
//
// Input: the checked members in declaration order (type, optional bit width,
// optional _Alignas) and the record's attributes (packed, aligned).
// Output: each member's byte offset (and bit offset for bit-fields), the
// record's size and alignment.
//
// Rules followed:
//  - an ordinary member starts at the next multiple of its alignment;
//  - a bit-field of type T goes at the current bit position unless it would
//    straddle a boundary of a T-aligned storage unit, then at the next such
//    boundary; `packed` lets it straddle;
//  - a zero-width bit-field moves to the next T-aligned boundary;
//  - unnamed bit-fields do not raise the record's alignment, named ones do;
//  - a flexible array member (C11 6.7.2.1p18) adds no size;
//  - the size is rounded up to the alignment.

import { alignOf, alignTo, sizeOf, type CType, type RecordMember } from './types.js';

export interface MemberInput {
  readonly name: string | null;
  readonly type: CType;
  readonly bitWidth: number | null;
  /** _Alignas / aligned attribute on the member, 0 when absent. */
  readonly explicitAlign: number;
}

export interface RecordLayout {
  readonly members: RecordMember[];
  readonly size: number;
  readonly align: number;
  readonly hasFlexibleArray: boolean;
}

export function layoutRecord(inputs: readonly MemberInput[], isUnion: boolean, isPacked: boolean, explicitAlign: number): RecordLayout {
  const members: RecordMember[] = [];
  let bitPos = 0; // next free bit (structs)
  let maxBits = 0; // largest member (unions)
  let align = 1;
  let hasFlexibleArray = false;

  for (let i = 0; i < inputs.length; i++) {
    const m = inputs[i]!;
    const typeAlign = isPacked ? 1 : alignOf(m.type);
    const memberAlign = Math.max(typeAlign, m.explicitAlign);
    if (m.bitWidth !== null) {
      const unitBits = sizeOf(m.type) * 8;
      const naturalAlignBits = alignOf(m.type) * 8;
      if (isUnion) {
        members.push({ name: m.name, type: m.type, offset: 0, bitWidth: m.bitWidth, bitOffset: 0 });
        maxBits = Math.max(maxBits, m.bitWidth === 0 ? 0 : alignTo(m.bitWidth, 8));
        if (m.name !== null) align = Math.max(align, memberAlign);
        continue;
      }
      if (m.bitWidth === 0) {
        if (!isPacked) bitPos = alignTo(bitPos, naturalAlignBits);
        continue;
      }
      if (m.explicitAlign > 0) bitPos = alignTo(bitPos, m.explicitAlign * 8);
      if (!isPacked && Math.floor(bitPos / unitBits) !== Math.floor((bitPos + m.bitWidth - 1) / unitBits)) {
        bitPos = alignTo(bitPos, naturalAlignBits);
      }
      // The storage unit: the type-sized, type-aligned unit holding the field
      // when it fits in one, else (packed) the byte where the field starts.
      let offset = Math.floor(bitPos / unitBits) * (unitBits / 8);
      if (bitPos - offset * 8 + m.bitWidth > unitBits) offset = Math.floor(bitPos / 8);
      members.push({ name: m.name, type: m.type, offset, bitWidth: m.bitWidth, bitOffset: bitPos - offset * 8 });
      bitPos += m.bitWidth;
      if (m.name !== null) align = Math.max(align, memberAlign);
      continue;
    }
    align = Math.max(align, memberAlign);
    const isFlexible = m.type.kind === 'array' && m.type.length === null && !m.type.isVla;
    if (isUnion) {
      members.push({ name: m.name, type: m.type, offset: 0, bitWidth: null, bitOffset: 0 });
      maxBits = Math.max(maxBits, isFlexible ? 0 : sizeOf(m.type) * 8);
      continue;
    }
    const offset = alignTo(Math.ceil(bitPos / 8), memberAlign);
    members.push({ name: m.name, type: m.type, offset, bitWidth: null, bitOffset: 0 });
    if (isFlexible && i === inputs.length - 1) {
      hasFlexibleArray = true;
      bitPos = offset * 8;
    } else {
      bitPos = (offset + sizeOf(m.type)) * 8;
    }
  }
  align = Math.max(align, explicitAlign);
  const bytes = Math.ceil((isUnion ? maxBits : bitPos) / 8);
  return { members, size: alignTo(bytes, align), align, hasFlexibleArray };
}
