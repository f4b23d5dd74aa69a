// Bounds-checked little-endian reads from an untrusted file for the ELF
// reader. Every read names what it is reading, so a short or corrupt file
// produces an ObjectFormatError such as "foo.o: truncated symbol 7" instead
// of a RangeError, and 64-bit fields that do not fit a JavaScript number
// are rejected rather than silently rounded.

import { ObjectFormatError } from '../errors.js';

export class ByteSource {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  fail(problem: string): never {
    throw new ObjectFormatError(this.file, problem);
  }

  /** Checks that [offset, offset + size) lies inside the file. */
  need(offset: number, size: number, what: string): void {
    if (!(offset >= 0 && size >= 0 && offset + size <= this.bytes.length)) this.fail(`truncated ${what}`);
  }

  u8(at: number, what: string): number {
    this.need(at, 1, what);
    return this.view.getUint8(at);
  }
  u16(at: number, what: string): number {
    this.need(at, 2, what);
    return this.view.getUint16(at, true);
  }
  u32(at: number, what: string): number {
    this.need(at, 4, what);
    return this.view.getUint32(at, true);
  }
  u64(at: number, what: string): bigint {
    this.need(at, 8, what);
    return this.view.getBigUint64(at, true);
  }
  i64(at: number, what: string): bigint {
    this.need(at, 8, what);
    return this.view.getBigInt64(at, true);
  }
  /** A 64-bit field used as an offset, size or count: must fit a safe integer. */
  u64Number(at: number, what: string): number {
    this.need(at, 8, what);
    // Two 32-bit halves: this is the reader's hottest path, and BigInt is slow.
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    if (hi >= 0x200000) this.fail(`${what} 0x${this.view.getBigUint64(at, true).toString(16)} is too large`);
    return hi * 0x100000000 + lo;
  }

  /** A copy of [offset, offset + size), so the model does not alias the caller's buffer. */
  copy(offset: number, size: number, what: string): Uint8Array {
    this.need(offset, size, what);
    // Not bytes.slice(): on a Node Buffer that returns a view, not a copy.
    return new Uint8Array(this.bytes.subarray(offset, offset + size));
  }

  /** A string table occupying [offset, offset + size) (gABI "String Table"). */
  stringTable(offset: number, size: number, what: string): StringTableReader {
    this.need(offset, size, what);
    return new StringTableReader(this, this.bytes.subarray(offset, offset + size));
  }
}

/**
 * Looks up NUL-terminated names by offset. The position of the next NUL is
 * computed once per table, so a hostile table without terminators costs one
 * linear pass, not one pass per name.
 */
export class StringTableReader {
  private nextNul: Int32Array | null = null;

  constructor(
    private readonly source: ByteSource,
    private readonly table: Uint8Array,
  ) {}

  get(index: number, what: string): string {
    if (index >= this.table.length) this.source.fail(`${what} name offset ${index} is outside its string table (size ${this.table.length})`);
    const end = this.nulAfter(index);
    if (end < 0) this.source.fail(`${what} name is not NUL-terminated inside its string table`);
    return decoder.decode(this.table.subarray(index, end));
  }

  private nulAfter(index: number): number {
    if (this.nextNul === null) {
      const next = new Int32Array(this.table.length);
      let nul = -1;
      for (let i = this.table.length - 1; i >= 0; i--) {
        if (this.table[i] === 0) nul = i;
        next[i] = nul;
      }
      this.nextNul = next;
    }
    return this.nextNul[index]!;
  }
}

const decoder = new TextDecoder('utf-8');
