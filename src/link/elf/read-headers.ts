// First half of the ELF reader: the ELF header and the section header table
// of an untrusted file, checked field by field.
//
// Input: the file's bytes (through ByteSource). Output: the machine and one
// `RawSection` per section header, with its name resolved through
// .shstrtab. Invariants on return: the file is ELFCLASS64, little-endian,
// ET_REL for x86-64 or AArch64; every section that occupies file space lies
// inside the file; every alignment is 0 or a power of two; names are
// resolved; extended section numbering (0xff00 sections or more) is resolved.
// Anything else throws ObjectFormatError.
//
// References: gABI ch. 4 "ELF Header" and "Sections".

import type { Machine } from '../object.js';
import type { ByteSource } from './byte-source.js';
import {
  ELF_HEADER_SIZE, ELFCLASS64, ELFDATA2LSB, ELFOSABI_GNU, ELFOSABI_SYSV, EM_AARCH64, EM_NAMES, EM_X86_64,
  ET_REL, ET_TYPE_NAMES, EV_CURRENT, SECTION_HEADER_SIZE, SHN_LORESERVE, SHN_XINDEX, SHT_NOBITS, SHT_NULL,
  SHT_STRTAB, isPowerOfTwo,
} from './constants.js';

export interface RawSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly align: number;
  readonly entsize: number;
}

export interface ElfHeaders {
  readonly machine: Machine;
  readonly sections: readonly RawSection[];
  /** Index of the section name table (e_shstrndx), a valid STRTAB section. */
  readonly shstrndx: number;
}

export function readHeaders(src: ByteSource): ElfHeaders {
  if (src.length < ELF_HEADER_SIZE) {
    if (src.length >= 4 && !hasMagic(src)) src.fail('not an ELF file (bad magic number)');
    src.fail(`truncated ELF header (${src.length} bytes, need ${ELF_HEADER_SIZE})`);
  }
  if (!hasMagic(src)) src.fail('not an ELF file (bad magic number)');
  const cls = src.u8(4, 'ELF header');
  if (cls !== ELFCLASS64) src.fail(`unsupported ELF class ${cls} (only ELFCLASS64 is supported)`);
  const data = src.u8(5, 'ELF header');
  if (data !== ELFDATA2LSB) src.fail(`unsupported data encoding ${data} (only little-endian ELFDATA2LSB is supported)`);
  const identVersion = src.u8(6, 'ELF header');
  if (identVersion !== EV_CURRENT) src.fail(`unsupported ELF version ${identVersion}`);
  const osabi = src.u8(7, 'ELF header');
  if (osabi !== ELFOSABI_SYSV && osabi !== ELFOSABI_GNU) src.fail(`unsupported OS ABI ${osabi}`);

  const type = src.u16(16, 'ELF header');
  if (type !== ET_REL) src.fail(`not a relocatable object (e_type ${ET_TYPE_NAMES[type] ?? type})`);
  const machine = machineOf(src, src.u16(18, 'ELF header'));
  const version = src.u32(20, 'ELF header');
  if (version !== EV_CURRENT) src.fail(`unsupported ELF version ${version}`);
  const shoff = src.u64Number(40, 'section header table offset');
  const ehsize = src.u16(52, 'ELF header');
  if (ehsize !== ELF_HEADER_SIZE) src.fail(`ELF header size ${ehsize} is not ${ELF_HEADER_SIZE}`);
  const shentsize = src.u16(58, 'ELF header');
  if (shoff === 0) src.fail('object has no section header table');
  if (shentsize !== SECTION_HEADER_SIZE) src.fail(`section header size ${shentsize} is not ${SECTION_HEADER_SIZE}`);
  const { shnum, shstrndx } = sectionCounts(src, shoff);
  src.need(shoff, shnum * SECTION_HEADER_SIZE, 'section header table');

  const headers = readSectionHeaders(src, shoff, shnum);
  if (shstrndx === 0 || shstrndx >= shnum) src.fail(`section name table index ${shstrndx} is out of range (${shnum} sections)`);
  const shstrtab = headers[shstrndx]!;
  if (shstrtab.type !== SHT_STRTAB) src.fail(`section name table (section ${shstrndx}) is not a string table`);
  const names = src.stringTable(shstrtab.offset, shstrtab.size, 'section name table');
  const sections = headers.map((h) => ({ ...h, name: h.index === 0 ? '' : names.get(h.nameOffset, `section ${h.index}`) }));
  return { machine, sections, shstrndx };
}

/**
 * e_shnum and e_shstrndx, or with extended section numbering (gABI
 * "Sections", for 0xff00 sections or more) the sh_size and sh_link of
 * section header 0 that stand in for them.
 */
function sectionCounts(src: ByteSource, shoff: number): { shnum: number; shstrndx: number } {
  let shnum = src.u16(60, 'ELF header');
  let shstrndx = src.u16(62, 'ELF header');
  if (shnum === 0) {
    shnum = src.u64Number(shoff + 32, 'section header 0 (extended section count)');
    if (shnum < SHN_LORESERVE) src.fail(`extended section count ${shnum} is below ${SHN_LORESERVE}`);
  } else if (shnum >= SHN_LORESERVE) {
    src.fail(`section count ${shnum} is in the reserved index range`);
  }
  if (shstrndx === SHN_XINDEX) shstrndx = src.u32(shoff + 40, 'section header 0 (extended section name table index)');
  return { shnum, shstrndx };
}

function hasMagic(src: ByteSource): boolean {
  const b = src.bytes;
  return b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

function machineOf(src: ByteSource, em: number): Machine {
  if (em === EM_X86_64) return 'x86_64';
  if (em === EM_AARCH64) return 'aarch64';
  return src.fail(`unsupported machine ${EM_NAMES[em] ?? `e_machine ${em}`}`);
}

type UnnamedSection = Omit<RawSection, 'name'> & { nameOffset: number };

function readSectionHeaders(src: ByteSource, shoff: number, shnum: number): UnnamedSection[] {
  const out: UnnamedSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * SECTION_HEADER_SIZE;
    const what = `section header ${i}`;
    const type = src.u32(at + 4, what);
    const h: UnnamedSection = {
      index: i,
      nameOffset: src.u32(at, what),
      type,
      flags: src.u64(at + 8, what),
      offset: src.u64Number(at + 24, `section ${i} offset`),
      size: src.u64Number(at + 32, `section ${i} size`),
      link: src.u32(at + 40, what),
      info: src.u32(at + 44, what),
      align: src.u64Number(at + 48, `section ${i} alignment`),
      entsize: src.u64Number(at + 56, `section ${i} entry size`),
    };
    if (i === 0) {
      // gABI: header 0 is all zero except for the extended numbering fields read above.
      if (type !== SHT_NULL) src.fail('section header 0 is not SHT_NULL');
      out.push(h);
      continue;
    }
    if (h.align !== 0 && !isPowerOfTwo(h.align)) src.fail(`section ${i} has alignment ${h.align}, not a power of two`);
    if (type !== SHT_NOBITS && type !== SHT_NULL && h.offset + h.size > src.length) {
      src.fail(`section ${i} extends past end of file (offset ${h.offset} + size ${h.size} > ${src.length})`);
    }
    out.push(h);
  }
  return out;
}
