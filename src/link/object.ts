// The relocatable object model: what codegen writes, what the ELF writer
// serialises, what the ELF reader produces from bytes (ours or gcc's), and
// what the loader lays out in memory.
//
// It mirrors an ELF64 relocatable file closely enough that the writer and
// reader round-trip our own objects, but holds names instead of indices.
// Relocation types are the ELF numbers, named by the constants below with
// the psABI spelling (System V AMD64 psABI §4.4, ELF for AArch64 §5.7).

import type { FfiFunctionType, FfiType } from './ctypes.js';

export type Machine = 'x86_64' | 'aarch64';

export type SectionKind =
  | 'text'     // SHT_PROGBITS, SHF_ALLOC|SHF_EXECINSTR
  | 'data'     // SHT_PROGBITS, SHF_ALLOC|SHF_WRITE
  | 'rodata'   // SHT_PROGBITS, SHF_ALLOC
  | 'bss'      // SHT_NOBITS,   SHF_ALLOC|SHF_WRITE
  | 'tdata'    // SHT_PROGBITS, SHF_ALLOC|SHF_WRITE|SHF_TLS
  | 'tbss'     // SHT_NOBITS,   SHF_ALLOC|SHF_WRITE|SHF_TLS
  | 'init_array' // SHT_INIT_ARRAY
  | 'fini_array' // SHT_FINI_ARRAY
  | 'other';   // non-allocated sections we keep but do not load (.comment, .note.GNU-stack, debug)

export interface Reloc {
  /** Byte offset within the section being patched. */
  offset: number;
  /** ELF relocation type number (R_X86_64_* / R_AARCH64_*). */
  type: number;
  /** Name of the symbol the relocation refers to (a section symbol is named after its section). */
  symbol: string;
  addend: bigint;
}

export interface Section {
  name: string;
  kind: SectionKind;
  align: number;
  /** Contents; for bss/tbss an empty array and `size` gives the length. */
  bytes: Uint8Array;
  size: number;
  relocs: Reloc[];
  /** ELF sh_flags/sh_type for 'other' sections read from foreign objects, kept for round trips. */
  elfType?: number;
  elfFlags?: bigint;
  /** ELF sh_entsize for sections of fixed-size entries (SHF_MERGE sections such as `.rodata.str1.1`, `.rodata.cst8`); absent means 0. */
  entsize?: number;
}

export type SymbolBinding = 'local' | 'global' | 'weak';
export type SymbolKind = 'func' | 'object' | 'section' | 'file' | 'tls' | 'notype';

export interface ObjSymbol {
  name: string;
  binding: SymbolBinding;
  kind: SymbolKind;
  /** Name of the defining section, or null for an undefined symbol. */
  section: string | null;
  /** For COMMON symbols (SHN_COMMON): the symbol is a tentative definition of `size` bytes, aligned to `commonAlign`. */
  commonAlign?: number;
  value: number;
  size: number;
  visibility?: 'default' | 'hidden' | 'protected' | 'internal';
}

export interface ObjectFile {
  machine: Machine;
  sections: Section[];
  symbols: ObjSymbol[];
  /**
   * C prototypes of defined and declared functions, from the frontend. Lives
   * in memory for loaded modules; the ELF writer stores it in a
   * non-allocated `.jitcc.sigs` section so objects written to disk keep it.
   */
  signatures: Map<string, FfiFunctionType>;
  /** C types of objects with external linkage, from the frontend; stored in `.jitcc.sigs` beside the prototypes. */
  globalTypes?: Map<string, FfiType>;
  /**
   * Data our code generator placed among instructions (constant pools, jump
   * tables), so disassemblers skip it. In memory only: not written to ELF
   * (x86-64 has no mapping symbols), so objects read from files lack it.
   */
  dataInCode?: readonly { readonly section: string; readonly offset: number; readonly size: number }[];
}

// System V AMD64 psABI, table 4.10 (relocation types).
export const R_X86_64_NONE = 0;
export const R_X86_64_64 = 1;
export const R_X86_64_PC32 = 2;
export const R_X86_64_GOT32 = 3;
export const R_X86_64_PLT32 = 4;
export const R_X86_64_GOTPCREL = 9;
export const R_X86_64_32 = 10;
export const R_X86_64_32S = 11;
export const R_X86_64_16 = 12;
export const R_X86_64_PC16 = 13;
export const R_X86_64_8 = 14;
export const R_X86_64_PC8 = 15;
export const R_X86_64_DTPMOD64 = 16;
export const R_X86_64_DTPOFF64 = 17;
export const R_X86_64_TPOFF64 = 18;
export const R_X86_64_TLSGD = 19;
export const R_X86_64_TLSLD = 20;
export const R_X86_64_DTPOFF32 = 21;
export const R_X86_64_GOTTPOFF = 22;
export const R_X86_64_TPOFF32 = 23;
export const R_X86_64_PC64 = 24;
export const R_X86_64_GOTOFF64 = 25;
export const R_X86_64_GOTPC32 = 26;
// Large code model (psABI §4.4.1; gcc -mcmodel=large with PIC/PIE).
export const R_X86_64_GOT64 = 27;
export const R_X86_64_GOTPCREL64 = 28;
export const R_X86_64_GOTPC64 = 29;
export const R_X86_64_GOTPLT64 = 30;
export const R_X86_64_PLTOFF64 = 31;
export const R_X86_64_SIZE32 = 32;
export const R_X86_64_SIZE64 = 33;
export const R_X86_64_GOTPCRELX = 41;
export const R_X86_64_REX_GOTPCRELX = 42;

export const X86_64_RELOC_NAMES: Record<number, string> = {
  0: 'R_X86_64_NONE', 1: 'R_X86_64_64', 2: 'R_X86_64_PC32', 3: 'R_X86_64_GOT32', 4: 'R_X86_64_PLT32',
  9: 'R_X86_64_GOTPCREL', 10: 'R_X86_64_32', 11: 'R_X86_64_32S', 12: 'R_X86_64_16', 13: 'R_X86_64_PC16',
  14: 'R_X86_64_8', 15: 'R_X86_64_PC8', 16: 'R_X86_64_DTPMOD64', 17: 'R_X86_64_DTPOFF64',
  18: 'R_X86_64_TPOFF64', 19: 'R_X86_64_TLSGD', 20: 'R_X86_64_TLSLD', 21: 'R_X86_64_DTPOFF32',
  22: 'R_X86_64_GOTTPOFF', 23: 'R_X86_64_TPOFF32', 24: 'R_X86_64_PC64', 25: 'R_X86_64_GOTOFF64',
  26: 'R_X86_64_GOTPC32', 27: 'R_X86_64_GOT64', 28: 'R_X86_64_GOTPCREL64', 29: 'R_X86_64_GOTPC64',
  30: 'R_X86_64_GOTPLT64', 31: 'R_X86_64_PLTOFF64', 32: 'R_X86_64_SIZE32', 33: 'R_X86_64_SIZE64', 41: 'R_X86_64_GOTPCRELX',
  42: 'R_X86_64_REX_GOTPCRELX',
};

// ELF for the Arm 64-bit Architecture (AAELF64) §5.7: the static relocations
// the loader applies (printable names: elf/reloc-names.ts).
export const R_AARCH64_NONE = 0;
export const R_AARCH64_ABS64 = 257;
export const R_AARCH64_ABS32 = 258;
export const R_AARCH64_ABS16 = 259;
export const R_AARCH64_PREL64 = 260;
export const R_AARCH64_PREL32 = 261;
export const R_AARCH64_PREL16 = 262;
export const R_AARCH64_MOVW_UABS_G0 = 263;
export const R_AARCH64_MOVW_UABS_G0_NC = 264;
export const R_AARCH64_MOVW_UABS_G1 = 265;
export const R_AARCH64_MOVW_UABS_G1_NC = 266;
export const R_AARCH64_MOVW_UABS_G2 = 267;
export const R_AARCH64_MOVW_UABS_G2_NC = 268;
export const R_AARCH64_MOVW_UABS_G3 = 269;
export const R_AARCH64_LD_PREL_LO19 = 273;
export const R_AARCH64_ADR_PREL_LO21 = 274;
export const R_AARCH64_ADR_PREL_PG_HI21 = 275;
export const R_AARCH64_ADR_PREL_PG_HI21_NC = 276;
export const R_AARCH64_ADD_ABS_LO12_NC = 277;
export const R_AARCH64_LDST8_ABS_LO12_NC = 278;
export const R_AARCH64_TSTBR14 = 279;
export const R_AARCH64_CONDBR19 = 280;
export const R_AARCH64_JUMP26 = 282;
export const R_AARCH64_CALL26 = 283;
export const R_AARCH64_LDST16_ABS_LO12_NC = 284;
export const R_AARCH64_LDST32_ABS_LO12_NC = 285;
export const R_AARCH64_LDST64_ABS_LO12_NC = 286;
export const R_AARCH64_LDST128_ABS_LO12_NC = 299;
export const R_AARCH64_GOT_LD_PREL19 = 309;
export const R_AARCH64_ADR_GOT_PAGE = 311;
export const R_AARCH64_LD64_GOT_LO12_NC = 312;
// Thread-local storage (AAELF64 §5.7.11): initial-exec through a GOT slot holding the TP offset, local-exec direct.
export const R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21 = 541;
export const R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC = 542;
export const R_AARCH64_TLSLE_ADD_TPREL_HI12 = 549;
export const R_AARCH64_TLSLE_ADD_TPREL_LO12_NC = 551;

export function relocName(machine: Machine, type: number): string {
  if (machine === 'x86_64') return X86_64_RELOC_NAMES[type] ?? `R_X86_64_<${type}>`;
  return `R_AARCH64_<${type}>`;
}

export function emptyObject(machine: Machine): ObjectFile {
  return { machine, sections: [], symbols: [], signatures: new Map() };
}
