// Reads jitdump files (jitdump.ts writes them; the format is perf's
// jitdump-specification.txt): the header and every record, checked field by
// field, for tests and for looking at what a process registered.
//
// Input: the file's bytes. Output: the header and the records in order.
// A malformed file is an Error naming the offset and what is wrong.

import { ELF_MACHINE, JIT_CODE_CLOSE, JIT_CODE_DEBUG_INFO, JIT_CODE_LOAD, JIT_CODE_MOVE, JITDUMP_MAGIC } from './jitdump.js';

export interface JitdumpHeader {
  readonly version: number;
  readonly machine: number;
  readonly pid: number;
  readonly timestamp: bigint;
  readonly flags: bigint;
}

export type JitdumpRecord =
  | { readonly kind: 'load'; readonly timestamp: bigint; readonly pid: number; readonly tid: number; readonly vma: bigint; readonly address: bigint; readonly index: bigint; readonly name: string; readonly code: Uint8Array }
  | { readonly kind: 'debug'; readonly timestamp: bigint; readonly address: bigint; readonly entries: readonly { readonly address: bigint; readonly line: number; readonly discriminator: number; readonly file: string }[] }
  | { readonly kind: 'move'; readonly timestamp: bigint }
  | { readonly kind: 'close'; readonly timestamp: bigint }
  | { readonly kind: 'other'; readonly id: number; readonly timestamp: bigint };

export interface Jitdump {
  readonly header: JitdumpHeader;
  readonly records: readonly JitdumpRecord[];
}

class Reader {
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array, public pos: number, private readonly end: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  fail(what: string): never {
    throw new Error(`jitdump: ${what} at offset ${this.pos}`);
  }
  need(n: number): void {
    if (this.pos + n > this.end) this.fail(`truncated (need ${n} bytes)`);
  }
  u32(): number { this.need(4); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  u64(): bigint { this.need(8); const v = this.view.getBigUint64(this.pos, true); this.pos += 8; return v; }
  cstring(): string {
    const start = this.pos;
    while (this.pos < this.end && this.bytes[this.pos] !== 0) this.pos++;
    if (this.pos >= this.end) this.fail('unterminated string');
    const s = new TextDecoder().decode(this.bytes.subarray(start, this.pos));
    this.pos++;
    return s;
  }
  take(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

export function readJitdump(bytes: Uint8Array): Jitdump {
  const h = new Reader(bytes, 0, bytes.length);
  if (h.u32() !== JITDUMP_MAGIC) h.fail('bad magic (not a little-endian jitdump file)');
  const version = h.u32();
  const headerSize = h.u32();
  const machine = h.u32();
  h.u32(); // pad1
  const pid = h.u32();
  const timestamp = h.u64();
  const flags = h.u64();
  if (headerSize < 40 || headerSize > bytes.length) h.fail(`bad header size ${headerSize}`);
  if (!Object.values(ELF_MACHINE).includes(machine)) h.fail(`unknown ELF machine ${machine}`);
  const records: JitdumpRecord[] = [];
  let at = headerSize;
  while (at < bytes.length) {
    const r = new Reader(bytes, at, bytes.length);
    const id = r.u32();
    const size = r.u32();
    const ts = r.u64();
    if (size < 16 || at + size > bytes.length) r.fail(`record of ${size} bytes does not fit the file`);
    const body = new Reader(bytes, at + 16, at + size);
    records.push(readRecord(body, id, ts));
    at += size;
  }
  return { header: { version, machine, pid, timestamp, flags }, records };
}

function readRecord(r: Reader, id: number, timestamp: bigint): JitdumpRecord {
  switch (id) {
    case JIT_CODE_LOAD: {
      const pid = r.u32();
      const tid = r.u32();
      const vma = r.u64();
      const address = r.u64();
      const size = r.u64();
      const index = r.u64();
      const name = r.cstring();
      const code = r.take(Number(size));
      return { kind: 'load', timestamp, pid, tid, vma, address, index, name, code };
    }
    case JIT_CODE_DEBUG_INFO: {
      const address = r.u64();
      const count = Number(r.u64());
      const entries = [];
      for (let i = 0; i < count; i++) entries.push({ address: r.u64(), line: r.u32(), discriminator: r.u32(), file: r.cstring() });
      return { kind: 'debug', timestamp, address, entries };
    }
    case JIT_CODE_MOVE: return { kind: 'move', timestamp };
    case JIT_CODE_CLOSE: return { kind: 'close', timestamp };
    default: return { kind: 'other', id, timestamp };
  }
}
