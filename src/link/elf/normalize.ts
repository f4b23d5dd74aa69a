// The canonical form of an ObjectFile as the ELF writer stores it, so that
// reading a written object gives back exactly this form:
//
//   printObject(readElf(writeElf(o))) === printObject(normalizeObject(o))
//
// and `normalizeObject(o)` prints as `o` for objects already in canonical
// form, such as whatever readElf returns for a file writeElf wrote (objects
// from gcc usually are not: `as` omits unused section symbols).
//
// Canonical means (gABI "Symbol Table"; what `as` produces):
//  - symbols are ordered: local STT_FILE symbols, then local section symbols
//    in section order, then the other locals, then globals and weak symbols,
//    each group in model order (ELF requires all locals before the first
//    non-local);
//  - every allocated section, and every section a relocation names, has a
//    local STT_SECTION symbol named after the section (unless some other
//    symbol already has that name);
//  - a relocation naming a symbol the model lacks gets an undefined global
//    NOTYPE symbol, as `as` does for an undeclared name;
//  - SHT_GROUP sections (read from foreign objects) are dropped and SHF_GROUP
//    cleared: their contents are section and symbol indices that would be
//    stale after rewriting, and the grouped sections remain valid without them.
//
// Relocations keep naming the symbol they named (a local symbol is not
// replaced by its section symbol plus an offset), so names survive the trip.

import type { ObjectFile, ObjSymbol, Section } from '../object.js';
import { defaultSectionFlags, SHF_ALLOC, SHF_GROUP, SHT_GROUP, sectionFlags } from './constants.js';

export function normalizeObject(obj: ObjectFile): ObjectFile {
  const sections = obj.sections.filter((s) => s.elfType !== SHT_GROUP).map(withoutGroupFlag);
  const droppedNames = new Set(obj.sections.filter((s) => s.elfType === SHT_GROUP).map((s) => s.name));
  const sectionNames = new Set(sections.map((s) => s.name));
  const symbolNames = new Set(obj.symbols.map((s) => s.name));
  const referenced = new Set<string>();
  for (const s of sections) for (const r of s.relocs) referenced.add(r.symbol);

  const files: ObjSymbol[] = [];
  const sectionSyms = new Map<string, ObjSymbol[]>();
  const locals: ObjSymbol[] = [];
  const globals: ObjSymbol[] = [];
  for (const sym of obj.symbols) {
    if (sym.section !== null && droppedNames.has(sym.section) && !sectionNames.has(sym.section)) continue;
    if (sym.binding !== 'local') globals.push(sym);
    else if (sym.kind === 'file') files.push(sym);
    else if (sym.kind === 'section' && sym.section !== null) {
      const list = sectionSyms.get(sym.section) ?? [];
      list.push(sym);
      sectionSyms.set(sym.section, list);
    } else locals.push(sym);
  }

  const sectionBlock: ObjSymbol[] = [];
  for (const s of sections) {
    const existing = sectionSyms.get(s.name);
    if (existing) sectionBlock.push(...existing);
    else if (!symbolNames.has(s.name) && ((sectionFlags(s) & SHF_ALLOC) !== 0n || referenced.has(s.name))) {
      sectionBlock.push(sectionSymbol(s));
    }
  }

  const known = new Set([...symbolNames, ...sectionBlock.map((s) => s.name)]);
  for (const name of referenced) {
    if (name === '' || known.has(name)) continue;
    known.add(name);
    globals.push({ name, binding: 'global', kind: 'notype', section: null, value: 0, size: 0 });
  }

  return {
    machine: obj.machine,
    sections,
    symbols: [...files, ...sectionBlock, ...locals, ...globals],
    signatures: obj.signatures,
    ...(obj.globalTypes ? { globalTypes: obj.globalTypes } : {}),
  };
}

function sectionSymbol(s: Section): ObjSymbol {
  return { name: s.name, binding: 'local', kind: 'section', section: s.name, value: 0, size: 0 };
}

function withoutGroupFlag(s: Section): Section {
  if (s.elfFlags === undefined || (s.elfFlags & SHF_GROUP) === 0n) return s;
  const flags = s.elfFlags & ~SHF_GROUP;
  const { elfFlags: _dropped, ...rest } = s;
  return flags === defaultSectionFlags(s.kind) ? rest : { ...rest, elfFlags: flags };
}
