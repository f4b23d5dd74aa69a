// The symbol file gdb reads from memory for one loaded compilation unit
// (the GDB JIT interface, gdb-jit.ts): an ELF image whose sections sit at
// the addresses the code really has — `.text` as SHT_NOBITS (gdb reads the
// instructions from the process), the functions in `.symtab`, and the
// unit's DWARF (.debug_info/.debug_abbrev/.debug_line, and gcc's
// .debug_str/.debug_line_str) already relocated for the load address.
//
// Input: a module's CodeInfo. Output: one image per compilation unit
// (a merged module has several: merge.ts names their sections `1:.text`,
// `1:.debug_line`…). ET_EXEC, so symbol values and DWARF addresses are
// absolute, which is what they are; gdb takes the sections' addresses as
// given for JIT symbol files.

import type { CodeInfo } from '../loader/code-info.js';
import { SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STT_FUNC, SYMBOL_SIZE } from '../link/elf/constants.js';
import { ET_EXEC, StringTableBuilder, symbolTableBytes, writeImage, type ImageSection, type ImageSymbol } from '../link/elf/write-image.js';

/** The unit prefix of a section name from a merged object: '' for the first unit, '1:' for the second… */
function unitOf(name: string): string {
  return /^(\d+:)/.exec(name)?.[1] ?? '';
}

/** One ELF image per compilation unit of the module. */
export function buildSymbolFiles(code: CodeInfo, pageSize: number): Uint8Array[] {
  const debug = code.debugSections();
  const units = new Set<string>([...code.text.map((t) => unitOf(t.name)), ...[...debug.keys()].map(unitOf)]);
  const files: Uint8Array[] = [];
  for (const unit of [...units].sort()) {
    const texts = code.text.filter((t) => unitOf(t.name) === unit);
    const sections: ImageSection[] = texts.map((t) => ({
      name: t.name.slice(unit.length), type: SHT_NOBITS, flags: SHF_ALLOC | SHF_EXECINSTR, address: t.address, bytes: null, size: t.size, align: 16,
    }));
    // Functions inside this unit's code, locals first (gABI: sh_info is the index of the first non-local symbol).
    const inUnit = code.functions.filter((f) => f.size > 0 && texts.some((t) => f.address >= t.address && f.address < t.address + BigInt(t.size)));
    const sectionOf = (address: bigint) => texts.findIndex((t) => address >= t.address && address < t.address + BigInt(t.size)) + 1;
    const symbols: ImageSymbol[] = [...inUnit.filter((f) => !f.isGlobal), ...inUnit.filter((f) => f.isGlobal)].map((f) => ({
      name: f.name, info: ((f.isGlobal ? STB_GLOBAL : STB_LOCAL) << 4) | STT_FUNC, section: sectionOf(f.address), value: f.address, size: f.size,
    }));
    const strings = new StringTableBuilder();
    const symtab = symbolTableBytes(symbols, strings);
    sections.push(
      { name: '.symtab', type: SHT_SYMTAB, flags: 0n, address: 0n, bytes: symtab, link: '.strtab', info: 1 + inUnit.filter((f) => !f.isGlobal).length, align: 8, entsize: SYMBOL_SIZE },
      { name: '.strtab', type: SHT_STRTAB, flags: 0n, address: 0n, bytes: strings.finish(), align: 1 },
    );
    for (const [name, bytes] of debug) {
      if (unitOf(name) === unit) sections.push({ name: name.slice(unit.length), type: SHT_PROGBITS, flags: 0n, address: 0n, bytes, align: 1 });
    }
    files.push(writeImage({ type: ET_EXEC, machine: code.machine, sections, pageAlign: pageSize }));
  }
  return files;
}
