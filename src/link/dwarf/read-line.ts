// Reads DWARF line-number programs (.debug_line, DWARF 2–5 §6.2): the
// address → file:line table that `disassemble` annotates code with, that the
// crash reporter looks faulting addresses up in, and that jitdump copies for
// `perf annotate`.
//
// Input: the bytes of .debug_line (and .debug_line_str for DWARF 5 file
// names), already relocated so DW_LNE_set_address holds real addresses.
// Output: every row of every sequence, in program order; a row's address
// range runs to the next row of its sequence. Our own objects write DWARF 4
// (line-program.ts); gcc 12 writes DWARF 5, so both header layouts are read.
//
// Bad input is an ObjectFormatError naming the section, never a crash:
// the bytes may come from any object file.

import { ObjectFormatError } from '../errors.js';

export interface LineRow {
  readonly address: bigint;
  /** The file as the table names it (with its directory when that is not the compilation directory). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
  /** The first byte after a sequence: no code here belongs to the sequence. */
  readonly isEndSequence: boolean;
}

// Standard opcodes (§6.2.5.2), extended opcodes (§6.2.5.3), content types and forms (DWARF 5 §6.2.4.1, §7.5.6).
const DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNS_set_file = 4, DW_LNS_set_column = 5;
const DW_LNS_negate_stmt = 6, DW_LNS_set_basic_block = 7, DW_LNS_const_add_pc = 8, DW_LNS_fixed_advance_pc = 9;
const DW_LNE_end_sequence = 1, DW_LNE_set_address = 2, DW_LNE_define_file = 3, DW_LNE_set_discriminator = 4;
const DW_LNCT_path = 1, DW_LNCT_directory_index = 2;
const DW_FORM_block = 0x09, DW_FORM_block1 = 0x0a, DW_FORM_data1 = 0x0b, DW_FORM_data2 = 0x05, DW_FORM_data4 = 0x06;
const DW_FORM_data8 = 0x07, DW_FORM_data16 = 0x1e, DW_FORM_string = 0x08, DW_FORM_strp = 0x0e, DW_FORM_line_strp = 0x1f;
const DW_FORM_udata = 0x0f, DW_FORM_sdata = 0x0d;

class Cursor {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array, public pos: number, private readonly end: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  fail(what: string): never {
    throw new ObjectFormatError('.debug_line', what);
  }
  need(n: number): void {
    if (this.pos + n > this.end) this.fail('truncated line-number program');
  }
  get isAtEnd(): boolean { return this.pos >= this.end; }
  u8(): number { this.need(1); return this.view.getUint8(this.pos++); }
  u16(): number { this.need(2); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  u64(): bigint { this.need(8); const v = this.view.getBigUint64(this.pos, true); this.pos += 8; return v; }
  i8(): number { this.need(1); return this.view.getInt8(this.pos++); }
  uleb(): number {
    let result = 0, shift = 0;
    for (;;) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return result;
      if (shift > 63) this.fail('LEB128 number too long');
    }
  }
  sleb(): number {
    let result = 0, shift = 0, b = 0;
    do {
      b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (shift > 63) this.fail('LEB128 number too long');
    } while (b & 0x80);
    return b & 0x40 ? result - 2 ** shift : result;
  }
  cstring(): string {
    const start = this.pos;
    while (this.u8() !== 0) { /* scan to the NUL */ }
    return new TextDecoder('latin1').decode(this.bytes.subarray(start, this.pos - 1));
  }
  skip(n: number): void { this.need(n); this.pos += n; }
}

function cstringAt(bytes: Uint8Array | undefined, offset: number, what: string): string {
  if (bytes === undefined || offset >= bytes.length) throw new ObjectFormatError('.debug_line', `${what} offset ${offset} outside its string section`);
  let end = offset;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder('latin1').decode(bytes.subarray(offset, end));
}

interface Header {
  readonly version: number;
  readonly offsetSize: 4 | 8;
  readonly minInstLength: number;
  readonly defaultIsStmt: boolean;
  readonly lineBase: number;
  readonly lineRange: number;
  readonly opcodeBase: number;
  readonly standardLengths: number[];
  /** Index → name; DWARF 5 counts from 0, earlier versions from 1 (slot 0 unused). */
  readonly files: string[];
}

export interface LineStrings {
  /** .debug_line_str (DWARF 5 DW_FORM_line_strp). */
  readonly lineStr?: Uint8Array;
  /** .debug_str (DW_FORM_strp). */
  readonly str?: Uint8Array;
}

/** Reads every line-number program in `.debug_line`. */
export function readLineTable(bytes: Uint8Array, strings: LineStrings = {}): LineRow[] {
  const rows: LineRow[] = [];
  let at = 0;
  while (at < bytes.length) {
    const c = new Cursor(bytes, at, bytes.length);
    let unitLength = c.u32();
    let offsetSize: 4 | 8 = 4;
    if (unitLength === 0xffffffff) {
      unitLength = Number(c.u64());
      offsetSize = 8;
    }
    const end = c.pos + unitLength;
    if (end > bytes.length) c.fail(`line-number program at ${at} runs past the section end`);
    const unit = new Cursor(bytes, c.pos, end);
    const header = readHeader(unit, offsetSize, strings);
    runProgram(unit, header, rows);
    at = end;
  }
  return rows;
}

function readHeader(c: Cursor, offsetSize: 4 | 8, strings: LineStrings): Header {
  const version = c.u16();
  if (version < 2 || version > 5) c.fail(`unsupported line-number program version ${version}`);
  if (version >= 5) {
    c.u8(); // address_size
    c.u8(); // segment_selector_size
  }
  const headerLength = offsetSize === 8 ? Number(c.u64()) : c.u32();
  const programStart = c.pos + headerLength;
  const minInstLength = c.u8();
  if (version >= 4) c.u8(); // maximum_operations_per_instruction (VLIW only)
  const defaultIsStmt = c.u8() !== 0;
  const lineBase = c.i8();
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  if (lineRange === 0) c.fail('line_range of 0');
  const standardLengths = [0];
  for (let i = 1; i < opcodeBase; i++) standardLengths.push(c.u8());
  const files = version >= 5 ? readV5Entries(c, offsetSize, strings) : readV4Entries(c);
  c.pos = programStart;
  return { version, offsetSize, minInstLength, defaultIsStmt, lineBase, lineRange, opcodeBase, standardLengths, files };
}

function joinPath(dir: string, name: string): string {
  if (dir === '' || name.startsWith('/')) return name;
  return `${dir.replace(/\/$/, '')}/${name}`;
}

/** DWARF 2–4: include_directories then file_names, each list ended by an empty entry; directory 0 is the compilation directory. */
function readV4Entries(c: Cursor): string[] {
  const dirs = [''];
  for (;;) {
    const d = c.cstring();
    if (d === '') break;
    dirs.push(d);
  }
  const files = [''];
  for (;;) {
    const name = c.cstring();
    if (name === '') break;
    const dir = c.uleb();
    c.uleb(); // modification time
    c.uleb(); // length
    files.push(joinPath(dirs[dir] ?? '', name));
  }
  return files;
}

/** DWARF 5: self-describing directory and file entries (entry formats, then entries). */
function readV5Entries(c: Cursor, offsetSize: 4 | 8, strings: LineStrings): string[] {
  const readList = (): { path: string; dir: number }[] => {
    const formatCount = c.u8();
    const formats: [number, number][] = [];
    for (let i = 0; i < formatCount; i++) formats.push([c.uleb(), c.uleb()]);
    const count = c.uleb();
    const out: { path: string; dir: number }[] = [];
    for (let i = 0; i < count; i++) {
      let path = '';
      let dir = 0;
      for (const [type, form] of formats) {
        const value = readForm(c, form, offsetSize, strings);
        if (type === DW_LNCT_path && typeof value === 'string') path = value;
        else if (type === DW_LNCT_directory_index && typeof value === 'number') dir = value;
      }
      out.push({ path, dir });
    }
    return out;
  };
  const dirs = readList().map((d) => d.path);
  // Directory 0 is the compilation directory: names relative to it are shown as written.
  return readList().map((f) => (f.dir === 0 ? f.path : joinPath(dirs[f.dir] ?? '', f.path)));
}

function readForm(c: Cursor, form: number, offsetSize: 4 | 8, strings: LineStrings): string | number | null {
  const offset = (): number => (offsetSize === 8 ? Number(c.u64()) : c.u32());
  switch (form) {
    case DW_FORM_string: return c.cstring();
    case DW_FORM_line_strp: return cstringAt(strings.lineStr, offset(), 'DW_FORM_line_strp');
    case DW_FORM_strp: return cstringAt(strings.str, offset(), 'DW_FORM_strp');
    case DW_FORM_udata: return c.uleb();
    case DW_FORM_sdata: return c.sleb();
    case DW_FORM_data1: return c.u8();
    case DW_FORM_data2: return c.u16();
    case DW_FORM_data4: return c.u32();
    case DW_FORM_data8: c.skip(8); return null;
    case DW_FORM_data16: c.skip(16); return null;
    case DW_FORM_block: c.skip(c.uleb()); return null;
    case DW_FORM_block1: c.skip(c.u8()); return null;
    default: return c.fail(`unsupported form 0x${form.toString(16)} in a file entry`);
  }
}

/** The line-number state machine (§6.2.2), appending a row at each copy, special opcode and end of sequence. */
function runProgram(c: Cursor, h: Header, rows: LineRow[]): void {
  const reset = () => ({ address: 0n, file: 1, line: 1, column: 0, isStmt: h.defaultIsStmt });
  let s = reset();
  const fileName = (n: number): string => h.files[n] ?? `<file ${n}>`;
  const emit = (isEndSequence: boolean) => {
    rows.push({ address: s.address, file: fileName(s.file), line: s.line, column: s.column, isStmt: s.isStmt, isEndSequence });
  };
  const advance = (operationAdvance: number) => {
    s.address = BigInt.asUintN(64, s.address + BigInt(operationAdvance * h.minInstLength));
  };
  while (!c.isAtEnd) {
    const op = c.u8();
    if (op >= h.opcodeBase) {
      const adjusted = op - h.opcodeBase;
      advance(Math.floor(adjusted / h.lineRange));
      s.line += h.lineBase + (adjusted % h.lineRange);
      emit(false);
      continue;
    }
    switch (op) {
      case 0: {
        const len = c.uleb();
        const end = c.pos + len;
        if (len === 0) c.fail('empty extended opcode');
        const sub = c.u8();
        if (sub === DW_LNE_end_sequence) {
          emit(true);
          s = reset();
        } else if (sub === DW_LNE_set_address) {
          s.address = len - 1 === 8 ? c.u64() : BigInt(c.u32());
        } else if (sub === DW_LNE_define_file || sub === DW_LNE_set_discriminator) {
          // define_file (DWARF 2–4, unused by compilers today) and discriminators carry nothing we show.
        }
        c.pos = end;
        break;
      }
      case DW_LNS_copy: emit(false); break;
      case DW_LNS_advance_pc: advance(c.uleb()); break;
      case DW_LNS_advance_line: s.line += c.sleb(); break;
      case DW_LNS_set_file: s.file = c.uleb(); break;
      case DW_LNS_set_column: s.column = c.uleb(); break;
      case DW_LNS_negate_stmt: s.isStmt = !s.isStmt; break;
      case DW_LNS_set_basic_block: break;
      case DW_LNS_const_add_pc: advance(Math.floor((255 - h.opcodeBase) / h.lineRange)); break;
      case DW_LNS_fixed_advance_pc: s.address = BigInt.asUintN(64, s.address + BigInt(c.u16())); break;
      default:
        // Opcodes this reader does not know: skip their operands, as §6.2.5.2 asks.
        for (let i = 0; i < (h.standardLengths[op] ?? 0); i++) c.uleb();
    }
  }
}

/**
 * A lookup structure over rows: the row covering an address (the last row
 * at or before it whose sequence has not ended), by binary search.
 */
export class LineIndex {
  private readonly starts: bigint[] = [];
  private readonly covering: (LineRow | null)[] = [];

  constructor(rows: readonly LineRow[]) {
    // Sort by address; each row covers up to the next row's address, end-of-sequence rows cover nothing.
    const sorted = [...rows].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : Number(b.isEndSequence) - Number(a.isEndSequence)));
    for (const r of sorted) {
      const last = this.starts.length - 1;
      if (last >= 0 && this.starts[last] === r.address) {
        // Several rows at one address: the last one that is a real row wins (gcc repeats addresses for views).
        if (!r.isEndSequence || this.covering[last] === null) this.covering[last] = r.isEndSequence ? null : r;
        continue;
      }
      this.starts.push(r.address);
      this.covering.push(r.isEndSequence ? null : r);
    }
  }

  /** The row for `address`, or null when no sequence covers it. */
  lookup(address: bigint): LineRow | null {
    let lo = 0, hi = this.starts.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? null : this.covering[found]!;
  }
}
