// Merging several relocatable objects into one, as `ld -r` would: what lets
// `compile({ sources: { 'a.c': …, 'b.c': … } })` load several translation
// units as one module whose files call each other in any direction (loading
// them one by one could only resolve references to modules already loaded).
//
// Input: objects for the same machine, in command-line order. Output: one
// ObjectFile. Every section and local symbol of object i > 0 is renamed
// with an `i:` prefix, so two files' `.text` or `static int n` stay apart;
// relocations against them are renamed alike. A prefix (not a suffix)
// keeps `.init_array.<priority>` names meaning what they did.
// Global symbols keep their names: one definition wins over references, a
// strong definition over weak ones, the largest COMMON over smaller ones;
// two strong definitions are a LoadError naming the symbol (ELF gABI,
// "Symbol Table"; what ld reports as "multiple definition").

import type { ObjectFile, ObjSymbol, Section } from '../link/object.js';
import { isCommon, isDefined } from '../link/symbols.js';
import { LoadError } from './errors.js';

export function mergeObjects(objects: readonly ObjectFile[], names: readonly string[] = []): ObjectFile {
  if (objects.length === 1) return objects[0]!;
  if (objects.length === 0) throw new LoadError('no objects to merge');
  const machine = objects[0]!.machine;
  const sections: Section[] = [];
  const locals: ObjSymbol[] = [];
  const globals = new Map<string, { sym: ObjSymbol; from: number }>();
  const signatures = new Map(objects[0]!.signatures);
  const globalTypes = new Map(objects[0]!.globalTypes ?? []);
  const fileName = (i: number) => names[i] ?? `object ${i + 1}`;

  objects.forEach((obj, i) => {
    if (obj.machine !== machine) throw new LoadError(`cannot link ${fileName(i)} (${obj.machine}) with ${machine} objects`);
    const prefix = i === 0 ? '' : `${i}:`;
    const localNames = new Set<string>(obj.sections.map((s) => s.name));
    for (const s of obj.symbols) if (s.binding === 'local') localNames.add(s.name);
    const rename = (name: string) => (localNames.has(name) ? prefix + name : name);
    for (const sec of obj.sections) {
      sections.push({ ...sec, name: prefix + sec.name, relocs: sec.relocs.map((r) => ({ ...r, symbol: rename(r.symbol) })) });
    }
    for (const sym of obj.symbols) {
      const moved: ObjSymbol = { ...sym, name: sym.binding === 'local' ? prefix + sym.name : sym.name, section: sym.section === null ? null : prefix + sym.section };
      if (sym.binding === 'local') {
        locals.push(moved);
        continue;
      }
      const prev = globals.get(sym.name);
      if (prev === undefined || preferred(moved, prev.sym, sym.name, fileName(prev.from), fileName(i))) globals.set(sym.name, { sym: moved, from: i });
    }
    if (i > 0) {
      for (const [name, sig] of obj.signatures) if (!signatures.has(name)) signatures.set(name, sig);
      for (const [name, type] of obj.globalTypes ?? []) if (!globalTypes.has(name)) globalTypes.set(name, type);
    }
  });
  const dataInCode = objects.flatMap((obj, i) => (obj.dataInCode ?? []).map((d) => ({ ...d, section: (i === 0 ? '' : `${i}:`) + d.section })));
  return {
    machine,
    sections,
    symbols: [...locals, ...[...globals.values()].map((g) => g.sym)],
    signatures,
    ...(globalTypes.size > 0 ? { globalTypes } : {}),
    ...(dataInCode.length > 0 ? { dataInCode } : {}),
  };
}

/** Should `next` replace `prev` as the one entry for a global name? */
function preferred(next: ObjSymbol, prev: ObjSymbol, name: string, prevFile: string, nextFile: string): boolean {
  if (!isDefined(next)) return false;
  if (!isDefined(prev)) return true;
  if (isCommon(next) && isCommon(prev)) return next.size > prev.size;
  if (isCommon(next)) return false;
  if (isCommon(prev)) return true;
  if (next.binding === 'weak') return false;
  if (prev.binding === 'weak') return true;
  throw new LoadError(`multiple definition of '${name}' (in ${prevFile} and ${nextFile})`);
}
