// Statements (C11 6.8): blocks and their scopes, selection and iteration
// statements, switch/case/default with value checks, labels and goto,
// break/continue placement, return value conversion.
//
// Input: AST statements inside a function (ctx.fn is set). Output: TStmt.
// Invariant: `case` labels are collected into the innermost switch, labels
// into the function; undefined labels are reported once per function by
// checkFunctionBody's caller.

import { checkDeadline } from '../../deadline.js';
import { checkVlaCase, checkVlaGoto, checkVlaLabel, noteVlaSwitch } from './vla.js';
import type * as A from '../parse/ast.js';
import type { SemaContext, SwitchState } from './context.js';
import { checkBlockDeclaration } from './check-decl.js';
import { checkCondition, checkValue, errorExpr } from './check-expr.js';
import { checkStaticAssert } from './check-types.js';
import { checkAsm } from './check-asm.js';
import { evalIntConst } from './const-eval.js';
import { castTo, convertForAssignment, promote } from './conversions.js';
import { isError, isInteger, quoteType, wrapInt, intNameOf, VOID } from './types.js';
import type { CaseLabel, LabelSym, TExpr, TStmt } from './typed.js';
import type { SourceLoc } from '../../diagnostics.js';

export function checkStmt(ctx: SemaContext, s: A.Stmt): TStmt {
  checkDeadline();
  switch (s.kind) {
    case 'compound': {
      ctx.pushScope('block');
      try {
        return { kind: 'compound', loc: s.loc, items: checkBlockItems(ctx, s.items) };
      } finally {
        ctx.popScope();
      }
    }
    case 'exprStmt':
      return s.expr ? { kind: 'expr', loc: s.loc, expr: checkValue(ctx, s.expr) } : { kind: 'empty', loc: s.loc };
    case 'if': {
      const cond = checkCondition(ctx, s.cond);
      const then = checkSubStmt(ctx, s.then);
      const els = s.else ? checkSubStmt(ctx, s.else) : null;
      return { kind: 'if', loc: s.loc, cond, then, else: els };
    }
    case 'while': {
      const cond = checkCondition(ctx, s.cond);
      return { kind: 'while', loc: s.loc, cond, body: loopBody(ctx, s.body) };
    }
    case 'doWhile': {
      const body = loopBody(ctx, s.body);
      return { kind: 'doWhile', loc: s.loc, body, cond: checkCondition(ctx, s.cond) };
    }
    case 'for': return checkFor(ctx, s);
    case 'switch': return checkSwitch(ctx, s);
    case 'case': return checkCase(ctx, s);
    case 'default': {
      const sw = ctx.fn!.switches.at(-1);
      if (!sw) {
        ctx.error(s.loc, `'default' statement not in switch statement`);
        return checkStmt(ctx, s.body);
      }
      const label: CaseLabel = { id: ctx.freshId(), value: 0n, high: 0n, loc: s.loc };
      checkVlaCase(ctx, sw, s.loc);
      if (sw.defaultLabel) ctx.error(s.loc, `multiple default labels in one switch`, [ctx.note(sw.defaultLabel.loc, 'previous case defined here')]);
      else sw.defaultLabel = label;
      return { kind: 'caseLabel', loc: s.loc, label, body: checkStmt(ctx, s.body) };
    }
    case 'label': {
      const label = labelNamed(ctx, s.name);
      if (label.defLoc) ctx.error(s.loc, `redefinition of label '${s.name}'`, [ctx.note(label.defLoc, 'previous definition is here')]);
      else label.defLoc = s.loc;
      checkVlaLabel(ctx, label);
      return { kind: 'label', loc: s.loc, label, body: checkStmt(ctx, s.body) };
    }
    case 'goto': {
      const label = labelNamed(ctx, s.label);
      label.firstUseLoc ??= s.loc;
      checkVlaGoto(ctx, label, s.loc);
      return { kind: 'goto', loc: s.loc, label };
    }
    case 'gotoExpr': {
      // GNU: the operand is any pointer (in practice a label address, void *).
      const target = checkValue(ctx, s.target);
      if (target.type.kind !== 'pointer' && !isError(target.type)) {
        ctx.error(s.target.loc, `computed goto needs a pointer, saw ${quoteType(target.type)}`);
        return { kind: 'empty', loc: s.loc };
      }
      return { kind: 'gotoExpr', loc: s.loc, target };
    }
    case 'break':
      if (ctx.fn!.loopDepth === 0 && ctx.fn!.switches.length === 0) ctx.error(s.loc, `'break' statement not in loop or switch statement`);
      return { kind: 'break', loc: s.loc };
    case 'continue':
      if (ctx.fn!.loopDepth === 0) ctx.error(s.loc, `'continue' statement not in loop statement`);
      return { kind: 'continue', loc: s.loc };
    case 'return': return checkReturn(ctx, s);
    case 'asm': return checkAsm(ctx, s);
    default:
      return s satisfies never;
  }
}

/** A statement that is the body of if/else/loop: `if (x) int y;` is not a declaration, so no scope handling is needed beyond blocks. */
function checkSubStmt(ctx: SemaContext, s: A.Stmt): TStmt {
  // C11 6.8.4p3, 6.8.5p5: each sub-statement is a block of its own.
  ctx.pushScope('block');
  try {
    return checkStmt(ctx, s);
  } finally {
    ctx.popScope();
  }
}

export function checkBlockItems(ctx: SemaContext, items: readonly A.BlockItem[]): TStmt[] {
  const out: TStmt[] = [];
  for (const item of items) {
    if (item.kind === 'declaration') out.push(...checkBlockDeclaration(ctx, item));
    else if (item.kind === 'staticAssert') checkStaticAssert(ctx, item);
    else out.push(checkStmt(ctx, item));
  }
  return out;
}

function loopBody(ctx: SemaContext, body: A.Stmt): TStmt {
  ctx.fn!.loopDepth++;
  // A loop body is not inside the enclosing switch for `break` purposes, but
  // `case` labels still belong to it; only loopDepth changes.
  try {
    return checkSubStmt(ctx, body);
  } finally {
    ctx.fn!.loopDepth--;
  }
}

function checkFor(ctx: SemaContext, s: Extract<A.Stmt, { kind: 'for' }>): TStmt {
  ctx.pushScope('block'); // 6.8.5p5: the for statement is a block
  try {
    let init: TStmt | null = null;
    if (s.init?.kind === 'declaration') {
      const decls = checkBlockDeclaration(ctx, s.init);
      init = { kind: 'compound', loc: s.init.loc, items: decls };
    } else if (s.init) {
      init = { kind: 'expr', loc: s.init.loc, expr: checkValue(ctx, s.init) };
    }
    const cond = s.cond ? checkCondition(ctx, s.cond) : null;
    const step = s.step ? checkValue(ctx, s.step) : null;
    return { kind: 'for', loc: s.loc, init, cond, step, body: loopBody(ctx, s.body) };
  } finally {
    ctx.popScope();
  }
}

function checkSwitch(ctx: SemaContext, s: Extract<A.Stmt, { kind: 'switch' }>): TStmt {
  let value = checkValue(ctx, s.value);
  if (!isError(value.type) && !isInteger(value.type)) {
    ctx.error(s.value.loc, `statement requires expression of integer type (${quoteType(value.type)} invalid)`);
    value = errorExpr(s.value.loc);
  }
  if (!isError(value.type)) value = promote(value);
  const state = { cases: [] as CaseLabel[], defaultLabel: null as CaseLabel | null, valueType: value.type };
  const fn = ctx.fn!;
  fn.switches.push(state);
  noteVlaSwitch(ctx, state);
  const savedLoops = fn.loopDepth;
  try {
    const body = checkSubStmt(ctx, s.body);
    return { kind: 'switch', loc: s.loc, value, body, cases: state.cases, defaultLabel: state.defaultLabel };
  } finally {
    fn.switches.pop();
    fn.loopDepth = savedLoops;
  }
}

function checkCase(ctx: SemaContext, s: Extract<A.Stmt, { kind: 'case' }>): TStmt {
  const sw = ctx.fn!.switches.at(-1);
  if (!sw) {
    ctx.error(s.loc, `'case' statement not in switch statement`);
    return checkStmt(ctx, s.body);
  }
  const low = caseValue(ctx, s.value, sw.valueType);
  const high = s.high ? caseValue(ctx, s.high, sw.valueType) : low;
  const label: CaseLabel = { id: ctx.freshId(), value: low ?? 0n, high: high ?? 0n, loc: s.loc };
  checkVlaCase(ctx, sw, s.loc);
  if (low !== null && high !== null) {
    if (high < low) ctx.warning(s.loc, `empty case range specified`);
    const dup = caseIndexOf(sw).firstOverlap(low, high);
    if (dup) ctx.error(s.value.loc, `duplicate case value '${dup.value > low ? dup.value : low}'`, [ctx.note(dup.loc, 'previous case defined here')]);
    else if (high >= low) caseIndexOf(sw).add(label);
  }
  return { kind: 'caseLabel', loc: s.loc, label, body: checkStmt(ctx, s.body) };
}

/**
 * The case labels of one switch, indexed so a duplicate is found without
 * comparing with every earlier label (a switch of n cases was O(n²)): single
 * values in a map, GNU ranges `lo ... hi` (few in practice) in a list.
 */
class CaseIndex {
  private readonly singles = new Map<bigint, number>();
  private readonly ranges: number[] = [];
  constructor(private readonly sw: SwitchState) {}

  add(label: CaseLabel): void {
    const at = this.sw.cases.length;
    this.sw.cases.push(label);
    if (label.value === label.high) this.singles.set(label.value, at);
    else this.ranges.push(at);
  }

  /** The earliest label overlapping [low, high] (as a scan in order would find it), or undefined. */
  firstOverlap(low: bigint, high: bigint): CaseLabel | undefined {
    let first = Infinity;
    for (const at of this.ranges) {
      const c = this.sw.cases[at]!;
      if (c.value <= high && low <= c.high && at < first) first = at;
    }
    if (low === high) {
      const at = this.singles.get(low);
      if (at !== undefined && at < first) first = at;
    } else if (low < high) {
      if (high - low < BigInt(this.singles.size)) {
        for (let v = low; v <= high; v++) {
          const at = this.singles.get(v);
          if (at !== undefined && at < first) first = at;
        }
      } else {
        for (const [v, at] of this.singles) if (low <= v && v <= high && at < first) first = at;
      }
    }
    return first === Infinity ? undefined : this.sw.cases[first];
  }
}

const caseIndexes = new WeakMap<SwitchState, CaseIndex>();

function caseIndexOf(sw: SwitchState): CaseIndex {
  let index = caseIndexes.get(sw);
  if (index === undefined) {
    index = new CaseIndex(sw);
    caseIndexes.set(sw, index);
  }
  return index;
}

/** A case value: an integer constant expression converted to the promoted controlling type (6.8.4.2p3,5). */
function caseValue(ctx: SemaContext, e: A.Expr, type: import('./types.js').CType): bigint | null {
  const v = checkValue(ctx, e);
  if (isError(v.type)) return null;
  const n = isInteger(v.type) ? evalIntConst(v, ctx.target) : null;
  if (n === null) {
    ctx.error(e.loc, `expression is not an integer constant expression`);
    return null;
  }
  return isError(type) ? n : wrapInt(n, intNameOf(type), ctx.target);
}

/** GNU `&&name`: marks the label's address as taken; the label must be defined in the function. */
export function takeLabelAddress(ctx: SemaContext, name: string, loc: SourceLoc): LabelSym {
  const label = labelNamed(ctx, name);
  label.firstUseLoc ??= loc;
  label.isAddressTaken = true;
  return label;
}

function labelNamed(ctx: SemaContext, name: string): LabelSym {
  const labels = ctx.fn!.labels;
  let l = labels.get(name);
  if (!l) {
    l = { name, id: ctx.freshId(), defLoc: null, firstUseLoc: null, symbol: `.L${ctx.fn!.sym.irName}.${name}`, isAddressTaken: false };
    labels.set(name, l);
  }
  return l;
}

function checkReturn(ctx: SemaContext, s: Extract<A.Stmt, { kind: 'return' }>): TStmt {
  const fn = ctx.fn!;
  const ret = fn.retType;
  if (s.value === null) {
    if (ret.kind !== 'void' && !isError(ret)) ctx.error(s.loc, `non-void function '${fn.sym.name}' should return a value`);
    return { kind: 'return', loc: s.loc, value: null };
  }
  const v = checkValue(ctx, s.value);
  if (ret.kind === 'void') {
    if (v.type.kind !== 'void' && !isError(v.type)) ctx.error(s.loc, `void function '${fn.sym.name}' should not return a value`);
    // `return f();` with f void is allowed by gcc as an extension; evaluate it for its effects.
    return { kind: 'compound', loc: s.loc, items: [{ kind: 'expr', loc: s.loc, expr: v }, { kind: 'return', loc: s.loc, value: null }] };
  }
  if (isError(v.type) || isError(ret)) return { kind: 'return', loc: s.loc, value: errorExpr(s.loc, ret) };
  const converted = convertForAssignment(ctx, v, ret, { kind: 'return' }, s.value.loc);
  return { kind: 'return', loc: s.loc, value: converted };
}

/** GNU `({ ... })`: a block whose last expression statement gives the value. */
export function checkGnuStatementExpr(ctx: SemaContext, e: Extract<A.Expr, { kind: 'stmtExpr' }>): TExpr {
  if (!ctx.fn) {
    ctx.error(e.loc, `statement expression not allowed at file scope`);
    return errorExpr(e.loc);
  }
  ctx.pushScope('block');
  try {
    const items = e.body.items;
    const last = items.at(-1);
    const hasResult = last !== undefined && last.kind === 'exprStmt' && last.expr !== null;
    const body = checkBlockItems(ctx, hasResult ? items.slice(0, -1) : items);
    const result = hasResult ? checkValue(ctx, (last as Extract<A.Stmt, { kind: 'exprStmt' }>).expr!) : null;
    const type = result ? result.type : VOID;
    return { kind: 'stmtExpr', loc: e.loc, type, body, result: result && castTo(result, type) };
  } finally {
    ctx.popScope();
  }
}

/** Can control reach the end of `s`? Conservative: true unless it certainly cannot. */
export function canFallThrough(s: TStmt): boolean {
  switch (s.kind) {
    case 'return': case 'goto': return false;
    case 'compound': {
      // A label after a return makes the rest reachable again.
      let reachable = true;
      for (const item of s.items) {
        if (!reachable && !startsWithLabel(item)) continue;
        reachable = canFallThrough(item);
      }
      return reachable;
    }
    case 'if': return s.else === null || canFallThrough(s.then) || canFallThrough(s.else);
    case 'while': case 'for': {
      const cond = s.kind === 'while' ? s.cond : s.cond;
      const isForever = cond === null || (cond.kind === 'intConst' && cond.value !== 0n);
      return !isForever || containsBreak(s.body);
    }
    case 'doWhile': {
      const isForever = s.cond.kind === 'intConst' && s.cond.value !== 0n;
      return (!isForever && true) || containsBreak(s.body);
    }
    case 'switch': return s.defaultLabel === null || containsBreak(s.body) || canFallThrough(s.body);
    case 'label': case 'caseLabel': return canFallThrough(s.body);
    case 'expr': return !(s.expr.kind === 'call' && s.expr.callee.kind === 'decay' && s.expr.callee.operand.kind === 'func' && isNoReturn(s.expr.callee.operand.sym.name));
    default: return true;
  }
}

function isNoReturn(name: string): boolean {
  return name === 'abort' || name === 'exit' || name === '_Exit' || name === '__builtin_unreachable' || name === '__builtin_trap';
}

function startsWithLabel(s: TStmt): boolean {
  return s.kind === 'label' || s.kind === 'caseLabel';
}

/** Does `s` contain a `break` that leaves `s` itself (not a nested loop or switch)? */
function containsBreak(s: TStmt): boolean {
  switch (s.kind) {
    case 'break': return true;
    case 'compound': return s.items.some(containsBreak);
    case 'if': return containsBreak(s.then) || (s.else !== null && containsBreak(s.else));
    case 'label': case 'caseLabel': return containsBreak(s.body);
    default: return false;
  }
}
