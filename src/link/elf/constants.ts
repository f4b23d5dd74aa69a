// ELF numbers used by the writer, reader and printer, with the spellings of
// the System V gABI ("ELF-64 Object File Format", gABI ch. 4) and the
// AMD64 psABI §4 / ELF for AArch64 §5, plus the mapping between our
// `SectionKind` and an ELF section's sh_type/sh_flags.
//
// Invariant: `defaultSectionType`/`defaultSectionFlags` are what the writer
// emits for a section without explicit `elfType`/`elfFlags`, and the reader
// records `elfType`/`elfFlags` only where a file differs from them, so our
// own objects read back without those fields.

import type { Section, SectionKind } from '../object.js';

export const ELF_HEADER_SIZE = 64;
export const SECTION_HEADER_SIZE = 64;
export const SYMBOL_SIZE = 24;
export const RELA_SIZE = 24;
export const REL_SIZE = 16;

// e_ident (gABI "ELF Identification").
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_SYSV = 0;
export const ELFOSABI_GNU = 3;

// e_type
export const ET_REL = 1;
export const ET_TYPE_NAMES: Record<number, string> = { 0: 'ET_NONE', 1: 'ET_REL', 2: 'ET_EXEC', 3: 'ET_DYN', 4: 'ET_CORE' };

// e_machine
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_NAMES: Record<number, string> = {
  0: 'EM_NONE', 2: 'EM_SPARC', 3: 'EM_386', 8: 'EM_MIPS', 20: 'EM_PPC', 21: 'EM_PPC64', 22: 'EM_S390',
  40: 'EM_ARM', 50: 'EM_IA_64', 62: 'EM_X86_64', 183: 'EM_AARCH64', 243: 'EM_RISCV', 247: 'EM_BPF',
  258: 'EM_LOONGARCH',
};

// Special section indices (gABI "Sections", figure 4-7).
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

// sh_type
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GROUP = 17;
export const SHT_SYMTAB_SHNDX = 18;
/** AMD64 psABI §4.2.1: the type of .eh_frame on x86-64. */
export const SHT_X86_64_UNWIND = 0x70000001;

export const SHT_NAMES: Record<number, string> = {
  0: 'NULL', 1: 'PROGBITS', 2: 'SYMTAB', 3: 'STRTAB', 4: 'RELA', 5: 'HASH', 6: 'DYNAMIC', 7: 'NOTE',
  8: 'NOBITS', 9: 'REL', 11: 'DYNSYM', 14: 'INIT_ARRAY', 15: 'FINI_ARRAY', 16: 'PREINIT_ARRAY',
  17: 'GROUP', 18: 'SYMTAB_SHNDX', 0x70000001: 'X86_64_UNWIND', 0x6ffffff6: 'GNU_HASH',
  0x6ffffffd: 'VERDEF', 0x6ffffffe: 'VERNEED', 0x6fffffff: 'VERSYM', 0x6ffffff5: 'GNU_ATTRIBUTES',
};

// sh_flags
export const SHF_WRITE = 0x1n;
export const SHF_ALLOC = 0x2n;
export const SHF_EXECINSTR = 0x4n;
export const SHF_MERGE = 0x10n;
export const SHF_STRINGS = 0x20n;
export const SHF_INFO_LINK = 0x40n;
export const SHF_LINK_ORDER = 0x80n;
export const SHF_OS_NONCONFORMING = 0x100n;
export const SHF_GROUP = 0x200n;
export const SHF_TLS = 0x400n;
export const SHF_COMPRESSED = 0x800n;
export const SHF_EXCLUDE = 0x80000000n;

/** readelf's one-letter flag names, in readelf's order. */
const FLAG_LETTERS: readonly [bigint, string][] = [
  [SHF_WRITE, 'W'], [SHF_ALLOC, 'A'], [SHF_EXECINSTR, 'X'], [SHF_MERGE, 'M'], [SHF_STRINGS, 'S'],
  [SHF_INFO_LINK, 'I'], [SHF_LINK_ORDER, 'L'], [SHF_OS_NONCONFORMING, 'O'], [SHF_GROUP, 'G'],
  [SHF_TLS, 'T'], [SHF_COMPRESSED, 'C'], [SHF_EXCLUDE, 'E'],
];

export function flagLetters(flags: bigint): string {
  let out = '';
  let rest = flags;
  for (const [bit, letter] of FLAG_LETTERS) {
    if (flags & bit) {
      out += letter;
      rest &= ~bit;
    }
  }
  if (rest !== 0n) out += `+0x${rest.toString(16)}`;
  return out;
}

// Symbols (gABI "Symbol Table").
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const STB_GNU_UNIQUE = 10;
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_COMMON = 5;
export const STT_TLS = 6;
export const STT_GNU_IFUNC = 10;
export const STV_DEFAULT = 0;
export const STV_INTERNAL = 1;
export const STV_HIDDEN = 2;
export const STV_PROTECTED = 3;

/** The sh_type the writer gives a section of this kind when the model does not say. */
export function defaultSectionType(kind: SectionKind): number {
  switch (kind) {
    case 'text':
    case 'data':
    case 'rodata':
    case 'tdata':
    case 'other':
      return SHT_PROGBITS;
    case 'bss':
    case 'tbss':
      return SHT_NOBITS;
    case 'init_array':
      return SHT_INIT_ARRAY;
    case 'fini_array':
      return SHT_FINI_ARRAY;
  }
}

/** The sh_flags the writer gives a section of this kind when the model does not say. */
export function defaultSectionFlags(kind: SectionKind): bigint {
  switch (kind) {
    case 'text':
      return SHF_ALLOC | SHF_EXECINSTR;
    case 'data':
    case 'bss':
    case 'init_array':
    case 'fini_array':
      return SHF_ALLOC | SHF_WRITE;
    case 'rodata':
      return SHF_ALLOC;
    case 'tdata':
    case 'tbss':
      return SHF_ALLOC | SHF_WRITE | SHF_TLS;
    case 'other':
      return 0n;
  }
}

export function sectionType(s: Section): number {
  return s.elfType ?? defaultSectionType(s.kind);
}

export function sectionFlags(s: Section): bigint {
  return s.elfFlags ?? defaultSectionFlags(s.kind);
}

/** True for sections whose contents are not stored in the file (.bss, .tbss). */
export function isNoBits(s: Section): boolean {
  return sectionType(s) === SHT_NOBITS;
}

/**
 * The kind a section read from a file gets. `.eh_frame` is allocated but
 * only unwinders read it, so it is 'other' (the loader may ignore it); so is
 * any allocated section of a type we do not lay out ourselves.
 */
export function kindOfSection(name: string, type: number, flags: bigint): SectionKind {
  const isAlloc = (flags & SHF_ALLOC) !== 0n;
  if (!isAlloc) return 'other';
  if (type === SHT_INIT_ARRAY) return 'init_array';
  if (type === SHT_FINI_ARRAY) return 'fini_array';
  const isTls = (flags & SHF_TLS) !== 0n;
  if (type === SHT_NOBITS) return isTls ? 'tbss' : 'bss';
  // The reader renames a duplicate section `name#<index>`; it keeps its kind.
  const isEhFrame = name === '.eh_frame' || name.startsWith('.eh_frame#');
  if (type !== SHT_PROGBITS || isEhFrame) return 'other';
  if (isTls) return 'tdata';
  if (flags & SHF_EXECINSTR) return 'text';
  if (flags & SHF_WRITE) return 'data';
  return 'rodata';
}

/** The non-allocated section holding `ObjectFile.signatures` (see sigs.ts). */
export const SIGNATURES_SECTION = '.jitcc.sigs';

/** For alignments read from files or given by codegen (at most 2^53 as numbers). */
export function isPowerOfTwo(n: number): boolean {
  if (!Number.isSafeInteger(n) || n <= 0) return false;
  // Floating-point log2 is exact for powers of two in this range.
  return 2 ** Math.round(Math.log2(n)) === n;
}
