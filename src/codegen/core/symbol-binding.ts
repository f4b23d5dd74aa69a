// How a definition appears in the object's symbol table: its ELF binding
// (local, global, or weak for GNU `weak`) and visibility (gABI "Symbol
// Visibility", from GNU `visibility(…)` or -fvisibility).
//
// Input: an IR function or global. Output: the ObjSymbol fields and the
// matching GNU as directives for -S. Local symbols carry no visibility.
// Also the module-level lists the linker reads: aliases (a second symbol at
// the target's address) and constructors / destructors (8-byte entries in
// `.init_array` / `.fini_array`, or `.init_array.NNNNN` with a priority,
// which GNU ld's default script sorts by number: gABI "Initialization and
// Termination Functions").

import type { IrModule, StartupFunction, SymbolAttrs } from '../../ir/ir.js';
import type { ObjSymbol, Section } from '../../link/object.js';
import { assert } from '../../diagnostics.js';

/** The object-file binding and visibility of a definition (GNU `weak`, `visibility`). */
export function symbolBinding(d: SymbolAttrs & { readonly linkage: string }): Pick<ObjSymbol, 'binding' | 'visibility'> {
  const binding = d.linkage !== 'export' ? 'local' : d.isWeak ? 'weak' : 'global';
  return d.visibility !== undefined && d.linkage === 'export' ? { binding, visibility: d.visibility } : { binding };
}

/** `.globl` / `.weak`, then `.hidden`…, for a definition in GNU as syntax. */
export function symbolDirectives(d: SymbolAttrs & { readonly name: string; readonly linkage: string }): string[] {
  const b = symbolBinding(d);
  if (b.binding === 'local') return [];
  return [`\t.${b.binding === 'weak' ? 'weak' : 'globl'} ${d.name}`, ...(b.visibility ? [`\t.${b.visibility} ${d.name}`] : [])];
}

/** Symbols for GNU aliases: each at its target's section and offset, with its own binding. */
export function aliasSymbols(module: IrModule, symbols: readonly ObjSymbol[]): ObjSymbol[] {
  const out: ObjSymbol[] = [];
  for (const a of module.aliases ?? []) {
    const t = symbols.find((s) => s.name === a.target && s.section !== null);
    assert(t !== undefined, `alias '${a.name}' names '${a.target}', which this module does not define`);
    out.push({ name: a.name, ...symbolBinding(a), kind: t.kind, section: t.section, value: t.value, size: t.size });
  }
  return out;
}

function arraySection(base: string, priority: number | null, fns: readonly StartupFunction[], absReloc64: number): Section {
  const name = priority === null ? base : `${base}.${String(priority).padStart(5, '0')}`;
  return {
    name, kind: base === '.init_array' ? 'init_array' : 'fini_array', align: 8,
    bytes: new Uint8Array(8 * fns.length), size: 8 * fns.length,
    relocs: fns.map((f, i) => ({ offset: 8 * i, type: absReloc64, symbol: f.name, addend: 0n })),
  };
}

/** `.init_array[.NNNNN]` and `.fini_array[.NNNNN]` sections for the module's constructors and destructors. */
export function startupSections(module: IrModule, absReloc64: number): Section[] {
  const out: Section[] = [];
  for (const [base, list] of [['.init_array', module.constructors], ['.fini_array', module.destructors]] as const) {
    const byPriority = new Map<number | null, StartupFunction[]>();
    for (const f of list ?? []) byPriority.set(f.priority, [...(byPriority.get(f.priority) ?? []), f]);
    for (const [priority, fns] of byPriority) out.push(arraySection(base, priority, fns, absReloc64));
  }
  return out;
}
