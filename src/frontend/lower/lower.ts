// Lowering entry point: typed translation unit → IR module.
//
// Input: a TypedUnit without errors. Output: an IrModule with one IrFunction
// per function definition, a GlobalVar per object with static storage (and
// per string literal), the external symbols it references, and the C
// prototype of every function with external linkage and the C type of every
// object with external linkage (for the loader's FFI).
// Invariant: every function satisfies the IR verifier (tests run it on all
// lowered fixtures).

import { checkDeadline } from '../../deadline.js';
import { assert } from '../../diagnostics.js';
import type { GlobalVar, IrFunction, IrModule } from '../../ir/ir.js';
import { forEachReference } from '../../ir/unreferenced.js';
import type { FfiFunctionType, FfiType } from '../../link/ctypes.js';
import type { FrontendOptions } from '../options.js';
import type { FuncSym, TFunction, TGlobal, TypedUnit, VarSym } from '../sema/typed.js';
import { FfiDescriber } from './ffi-signature.js';
import { FnLowerer, type ModuleState } from './lower-function.js';
import { lowerGlobal, StringPool } from './lower-global.js';
import { applySymbolAttrs, attrsOf } from './lower-symbol-attrs.js';

/**
 * Hands each function to the code generator as soon as it is lowered
 * (build.ts at -O0: the object is made function by function, so a
 * function's IR is garbage once its code is encoded, and the unit's IR
 * never lives all at once). `begin` gets, before the first function, the
 * definitions the unit can make (every function and object sema checked,
 * with the linkage and visibility lowering gives them), which is what the
 * code generator's module facts are made of; `function` gets each lowered
 * function with its symbol attributes applied, and may empty its body
 * afterwards: the module built here reads only its header.
 */
export interface FunctionStream {
  begin(outline: UnitOutline): void;
  function(fn: IrFunction): void;
}

/** What `moduleFacts` reads of a module, for the definitions a unit can make. */
export interface UnitOutline {
  readonly functions: readonly Pick<IrFunction, 'name' | 'linkage' | 'visibility'>[];
  readonly globals: readonly Pick<GlobalVar, 'name' | 'linkage' | 'visibility' | 'isThreadLocal'>[];
  readonly aliases: IrModule['aliases'];
  readonly signatures: IrModule['signatures'];
  readonly threadLocalExterns: readonly string[];
}

export function lowerTranslationUnit(unit: TypedUnit, opts: FrontendOptions, stream?: FunctionStream): IrModule {
  assert(!unit.hasErrors, 'lowering a translation unit with errors');
  const state: ModuleState = {
    target: opts.convention.target, convention: opts.convention, strings: new StringPool(), helpers: new Set(),
    // gcc: -ffp-contract=fast for the GNU dialects, off for ISO C (gcc manual, -ffp-contract).
    allowsContraction: opts.std.startsWith('gnu'),
  };
  const signatures = new Map<string, FfiFunctionType>();
  const globalTypes = new Map<string, FfiType>();
  const ffi = new FfiDescriber(state.target);
  for (const sym of unit.symbols) {
    if (sym.kind === 'func' && sym.linkage === 'external' && !sym.isInline && sym.type.kind === 'function') {
      signatures.set(sym.irName, ffi.fn(sym.type));
    }
    if (sym.kind === 'var' && sym.linkage === 'external' && sym.type.kind !== 'function') {
      globalTypes.set(sym.irName, ffi.type(sym.type));
    }
  }
  if (stream !== undefined) stream.begin(outlineOf(unit, opts, signatures));
  const { functions, globals, references } = lowerReachable(unit, state, opts, stream);
  const allGlobals = [...globals, ...state.strings.globals];
  const labels = functions.flatMap((f) => (f.labelAddresses ?? []).map((l) => l.name));
  const defined = new Set<string>([...functions.map((f) => f.name), ...allGlobals.map((g) => g.name), ...labels]);
  const externs: string[] = [];
  const lists = applySymbolAttrs(functions, globals, unit.symbols, opts);
  for (const a of lists.aliases) defined.add(a.name);
  for (const name of referencedSymbols(functions, references, allGlobals)) if (!defined.has(name)) externs.push(name);
  // A weak reference is kept even when unused, as gcc's object keeps the weak undefined symbol.
  for (const name of lists.weakExterns) if (!externs.includes(name)) externs.push(name);
  const module: IrModule = { functions, globals: allGlobals, externs, signatures, globalTypes };
  if (lists.aliases.length > 0) module.aliases = lists.aliases;
  if (lists.constructors.length > 0) module.constructors = lists.constructors;
  if (lists.destructors.length > 0) module.destructors = lists.destructors;
  if (lists.weakExterns.size > 0) module.weakExterns = [...lists.weakExterns];
  const externSet = new Set(externs);
  const tlsExterns = unit.symbols.filter((s) => s.kind === 'var' && s.isThreadLocal && externSet.has(s.irName)).map((s) => s.irName);
  if (tlsExterns.length > 0) module.threadLocalExterns = [...new Set(tlsExterns)];
  if (unit.fileAsm.length > 0) module.fileAsm = unit.fileAsm.map((a) => ({ text: a.text, loc: a.loc }));
  return module;
}

/**
 * Lowers the definitions the object needs, in source order: every function
 * and object with external linkage (or `__attribute__((used))`), and the
 * internal ones (static functions, C99 inline definitions, static objects,
 * static locals, file-scope compound literals) that needed code or data
 * refers to, transitively. Sema has checked them all (diagnostics do not
 * depend on use); unreferenced ones are never lowered, optimised or
 * emitted, as clang does at every level and gcc from -O1 (`#include
 * <stdlib.h>` alone defines __bswap_16, __bswap_32, … in every unit).
 */
function lowerReachable(unit: TypedUnit, state: ModuleState, opts: FrontendOptions, stream: FunctionStream | undefined):
  { functions: IrFunction[]; globals: GlobalVar[]; references: ReadonlyMap<IrFunction, readonly string[]> } {
  const fnByName = new Map(unit.functions.map((f) => [f.sym.irName, f]));
  const globalByName = new Map(unit.globals.map((g) => [g.sym.irName, g]));
  const loweredFns = new Map<TFunction, IrFunction>();
  const loweredGlobals = new Map<TGlobal, GlobalVar>();
  // What each function's code names, in order: the module's externs are
  // gathered from these once every function is lowered (and, streamed, gone).
  const references = new Map<IrFunction, string[]>();
  const symByIrName = stream !== undefined ? new Map(unit.symbols.map((s) => [s.irName, s])) : null;
  const queue: string[] = [];
  // Roots: what the object exports or must keep (`used`, constructors and
  // destructors, whose addresses go into .init_array/.fini_array), and alias targets.
  const isKept = (s: FuncSym | VarSym) => s.gnu !== undefined && (s.gnu.isKept === true || s.gnu.startup !== undefined || s.gnu.shutdown !== undefined);
  for (const f of unit.functions) if ((f.sym.linkage === 'external' && !f.sym.isInline) || isKept(f.sym)) queue.push(f.sym.irName);
  for (const g of unit.globals) if (g.sym.linkage === 'external' || isKept(g.sym)) queue.push(g.sym.irName);
  for (const s of unit.symbols) if (s.gnu?.aliasOf !== undefined) queue.push(s.gnu.aliasOf);
  const need = (name: string): void => {
    if (fnByName.has(name) || globalByName.has(name)) queue.push(name);
  };
  // First in, first out: the lowering order (and so the numbering of string literals) is deterministic.
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    const f = fnByName.get(name);
    if (f !== undefined && !loweredFns.has(f)) {
      checkDeadline();
      const ir = new FnLowerer(state, f).lower();
      loweredFns.set(f, ir);
      const names: string[] = [];
      forEachReference(ir, (n) => { names.push(n); need(n); });
      references.set(ir, names);
      if (stream !== undefined) {
        Object.assign(ir, attrsOf(symByIrName!.get(ir.name), ir.linkage === 'export', opts.defaultVisibility));
        stream.function(ir);
        // Lowered once and never read again: its checked body need not outlive its code.
        (f as { body: TFunction['body'] | null }).body = null;
      }
      continue;
    }
    const g = globalByName.get(name);
    if (g !== undefined && !loweredGlobals.has(g)) {
      const gv = lowerGlobal(g, state.target, state.strings);
      loweredGlobals.set(g, gv);
      for (const item of gv.init ?? []) if (item.kind === 'addr') need(item.name); else if (item.kind === 'labelDiff') { need(item.plus); need(item.minus); }
    }
  }
  return {
    functions: unit.functions.filter((f) => loweredFns.has(f)).map((f) => loweredFns.get(f)!),
    globals: unit.globals.filter((g) => loweredGlobals.has(g)).map((g) => loweredGlobals.get(g)!),
    references,
  };
}

/** Every symbol the code and data refer to, in first-reference order (deterministic output). */
function referencedSymbols(functions: readonly IrFunction[], references: ReadonlyMap<IrFunction, readonly string[]>, globals: readonly GlobalVar[]): string[] {
  const seen = new Set<string>();
  for (const fn of functions) for (const name of references.get(fn)!) seen.add(name);
  for (const g of globals) for (const item of g.init ?? []) if (item.kind === 'addr') seen.add(item.name); else if (item.kind === 'labelDiff') seen.add(item.plus).add(item.minus);
  return [...seen];
}

/**
 * Every definition the unit can make, as lowering and applySymbolAttrs
 * would make it (FnLowerer: a C99 inline definition is local; lowerGlobal),
 * for the code generator's facts while functions stream (FunctionStream).
 * Only what is reachable is lowered, but code names only what is.
 */
function outlineOf(unit: TypedUnit, opts: FrontendOptions, signatures: IrModule['signatures']): UnitOutline {
  const vis = opts.defaultVisibility;
  const functions = unit.functions.map((f) => {
    const isExported = f.sym.linkage === 'external' && !f.sym.isInline;
    return { name: f.sym.irName, linkage: isExported ? 'export' as const : 'local' as const, ...attrsOf(f.sym, isExported, vis) };
  });
  const globals = unit.globals.map((g) => {
    const isExported = g.sym.linkage === 'external';
    return { name: g.sym.irName, linkage: isExported ? 'export' as const : 'local' as const, ...attrsOf(g.sym, isExported, vis), ...(g.sym.isThreadLocal ? { isThreadLocal: true } : {}) };
  });
  const aliases = unit.symbols.filter((s) => s.gnu?.aliasOf !== undefined).map((s) => {
    const isExported = s.linkage === 'external';
    return { name: s.irName, linkage: isExported ? 'export' as const : 'local' as const, ...attrsOf(s, isExported, vis), target: s.gnu!.aliasOf! };
  });
  const threadLocalExterns = unit.symbols.filter((s) => s.kind === 'var' && s.isThreadLocal).map((s) => s.irName);
  return { functions, globals, aliases, signatures, threadLocalExterns };
}
