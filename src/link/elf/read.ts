// The ELF reader: the bytes of an ELF64 relocatable object (ours, or gcc's
// and as's) → an ObjectFile, or an ObjectFormatError naming the file and
// what is wrong. It never throws anything else and never loops beyond the
// counts the file's own (bounds-checked) sizes allow.
//
// Mapping (see constants.ts `kindOfSection`):
//  - every section except the null header, .symtab (and .symtab_shndx), its
//    string table, the section name table, the .rela.* sections and
//    `.jitcc.sigs` becomes a model section; `elfType`/`elfFlags`/`entsize`
//    are kept where they differ from the kind's defaults (so our own objects
//    read back without them);
//  - RELA entries are attached to the section they apply to (sh_info) and
//    name their symbol; REL sections are rejected (x86-64 and AArch64 use
//    RELA only: AMD64 psABI §4.4, ELF for AArch64 §5.7);
//  - symbols keep file order; nameless section symbols are named after their
//    section; section symbols of sections that are not model sections (the
//    symbol table, `.jitcc.sigs`, as `ld -r` makes them) are dropped; COMMON
//    symbols get `section: null` and `commonAlign`;
//  - names must identify sections and the symbols relocations refer to
//    (both are referred to by name), so a later duplicate section, and a
//    local symbol that would be ambiguous, is renamed `name#<index>` ('#'
//    never occurs in C names; see disambiguateNames);
//  - `.jitcc.sigs` becomes `signatures` (sigs.ts).
//
// Extended section numbering (0xff00 sections or more: e_shnum 0,
// SHN_XINDEX, SHT_SYMTAB_SHNDX) is resolved to plain indices.
//
// Not supported, with a clear error: other machines and classes, big-endian,
// REL, absolute symbols other than STT_FILE, STT_GNU_IFUNC and
// STB_GNU_UNIQUE symbols.

import type { FfiFunctionType, FfiType } from '../ctypes.js';
import type { ObjectFile, ObjSymbol, Section, SymbolBinding, SymbolKind } from '../object.js';
import { ByteSource } from './byte-source.js';
import {
  defaultSectionFlags, defaultSectionType, isPowerOfTwo, kindOfSection, RELA_SIZE, SHN_ABS, SHN_COMMON, SHN_LORESERVE,
  SHN_UNDEF, SHN_XINDEX, SHT_NOBITS, SHT_NULL, SHT_PROGBITS, SHT_REL, SHT_RELA, SHT_STRTAB, SHT_SYMTAB,
  SHT_SYMTAB_SHNDX, SIGNATURES_SECTION, STB_GLOBAL, STB_GNU_UNIQUE, STB_LOCAL, STB_WEAK, STT_COMMON, STT_FILE,
  STT_FUNC, STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION, STT_TLS, STV_DEFAULT, STV_HIDDEN,
  STV_INTERNAL, STV_PROTECTED, SYMBOL_SIZE,
} from './constants.js';
import { readHeaders, type RawSection } from './read-headers.js';
import { decodeGlobalTypes, decodeSignatures } from './sigs.js';

export function readElf(bytes: Uint8Array, name = '<memory>'): ObjectFile {
  const src: ByteSource = new ByteSource(bytes, name);
  const { machine, sections: raw, shstrndx } = readHeaders(src);
  rejectUnsupportedSections(src, raw);
  const symtab = findSymtab(src, raw);

  // Model sections, by ELF index.
  const bySectionIndex = new Map<number, Section>();
  const usedSectionNames = new Set<string>();
  let signatures = new Map<string, FfiFunctionType>();
  let globalTypes: Map<string, FfiType> | null = null;
  for (const h of raw) {
    if (h.type === SHT_NULL || h.type === SHT_SYMTAB || h.type === SHT_SYMTAB_SHNDX || h.type === SHT_RELA) continue;
    if (h.index === shstrndx || (symtab !== null && h.index === symtab.link)) continue;
    if (h.name === SIGNATURES_SECTION) {
      if (h.type !== SHT_PROGBITS) src.fail(`section '${SIGNATURES_SECTION}' is not PROGBITS`);
      const decoded = decodeSignatures(src.copy(h.offset, h.size, SIGNATURES_SECTION));
      if (typeof decoded === 'string') src.fail(decoded);
      signatures = decoded;
      const types = decodeGlobalTypes(src.copy(h.offset, h.size, SIGNATURES_SECTION));
      if (typeof types === 'string') src.fail(types);
      if (types.size > 0) globalTypes = types;
      continue;
    }
    const unique = uniqueName(h.name, h.index, usedSectionNames);
    bySectionIndex.set(h.index, modelSection(src, h, unique));
  }

  const symbols = symtab === null ? [] : readSymbols(src, raw, symtab, bySectionIndex);
  const relocSections = raw.filter((h) => h.type === SHT_RELA).map((h) => readRelocs(src, raw, h, symtab, symbols, bySectionIndex));
  const referenced = new Set(relocSections.flatMap((r) => r.entries.map((e) => e.symIndex)));
  disambiguateNames(src, symbols, referenced);
  for (const { target, entries } of relocSections) {
    for (const { symIndex, ...rest } of entries) target.relocs.push({ ...rest, symbol: symIndex === 0 ? '' : symbols[symIndex]!.name });
  }
  return {
    machine,
    sections: [...bySectionIndex.values()],
    symbols: symbols.filter((s): s is ObjSymbol => s !== null),
    signatures,
    ...(globalTypes ? { globalTypes } : {}),
  };
}

function rejectUnsupportedSections(src: ByteSource, raw: readonly RawSection[]): void {
  for (const h of raw) {
    if (h.type === SHT_REL) src.fail(`REL relocations in '${h.name}' are not supported (only RELA)`);
  }
}

function findSymtab(src: ByteSource, raw: readonly RawSection[]): RawSection | null {
  const tables = raw.filter((h) => h.type === SHT_SYMTAB);
  if (tables.length === 0) return null;
  if (tables.length > 1) src.fail(`more than one symbol table (sections ${tables.map((t) => t.index).join(', ')})`);
  const t = tables[0]!;
  if (t.entsize !== SYMBOL_SIZE) src.fail(`symbol table entry size ${t.entsize} is not ${SYMBOL_SIZE}`);
  if (t.size % SYMBOL_SIZE !== 0) src.fail(`symbol table size ${t.size} is not a multiple of ${SYMBOL_SIZE}`);
  if (t.link === 0 || t.link >= raw.length || raw[t.link]!.type !== SHT_STRTAB) {
    src.fail(`symbol table's string table index ${t.link} is not a string table`);
  }
  if (t.info > t.size / SYMBOL_SIZE) src.fail(`symbol table's first global index ${t.info} exceeds its ${t.size / SYMBOL_SIZE} entries`);
  return t;
}

function modelSection(src: ByteSource, h: RawSection, name: string): Section {
  const kind = kindOfSection(h.name, h.type, h.flags);
  const isNoBits = h.type === SHT_NOBITS;
  const s: Section = {
    name,
    kind,
    align: h.align,
    bytes: isNoBits ? new Uint8Array(0) : src.copy(h.offset, h.size, `section ${h.index}`),
    size: h.size,
    relocs: [],
  };
  if (h.type !== defaultSectionType(kind)) s.elfType = h.type;
  if (h.flags !== defaultSectionFlags(kind)) s.elfFlags = h.flags;
  if (h.entsize !== 0) s.entsize = h.entsize;
  return s;
}

/** Elf64_Sym (gABI "Symbol Table"); entry 0 maps to null. */
function readSymbols(src: ByteSource, raw: readonly RawSection[], t: RawSection, sections: Map<number, Section>): (ObjSymbol | null)[] {
  const strtab = raw[t.link]!;
  const names = src.stringTable(strtab.offset, strtab.size, 'symbol string table');
  const count = t.size / SYMBOL_SIZE;
  const extendedIndex = extendedIndexReader(src, raw, t, count);
  const out: (ObjSymbol | null)[] = [null];
  for (let i = 1; i < count; i++) {
    const at = t.offset + i * SYMBOL_SIZE;
    const what = `symbol ${i}`;
    let name = names.get(src.u32(at, what), what);
    const info = src.u8(at + 4, what);
    const other = src.u8(at + 5, what);
    const shndx = src.u16(at + 6, what);
    const value = src.u64Number(at + 8, `${what} value`);
    const size = src.u64Number(at + 16, `${what} size`);
    const label = name === '' ? what : `symbol '${name}'`;
    const binding = bindingOf(src, info >> 4, label);
    const kind = kindOf(src, info & 0xf, label);
    const sym: ObjSymbol = { name, binding, kind, section: null, value, size };
    if (shndx === SHN_COMMON) {
      if (!isPowerOfTwo(value)) src.fail(`common ${label} has alignment ${value}, not a power of two`);
      sym.commonAlign = value;
      sym.value = 0;
    } else if (shndx === SHN_ABS) {
      if (kind !== 'file') src.fail(`absolute ${label} (SHN_ABS) is not supported`);
      sym.value = value;
    } else if (shndx >= SHN_LORESERVE && shndx !== SHN_XINDEX) {
      src.fail(`${label} has unsupported section index 0x${shndx.toString(16)}`);
    } else if (shndx !== SHN_UNDEF) {
      // Past 0xff00 sections the real index lives in SHT_SYMTAB_SHNDX.
      const index = shndx === SHN_XINDEX ? extendedIndex(i, what) : shndx;
      const section = sections.get(index);
      if (section === undefined) {
        // `ld -r` gives every section a section symbol, `.jitcc.sigs` and the tables included.
        if (kind === 'section' && index < raw.length) {
          out.push(null);
          continue;
        }
        src.fail(`${label} is defined in section ${index}, which holds no data`);
      }
      if (value > section.size || size > section.size - value) src.fail(`${label} lies outside section '${section.name}'`);
      sym.section = section.name;
      if (kind === 'section' && name === '') name = section.name;
    }
    sym.name = name;
    const visibility = visibilityOf(other & 3);
    if (visibility !== 'default') sym.visibility = visibility;
    out.push(sym);
  }
  return out;
}

/**
 * Section indices of symbols whose st_shndx is SHN_XINDEX: entry i of the
 * SHT_SYMTAB_SHNDX section linked to the symbol table (gABI "Sections",
 * extended section indices), one 32-bit word per symbol.
 */
function extendedIndexReader(src: ByteSource, raw: readonly RawSection[], symtab: RawSection, count: number): (i: number, what: string) => number {
  const tables = raw.filter((h) => h.type === SHT_SYMTAB_SHNDX);
  if (tables.length > 1) src.fail(`more than one extended section index table (sections ${tables.map((h) => h.index).join(', ')})`);
  const table = tables[0];
  if (table !== undefined) {
    if (table.link !== symtab.index) src.fail(`extended section index table '${table.name}' links to section ${table.link}, not the symbol table`);
    if (table.size !== count * 4) src.fail(`extended section index table '${table.name}' has size ${table.size}, not ${count * 4} for ${count} symbols`);
  }
  return (i, what) => {
    if (table === undefined) src.fail(`${what} has section index SHN_XINDEX but there is no extended section index table`);
    return src.u32(table.offset + i * 4, what);
  };
}

/**
 * Relocations name their symbol, so a name a relocation uses must pick out
 * one symbol. Non-local names are kept (two non-locals sharing one means a
 * corrupt file). A local sharing a non-local's name, and a relocation target
 * whose name is empty or shared with another local, becomes
 * `name#<symbol index>`. Other repeated local names stay: they are never
 * looked up, and some must keep their spelling (AArch64 mapping symbols
 * `$x`/`$d`, ELF for AArch64 §5.4, tell disassemblers code from data).
 */
function disambiguateNames(src: ByteSource, syms: (ObjSymbol | null)[], referenced: ReadonlySet<number>): void {
  const nonLocal = new Set<string>();
  const localCount = new Map<string, number>();
  for (const s of syms) {
    if (s === null) continue;
    if (s.binding === 'local') {
      localCount.set(s.name, (localCount.get(s.name) ?? 0) + 1);
    } else if (s.name !== '') {
      if (nonLocal.has(s.name)) src.fail(`symbol '${s.name}' is defined twice as global or weak`);
      nonLocal.add(s.name);
    }
  }
  const used = new Set(syms.map((s) => s?.name ?? ''));
  syms.forEach((s, i) => {
    if (s === null) return;
    const isLocal = s.binding === 'local';
    const isShadowing = isLocal && nonLocal.has(s.name);
    const isAmbiguous = referenced.has(i) && (s.name === '' || (isLocal && localCount.get(s.name)! > 1));
    if (isShadowing || isAmbiguous) s.name = uniqueName(s.name, i, used);
  });
}

/** `name` if unused (and not empty), else `name#<index>` (plus '#' until unused); records it in `used`. */
function uniqueName(name: string, index: number, used: Set<string>): string {
  let unique = name;
  if (unique === '' || used.has(unique)) unique = `${name}#${index}`;
  while (used.has(unique)) unique += '#';
  used.add(unique);
  return unique;
}

function bindingOf(src: ByteSource, bind: number, label: string): SymbolBinding {
  if (bind === STB_LOCAL) return 'local';
  if (bind === STB_GLOBAL) return 'global';
  if (bind === STB_WEAK) return 'weak';
  if (bind === STB_GNU_UNIQUE) src.fail(`${label} has binding STB_GNU_UNIQUE, which is not supported`);
  return src.fail(`${label} has unknown binding ${bind}`);
}

function kindOf(src: ByteSource, type: number, label: string): SymbolKind {
  switch (type) {
    case STT_NOTYPE: return 'notype';
    case STT_OBJECT: return 'object';
    case STT_COMMON: return 'object';
    case STT_FUNC: return 'func';
    case STT_SECTION: return 'section';
    case STT_FILE: return 'file';
    case STT_TLS: return 'tls';
    case STT_GNU_IFUNC: return src.fail(`${label} has type STT_GNU_IFUNC, which is not supported`);
    default: return src.fail(`${label} has unknown type ${type}`);
  }
}

function visibilityOf(v: number): NonNullable<ObjSymbol['visibility']> {
  switch (v) {
    case STV_DEFAULT: return 'default';
    case STV_INTERNAL: return 'internal';
    case STV_HIDDEN: return 'hidden';
    case STV_PROTECTED: return 'protected';
    default: return 'default'; // unreachable: v is two bits
  }
}

interface RawReloc {
  offset: number;
  type: number;
  symIndex: number;
  addend: bigint;
}

/** Elf64_Rela: r_offset, r_info = (sym << 32) | type, r_addend (gABI "Relocation"). */
function readRelocs(
  src: ByteSource, raw: readonly RawSection[], h: RawSection, symtab: RawSection | null,
  symbols: readonly (ObjSymbol | null)[], sections: Map<number, Section>,
): { target: Section; entries: RawReloc[] } {
  const where = `'${h.name}'`;
  if (symtab === null) src.fail(`relocation section ${where} but no symbol table`);
  if (h.link !== symtab.index) src.fail(`relocation section ${where} links to section ${h.link}, not the symbol table`);
  if (h.entsize !== RELA_SIZE) src.fail(`relocation section ${where} has entry size ${h.entsize}, not ${RELA_SIZE}`);
  if (h.size % RELA_SIZE !== 0) src.fail(`relocation section ${where} size ${h.size} is not a multiple of ${RELA_SIZE}`);
  const target = sections.get(h.info);
  if (target === undefined) {
    const desc = h.info < raw.length ? `section ${h.info}` : `section index ${h.info} of ${raw.length}`;
    src.fail(`relocation section ${where} applies to ${desc}, which holds no data`);
  }
  if (raw[h.info]!.type === SHT_NOBITS) src.fail(`relocation section ${where} applies to NOBITS section '${target.name}'`);
  const count = h.size / RELA_SIZE;
  const entries: RawReloc[] = [];
  for (let i = 0; i < count; i++) {
    const at = h.offset + i * RELA_SIZE;
    const what = `relocation ${i} in ${h.name}`;
    const offset = src.u64Number(at, `${what} offset`);
    // r_info = (sym << 32) | type, read as its two little-endian halves.
    const type = src.u32(at + 8, what);
    const symIndex = src.u32(at + 12, what);
    if (symIndex >= symbols.length) src.fail(`${what} refers to symbol index ${symIndex} of ${symbols.length}`);
    if (offset >= target.size) src.fail(`${what} is at offset ${offset}, past the end of '${target.name}' (size ${target.size})`);
    if (symIndex !== 0 && !symbols[symIndex]) src.fail(`${what} refers to symbol ${symIndex}, the section symbol of a section that holds no data`);
    entries.push({ offset, type, symIndex, addend: src.i64(at + 16, what) });
  }
  return { target, entries };
}
