// GNU symbol attributes and -fvisibility onto the IR: visibility, weak,
// section and used on definitions; aliases; constructor and destructor lists; weak
// undefined references.
//
// Input: the lowered functions and globals, the unit's symbols with their
// `gnu` records (sema/symbol-attributes.ts), and the -fvisibility default.
// Output: the IR records updated in place, and the module-level lists.
// Invariant: only definitions with external linkage get a visibility (gcc:
// -fvisibility applies to definitions, `static` ones are local anyway).

import type { GlobalVar, IrAlias, IrFunction, StartupFunction, SymbolAttrs } from '../../ir/ir.js';
import type { FrontendOptions } from '../options.js';
import type { FuncSym, VarSym } from '../sema/typed.js';

export interface LinkerLists {
  aliases: IrAlias[];
  constructors: StartupFunction[];
  destructors: StartupFunction[];
  /** Undefined symbols declared `weak`: a missing definition leaves them null instead of failing the link. */
  weakExterns: Set<string>;
}

/** The attributes a definition's symbol gives its IR record (exported: external linkage, not a C99 inline definition). */
export function attrsOf(sym: VarSym | FuncSym | undefined, isExported: boolean, defaultVisibility: FrontendOptions['defaultVisibility']): SymbolAttrs {
  const out: SymbolAttrs = {};
  const gnu = sym?.gnu;
  if (gnu?.isWeak && isExported) out.isWeak = true;
  if (gnu?.section !== undefined) out.section = gnu.section;
  if (gnu?.isKept === true) out.isUsed = true;
  const v = gnu?.visibility ?? defaultVisibility ?? 'default';
  if (isExported && v !== 'default') out.visibility = v;
  return out;
}

export function applySymbolAttrs(functions: IrFunction[], globals: GlobalVar[], symbols: readonly (VarSym | FuncSym)[], opts: FrontendOptions): LinkerLists {
  const byIrName = new Map(symbols.map((s) => [s.irName, s]));
  for (const fn of functions) Object.assign(fn, attrsOf(byIrName.get(fn.name), fn.linkage === 'export', opts.defaultVisibility));
  for (const g of globals) Object.assign(g, attrsOf(byIrName.get(g.name), g.linkage === 'export', opts.defaultVisibility));
  const defined = new Set([...functions.map((f) => f.name), ...globals.map((g) => g.name)]);
  const lists: LinkerLists = { aliases: [], constructors: [], destructors: [], weakExterns: new Set() };
  for (const s of symbols) {
    const gnu = s.gnu;
    if (gnu === undefined) continue;
    if (gnu.aliasOf !== undefined) {
      const isExported = s.linkage === 'external';
      lists.aliases.push({ name: s.irName, linkage: isExported ? 'export' : 'local', ...attrsOf(s, isExported, opts.defaultVisibility), target: gnu.aliasOf });
      continue;
    }
    if (gnu.startup && defined.has(s.irName)) lists.constructors.push({ name: s.irName, priority: gnu.startup.priority });
    if (gnu.shutdown && defined.has(s.irName)) lists.destructors.push({ name: s.irName, priority: gnu.shutdown.priority });
    if (gnu.isWeak && !defined.has(s.irName)) lists.weakExterns.add(s.irName);
  }
  return lists;
}
