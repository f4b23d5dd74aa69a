// The code buffer: bytes of one section being emitted, with labels, label
// fixups and symbol relocations.
//
// Input: bytes and fixup requests from a target's encoder.
// Output: `finish()` patches every label fixup through the target's patch
// function and returns the bytes and relocations for the ObjectFile.
//
// The core owns labels and fixups; a target only names its fixup kinds
// (e.g. x86 `rel32`) and says how to patch one. Labels are per function
// (`bindLabel` may be called once per label id between `resetLabels` calls),
// so label ids from different functions never clash.

import { assert, type SourceLoc } from '../../diagnostics.js';
import type { Reloc } from '../../link/object.js';

export interface LabelFixup<K extends string> {
  readonly kind: K;
  /** Byte offset of the field to patch. */
  readonly offset: number;
  readonly label: number;
  /** Kind-specific extra, e.g. the table label a jump-table entry is relative to. */
  readonly base?: number;
}

/** Patches `bytes` at `fixup.offset` so it refers to `target`; `base` is the resolved `fixup.base`. */
export type PatchFn<K extends string> = (bytes: Uint8Array, fixup: LabelFixup<K>, target: number, base: number | undefined) => void;

/**
 * One function's code encoded into a buffer of its own, labels resolved, so
 * that another buffer can append it (driver/parallel-codegen.ts: functions
 * encoded on other threads). Offsets are from the function's start; a
 * function starts at an offset aligned at least as much as anything inside
 * it, so its bytes are the same wherever it lands.
 */
export interface CodePart {
  readonly bytes: Uint8Array;
  readonly relocs: readonly Reloc[];
  readonly rows: readonly { readonly offset: number; readonly loc: SourceLoc }[];
  readonly data: readonly { readonly offset: number; readonly size: number }[];
  /** Local symbols inside the function (taken label addresses), at offsets from its start. */
  readonly labels?: readonly { readonly name: string; readonly offset: number }[];
}

/** A position in a CodeBuffer with what was recorded up to it (`CodeBuffer.mark`). */
export interface CodeBufferMark {
  readonly length: number;
  readonly fixups: number;
  readonly relocs: number;
  readonly rows: readonly { offset: number; loc: SourceLoc }[];
  readonly dataRanges: number;
  readonly lastDataSize: number;
  readonly labels: ReadonlyMap<number, number>;
}

export class CodeBuffer<K extends string> {
  private bytes = new Uint8Array(4096);
  private length = 0;
  private labels = new Map<number, number>();
  private fixups: LabelFixup<K>[] = [];
  readonly relocs: Reloc[] = [];
  /** Where the source position changes, for -g line tables: offsets into this buffer. */
  private sourceRows: { offset: number; loc: SourceLoc }[] = [];
  /** Data placed among the code (constants, jump tables): what a disassembler must not decode. */
  private readonly dataRanges: { offset: number; size: number }[] = [];

  constructor(private readonly patch: PatchFn<K>) {}

  /** Notes that the code emitted from here on implements `loc` (a no-op when the position does not change). */
  markSource(loc: SourceLoc): void {
    const last = this.sourceRows[this.sourceRows.length - 1];
    if (last !== undefined && last.loc.line === loc.line && last.loc.col === loc.col && last.loc.file === loc.file) return;
    if (last !== undefined && last.offset === this.length) this.sourceRows.pop();
    this.sourceRows.push({ offset: this.length, loc });
  }

  /** The rows marked since the last call, and forgets them (one function's worth at a time). */
  takeSourceRows(): { offset: number; loc: SourceLoc }[] {
    const rows = this.sourceRows;
    this.sourceRows = [];
    return rows;
  }

  /** Notes that [offset, offset + size) holds data, not instructions. */
  markData(offset: number, size: number): void {
    const last = this.dataRanges[this.dataRanges.length - 1];
    if (last !== undefined && last.offset + last.size === offset) last.size += size;
    else if (size > 0) this.dataRanges.push({ offset, size });
  }

  /** Every data range marked so far, in offset order. */
  get dataInCode(): readonly { readonly offset: number; readonly size: number }[] {
    return this.dataRanges;
  }

  get offset(): number {
    return this.length;
  }

  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = b & 0xff;
  }

  bytesOf(list: readonly number[]): void {
    for (const b of list) this.byte(b);
  }

  /** Little-endian integer of `size` bytes. */
  int(value: bigint | number, size: 1 | 2 | 4 | 8): void {
    let v = BigInt.asUintN(size * 8, BigInt(value));
    for (let i = 0; i < size; i++) {
      this.byte(Number(v & 0xffn));
      v >>= 8n;
    }
  }

  alignTo(align: number, fill: number): void {
    while (this.length % align !== 0) this.byte(fill);
  }

  /** Where the buffer stands now, for `rollback`. */
  mark(): CodeBufferMark {
    const lastData = this.dataRanges[this.dataRanges.length - 1];
    return {
      length: this.length, fixups: this.fixups.length, relocs: this.relocs.length, rows: [...this.sourceRows],
      dataRanges: this.dataRanges.length, lastDataSize: lastData?.size ?? 0, labels: new Map(this.labels),
    };
  }

  /** Forgets everything emitted since `m` was taken (an encoding that is to be redone differently). */
  rollback(m: CodeBufferMark): void {
    this.length = m.length;
    this.fixups.length = m.fixups;
    this.relocs.length = m.relocs;
    this.sourceRows = [...m.rows];
    this.dataRanges.length = m.dataRanges;
    const lastData = this.dataRanges[this.dataRanges.length - 1];
    if (lastData !== undefined) lastData.size = m.lastDataSize;
    this.labels = new Map(m.labels);
  }

  /** Forgets the previous function's labels (its fixups must be resolved already). */
  resetLabels(): void {
    this.resolveFixups();
    this.labels = new Map();
  }

  bindLabel(label: number): void {
    assert(!this.labels.has(label), `label ${label} bound twice`);
    this.labels.set(label, this.length);
  }

  labelOffset(label: number): number | undefined {
    return this.labels.get(label);
  }

  /** Records a fixup at the current offset; the caller then emits the placeholder bytes. */
  addFixup(kind: K, label: number, base?: number): void {
    this.fixups.push(base === undefined ? { kind, offset: this.length, label } : { kind, offset: this.length, label, base });
  }

  addReloc(type: number, symbol: string, addend: bigint): void {
    this.relocs.push({ offset: this.length, type, symbol, addend });
  }

  private resolveFixups(): void {
    for (const f of this.fixups) {
      const target = this.labels.get(f.label);
      assert(target !== undefined, `unbound label ${f.label}`);
      const base = f.base === undefined ? undefined : this.labels.get(f.base);
      this.patch(this.bytes, f, target, base);
    }
    this.fixups = [];
  }

  /** Everything emitted so far, as a part (a buffer that holds one function, started at offset 0). */
  takePart(): CodePart {
    const { bytes, relocs } = this.finish();
    return { bytes, relocs, rows: this.takeSourceRows(), data: [...this.dataRanges] };
  }

  /** Appends `part` at the current offset, as if its function had been encoded here. */
  appendPart(part: CodePart): void {
    const base = this.length;
    while (this.bytes.length < base + part.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(part.bytes, base);
    this.length += part.bytes.length;
    for (const r of part.relocs) this.relocs.push({ ...r, offset: r.offset + base });
    for (const r of part.rows) this.sourceRows.push({ offset: r.offset + base, loc: r.loc });
    for (const d of part.data) this.markData(d.offset + base, d.size);
  }

  finish(): { bytes: Uint8Array; relocs: Reloc[] } {
    this.resolveFixups();
    return { bytes: this.bytes.slice(0, this.length), relocs: this.relocs };
  }
}
