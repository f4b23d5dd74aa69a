// The interface a target's instruction decoder offers the disassembly
// listings (`mod.disassemble`, `jitcc --dump=asm`), and the listing itself,
// which is the same for every target: walk a code range, decode one
// instruction at a time, show data placed among the instructions as data,
// and mark where the source line changes.
//
// Input: the code bytes and their address, the ranges that hold data, and
// optional functions naming addresses and source lines.
// Output: text lines in the spirit of `objdump -d -l`:
//     dot.c:3
//       401000:	48 89 e5             	mov    rbp,rsp

import type { Machine } from '../../link/object.js';

/** Names an address as `symbol` / `symbol+0x10`, or null. */
export type AddressNamer = (address: bigint) => string | null;

export interface DecodedText {
  readonly length: number;
  /** The instruction in the target's objdump syntax (Intel for x86-64, GNU for AArch64). */
  readonly text: string;
}

export interface InstructionDecoder {
  readonly machine: Machine;
  /** Show an instruction's bytes as one little-endian word (objdump's way for fixed 4-byte instructions) rather than byte by byte. */
  readonly showsWords?: boolean;
  /** Decodes the instruction at `offset`; undecodable bytes give a `(bad)` instruction of the smallest length. */
  decode(bytes: Uint8Array, offset: number, address: bigint, nameOf?: AddressNamer): DecodedText;
}

export interface ListingOptions {
  /** Show each instruction's bytes (default true). */
  readonly showBytes?: boolean;
  /** Names branch targets and RIP-relative operands. */
  readonly nameOf?: AddressNamer;
  /** The source position of an address, as `file:line`, or null (a line is printed where it changes). */
  readonly sourceOf?: (address: bigint) => string | null;
  /** Data among the instructions: [address, address + size) ranges, sorted. */
  readonly data?: readonly { readonly address: bigint; readonly size: number }[];
  /** Extra text after an instruction (relocations, for object listings). */
  readonly noteOf?: (address: bigint, length: number) => readonly string[];
}

const BYTES_COLUMN = 21;

function hexBytes(bytes: Uint8Array, from: number, to: number, asWord: boolean): string {
  if (asWord && to - from === 4) {
    return `${(((bytes[from + 3]! << 24) | (bytes[from + 2]! << 16) | (bytes[from + 1]! << 8) | bytes[from]!) >>> 0).toString(16).padStart(8, '0')} `;
  }
  let s = '';
  for (let i = from; i < to; i++) s += `${bytes[i]!.toString(16).padStart(2, '0')} `;
  return s;
}

/** Lists the code in `bytes` (which starts at `address`), one instruction or data chunk per line. */
export function listCode(decoder: InstructionDecoder, bytes: Uint8Array, address: bigint, options: ListingOptions = {}): string[] {
  const lines: string[] = [];
  const showBytes = options.showBytes ?? true;
  const data = options.data ?? [];
  const width = (address + BigInt(bytes.length)).toString(16).length;
  let lastSource: string | null = null;
  let offset = 0;
  const emit = (at: bigint, from: number, to: number, text: string) => {
    const where = `  ${at.toString(16).padStart(width)}:\t`;
    lines.push(showBytes ? `${where}${hexBytes(bytes, from, to, decoder.showsWords === true).padEnd(BYTES_COLUMN)}\t${text}` : `${where}${text}`);
  };
  while (offset < bytes.length) {
    const at = address + BigInt(offset);
    const inData = data.find((d) => at >= d.address && at < d.address + BigInt(d.size));
    if (inData !== undefined) {
      // Data: in 4-byte words where they fit (jump tables, float constants), then bytes.
      const end = Math.min(bytes.length, Number(inData.address + BigInt(inData.size) - address));
      while (offset < end) {
        const n = end - offset >= 4 ? 4 : 1;
        let value = 0;
        for (let i = n - 1; i >= 0; i--) value = value * 256 + bytes[offset + i]!;
        emit(address + BigInt(offset), offset, offset + n, `${n === 4 ? '.long' : '.byte'} 0x${value.toString(16)}`);
        offset += n;
      }
      continue;
    }
    const source = options.sourceOf?.(at) ?? null;
    if (source !== null && source !== lastSource) lines.push(source);
    lastSource = source ?? lastSource;
    const inst = decoder.decode(bytes, offset, at, options.nameOf);
    const length = Math.max(1, Math.min(inst.length, bytes.length - offset));
    emit(at, offset, offset + length, inst.text);
    for (const note of options.noteOf?.(at, length) ?? []) lines.push(`  ${' '.repeat(width)}\t${note}`);
    offset += length;
  }
  return lines;
}
