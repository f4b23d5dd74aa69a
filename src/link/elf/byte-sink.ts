// A growable little-endian byte buffer for the ELF writer: append integers
// and byte arrays, pad to an alignment, patch earlier fields.
//
// Invariant: `length` is the number of bytes written; `finish()` returns
// exactly those bytes.

export class ByteSink {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): number {
    const at = this.length;
    if (at + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < at + n) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length += n;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1);
    this.view.setUint8(at, v);
  }
  u16(v: number): void {
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
  }
  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v, true);
  }
  u64(v: bigint | number): void {
    const at = this.reserve(8);
    if (typeof v === 'bigint') {
      this.view.setBigUint64(at, v, true);
    } else {
      // Offsets and sizes are safe integers; two 32-bit halves avoid BigInt.
      this.view.setUint32(at, v % 0x100000000, true);
      this.view.setUint32(at + 4, Math.floor(v / 0x100000000), true);
    }
  }
  i64(v: bigint): void {
    const at = this.reserve(8);
    this.view.setBigInt64(at, v, true);
  }
  bytes(b: Uint8Array): void {
    // reserve() may replace this.buf, so call it before reading the field.
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }
  /** Zero bytes up to a multiple of `align` (0 and 1 mean no padding). */
  align(align: number): void {
    if (align <= 1) return;
    const pad = (align - (this.length % align)) % align;
    this.reserve(pad); // new space is already zero
  }
  /** Unsigned LEB128 (DWARF 5 §7.6): seven bits per byte, low first, high bit set on all but the last. */
  uleb(v: number | bigint): void {
    let x = BigInt(v);
    do {
      const byte = Number(x & 0x7fn);
      x >>= 7n;
      this.u8(x !== 0n ? byte | 0x80 : byte);
    } while (x !== 0n);
  }
  /** Signed LEB128: as uleb, stopping once the remaining bits are all copies of the sign bit. */
  sleb(v: number | bigint): void {
    let x = BigInt(v);
    for (;;) {
      const byte = Number(x & 0x7fn);
      x >>= 7n; // arithmetic shift on BigInt
      const done = (x === 0n && (byte & 0x40) === 0) || (x === -1n && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return;
    }
  }
  /** A NUL-terminated UTF-8 string. */
  cstring(s: string): void {
    this.bytes(new TextEncoder().encode(s));
    this.u8(0);
  }
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }
  patchU64(at: number, v: bigint | number): void {
    this.view.setBigUint64(at, BigInt(v), true);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A string table (gABI "String Table"): offset 0 is the empty string; each name is stored once. */
export class StringTable {
  private readonly sink = new ByteSink();
  private readonly offsets = new Map<string, number>();

  constructor() {
    this.sink.u8(0);
    this.offsets.set('', 0);
  }

  add(name: string): number {
    const known = this.offsets.get(name);
    if (known !== undefined) return known;
    const at = this.sink.length;
    this.sink.bytes(new TextEncoder().encode(name));
    this.sink.u8(0);
    this.offsets.set(name, at);
    return at;
  }

  finish(): Uint8Array {
    return this.sink.finish();
  }
}
