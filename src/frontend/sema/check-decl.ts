// Declarations and definitions (C11 6.7, 6.9): typedefs, objects and
// functions at file and block scope, linkage (6.2.2), tentative definitions
// (6.9.2), redeclaration compatibility and composite types, and function
// definitions with their parameters.
//
// Input: AST Declaration / FunctionDef. Output: symbols in scopes, TGlobal
// and TFunction records in the context, and for block scope the `decl`
// statements that initialise automatic objects.
// Invariant: all declarations of a name with linkage share one symbol object
// (ctx.linked), whose type is the composite of the declarations seen.

import { allocateVlaObject, isVlaSized } from './vla.js';
import type { SourceLoc } from '../../diagnostics.js';
import type * as A from '../parse/ast.js';
import { nameRange, type SemaContext } from './context.js';
import { checkInitializer } from './check-init.js';
import { canFallThrough, checkBlockItems } from './check-stmt.js';
import { adjustParamType, applyDeclarator, attrName, attributeAlign, declareOrdinary, inliningOf, resolveSpecs, type ResolvedSpecs } from './check-types.js';
import { applyDeclVectorSize } from './vector.js';
import { applySymbolAttributes } from './symbol-attributes.js';
import {
  areCompatible, compositeType, DOUBLE, ERROR, INT, intRank, isComplete, isError, quoteType, unqualified, type CType,
} from './types.js';
import { castTo, rvalue } from './conversions.js';
import type { FuncSym, Linkage, TGlobal, TInit, TStmt, VarSym } from './typed.js';

function declaresTagOnly(d: A.Declaration): boolean {
  return d.declarators.length === 0 && d.specs.typeSpecs.length === 1 &&
    d.specs.typeSpecs[0]!.kind === 'record' && d.specs.typeSpecs[0]!.members === null;
}

function warnIfEmpty(ctx: SemaContext, d: A.Declaration): void {
  if (d.declarators.length > 0) return;
  const isTag = d.specs.typeSpecs.some((t) => t.kind === 'record' || t.kind === 'enum');
  if (!isTag) ctx.warning(d.loc, `declaration does not declare anything`);
}

export function checkFileDeclaration(ctx: SemaContext, d: A.Declaration): void {
  const rs = resolveSpecs(ctx, d.specs, declaresTagOnly(d));
  warnIfEmpty(ctx, d);
  if (rs.storage === 'auto' || rs.storage === 'register') {
    ctx.error(d.specs.loc, `illegal storage class on file-scoped variable`);
  }
  for (const id of d.declarators) {
    const decl = applyDeclVectorSize(ctx, applyDeclarator(ctx, rs.type, id.declarator), id.attributes);
    if (decl.name === null) continue;
    if (rs.storage === 'typedef') {
      declareTypedef(ctx, decl.name, alignedTypedef(ctx, decl.type, rs.explicitAlign, id.attributes), decl.loc);
      continue;
    }
    if (decl.type.kind === 'function') {
      if (id.init) ctx.error(id.loc, `illegal initializer (only variables can be initialized)`);
      const explicitAlign = requestedAlignment(ctx, rs.explicitAlign, id.attributes);
      const fn = declareFunction(ctx, decl.name, decl.type, { ...rs, explicitAlign, inlining: inliningOf(id.attributes, rs.inlining) }, decl.loc, false, id.asmLabel, hasGnuInline([...d.specs.attributes, ...id.attributes]));
      if (fn) applySymbolAttributes(ctx, fn, [...d.specs.attributes, ...id.attributes]);
      continue;
    }
    // `T x __attribute__((aligned(N)))`: the attribute after the declarator aligns the object too.
    declareFileObject(ctx, decl.name, decl.type, { ...rs, explicitAlign: requestedAlignment(ctx, rs.explicitAlign, id.attributes) }, id, decl.loc, d.specs.attributes);
  }
}

/** The alignment `aligned(N)` attributes ask for, in the specifiers or after the declarator (0: none). */
function requestedAlignment(ctx: SemaContext, specsAlign: number, attributes: readonly A.Attribute[]): number {
  let align = specsAlign;
  for (const a of attributes) if (attrName(a) === 'aligned') align = Math.max(align, attributeAlign(ctx, a));
  return align;
}

/** `typedef T name __attribute__((aligned(N)))`: the typedef's type carries alignment N (gcc). */
function alignedTypedef(ctx: SemaContext, type: CType, specsAlign: number, attributes: readonly A.Attribute[]): CType {
  const align = requestedAlignment(ctx, specsAlign, attributes);
  return align > 0 ? { ...type, alignAttr: align } : type;
}

function declareTypedef(ctx: SemaContext, name: string, type: CType, loc: SourceLoc): void {
  const prev = ctx.scope.ordinary.get(name);
  if (prev?.kind === 'typedef') {
    // C11 6.7p3 allows repeating a typedef with the same type.
    if (!areCompatible(prev.type, type)) {
      ctx.error(loc, `typedef redefinition with different types (${quoteType(type)} vs ${quoteType(prev.type)})`, [ctx.note(prev.loc, 'previous definition is here')]);
    }
    return;
  }
  declareOrdinary(ctx, name, { kind: 'typedef', name, type, loc });
}

/** Finds the earlier declaration with linkage of `name` that this one refers to (6.2.2p4). */
function previousLinked(ctx: SemaContext, name: string): VarSym | FuncSym | null {
  const visible = ctx.scope.lookup(name);
  if (visible && (visible.kind === 'var' || visible.kind === 'func') && visible.linkage !== 'none') return visible;
  return ctx.linked.get(name) ?? null;
}

function redeclarationClash(ctx: SemaContext, name: string, loc: SourceLoc): boolean {
  const here = ctx.scope.ordinary.get(name);
  if (here && here.kind !== 'var' && here.kind !== 'func') {
    ctx.error(loc, `redefinition of '${name}' as different kind of symbol`, [ctx.note(here.loc, 'previous definition is here')]);
    return true;
  }
  if (here && here.kind === 'var' && here.linkage === 'none') {
    ctx.error(loc, `redefinition of '${name}'`, [ctx.note(here.loc, 'previous definition is here')]);
    return true;
  }
  return false;
}

/** GNU `gnu_inline` (gcc "Common Function Attributes"): `inline` keeps its C90 GNU meaning on this declaration. */
function hasGnuInline(attributes: readonly A.Attribute[]): boolean {
  return attributes.some((a) => attrName(a) === 'gnu_inline');
}

export function declareFunction(
  ctx: SemaContext, name: string, type: CType, rs: ResolvedSpecs, loc: SourceLoc, isDefinition: boolean, asmLabel: string | null, isGnuInline = false,
): FuncSym | null {
  if (rs.storage === 'static' && !ctx.isFileScope) {
    ctx.error(loc, `function declared in block scope cannot have 'static' storage class`);
  }
  if (redeclarationClash(ctx, name, loc)) return null;
  const prev = previousLinked(ctx, name);
  if (prev && prev.kind === 'var') {
    ctx.error(loc, `redefinition of '${name}' as different kind of symbol`, [ctx.note(prev.loc, 'previous definition is here')]);
    return null;
  }
  let sym: FuncSym;
  if (prev) {
    sym = prev;
    if (!areCompatible(prev.type, type)) {
      ctx.error(nameRange(loc, name), `conflicting types for '${name}'`, [ctx.note(nameRange(prev.loc, name), 'previous declaration is here')]);
    } else {
      sym.type = compositeType(prev.type, type);
    }
    if (rs.storage === 'static' && prev.linkage === 'external') {
      ctx.error(loc, `static declaration of '${name}' follows non-static declaration`, [ctx.note(prev.loc, 'previous declaration is here')]);
    }
    if (isDefinition && prev.isDefined) {
      ctx.error(nameRange(loc, name), `redefinition of '${name}'`, [ctx.note(nameRange(prev.loc, name), 'previous definition is here')]);
    }
  } else {
    const linkage: Linkage = rs.storage === 'static' ? 'internal' : 'external';
    sym = { kind: 'func', name, type, linkage, irName: asmLabel ?? name, loc, isDefined: false, isUsed: false, isInline: rs.isInline && rs.storage !== 'extern' };
    ctx.linked.set(name, sym);
    ctx.symbols.push(sym);
  }
  // An inline definition (6.7.4p7) needs every declaration to say `inline` without `extern`.
  // Under gnu_inline the reverse: `extern inline` is for inlining only (no external definition),
  // plain `inline` is an external definition.
  if (isGnuInline) sym.isInline = rs.isInline && rs.storage === 'extern';
  else if (prev && (!rs.isInline || rs.storage === 'extern')) sym.isInline = false;
  if (isDefinition) sym.isDefined = true;
  if (rs.explicitAlign > 0) sym.explicitAlign = Math.max(sym.explicitAlign ?? 0, rs.explicitAlign);
  // noinline on any declaration wins over always_inline on another.
  if (rs.inlining !== null && sym.inlining !== 'never') sym.inlining = rs.inlining;
  ctx.scope.ordinary.set(name, sym);
  return sym;
}

function declareFileObject(ctx: SemaContext, name: string, type0: CType, rs: ResolvedSpecs, id: A.InitDeclarator, loc: SourceLoc, specAttributes: readonly A.Attribute[]): void {
  let type = type0;
  if (type.kind === 'void') {
    ctx.error(loc, `variable has incomplete type 'void'`);
    type = ERROR;
  }
  if (redeclarationClash(ctx, name, loc)) return;
  const prev = previousLinked(ctx, name);
  if (prev && prev.kind === 'func') {
    ctx.error(loc, `redefinition of '${name}' as different kind of symbol`, [ctx.note(prev.loc, 'previous definition is here')]);
    return;
  }
  let sym: VarSym;
  if (prev) {
    sym = prev;
    if (!areCompatible(prev.type, type)) {
      ctx.error(loc, `redefinition of '${name}' with a different type: ${quoteType(type)} vs ${quoteType(prev.type)}`, [ctx.note(prev.loc, 'previous definition is here')]);
      return;
    }
    sym.type = compositeType(prev.type, type);
    if (rs.storage === 'static' && prev.linkage === 'external') {
      ctx.error(loc, `static declaration of '${name}' follows non-static declaration`, [ctx.note(prev.loc, 'previous declaration is here')]);
    } else if (rs.storage === null && prev.linkage === 'internal') {
      ctx.error(loc, `non-static declaration of '${name}' follows static declaration`, [ctx.note(prev.loc, 'previous declaration is here')]);
    }
  } else {
    const linkage: Linkage = rs.storage === 'static' ? 'internal' : 'external';
    sym = {
      kind: 'var', name, type, storage: rs.storage === 'extern' ? 'extern' : 'static', linkage, irName: id.asmLabel ?? name, loc,
      isDefined: false, isUsed: false, explicitAlign: rs.explicitAlign, isThreadLocal: rs.isThreadLocal,
    };
    ctx.linked.set(name, sym);
    ctx.symbols.push(sym);
  }
  sym.explicitAlign = Math.max(sym.explicitAlign, rs.explicitAlign);
  ctx.scope.ordinary.set(name, sym);
  applySymbolAttributes(ctx, sym, [...specAttributes, ...id.attributes]);
  if (sym.gnu?.aliasOf !== undefined) {
    // The alias shares its target's storage: it has none of its own to initialise.
    if (id.init) ctx.error(loc, `'${name}' is an alias and cannot have an initializer`);
    return;
  }
  const isDefinition = id.init !== null || rs.storage !== 'extern';
  if (!isDefinition) return;
  let global = ctx.fileObjects.get(sym);
  if (id.init) {
    if (global?.init) {
      ctx.error(nameRange(loc, name), `redefinition of '${name}'`, [ctx.note(nameRange(sym.loc, name), 'previous definition is here')]);
      return;
    }
    if (rs.storage === 'extern') ctx.warning(loc, `'extern' variable has an initializer`);
    const checked = checkInitializer(ctx, sym.type, id.init, true);
    sym.type = checked.type;
    if (!global) {
      global = { sym, init: null };
      ctx.globals.push(global);
      ctx.fileObjects.set(sym, global);
    }
    global.init = checked.init;
  } else if (!global) {
    global = { sym, init: null };
    ctx.globals.push(global);
    ctx.fileObjects.set(sym, global);
  }
  // The object is defined here; an `extern` seen first does not keep it out of .data/.bss.
  (sym as { storage: VarSym['storage'] }).storage = 'static';
  sym.isDefined = true;
}

/** At the end of the unit: tentative definitions of incomplete type (6.9.2p2-3). */
export function finishTentativeDefinitions(ctx: SemaContext): void {
  for (const g of ctx.globals) {
    const t = g.sym.type;
    if (g.init === null && t.kind === 'array' && t.length === null) {
      ctx.warning(g.sym.loc, `array '${g.sym.name}' assumed to have one element`);
      g.sym.type = { ...t, length: 1 };
    } else if (!isComplete(t) && !isError(t)) {
      ctx.error(g.sym.loc, `tentative definition has type ${quoteType(t)} that is never completed`);
      g.sym.type = ERROR;
    }
  }
}

// ---------------------------------------------------------------- block scope

export function checkBlockDeclaration(ctx: SemaContext, d: A.Declaration): TStmt[] {
  const rs = resolveSpecs(ctx, d.specs, declaresTagOnly(d));
  warnIfEmpty(ctx, d);
  const out: TStmt[] = [];
  for (const id of d.declarators) {
    // VLA sizes are evaluated where the declarator is reached (6.8p3): their hidden declarations go first.
    const outerSink = ctx.vlaSink;
    ctx.vlaSink = out;
    const decl = applyDeclVectorSize(ctx, applyDeclarator(ctx, rs.type, id.declarator), id.attributes);
    ctx.vlaSink = outerSink;
    if (decl.name === null) continue;
    if (rs.storage === 'typedef') {
      declareTypedef(ctx, decl.name, alignedTypedef(ctx, decl.type, rs.explicitAlign, id.attributes), decl.loc);
      continue;
    }
    if (decl.type.kind === 'function') {
      declareFunction(ctx, decl.name, decl.type, { ...rs, inlining: inliningOf(id.attributes, rs.inlining) }, decl.loc, false, id.asmLabel);
      continue;
    }
    if (rs.storage === 'extern') {
      if (id.init) ctx.error(id.loc, `declaration of block scope identifier with linkage cannot have an initializer`);
      declareBlockExtern(ctx, decl.name, decl.type, rs, decl.loc);
      continue;
    }
    const s = declareLocal(ctx, decl.name, decl.type, { ...rs, explicitAlign: requestedAlignment(ctx, rs.explicitAlign, id.attributes) }, id, decl.loc);
    if (s) out.push(s);
  }
  return out;
}

function declareBlockExtern(ctx: SemaContext, name: string, type: CType, rs: ResolvedSpecs, loc: SourceLoc): void {
  if (redeclarationClash(ctx, name, loc)) return;
  const prev = previousLinked(ctx, name);
  if (prev) {
    if (prev.kind !== 'var' || !areCompatible(prev.type, type)) {
      ctx.error(nameRange(loc, name), `conflicting types for '${name}'`, [ctx.note(nameRange(prev.loc, name), 'previous declaration is here')]);
      return;
    }
    ctx.scope.ordinary.set(name, prev);
    return;
  }
  const sym: VarSym = {
    kind: 'var', name, type, storage: 'extern', linkage: 'external', irName: name, loc,
    isDefined: false, isUsed: false, explicitAlign: rs.explicitAlign, isThreadLocal: rs.isThreadLocal,
  };
  ctx.linked.set(name, sym);
  ctx.symbols.push(sym);
  ctx.scope.ordinary.set(name, sym);
}

/**
 * gcc "Local Register Variables": only their use as asm operands is
 * guaranteed; we honour exactly that (check-asm.ts pins the operand).
 */
function bindAsmRegister(ctx: SemaContext, sym: VarSym, label: string, isRegister: boolean, loc: SourceLoc): void {
  const reg = ctx.opts.asmDialect?.parseClobber(label) ?? null;
  if (!isRegister || reg === null || !ctx.opts.asmDialect!.isGeneralRegister(reg)) {
    ctx.error(loc, `invalid register name for '${sym.name}'`);
    return;
  }
  sym.asmRegister = reg;
}

function declareLocal(ctx: SemaContext, name: string, type0: CType, rs: ResolvedSpecs, id: A.InitDeclarator, loc: SourceLoc): TStmt | null {
  let type = type0;
  const isStatic = rs.storage === 'static';
  const isUnknownArray = type.kind === 'array' && type.length === null && !type.isVla && id.init !== null;
  if (!isError(type) && !isComplete(type) && !isUnknownArray) {
    ctx.error(nameRange(loc, name), `variable has incomplete type ${quoteType(type)}`);
    type = ERROR;
  }
  if (ctx.warnings.shadow && ctx.scope.parent) {
    const outer = ctx.scope.parent.lookup(name);
    if (outer && (outer.kind === 'var')) {
      ctx.warning(nameRange(loc, name), `declaration shadows a ${outer.linkage === 'none' ? 'local' : 'variable in the global scope'} variable`, [ctx.note(nameRange(outer.loc, outer.name), 'previous declaration is here')], 'shadow');
    }
  }
  const sym: VarSym = {
    kind: 'var', name, type, storage: isStatic ? 'static' : 'auto', linkage: 'none',
    irName: isStatic ? ctx.staticLocalName(name) : name, loc, isDefined: true, isUsed: false,
    explicitAlign: rs.explicitAlign, isThreadLocal: rs.isThreadLocal,
  };
  if (id.asmLabel !== null && !isStatic) bindAsmRegister(ctx, sym, id.asmLabel, rs.storage === 'register', loc);
  if (isVlaSized(type)) {
    if (isStatic) {
      ctx.error(nameRange(loc, name), `storage size of '${name}' isn't constant`);
    } else if (id.init) {
      ctx.error(id.init.loc, `variable-sized object may not be initialized`);
    } else {
      declareOrdinary(ctx, name, sym);
      return allocateVlaObject(ctx, sym, loc);
    }
    return null;
  }
  // The declarator's scope starts before its initializer (6.2.1p7): `int x = sizeof x;`.
  declareOrdinary(ctx, name, sym);
  ctx.fn?.locals.push(sym);
  let init = null;
  if (id.init && !isError(type)) {
    const checked = checkInitializer(ctx, type, id.init, isStatic);
    sym.type = checked.type;
    init = checked.init;
  }
  if (isStatic) {
    const g: TGlobal = { sym, init };
    ctx.globals.push(g);
    return null;
  }
  return { kind: 'decl', loc, sym, init };
}

// ---------------------------------------------------------------- function definitions (6.9.1)

export function checkFunctionDef(ctx: SemaContext, def: A.FunctionDef): void {
  const rs = resolveSpecs(ctx, def.specs);
  const decl = applyDeclarator(ctx, rs.type, def.declarator);
  if (decl.type.kind !== 'function' || decl.name === null) {
    if (!isError(decl.type)) ctx.error(def.loc, `expected a function declarator`);
    return;
  }
  if (rs.storage === 'typedef') {
    ctx.error(def.loc, `function definition declared 'typedef'`);
    return;
  }
  let fnType = decl.type;
  const paramDecls = decl.params ?? [];
  // K&R definition: parameter types come from the declarations before the body.
  const declaredOldStyle = new Map<string, CType>();
  if (!fnType.hasPrototype && def.declarator.kind !== 'ident') fnType = oldStyleType(ctx, def, fnType, declaredOldStyle);
  const ret = fnType.ret;
  if (ret.kind !== 'void' && !isComplete(ret) && !isError(ret)) {
    ctx.error(decl.loc, `incomplete result type ${quoteType(ret)} in function definition`);
  }
  const sym = declareFunction(ctx, decl.name, fnType, rs, decl.loc, true, def.asmLabel, hasGnuInline(def.specs.attributes));
  if (!sym) return;
  applySymbolAttributes(ctx, sym, def.specs.attributes);
  ctx.fn = { sym, retType: unqualified(ret), labels: new Map(), loopDepth: 0, switches: [], locals: [] };
  ctx.pushScope('block');
  try {
    const params: VarSym[] = [];
    const narrowing: TStmt[] = [];
    const vlaEntry: TStmt[] = [];
    fnType.params.forEach((p, i) => {
      const loc = paramDecls[i]?.loc ?? decl.loc;
      if (!isComplete(p.type) && !isError(p.type)) ctx.error(loc, `variable has incomplete type ${quoteType(p.type)}`);
      const declared = p.name ? declaredOldStyle.get(p.name) : undefined;
      // A K&R `char c` or `float f` arrives default-promoted (6.5.2.2p6, 6.9.1p10):
      // the promoted value lands in a hidden parameter and is converted into
      // a local of the declared type, so `c` sees only its declared range.
      const isNarrowed = declared !== undefined && !isError(declared) && declared !== p.type;
      const name = isNarrowed ? `.kr.${p.name}` : p.name ?? `.param${i}`;
      // Reuse the prototype's symbol: later parameters' VLA sizes refer to it (vla.ts).
      const v: VarSym = !isNarrowed && p.sym && p.sym.name === name ? p.sym : {
        kind: 'var', name, type: p.type, storage: 'param', linkage: 'none', irName: name, loc,
        isDefined: true, isUsed: isNarrowed, explicitAlign: 0, isThreadLocal: false,
      };
      params.push(v);
      if (p.vlaDecls) vlaEntry.push(...p.vlaDecls);
      if (isNarrowed) {
        const local: VarSym = {
          kind: 'var', name: p.name!, type: declared, storage: 'auto', linkage: 'none', irName: p.name!, loc,
          isDefined: true, isUsed: false, explicitAlign: 0, isThreadLocal: false,
        };
        declareOrdinary(ctx, p.name!, local);
        const incoming = rvalue({ kind: 'var', loc, type: p.type, sym: v });
        const init: TInit = { type: declared, loc, entries: [{ kind: 'expr', offset: 0, expr: castTo(incoming, unqualified(declared)), bitField: null }] };
        narrowing.push({ kind: 'decl', loc, sym: local, init });
      } else if (p.name) {
        declareOrdinary(ctx, p.name, v);
      }
    });
    // The body's outermost block shares the parameters' scope (6.2.1p4).
    const items = [...vlaEntry, ...narrowing, ...checkBlockItems(ctx, def.body.items)];
    const body: TStmt = { kind: 'compound', loc: def.body.loc, items };
    for (const l of ctx.fn.labels.values()) {
      if (l.defLoc === null && l.firstUseLoc) ctx.error(l.firstUseLoc, `use of undeclared label '${l.name}'`);
    }
    if (ctx.warnings.unusedVariable) {
      for (const v of ctx.fn.locals) if (!v.isUsed && !v.name.startsWith('.')) ctx.warning(nameRange(v.loc, v.name), `unused variable '${v.name}'`, [], 'unused-variable');
    }
    const isMain = decl.name === 'main';
    if (ctx.warnings.returnType && ret.kind !== 'void' && !isMain && !isError(ret) && canFallThrough(body)) {
      ctx.warning(def.body.endLoc, `non-void function does not return a value`, [], 'return-type');
    }
    const addressedLabels = [...ctx.fn.labels.values()].filter((l) => l.isAddressTaken && l.defLoc !== null);
    ctx.functions.push({ sym, params, body, loc: def.loc, ...(addressedLabels.length > 0 ? { addressedLabels } : {}) });
  } finally {
    ctx.popScope();
    ctx.fn = null;
  }
}

/** The function type of a K&R definition (parameters default-promoted); `declared` receives each parameter's declared type. */
function oldStyleType(ctx: SemaContext, def: A.FunctionDef, t: Extract<CType, { kind: 'function' }>, declared: Map<string, CType>): Extract<CType, { kind: 'function' }> {
  let node = def.declarator;
  while (node.kind !== 'function' && node.kind !== 'ident') node = node.inner;
  const names = node.kind === 'function' ? node.identifiers.map((x) => x.name) : [];
  const types = new Map<string, CType>();
  for (const d of def.oldStyleDecls) {
    const rs = resolveSpecs(ctx, d.specs);
    for (const id of d.declarators) {
      const x = applyDeclarator(ctx, rs.type, id.declarator);
      if (x.name === null) continue;
      if (!names.includes(x.name)) ctx.error(x.loc, `parameter named '${x.name}' is missing`);
      types.set(x.name, adjustParamType(x.type));
    }
  }
  // Unprototyped: callers pass default-promoted arguments (6.5.2.2p6), so a
  // `float` or `short` parameter arrives as double or int: the function type
  // has the promoted types; the body converts them back (checkFunctionDef).
  const promoted = (t0: CType): CType =>
    t0.kind === 'float' && t0.name === 'float' ? DOUBLE : t0.kind === 'int' && intRank(t0.name) < intRank('int') ? INT : t0;
  for (const [n, ty] of types) if (promoted(ty) !== ty) declared.set(n, ty);
  return { ...t, params: names.map((n) => ({ name: n, type: promoted(types.get(n) ?? INT) })), hasPrototype: false };
}
