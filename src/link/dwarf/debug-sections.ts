// DWARF debugging information for an object (`-g`): what gdb, addr2line,
// perf and backtraces need to name functions and map code to source lines.
//
// Input: the compilation unit's facts (producer, directory, main file) and
// per function its symbol, size, declaration line and line rows. Output:
// the sections .debug_abbrev, .debug_info (DWARF 4 §7.5: one compile_unit
// with a subprogram per function, each with its address range) and
// .debug_line (line-program.ts), their relocations, and section symbols
// for the offsets one section records into another.
//
// This is the level gcc calls -g1 (functions and line tables). Types and
// variable locations would need the register allocator's answers per
// instruction; they are not described, so a debugger shows no locals.

import { ByteSink } from '../elf/byte-sink.js';
import type { ObjSymbol, Reloc, Section } from '../object.js';
import { buildLineProgram, type LineRow } from './line-program.js';

export interface DebugFunction {
  readonly name: string;
  /** The symbol at its first byte (the function's own). */
  readonly symbol: string;
  /** Offset of its first byte in .text (functions are given in .text order). */
  readonly start: number;
  readonly size: number;
  readonly isExternal: boolean;
  readonly declFile: string;
  readonly declLine: number;
  readonly rows: readonly LineRow[];
}

export interface DebugUnit {
  readonly producer: string;
  /** The directory relative file names are relative to (DW_AT_comp_dir). */
  readonly compDir: string;
  readonly mainFile: string;
  readonly functions: readonly DebugFunction[];
}

export interface DebugRelocTypes {
  /** 64-bit absolute (R_X86_64_64, R_AARCH64_ABS64): addresses. */
  readonly abs64: number;
  /** 32-bit absolute (R_X86_64_32, R_AARCH64_ABS32): offsets into another debug section. */
  readonly abs32: number;
}

// Tags, attributes and forms (DWARF 4 §7.5.3–7.5.4).
const DW_TAG_compile_unit = 0x11;
const DW_TAG_subprogram = 0x2e;
const DW_CHILDREN_no = 0;
const DW_CHILDREN_yes = 1;
const DW_AT_name = 0x03;
const DW_AT_stmt_list = 0x10;
const DW_AT_low_pc = 0x11;
const DW_AT_high_pc = 0x12;
const DW_AT_language = 0x13;
const DW_AT_comp_dir = 0x1b;
const DW_AT_producer = 0x25;
const DW_AT_decl_file = 0x3a;
const DW_AT_decl_line = 0x3b;
const DW_AT_external = 0x3f;
const DW_FORM_addr = 0x01;
const DW_FORM_data2 = 0x05;
const DW_FORM_data8 = 0x07;
const DW_FORM_string = 0x08;
const DW_FORM_udata = 0x0f;
const DW_FORM_sec_offset = 0x17;
const DW_FORM_flag_present = 0x19;
const DW_LANG_C11 = 0x1d;

const ABBREV_UNIT = 1;
const ABBREV_EXTERNAL_FUNCTION = 2;
const ABBREV_STATIC_FUNCTION = 3;

function buildAbbrevs(): Uint8Array {
  const out = new ByteSink();
  const abbrev = (code: number, tag: number, children: number, attrs: readonly (readonly [number, number])[]) => {
    out.uleb(code);
    out.uleb(tag);
    out.u8(children);
    for (const [at, form] of attrs) { out.uleb(at); out.uleb(form); }
    out.u8(0);
    out.u8(0);
  };
  abbrev(ABBREV_UNIT, DW_TAG_compile_unit, DW_CHILDREN_yes, [
    [DW_AT_producer, DW_FORM_string], [DW_AT_language, DW_FORM_data2], [DW_AT_name, DW_FORM_string],
    [DW_AT_comp_dir, DW_FORM_string], [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_data8],
    [DW_AT_stmt_list, DW_FORM_sec_offset],
  ]);
  const functionAttrs = [
    [DW_AT_name, DW_FORM_string], [DW_AT_decl_file, DW_FORM_udata], [DW_AT_decl_line, DW_FORM_udata],
    [DW_AT_low_pc, DW_FORM_addr], [DW_AT_high_pc, DW_FORM_data8],
  ] as const;
  abbrev(ABBREV_EXTERNAL_FUNCTION, DW_TAG_subprogram, DW_CHILDREN_no, [...functionAttrs, [DW_AT_external, DW_FORM_flag_present]]);
  abbrev(ABBREV_STATIC_FUNCTION, DW_TAG_subprogram, DW_CHILDREN_no, functionAttrs);
  out.u8(0);
  return out.finish();
}

function debugSection(name: string, bytes: Uint8Array, relocs: Reloc[]): Section {
  return { name, kind: 'other', align: 1, bytes, size: bytes.length, relocs };
}

/**
 * The debug sections for one compilation unit whose functions lie in
 * `.text` in the order given, starting with the first one (the unit's
 * address range is [first function, last function's end)).
 */
export function buildDebugSections(unit: DebugUnit, types: DebugRelocTypes): { sections: Section[]; symbols: ObjSymbol[] } {
  const files = [unit.mainFile];
  for (const f of unit.functions) for (const file of [f.declFile, ...f.rows.map((r) => r.file)]) if (!files.includes(file)) files.push(file);
  const line = buildLineProgram(files, unit.functions.map((f) => ({ symbol: f.symbol, size: f.size, rows: f.rows })), types.abs64);

  const info = new ByteSink();
  const relocs: Reloc[] = [];
  const lengthAt = info.length;
  info.u32(0); // unit_length, patched below
  info.u16(4); // version
  relocs.push({ offset: info.length, type: types.abs32, symbol: '.debug_abbrev', addend: 0n });
  info.u32(0); // debug_abbrev_offset
  info.u8(8); // address_size

  const first = unit.functions[0];
  const last = unit.functions[unit.functions.length - 1];
  info.uleb(ABBREV_UNIT);
  info.cstring(unit.producer);
  info.u16(DW_LANG_C11);
  info.cstring(unit.mainFile);
  info.cstring(unit.compDir);
  if (first !== undefined) relocs.push({ offset: info.length, type: types.abs64, symbol: first.symbol, addend: 0n });
  info.u64(0); // low_pc
  // high_pc as a length (DWARF 4 §2.17.2): from the first function's start to the last one's end, padding included.
  info.u64(first !== undefined && last !== undefined ? last.start + last.size - first.start : 0);
  relocs.push({ offset: info.length, type: types.abs32, symbol: '.debug_line', addend: 0n });
  info.u32(0); // stmt_list
  for (const f of unit.functions) {
    info.uleb(f.isExternal ? ABBREV_EXTERNAL_FUNCTION : ABBREV_STATIC_FUNCTION);
    info.cstring(f.name);
    info.uleb(line.fileNumbers.get(f.declFile)!);
    info.uleb(f.declLine);
    relocs.push({ offset: info.length, type: types.abs64, symbol: f.symbol, addend: 0n });
    info.u64(0);
    info.u64(f.size);
  }
  info.u8(0); // end of the unit's children
  info.patchU32(lengthAt, info.length - lengthAt - 4);

  const sections = [
    debugSection('.debug_abbrev', buildAbbrevs(), []),
    debugSection('.debug_info', info.finish(), relocs),
    debugSection('.debug_line', line.bytes, line.relocs),
  ];
  const symbols: ObjSymbol[] = ['.debug_abbrev', '.debug_line'].map((name) => ({ name, binding: 'local', kind: 'section', section: name, value: 0, size: 0 }));
  return { sections, symbols };
}
