// printObject: a readelf-like text view of an ObjectFile, for tests (golden
// files compare it) and `jitcc --dump=object`.
//
// Input: any ObjectFile. Output: deterministic text, a function of the model
// alone: sections (kind, ELF type and flags as the writer would store them,
// size, alignment, contents in hex), relocations per section with the
// psABI names (R_X86_64_*), symbols in model order, then C signatures.
// Absent optional fields print as their defaults (visibility 'default',
// entsize 0), so a model and its ELF round trip print the same.

import { printPrototype } from './ctypes.js';
import { flagLetters, isNoBits, sectionFlags, sectionType, SHT_NAMES } from './elf/constants.js';
import type { ObjectFile, ObjSymbol, Reloc, Section } from './object.js';
import { relocTypeName } from './elf/reloc-names.js';

export function printObject(obj: ObjectFile): string {
  const out: string[] = [`object ${obj.machine}`, '', 'sections:'];
  obj.sections.forEach((s, i) => out.push(...printSection(s, i + 1)));
  for (const s of obj.sections) {
    if (s.relocs.length === 0) continue;
    out.push('', `relocations in '${s.name}':`);
    for (const r of s.relocs) out.push(printReloc(obj, r));
  }
  out.push('', 'symbols:', '  Num  Value              Size  Type    Bind    Vis        Section          Name');
  obj.symbols.forEach((sym, i) => out.push(printSymbol(sym, i + 1)));
  if (obj.signatures.size > 0) {
    out.push('', 'signatures:');
    for (const [name, fn] of obj.signatures) out.push(`  ${printPrototype(name, fn)}`);
  }
  return out.join('\n') + '\n';
}

function printSection(s: Section, index: number): string[] {
  const type = sectionType(s);
  const typeName = SHT_NAMES[type] ?? `0x${type.toString(16)}`;
  const flags = flagLetters(sectionFlags(s)) || '-';
  const entsize = s.entsize ? `  entsize ${s.entsize}` : '';
  const head = `  [${String(index).padStart(2)}] ${s.name.padEnd(18)} ${s.kind.padEnd(10)} ${typeName.padEnd(13)} ${flags.padEnd(4)} size 0x${s.size.toString(16)}  align ${s.align}${entsize}`;
  return isNoBits(s) ? [head] : [head, ...hexDump(s.bytes)];
}

/** 16 bytes a line: offset, hex, printable ASCII. */
function hexDump(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`       ${at.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines;
}

function printReloc(obj: ObjectFile, r: Reloc): string {
  const addend = r.addend < 0n ? ` - 0x${(-r.addend).toString(16)}` : ` + 0x${r.addend.toString(16)}`;
  const symbol = r.symbol === '' ? '*none*' : r.symbol;
  return `  ${r.offset.toString(16).padStart(16, '0')}  ${relocTypeName(obj.machine, r.type).padEnd(24)} ${symbol}${addend}`;
}

function printSymbol(sym: ObjSymbol, index: number): string {
  const isCommon = sym.section === null && sym.commonAlign !== undefined;
  const where = isCommon ? `COMMON(${sym.commonAlign})` : sym.section ?? (sym.kind === 'file' ? 'ABS' : 'UND');
  const value = sym.value.toString(16).padStart(16, '0');
  return `  ${String(index).padStart(3)}: ${value} ${String(sym.size).padStart(5)}  ${sym.kind.toUpperCase().padEnd(7)} ${sym.binding.toUpperCase().padEnd(7)} ${(sym.visibility ?? 'default').toUpperCase().padEnd(10)} ${where.padEnd(16)} ${sym.name}`;
}
