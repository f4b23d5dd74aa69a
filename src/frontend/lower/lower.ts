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
import type { FfiFunctionType, FfiType } from '../../link/ctypes.js';
import type { FrontendOptions } from '../options.js';
import type { TypedUnit } from '../sema/typed.js';
import { ffiFunctionType, ffiObjectType } from './ffi-signature.js';
import { FnLowerer, type ModuleState } from './lower-function.js';
import { lowerGlobal, StringPool } from './lower-global.js';
import { applySymbolAttrs } from './lower-symbol-attrs.js';

export function lowerTranslationUnit(unit: TypedUnit, opts: FrontendOptions): IrModule {
  assert(!unit.hasErrors, 'lowering a translation unit with errors');
  const state: ModuleState = { target: opts.convention.target, convention: opts.convention, strings: new StringPool(), helpers: new Set() };
  const functions = unit.functions.map((f) => {
    checkDeadline();
    return new FnLowerer(state, f).lower();
  });
  const globals = unit.globals.map((g) => lowerGlobal(g, state.target, state.strings));
  const allGlobals = [...globals, ...state.strings.globals];
  const defined = new Set<string>([...functions.map((f) => f.name), ...allGlobals.map((g) => g.name)]);
  const externs: string[] = [];
  const signatures = new Map<string, FfiFunctionType>();
  const globalTypes = new Map<string, FfiType>();
  for (const sym of unit.symbols) {
    if (sym.kind === 'func' && sym.linkage === 'external' && !sym.isInline && sym.type.kind === 'function') {
      signatures.set(sym.irName, ffiFunctionType(sym.type, state.target));
    }
    if (sym.kind === 'var' && sym.linkage === 'external' && sym.type.kind !== 'function') {
      globalTypes.set(sym.irName, ffiObjectType(sym.type, state.target));
    }
  }
  const lists = applySymbolAttrs(functions, globals, unit.symbols, opts);
  for (const a of lists.aliases) defined.add(a.name);
  for (const name of referencedSymbols(functions, allGlobals)) if (!defined.has(name)) externs.push(name);
  // A weak reference is kept even when unused, as gcc's object keeps the weak undefined symbol.
  for (const name of lists.weakExterns) if (!externs.includes(name)) externs.push(name);
  const module: IrModule = { functions, globals: allGlobals, externs, signatures, globalTypes };
  if (lists.aliases.length > 0) module.aliases = lists.aliases;
  if (lists.constructors.length > 0) module.constructors = lists.constructors;
  if (lists.destructors.length > 0) module.destructors = lists.destructors;
  if (lists.weakExterns.size > 0) module.weakExterns = [...lists.weakExterns];
  if (unit.fileAsm.length > 0) module.fileAsm = unit.fileAsm.map((a) => ({ text: a.text, loc: a.loc }));
  return module;
}

/** Every symbol the code and data refer to, in first-reference order (deterministic output). */
function referencedSymbols(functions: readonly IrFunction[], globals: readonly GlobalVar[]): string[] {
  const seen = new Set<string>();
  for (const fn of functions) {
    for (const blk of fn.blocks) {
      for (const inst of blk.insts) for (const a of inst.args) if (a.kind === 'global') seen.add(a.name);
    }
  }
  for (const g of globals) for (const item of g.init ?? []) if (item.kind === 'addr') seen.add(item.name);
  return [...seen];
}
