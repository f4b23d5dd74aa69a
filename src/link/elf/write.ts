// The ELF writer: an ObjectFile → the bytes of an ELF64 little-endian
// relocatable object (ET_REL) that GNU ld, gcc and readelf accept.
//
// Input: any ObjectFile; it is first put in canonical form (normalize.ts:
// symbol order, section symbols, implied undefined symbols).
// Output: a file laid out as
//   ELF header | section contents, each at its alignment | .rela.* |
//   [.jitcc.sigs] | .symtab | [.symtab_shndx] | .strtab | .shstrtab |
//   section header table
// with section header 0 null, then the model's sections in model order, then
// one `.rela.<name>` per section with relocations, then the tables above.
//
// Invariants (violations are codegen bugs, reported through `assert`):
// section names unique, symbols name existing sections, PROGBITS sizes equal
// their byte arrays, alignments 0 or powers of two, relocation offsets inside
// their section, global names unique, and the name a relocation uses shared
// by no other symbol (repeated local names are fine otherwise, e.g. AArch64
// mapping symbols `$x`/`$d`).
//
// References: gABI ch. 4 (ELF header, sections, symbols, relocation),
// AMD64 psABI §4.4 (RELA only, Elf64_Rela is 24 bytes), ELF for AArch64 §5.

import { assert, unreachable } from '../../diagnostics.js';
import type { ObjectFile, ObjSymbol, Section } from '../object.js';
import { ByteSink, StringTable } from './byte-sink.js';
import {
  ELF_HEADER_SIZE, ELFCLASS64, ELFDATA2LSB, ELFOSABI_SYSV, EM_AARCH64, EM_X86_64, ET_REL, EV_CURRENT,
  isNoBits, isPowerOfTwo, RELA_SIZE, SECTION_HEADER_SIZE, sectionFlags, sectionType, SHF_INFO_LINK, SHN_ABS, SHN_COMMON,
  SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX, SHT_NOBITS, SHT_PROGBITS, SHT_RELA, SHT_STRTAB, SHT_SYMTAB,
  SHT_SYMTAB_SHNDX, SIGNATURES_SECTION,
  STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_FUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION, STT_TLS,
  STV_DEFAULT, STV_HIDDEN, STV_INTERNAL, STV_PROTECTED, SYMBOL_SIZE,
} from './constants.js';
import { normalizeObject } from './normalize.js';
import { encodeSignatures } from './sigs.js';

/** One section header to be written, with the contents it describes. */
interface OutSection {
  name: string;
  type: number;
  flags: bigint;
  link: number;
  info: number;
  align: number;
  entsize: number;
  /** File contents; for NOBITS, empty and `size` is the memory size. */
  data: Uint8Array;
  size: number;
}

export function writeElf(input: ObjectFile): Uint8Array {
  const obj = normalizeObject(input);
  checkSections(obj);
  const sectionIndex = new Map<string, number>();
  obj.sections.forEach((s, i) => sectionIndex.set(s.name, i + 1));
  const strtab = new StringTable();
  const symtab = encodeSymbols(obj, sectionIndex, strtab);

  // Header order: null, model sections, .rela.*, [.jitcc.sigs], .symtab, [.symtab_shndx], .strtab, .shstrtab.
  const relocated = obj.sections.filter((s) => s.relocs.length > 0);
  const hasSigs = obj.signatures.size > 0 || (obj.globalTypes?.size ?? 0) > 0;
  const symtabIndex = 1 + obj.sections.length + relocated.length + (hasSigs ? 1 : 0);
  const out: OutSection[] = [
    ...obj.sections.map(modelSection),
    ...relocated.map((s) => relaSection(s, sectionIndex.get(s.name)!, symtabIndex, symtab.indexOf)),
  ];
  if (hasSigs) out.push(plainSection(SIGNATURES_SECTION, SHT_PROGBITS, encodeSignatures(obj.signatures, obj.globalTypes)));
  const extended = symtab.extendedIndices;
  out.push({
    ...plainSection('.symtab', SHT_SYMTAB, symtab.sink.finish()),
    link: symtabIndex + (extended ? 2 : 1), // .strtab
    info: symtab.firstNonLocal,
    align: 8,
    entsize: SYMBOL_SIZE,
  });
  if (extended) {
    // gABI "Sections": the real section index of each symbol whose st_shndx is SHN_XINDEX.
    out.push({ ...plainSection('.symtab_shndx', SHT_SYMTAB_SHNDX, extended), link: symtabIndex, align: 4, entsize: 4 });
  }
  out.push(plainSection('.strtab', SHT_STRTAB, strtab.finish()));
  const shstrtab = new StringTable();
  const nameOffsets = [...out.map((s) => shstrtab.add(s.name)), shstrtab.add('.shstrtab')];
  out.push(plainSection('.shstrtab', SHT_STRTAB, shstrtab.finish()));
  assert(out.length + 1 <= 0xffffffff, `too many sections (${out.length}) for ELF section indices`);
  return layOut(obj, out, nameOffsets);
}

/** A non-allocated section of bytes with no links (tables, `.jitcc.sigs`). */
function plainSection(name: string, type: number, data: Uint8Array): OutSection {
  return { name, type, flags: 0n, link: 0, info: 0, align: 1, entsize: 0, data, size: data.length };
}

/** `.rela<name>`: gABI "Relocation"; sh_link is the symbol table, sh_info the patched section. */
function relaSection(s: Section, target: number, symtabIndex: number, indexOf: (name: string) => number): OutSection {
  return {
    name: `.rela${s.name}`,
    type: SHT_RELA,
    flags: SHF_INFO_LINK,
    link: symtabIndex,
    info: target,
    align: 8,
    entsize: RELA_SIZE,
    data: encodeRelocs(s, indexOf),
    size: s.relocs.length * RELA_SIZE,
  };
}

function layOut(obj: ObjectFile, out: OutSection[], nameOffsets: number[]): Uint8Array {
  const sink = new ByteSink();
  sink.bytes(new Uint8Array(ELF_HEADER_SIZE)); // patched below once offsets are known
  const offsets: number[] = [];
  for (const s of out) {
    sink.align(Math.max(s.align, 1));
    offsets.push(sink.length);
    if (s.type !== SHT_NOBITS) sink.bytes(s.data);
  }
  sink.align(8);
  const shoff = sink.length;
  // Header 0 is SHT_NULL and all zero, except that with 0xff00 sections or more
  // its sh_size and sh_link hold the section count and .shstrtab's index
  // (gABI "Sections", extended section numbering).
  const shnum = out.length + 1;
  const shstrndx = shnum - 1;
  sink.bytes(new Uint8Array(32));
  sink.u64(shnum >= SHN_LORESERVE ? shnum : 0);
  sink.u32(shstrndx >= SHN_LORESERVE ? shstrndx : 0);
  sink.bytes(new Uint8Array(SECTION_HEADER_SIZE - 44));
  out.forEach((s, i) => {
    sink.u32(nameOffsets[i]!);
    sink.u32(s.type);
    sink.u64(s.flags);
    sink.u64(0); // sh_addr: 0 in relocatable files
    sink.u64(offsets[i]!);
    sink.u64(s.size);
    sink.u32(s.link);
    sink.u32(s.info);
    sink.u64(s.align);
    sink.u64(s.entsize);
  });
  const bytes = sink.finish();
  writeHeader(new DataView(bytes.buffer), obj, shoff, shnum);
  return bytes;
}

/** gABI "ELF Header"; e_shstrndx is the last section, .shstrtab (both escape to header 0 when large). */
function writeHeader(view: DataView, obj: ObjectFile, shoff: number, shnum: number): void {
  const ident = [0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV];
  ident.forEach((b, i) => view.setUint8(i, b));
  view.setUint16(16, ET_REL, true);
  view.setUint16(18, obj.machine === 'x86_64' ? EM_X86_64 : EM_AARCH64, true);
  view.setUint32(20, EV_CURRENT, true);
  view.setBigUint64(24, 0n, true); // e_entry
  view.setBigUint64(32, 0n, true); // e_phoff
  view.setBigUint64(40, BigInt(shoff), true);
  view.setUint32(48, 0, true); // e_flags: none defined for x86-64; AArch64 defines none either
  view.setUint16(52, ELF_HEADER_SIZE, true);
  view.setUint16(54, 0, true); // e_phentsize
  view.setUint16(56, 0, true); // e_phnum
  view.setUint16(58, SECTION_HEADER_SIZE, true);
  view.setUint16(60, shnum >= SHN_LORESERVE ? 0 : shnum, true);
  view.setUint16(62, shnum - 1 >= SHN_LORESERVE ? SHN_XINDEX : shnum - 1, true);
}

function modelSection(s: Section): OutSection {
  return {
    name: s.name,
    type: sectionType(s),
    flags: sectionFlags(s),
    link: 0,
    info: 0,
    align: s.align,
    entsize: s.entsize ?? 0,
    data: isNoBits(s) ? new Uint8Array(0) : s.bytes,
    size: s.size,
  };
}

function checkSections(obj: ObjectFile): void {
  const seen = new Set<string>();
  for (const s of obj.sections) {
    assert(!seen.has(s.name), `duplicate section '${s.name}' in object model`);
    seen.add(s.name);
    assert(s.name !== SIGNATURES_SECTION, `section '${SIGNATURES_SECTION}' is reserved for signatures`);
    assert(!s.name.includes('\0'), `section name '${s.name}' contains NUL`);
    assert(s.align === 0 || isPowerOfTwo(s.align), `section '${s.name}' alignment ${s.align} is not a power of two`);
    assert(isOffset(s.size), `section '${s.name}' has bad size ${s.size}`);
    assert(s.entsize === undefined || isOffset(s.entsize), `section '${s.name}' has bad entry size ${s.entsize}`);
    if (isNoBits(s)) assert(s.bytes.length === 0, `NOBITS section '${s.name}' has contents`);
    else assert(s.bytes.length === s.size, `section '${s.name}' size ${s.size} differs from its ${s.bytes.length} bytes`);
    for (const r of s.relocs) {
      assert(!isNoBits(s), `NOBITS section '${s.name}' has relocations`);
      assert(Number.isSafeInteger(r.offset) && r.offset >= 0 && r.offset < s.size, `relocation at ${r.offset} is outside section '${s.name}'`);
    }
  }
}

/** A value stored in a 64-bit unsigned ELF field from a JavaScript number. */
function isOffset(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

interface EncodedSymbols {
  sink: ByteSink;
  firstNonLocal: number;
  /** Contents of .symtab_shndx when some symbol's section index is 0xff00 or more. */
  extendedIndices: Uint8Array | null;
  indexOf(name: string): number;
}

/** gABI "Symbol Table": entry 0 is null; locals come first (normalizeObject ordered them). */
function encodeSymbols(obj: ObjectFile, sectionIndex: Map<string, number>, strtab: StringTable): EncodedSymbols {
  const sink = new ByteSink();
  sink.bytes(new Uint8Array(SYMBOL_SIZE));
  const index = new Map<string, number>();
  const repeated = new Set<string>();
  const nonLocal = new Set<string>();
  let firstNonLocal = obj.symbols.length + 1;
  const extended = new Array<number>(obj.symbols.length + 1).fill(0);
  let hasExtended = false;
  obj.symbols.forEach((sym, i) => {
    const at = i + 1;
    if (sym.binding !== 'local' && sym.name !== '') {
      assert(!nonLocal.has(sym.name), `duplicate global symbol '${sym.name}' in object model`);
      nonLocal.add(sym.name);
    }
    if (sym.name !== '') {
      if (index.has(sym.name)) repeated.add(sym.name);
      else index.set(sym.name, at);
    }
    if (sym.binding !== 'local') firstNonLocal = Math.min(firstNonLocal, at);
    else assert(firstNonLocal > at, `local symbol '${sym.name}' after a global one`);
    assert(!sym.name.includes('\0'), `symbol name '${sym.name}' contains NUL`);
    assert(isOffset(sym.value) && isOffset(sym.size), `symbol '${sym.name}' has bad value ${sym.value} or size ${sym.size}`);
    assert(sym.commonAlign === undefined || isPowerOfTwo(sym.commonAlign), `common symbol '${sym.name}' alignment ${sym.commonAlign} is not a power of two`);
    // `as` leaves section symbols nameless; readers name them after their section.
    const isPlainSectionSym = sym.kind === 'section' && sym.name === sym.section;
    sink.u32(isPlainSectionSym ? 0 : strtab.add(sym.name));
    sink.u8((bindingCode(sym) << 4) | typeCode(sym));
    sink.u8(visibilityCode(sym));
    const shndx = sectionCode(sym, sectionIndex);
    if (shndx >= SHN_LORESERVE && sym.section !== null) {
      extended[at] = shndx;
      hasExtended = true;
      sink.u16(SHN_XINDEX);
    } else {
      sink.u16(shndx);
    }
    sink.u64(sym.section === null && sym.commonAlign !== undefined ? sym.commonAlign : sym.value);
    sink.u64(sym.size);
  });
  return {
    sink,
    firstNonLocal,
    extendedIndices: hasExtended ? encodeWords(extended) : null,
    indexOf(name: string): number {
      if (name === '') return 0;
      const i = index.get(name);
      assert(i !== undefined, `relocation names unknown symbol '${name}'`);
      assert(!repeated.has(name), `relocation names symbol '${name}', which is ambiguous: several symbols have that name`);
      return i;
    },
  };
}

function encodeWords(words: readonly number[]): Uint8Array {
  const sink = new ByteSink();
  for (const w of words) sink.u32(w);
  return sink.finish();
}

function sectionCode(sym: ObjSymbol, sectionIndex: Map<string, number>): number {
  if (sym.section === null) {
    if (sym.commonAlign !== undefined) return SHN_COMMON;
    return sym.kind === 'file' ? SHN_ABS : SHN_UNDEF;
  }
  const i = sectionIndex.get(sym.section);
  assert(i !== undefined, `symbol '${sym.name}' is in unknown section '${sym.section}'`);
  return i;
}

function bindingCode(sym: ObjSymbol): number {
  switch (sym.binding) {
    case 'local': return STB_LOCAL;
    case 'global': return STB_GLOBAL;
    case 'weak': return STB_WEAK;
    default: return unreachable(sym.binding, 'symbol binding');
  }
}

function typeCode(sym: ObjSymbol): number {
  switch (sym.kind) {
    case 'notype': return STT_NOTYPE;
    case 'object': return STT_OBJECT;
    case 'func': return STT_FUNC;
    case 'section': return STT_SECTION;
    case 'file': return STT_FILE;
    case 'tls': return STT_TLS;
    default: return unreachable(sym.kind, 'symbol kind');
  }
}

function visibilityCode(sym: ObjSymbol): number {
  switch (sym.visibility ?? 'default') {
    case 'default': return STV_DEFAULT;
    case 'internal': return STV_INTERNAL;
    case 'hidden': return STV_HIDDEN;
    case 'protected': return STV_PROTECTED;
    default: return unreachable(sym.visibility as never, 'symbol visibility');
  }
}

/** Elf64_Rela: r_offset, r_info = (sym << 32) | type, r_addend (gABI "Relocation"). */
function encodeRelocs(s: Section, indexOf: (name: string) => number): Uint8Array {
  const sink = new ByteSink();
  for (const r of s.relocs) {
    assert(Number.isInteger(r.type) && r.type >= 0 && r.type <= 0xffffffff, `bad relocation type ${r.type}`);
    assert(BigInt.asIntN(64, r.addend) === r.addend, `relocation addend ${r.addend} does not fit 64 bits`);
    sink.u64(r.offset);
    sink.u32(r.type); // r_info = (sym << 32) | type, little-endian halves
    sink.u32(indexOf(r.symbol));
    sink.i64(r.addend);
  }
  return sink.finish();
}
