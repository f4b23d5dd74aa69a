// Variable length arrays (C11 6.7.6.2p4-5): array types whose element count
// is a run-time value, and the objects of such types.
//
// Input: the checked size expression of an array declarator, or a VLA type
// met by sizeof / pointer arithmetic, or a block-scope VLA object.
// Output: typed-tree pieces that compute sizes at run time.
//
// Invariants:
//  - a VLA type's `vlaLength` is a long-typed expression giving its element
//    count. In a declaration (ctx.vlaSink set) the size expression is
//    evaluated once, where the declarator is reached (6.8p3), into a hidden
//    local whose load is the `vlaLength`; elsewhere (a type name in sizeof or
//    a cast) the expression itself is used;
//  - a VLA object `int a[n]` is a hidden pointer local (`isVlaStorage`)
//    initialised by a stack allocation; the name `a` denotes `*hidden`, an
//    lvalue of the VLA type, so decay, indexing and & work unchanged. The
//    memory is released when its block is left (lower-vla.ts).

import type { SourceLoc } from '../../diagnostics.js';
import type { SemaContext } from './context.js';
import { castTo } from './conversions.js';
import type { LabelSym, TExpr, TStmt, VarSym } from './typed.js';
import type { Scope } from './scope.js';
import { alignOf, arrayOf, LONG, pointerTo, sizeOf, SIZE_T, type CType, type FuncParam } from './types.js';

/** The array type `elem[size]` for a size that is not an integer constant expression. */
export function vlaArrayType(ctx: SemaContext, elem: CType, size: TExpr, loc: SourceLoc): CType {
  const count = castTo(size, LONG);
  if (ctx.vlaSink === null) return { ...arrayOf(elem, null, true), vlaLength: count } as CType;
  const sym = hiddenLocal(ctx, 'vla.len', LONG, loc);
  ctx.vlaSink.push({ kind: 'decl', loc, sym, init: { type: LONG, loc, entries: [{ kind: 'expr', offset: 0, expr: count, bitField: null }] } });
  const load: TExpr = { kind: 'load', loc, type: LONG, operand: { kind: 'var', loc, type: LONG, sym } };
  return { ...arrayOf(elem, null, true), vlaLength: load } as CType;
}

/** True for a variably modified type (6.7.6p3) whose size matters: an array with a VLA somewhere in it. */
export function isVlaSized(t: CType): boolean {
  if (t.kind !== 'array') return false;
  return t.isVla || isVlaSized(t.elem);
}

/** sizeof a type as a long-typed expression: run-time for VLA types (product of the counts), a constant otherwise. */
export function runtimeSizeOf(t: CType, loc: SourceLoc): TExpr {
  if (t.kind === 'array' && (t.isVla || isVlaSized(t.elem))) {
    const elemSize = runtimeSizeOf(t.elem, loc);
    const count: TExpr = t.isVla
      ? t.vlaLength ?? { kind: 'intConst', loc, type: LONG, value: 0n }
      : { kind: 'intConst', loc, type: LONG, value: BigInt(t.length ?? 0) };
    return { kind: 'binary', loc, type: LONG, op: 'mul', left: count, right: elemSize };
  }
  return { kind: 'intConst', loc, type: LONG, value: BigInt(sizeOf(t)) };
}

/** `sizeof` of a VLA type: size_t, computed at run time (6.5.3.4p2). */
export function vlaSizeofExpr(t: CType, loc: SourceLoc): TExpr {
  return castTo(runtimeSizeOf(t, loc), SIZE_T);
}

/** Scales a long index by a VLA pointee's run-time size, for pointer arithmetic with element size 1. */
export function scaleByVla(index: TExpr, pointee: CType): TExpr {
  return { kind: 'binary', loc: index.loc, type: LONG, op: 'mul', left: index, right: runtimeSizeOf(pointee, index.loc) };
}

/** The element count of a pointer difference whose pointee is a VLA: the byte difference divided by its size. */
export function vlaPtrDiff(byteDiff: TExpr, pointee: CType): TExpr {
  return { kind: 'binary', loc: byteDiff.loc, type: byteDiff.type, op: 'div', left: byteDiff, right: runtimeSizeOf(pointee, byteDiff.loc) };
}

/** `++p` / `p--` on a pointer to a VLA: `p += size`, postfix then steps the result back to the old value. */
export function vlaPointerIncDec(loc: SourceLoc, isInc: boolean, isPrefix: boolean, target: TExpr, pointee: CType): TExpr {
  const type = target.type.kind === 'pointer' ? { ...target.type, quals: 0 } : target.type;
  const one: TExpr = { kind: 'intConst', loc, type: LONG, value: 1n };
  const step = scaleByVla(one, pointee);
  const updated: TExpr = { kind: 'compoundAssign', loc, type, op: isInc ? 'add' : 'sub', target, value: step, computeType: type, elemSize: 1 };
  if (isPrefix) return updated;
  return { kind: 'ptrAdd', loc, type, isSub: isInc, ptr: updated, index: scaleByVla(one, pointee), elemSize: 1 };
}

/**
 * Makes `sym` (of VLA type) an object in stack memory allocated here: the
 * returned statement initialises its hidden pointer (6.2.4p7: the lifetime
 * starts at the declaration).
 */
export function allocateVlaObject(ctx: SemaContext, sym: VarSym, loc: SourceLoc): TStmt {
  const ptrType = pointerTo(sym.type);
  const storage = hiddenLocal(ctx, `${sym.name}.vla`, ptrType, loc);
  storage.isVlaStorage = true;
  sym.vlaStorage = storage;
  const align = Math.max(alignOf(sym.type), sym.explicitAlign, 1);
  const size = runtimeSizeOf(sym.type, loc);
  const alloc: TExpr = { kind: 'alloca', loc, type: ptrType, size, align };
  return { kind: 'decl', loc, sym: storage, init: { type: ptrType, loc, entries: [{ kind: 'expr', offset: 0, expr: alloc, bitField: null }] } };
}

/** The lvalue a VLA object's name denotes: `*hidden`. */
export function vlaObjectRef(sym: VarSym, loc: SourceLoc): TExpr {
  const storage = sym.vlaStorage!;
  const ptr: TExpr = { kind: 'load', loc, type: storage.type, operand: { kind: 'var', loc, type: storage.type, sym: storage } };
  return { kind: 'deref', loc, type: sym.type, operand: ptr };
}

/**
 * A parameter enters the prototype scope at the end of its declarator
 * (6.2.1p7) so later parameters' sizes can use it: `int n, int a[n]`. A
 * definition reuses this symbol, which the size expressions refer to.
 */
export function declarePrototypeParam(ctx: SemaContext, name: string | null, type: CType, loc: SourceLoc, vlaDecls: TStmt[]): FuncParam {
  if (name === null) return vlaDecls.length > 0 ? { name, type, vlaDecls } : { name, type };
  const sym: VarSym = {
    kind: 'var', name, type, storage: 'param', linkage: 'none', irName: name, loc,
    isDefined: true, isUsed: false, explicitAlign: 0, isThreadLocal: false,
  };
  if (!ctx.scope.ordinary.has(name)) ctx.scope.ordinary.set(name, sym);
  return { name, type, sym, vlaDecls };
}

// ---- goto into the scope of a variably modified object (6.8.6.1p1)

/** The variably modified locals visible at a label's definition. */
const labelVmSets = new WeakMap<LabelSym, ReadonlySet<VarSym>>();
/** Gotos met before their label's definition, with what was visible at each. */
const pendingGotos = new WeakMap<LabelSym, { readonly visible: ReadonlySet<VarSym>; readonly loc: SourceLoc }[]>();

/** At `goto label`: an error when the label (if already defined) lies in the scope of a VM object not visible here. */
export function checkVlaGoto(ctx: SemaContext, label: LabelSym, loc: SourceLoc): void {
  const visible = visibleVmLocals(ctx);
  const atLabel = labelVmSets.get(label);
  if (atLabel) {
    reportJumpIntoVm(ctx, atLabel, visible, loc);
    return;
  }
  const list = pendingGotos.get(label) ?? [];
  list.push({ visible, loc });
  pendingGotos.set(label, list);
}

/** At `label:`: records its VM scope and checks the gotos that came earlier. */
export function checkVlaLabel(ctx: SemaContext, label: LabelSym): void {
  const atLabel = visibleVmLocals(ctx);
  labelVmSets.set(label, atLabel);
  for (const g of pendingGotos.get(label) ?? []) reportJumpIntoVm(ctx, atLabel, g.visible, g.loc);
  pendingGotos.delete(label);
}

/** The variably modified locals visible at each switch statement. */
const switchVmSets = new WeakMap<object, ReadonlySet<VarSym>>();

export function noteVlaSwitch(ctx: SemaContext, switchState: object): void {
  switchVmSets.set(switchState, visibleVmLocals(ctx));
}

/** A case or default label in the scope of a VM object declared inside the switch body (6.8.4.2p2). */
export function checkVlaCase(ctx: SemaContext, switchState: object, loc: SourceLoc): void {
  const atSwitch = switchVmSets.get(switchState);
  if (!atSwitch) return;
  for (const v of visibleVmLocals(ctx)) {
    if (!atSwitch.has(v)) {
      ctx.error(loc, `switch jumps into scope of identifier with variably modified type`, [ctx.note(v.loc, `'${v.name}' declared here`)]);
      return;
    }
  }
}

function reportJumpIntoVm(ctx: SemaContext, atLabel: ReadonlySet<VarSym>, atGoto: ReadonlySet<VarSym>, loc: SourceLoc): void {
  for (const v of atLabel) {
    if (!atGoto.has(v)) {
      ctx.error(loc, `jump into scope of identifier with variably modified type`, [ctx.note(v.loc, `'${v.name}' declared here`)]);
      return;
    }
  }
}

function visibleVmLocals(ctx: SemaContext): ReadonlySet<VarSym> {
  const out = new Set<VarSym>();
  for (let s: Scope | null = ctx.scope; s; s = s.parent) {
    for (const e of s.ordinary.values()) {
      if (e.kind === 'var' && e.storage === 'auto' && isVariablyModified(e.type)) out.add(e);
    }
  }
  return out;
}

/** 6.7.6p3: the type contains a VLA type somewhere in its declarator chain. */
function isVariablyModified(t: CType): boolean {
  if (t.kind === 'array') return t.isVla || isVariablyModified(t.elem);
  if (t.kind === 'pointer') return isVariablyModified(t.to);
  return false;
}

function hiddenLocal(ctx: SemaContext, name: string, type: CType, loc: SourceLoc): VarSym {
  const sym: VarSym = {
    kind: 'var', name, type, storage: 'auto', linkage: 'none', irName: name, loc,
    isDefined: true, isUsed: true, explicitAlign: 0, isThreadLocal: false,
  };
  ctx.fn?.locals.push(sym);
  return sym;
}
