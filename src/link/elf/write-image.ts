// ELF files that are not relocatable objects: a list of sections with
// their final addresses, an optional program header table, section headers
// and the section-name table, serialized in that order. What the GDB JIT
// interface needs (jit/gdb-*.ts): the tiny shared object that defines
// `__jit_debug_register_code` (write-dso.ts) and the per-module symbol
// files gdb reads from memory.
//
// Input: an `ImageSpec`. Output: the file's bytes, and each section's file
// offset (program headers refer to them).
// Layout: ELF header, program headers, then sections in the order given,
// each at a file offset that is ≡ its address modulo `pageAlign` when it
// is allocated (so a PT_LOAD can map it), then the section headers.
// ELF-64 gABI ("ELF Header", "Sections", "Program Header").

import { ByteSink } from './byte-sink.js';
import {
  ELF_HEADER_SIZE, ELFCLASS64, ELFDATA2LSB, ELFOSABI_SYSV, EM_AARCH64, EM_X86_64, EV_CURRENT, SECTION_HEADER_SIZE,
  SHF_ALLOC, SHT_STRTAB, SYMBOL_SIZE,
} from './constants.js';
import type { Machine } from '../object.js';

export const ET_EXEC = 2;
export const ET_DYN = 3;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_GNU_STACK = 0x6474e551;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;
const PROGRAM_HEADER_SIZE = 56;

export interface ImageSection {
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly address: bigint;
  /** Contents; null for SHT_NOBITS (then `size` is the length). */
  readonly bytes: Uint8Array | null;
  readonly size?: number;
  /** sh_link as the name of another section of the image. */
  readonly link?: string;
  readonly info?: number;
  readonly align: number;
  readonly entsize?: number;
}

/** A program header; its offset and sizes come from the sections it covers (first to last, by name). */
export interface ImageSegment {
  readonly type: number;
  readonly flags: number;
  /** The sections it covers, by name; empty for a segment without contents (PT_GNU_STACK). */
  readonly from?: string;
  readonly to?: string;
  /** Include the ELF and program headers (the first PT_LOAD of a shared object maps them too). */
  readonly withHeaders?: boolean;
  readonly align: number;
}

export interface ImageSpec {
  readonly type: number;
  readonly machine: Machine;
  readonly sections: readonly ImageSection[];
  readonly segments?: readonly ImageSegment[];
  /** Allocated sections' file offsets are congruent to their addresses modulo this. */
  readonly pageAlign: number;
}

export function elfMachine(machine: Machine): number {
  return machine === 'x86_64' ? EM_X86_64 : EM_AARCH64;
}

/** Serializes the image; sections keep their given addresses. */
export function writeImage(spec: ImageSpec): Uint8Array {
  const out = new ByteSink();
  const phnum = spec.segments?.length ?? 0;
  const headersSize = ELF_HEADER_SIZE + phnum * PROGRAM_HEADER_SIZE;
  out.bytes(new Uint8Array(headersSize)); // written last, once offsets are known
  const names = new StringTableBuilder();
  const shstrtabName = names.add('.shstrtab');
  const offsets: number[] = [];
  for (const s of spec.sections) {
    names.add(s.name);
    if (s.bytes === null) {
      offsets.push(out.length);
      continue;
    }
    out.align(Math.max(1, s.align));
    if ((s.flags & SHF_ALLOC) !== 0n) {
      // File offset ≡ address (mod page) so a PT_LOAD can map the section where it says it is.
      const want = Number(s.address % BigInt(spec.pageAlign));
      const have = out.length % spec.pageAlign;
      out.bytes(new Uint8Array((want - have + spec.pageAlign) % spec.pageAlign));
    }
    offsets.push(out.length);
    out.bytes(s.bytes);
  }
  const shstrtab = names.finish();
  const shstrtabOffset = out.length;
  out.bytes(shstrtab);
  out.align(8);
  const shoff = out.length;
  const indexOf = (name: string | undefined): number => (name === undefined ? 0 : spec.sections.findIndex((s) => s.name === name) + 1);
  // Section headers: the null one, the sections, .shstrtab.
  out.bytes(new Uint8Array(SECTION_HEADER_SIZE));
  spec.sections.forEach((s, i) => {
    writeSectionHeader(out, {
      name: names.offsetOf(s.name), type: s.type, flags: s.flags, addr: s.address, offset: offsets[i]!,
      size: s.bytes === null ? s.size ?? 0 : s.bytes.length, link: indexOf(s.link), info: s.info ?? 0, align: s.align, entsize: s.entsize ?? 0,
    });
  });
  writeSectionHeader(out, { name: shstrtabName, type: SHT_STRTAB, flags: 0n, addr: 0n, offset: shstrtabOffset, size: shstrtab.length, link: 0, info: 0, align: 1, entsize: 0 });
  const bytes = out.finish();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  writeElfHeader(view, { type: spec.type, machine: elfMachine(spec.machine), phoff: phnum > 0 ? ELF_HEADER_SIZE : 0, phnum, shoff, shnum: spec.sections.length + 2, shstrndx: spec.sections.length + 1 });
  (spec.segments ?? []).forEach((seg, i) => {
    const at = ELF_HEADER_SIZE + i * PROGRAM_HEADER_SIZE;
    let offset = 0, vaddr = 0n, filesz = 0, memsz = 0;
    if (seg.from !== undefined) {
      const first = indexOf(seg.from) - 1;
      const last = indexOf(seg.to ?? seg.from) - 1;
      const a = spec.sections[first]!;
      const b = spec.sections[last]!;
      const endOffset = offsets[last]! + (b.bytes?.length ?? 0);
      const endAddr = b.address + BigInt(b.bytes?.length ?? b.size ?? 0);
      offset = seg.withHeaders ? 0 : offsets[first]!;
      vaddr = seg.withHeaders ? a.address - BigInt(offsets[first]!) : a.address;
      filesz = endOffset - offset;
      memsz = Number(endAddr - vaddr);
    }
    view.setUint32(at, seg.type, true);
    view.setUint32(at + 4, seg.flags, true);
    view.setBigUint64(at + 8, BigInt(offset), true);
    view.setBigUint64(at + 16, vaddr, true); // p_vaddr
    view.setBigUint64(at + 24, vaddr, true); // p_paddr
    view.setBigUint64(at + 32, BigInt(filesz), true);
    view.setBigUint64(at + 40, BigInt(memsz), true);
    view.setBigUint64(at + 48, BigInt(seg.align), true);
  });
  return bytes;
}

function writeElfHeader(view: DataView, h: { type: number; machine: number; phoff: number; phnum: number; shoff: number; shnum: number; shstrndx: number }): void {
  // e_ident: magic, class, data, version, OS ABI, then zero padding to 16 bytes.
  [0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV].forEach((b, i) => view.setUint8(i, b));
  for (let i = 8; i < 16; i++) view.setUint8(i, 0);
  view.setUint16(16, h.type, true);
  view.setUint16(18, h.machine, true);
  view.setUint32(20, EV_CURRENT, true);
  view.setBigUint64(24, 0n, true); // e_entry
  view.setBigUint64(32, BigInt(h.phoff), true);
  view.setBigUint64(40, BigInt(h.shoff), true);
  view.setUint32(48, 0, true); // e_flags
  view.setUint16(52, ELF_HEADER_SIZE, true);
  view.setUint16(54, h.phnum > 0 ? PROGRAM_HEADER_SIZE : 0, true);
  view.setUint16(56, h.phnum, true);
  view.setUint16(58, SECTION_HEADER_SIZE, true);
  view.setUint16(60, h.shnum, true);
  view.setUint16(62, h.shstrndx, true);
}

function writeSectionHeader(out: ByteSink, h: { name: number; type: number; flags: bigint; addr: bigint; offset: number; size: number; link: number; info: number; align: number; entsize: number }): void {
  out.u32(h.name);
  out.u32(h.type);
  out.u64(h.flags);
  out.u64(h.addr);
  out.u64(h.offset);
  out.u64(h.size);
  out.u32(h.link);
  out.u32(h.info);
  out.u64(h.align);
  out.u64(h.entsize);
}

/** A string table (.strtab, .dynstr, .shstrtab): offset 0 is the empty string; repeated names share one entry. */
export class StringTableBuilder {
  private readonly parts: Uint8Array[] = [new Uint8Array([0])];
  private readonly offsets = new Map<string, number>([['', 0]]);
  private size = 1;

  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    const bytes = new TextEncoder().encode(s);
    const at = this.size;
    this.parts.push(bytes, new Uint8Array([0]));
    this.size += bytes.length + 1;
    this.offsets.set(s, at);
    return at;
  }

  offsetOf(s: string): number {
    return this.offsets.get(s) ?? this.add(s);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) { out.set(p, at); at += p.length; }
    return out;
  }
}

export interface ImageSymbol {
  readonly name: string;
  /** STB_* << 4 | STT_* */
  readonly info: number;
  /** 1-based index of the section in the image's `sections` (0: undefined). */
  readonly section: number;
  readonly value: bigint;
  readonly size: number;
}

/** A symbol table's bytes (the null entry first); names go into `strings`. */
export function symbolTableBytes(symbols: readonly ImageSymbol[], strings: StringTableBuilder): Uint8Array {
  const out = new ByteSink();
  out.bytes(new Uint8Array(SYMBOL_SIZE));
  for (const s of symbols) {
    out.u32(strings.add(s.name));
    out.u8(s.info);
    out.u8(0); // st_other: default visibility
    out.u16(s.section);
    out.u64(s.value);
    out.u64(s.size);
  }
  return out.finish();
}

