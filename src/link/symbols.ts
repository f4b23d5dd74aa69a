// Symbol lookup within one relocatable object: what a relocation's symbol
// name refers to, which names the object defines, and which it needs from
// elsewhere.
//
// Input: an ObjectFile. Output: a `SymbolIndex`.
// Invariants: relocations name their symbol (object.ts `Reloc.symbol`); a
// section symbol is named after its section, so a name that matches a
// section and no symbol is taken as that section's symbol (value 0). When a
// name has several entries, a definition beats an undefined reference and a
// global or weak definition beats a local one (ELF gABI "Symbol Table":
// within one object, names of globals are unique; locals may repeat, and a
// compiler renames static locals, e.g. gcc's `count.0`).

import type { ObjSymbol, ObjectFile } from './object.js';

export interface SymbolIndex {
  /** The entry a relocation naming `name` refers to, or undefined if the object has none. */
  lookup(name: string): ObjSymbol | undefined;
  /** Defined symbols by name (section and file symbols excluded), for exports. */
  readonly defined: ReadonlyMap<string, ObjSymbol>;
  /** Names referenced but not defined, in first-appearance order. */
  readonly undefinedNames: readonly string[];
}

export function isDefined(sym: ObjSymbol): boolean {
  return sym.section !== null || sym.commonAlign !== undefined;
}

export function isCommon(sym: ObjSymbol): boolean {
  return sym.section === null && sym.commonAlign !== undefined;
}

function rank(sym: ObjSymbol): number {
  if (!isDefined(sym)) return 0;
  if (sym.binding === 'local') return 1;
  return 2;
}

export function indexSymbols(obj: ObjectFile): SymbolIndex {
  const byName = new Map<string, ObjSymbol>();
  for (const sym of obj.symbols) {
    if (sym.kind === 'file' || sym.name === '') continue;
    const prev = byName.get(sym.name);
    if (prev === undefined || rank(sym) > rank(prev)) byName.set(sym.name, sym);
  }
  const sectionSymbols = new Map<string, ObjSymbol>();
  for (const sec of obj.sections) {
    if (!byName.has(sec.name) && !sectionSymbols.has(sec.name)) {
      sectionSymbols.set(sec.name, { name: sec.name, binding: 'local', kind: 'section', section: sec.name, value: 0, size: 0 });
    }
  }
  const defined = new Map<string, ObjSymbol>();
  const undefinedNames: string[] = [];
  for (const [name, sym] of byName) {
    if (sym.kind === 'section') continue;
    if (isDefined(sym)) defined.set(name, sym);
    else undefinedNames.push(name);
  }
  return {
    lookup: (name) => byName.get(name) ?? sectionSymbols.get(name),
    defined,
    undefinedNames,
  };
}
