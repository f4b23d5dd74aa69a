// The DWARF line-number program (.debug_line, DWARF 4 §6.2): the table that
// maps machine-code addresses to source file, line and column, which
// debuggers use to set breakpoints on lines and to show where a program is.
//
// Input: per function, its symbol and the rows where the source position
// changes (offsets from the function's start, ascending). Output: the
// section bytes and the relocations that place each sequence's start
// address (one DW_LNE_set_address per function, against its symbol, so the
// linker fills in the final address).
//
// The program uses only standard opcodes (advance_pc, advance_line,
// set_column, set_file, copy), not special opcodes: a few bytes more per
// row, and each row reads on its own in `readelf --debug-dump=rawline`.

import { assert } from '../../diagnostics.js';
import type { Reloc } from '../object.js';
import { ByteSink } from '../elf/byte-sink.js';

export interface LineRow {
  /** Byte offset from the start of the function. */
  readonly offset: number;
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface LineSequence {
  /** The symbol at the function's first byte (relocations name it). */
  readonly symbol: string;
  readonly size: number;
  readonly rows: readonly LineRow[];
}

// Standard opcodes (DWARF 4 §6.2.5.2) and extended ones (§6.2.5.3).
const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
/** Opcodes 1..12 are standard in version 4; their operand counts, in order. */
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];

export interface LineProgram {
  readonly bytes: Uint8Array;
  readonly relocs: Reloc[];
  /** File numbers as the program uses them (1-based in DWARF 4), for DW_AT_decl_file. */
  readonly fileNumbers: ReadonlyMap<string, number>;
}

/** Builds .debug_line; `files` lists every file the rows name, the compilation unit's main file first. */
export function buildLineProgram(files: readonly string[], sequences: readonly LineSequence[], addressReloc: number): LineProgram {
  const out = new ByteSink();
  const relocs: Reloc[] = [];
  const fileNumbers = new Map(files.map((f, i) => [f, i + 1]));

  const lengthAt = out.length;
  out.u32(0); // unit_length, patched below
  out.u16(4); // version
  const headerLengthAt = out.length;
  out.u32(0); // header_length, patched below
  out.u8(1); // minimum_instruction_length
  out.u8(1); // maximum_operations_per_instruction (not VLIW)
  out.u8(1); // default_is_stmt
  out.u8(-5 & 0xff); // line_base (unused: no special opcodes)
  out.u8(14); // line_range
  out.u8(STANDARD_OPCODE_LENGTHS.length + 1); // opcode_base
  for (const n of STANDARD_OPCODE_LENGTHS) out.u8(n);
  out.u8(0); // include_directories: none beyond the compilation directory
  for (const f of files) {
    out.cstring(f); // a relative name is relative to DW_AT_comp_dir, as gcc writes it
    out.uleb(0); // directory index 0: the compilation directory
    out.uleb(0); // modification time unknown
    out.uleb(0); // length unknown
  }
  out.u8(0);
  out.patchU32(headerLengthAt, out.length - headerLengthAt - 4);

  for (const seq of sequences) {
    out.u8(0); // extended opcode: DW_LNE_set_address with an 8-byte address
    out.uleb(9);
    out.u8(DW_LNE_set_address);
    relocs.push({ offset: out.length, type: addressReloc, symbol: seq.symbol, addend: 0n });
    out.u64(0);
    let file = 1;
    let line = 1;
    let col = 0;
    let offset = 0;
    for (const row of seq.rows) {
      const n = fileNumbers.get(row.file);
      assert(n !== undefined, `line row names '${row.file}', which is not in the file list`);
      if (n !== file) { out.u8(DW_LNS_set_file); out.uleb(n); file = n; }
      if (row.line !== line) { out.u8(DW_LNS_advance_line); out.sleb(row.line - line); line = row.line; }
      if (row.col !== col) { out.u8(DW_LNS_set_column); out.uleb(row.col); col = row.col; }
      if (row.offset !== offset) { out.u8(DW_LNS_advance_pc); out.uleb(row.offset - offset); offset = row.offset; }
      out.u8(DW_LNS_copy);
    }
    // The sequence ends at the first byte after the function.
    if (seq.size !== offset) { out.u8(DW_LNS_advance_pc); out.uleb(seq.size - offset); }
    out.u8(0);
    out.uleb(1);
    out.u8(DW_LNE_end_sequence);
  }
  out.patchU32(lengthAt, out.length - lengthAt - 4);
  return { bytes: out.finish(), relocs, fileNumbers };
}
