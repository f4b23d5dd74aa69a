// Initializers (C11 6.7.9): braced lists with brace elision and designators,
// string literals for character arrays, and scalar initializers, flattened
// into (offset, value) entries; also compound literals (6.5.2.5), which are
// an object plus an initializer.
//
// Input: the object's type and the AST initializer. Output: a TInit whose
// entries are converted to the member types; an array of unknown size gets
// its length from the initializer (6.7.9p22).
// Invariant: for objects with static storage every entry is a constant
// (checked here, so lowering can evaluate without diagnosing).

import { checkDeadline } from '../../deadline.js';
import type { SourceLoc } from '../../diagnostics.js';
import type * as A from '../parse/ast.js';
import type { SemaContext } from './context.js';
import { checkValue, errorExpr } from './check-expr.js';
import { checkTypeName } from './check-types.js';
import { findMember } from './check-types.js';
import { evalConst, evalIntConst } from './const-eval.js';
import { convertForAssignment } from './conversions.js';
import { complexConstantEntries, isComplexType } from './complex.js';
import { areCompatible, arrayOf, isComplete, isError, isScalar, quoteType, sizeOf, tagSpelling, unqualified, type CType, type RecordMember } from './types.js';
import type { InitEntry, TExpr, TInit, VarSym } from './typed.js';
import { InitOverrides } from './init-overrides.js';
import { checkConstantRun } from './check-init-run.js';

export interface CheckedInit {
  /** The object's type, completed when it was an array of unknown size. */
  readonly type: CType;
  readonly init: TInit;
}

/**
 * The largest object with static storage an initializer may fill: its bytes
 * are built in memory (one typed array) and written into the object file.
 * gcc writes a 5 GB object for `static char a[5000000000] = {1}`; we refuse
 * with a diagnostic rather than fail inside the code generator.
 */
const MAX_INITIALIZED_BYTES = 2 ** 31 - 1;

export function checkInitializer(ctx: SemaContext, type: CType, init: A.Initializer, isStatic: boolean): CheckedInit {
  const b = new InitBuilder(ctx, isStatic, type);
  let t = type;
  if (t.kind === 'array' && t.length === null && !t.isVla) {
    const length = b.unknownLengthArray(t, init);
    t = { ...arrayOf(t.elem, length), quals: t.quals };
  } else {
    b.object(t, 0, init);
  }
  if (isStatic && isComplete(t) && sizeOf(t) > MAX_INITIALIZED_BYTES) {
    ctx.error(init.loc, `initialized object of ${sizeOf(t)} bytes is too large: jitcc builds initialized data in memory, up to ${MAX_INITIALIZED_BYTES} bytes per object (without an initializer it may be larger)`);
  }
  return { type: t, init: { type: t, entries: b.overrides.result(), loc: init.loc } };
}

export function checkCompoundLiteral(ctx: SemaContext, e: Extract<A.Expr, { kind: 'compoundLiteral' }>): TExpr {
  const type = checkTypeName(ctx, e.type);
  if (isError(type)) return errorExpr(e.loc);
  if (type.kind === 'array' && type.isVla) {
    ctx.error(e.loc, `compound literal has variable-length array type`);
    return errorExpr(e.loc);
  }
  const isStatic = ctx.fn === null;
  const checked = checkInitializer(ctx, type, e.init, isStatic);
  if (!isComplete(checked.type)) {
    ctx.error(e.loc, `variable has incomplete type ${quoteType(checked.type)}`);
    return errorExpr(e.loc);
  }
  const name = ctx.compoundLiteralName();
  const sym: VarSym = {
    kind: 'var', name, type: checked.type, storage: isStatic ? 'static' : 'auto', linkage: 'none', irName: name,
    loc: e.loc, isDefined: true, isUsed: true, explicitAlign: 0, isThreadLocal: false,
  };
  if (isStatic) ctx.globals.push({ sym, init: checked.init });
  return { kind: 'compoundLiteral', loc: e.loc, type: checked.type, sym, init: checked.init };
}

/** `"abc"` or `("abc")` — a string literal that may initialise a character array (6.7.9p14). */
function stringLiteralOf(init: A.Initializer): A.StringLit | null {
  if (init.kind === 'initExpr' && init.expr.kind === 'string') return init.expr;
  // A run holds numbers only (and reading its items would build them).
  if (init.kind === 'initList' && init.run !== undefined) return null;
  // `char s[] = {"abc"}` is allowed too.
  if (init.kind === 'initList' && init.items.length === 1 && init.items[0]!.designators.length === 0) {
    const only = init.items[0]!.init;
    if (only.kind === 'initExpr' && only.expr.kind === 'string') return only.expr;
  }
  return null;
}

function isCharArray(t: CType): boolean {
  return t.kind === 'array' && t.elem.kind === 'int' && (sizeOf(t.elem) === 1 || sizeOf(t.elem) === 2 || sizeOf(t.elem) === 4);
}

class InitBuilder {
  /** The entries in list order; which survive later ones is decided once, at the end (init-overrides.ts). */
  readonly overrides = new InitOverrides();
  /**
   * @param outermost the type of the whole object: only its own flexible array member may be initialized
   *   (a GNU extension for static objects; the object's storage grows to hold the elements, sizeof does not).
   */
  constructor(private readonly ctx: SemaContext, private readonly isStatic: boolean, private readonly outermost: CType) {}

  /**
   * GNU: in a static initializer, a compound literal of the object's own type
   * stands for its brace-enclosed list (`struct P p = (struct P){1, 2};`,
   * also as a member of an outer list), since the literal's value is itself
   * constant. Returns that list, or null for any other initializer.
   */
  private literalAsList(t: CType, init: A.Initializer): A.Initializer | null {
    if (!this.isStatic || init.kind !== 'initExpr' || init.expr.kind !== 'compoundLiteral') return null;
    const lt = checkTypeName(this.ctx, init.expr.type);
    const target = unqualified(t);
    const literal = unqualified(lt);
    const isSameArray = target.kind === 'array' && literal.kind === 'array' && areCompatible(unqualified(target.elem), unqualified(literal.elem)) &&
      (target.length === null || literal.length === null || target.length === literal.length);
    if (!isSameArray && !areCompatible(target, literal)) return null;
    return init.expr.init;
  }

  /** Initialises `int a[] = …`: returns the number of elements the initializer gives. */
  unknownLengthArray(t: Extract<CType, { kind: 'array' }>, init0: A.Initializer): number {
    const init = this.literalAsList(t, init0) ?? init0;
    const s = stringLiteralOf(init);
    if (s && isCharArray(t)) {
      this.string(t.elem, 0, s, s.units.length + 1);
      return s.units.length + 1;
    }
    if (init.kind !== 'initList') {
      this.ctx.error(init.loc, `array initializer must be an initializer list`);
      return 1;
    }
    if (this.run(t, 0, init)) return init.run!.values.length;
    return this.list(t, 0, init.items, { index: 0 }, true);
  }

  /** Initialises the object of type `t` at `offset` from one initializer. */
  object(t: CType, offset: number, init0: A.Initializer): void {
    if (isError(t)) return;
    const init = this.literalAsList(t, init0) ?? init0;
    if (t.kind === 'array') {
      const s = stringLiteralOf(init);
      if (s && isCharArray(t)) {
        this.string(t.elem, offset, s, t.length ?? s.units.length + 1);
        return;
      }
      if (init.kind !== 'initList') {
        this.ctx.error(init.loc, `array initializer must be an initializer list`);
        return;
      }
      if (t.length !== null) this.clear(offset, sizeOf(t));
      if (this.run(t, offset, init)) return;
      this.list(t, offset, init.items, { index: 0 }, true);
      return;
    }
    if (t.kind === 'record' || t.kind === 'vector') {
      // A vector takes braces like an array of its elements (missing ones are zero), or a vector value.
      if (init.kind === 'initList') {
        this.clear(offset, sizeOf(t));
        this.list(t, offset, init.items, { index: 0 }, true);
        return;
      }
      this.scalar(t, offset, init.expr, null, init.loc);
      return;
    }
    if (init.kind === 'initList') {
      // A scalar in braces (6.7.9p11); `{}` is zero (C23, GNU).
      if (init.items.length === 0) return;
      const first = init.items[0]!;
      if (init.items.length > 1) this.ctx.warning(init.items[1]!.loc, `excess elements in scalar initializer`);
      this.object(t, offset, first.init);
      return;
    }
    this.scalar(t, offset, init.expr, null, init.loc);
  }

  /**
   * The array `t` at `offset` from a constant run in one entry, when the
   * run fits the array and every value is exact in its element type
   * (check-init-run.ts); false leaves the list to the general path.
   */
  private run(t: Extract<CType, { kind: 'array' }>, offset: number, init: A.InitList): boolean {
    const run = init.run;
    if (run === undefined || (t.length !== null && run.values.length > t.length)) return false;
    const entry = checkConstantRun(t.elem, offset, run, this.ctx.target);
    if (entry === null) return false;
    checkDeadline();
    this.add(entry);
    return true;
  }

  private string(elem: CType, offset: number, s: A.StringLit, length: number): void {
    const unitSize = sizeOf(elem);
    const expected = s.prefix === '' || s.prefix === 'u8' ? 1 : s.prefix === 'u' ? 2 : 4;
    if (expected !== unitSize) {
      this.ctx.error(s.loc, `initializing wide char array with non-wide string literal`);
      return;
    }
    if (s.units.length > length) this.ctx.warning(s.loc, `initializer-string for char array is too long`);
    // A copy only when the array cuts the literal short (a 10 MB literal is 10M units).
    const units = s.units.length > length ? s.units.slice(0, length) : s.units;
    this.add({ kind: 'string', offset, units, unitSize, length });
  }

  private scalar(t: CType, offset: number, expr: A.Expr, bitField: RecordMember | null, loc: SourceLoc): void {
    const v = checkValue(this.ctx, expr);
    if (isError(v.type)) return;
    const converted = convertForAssignment(this.ctx, v, unqualified(t), { kind: 'initialization' }, expr.loc ?? loc);
    if (converted.kind === 'error') return;
    const isAggregateValue = t.kind === 'record' || t.kind === 'vector';
    if (this.isStatic && !isAggregateValue && evalConst(converted, this.ctx.target) === null) {
      this.ctx.error(expr.loc, `initializer element is not a compile-time constant`);
      return;
    }
    const complexParts = this.isStatic ? complexConstantEntries(converted, offset, this.ctx.target) : null;
    if (complexParts !== null) {
      for (const part of complexParts) this.add(part);
      return;
    }
    if (this.isStatic && isAggregateValue) {
      this.ctx.error(expr.loc, `initializer element is not a compile-time constant`);
      return;
    }
    this.add({ kind: 'expr', offset, expr: converted, bitField });
  }

  private add(entry: InitEntry): void {
    this.overrides.add(entry);
  }

  /** A later initializer replaces the whole subobject [offset, offset + size) (6.7.9p19). */
  private clear(offset: number, size: number): void {
    this.overrides.clear(offset, size);
  }

  /**
   * Fills the aggregate `t` from `items` starting at `cursor.index`. With
   * `isBraced` false (brace elision, 6.7.9p20) it stops once `t` is full;
   * designators then belong to the enclosing list — except the first
   * item's when `isDesignated`: the rest of a designation such as
   * `[i][j] = x`, continued inside element i. Returns the number of array
   * elements covered (for arrays of unknown size). `lead` replaces one
   * item's designators (the rest of its designation, or none once applied),
   * so a nested designation or brace elision reads the list in place rather
   * than copying it (which made long lists quadratic).
   */
  list(t: CType, offset: number, items: readonly A.InitItem[], cursor: { index: number }, isBraced: boolean, isDesignated = false, lead: Lead | null = null): number {
    const slots = this.slotsOf(t);
    if (slots === null) return 0;
    let pos = 0;
    let maxPos = 0;
    const first = cursor.index;
    const designatorsAt = (i: number) => (lead !== null && i === lead.at ? lead.designators : items[i]!.designators);
    while (cursor.index < items.length) {
      checkDeadline();
      const item = items[cursor.index]!;
      const designators = designatorsAt(cursor.index);
      if (designators.length > 0) {
        if (!isBraced && !(isDesignated && cursor.index === first)) break;
        const d = designators[0]!;
        const found = this.designate(t, d);
        if (found === null) { cursor.index++; continue; }
        // GNU `[lo ... hi] = v` gives every element of the range the same initializer.
        const last = this.rangeEnd(t, d, found);
        const next = { index: cursor.index + 1 };
        for (pos = found; pos <= last; pos++) {
          const slot = slots.at(pos);
          // Items after the designated one continue only after the range's
          // last element (as gcc): the others get the designated item alone.
          const isLast = pos === last;
          const scope = isLast ? items : [item];
          const start = isLast ? cursor.index : 0;
          const isInAnonymous = d.kind === 'field' && t.kind === 'record' && slot.type.kind === 'record' &&
            !memberIndex(t.info.members ?? []).has(d.name);
          if (isInAnonymous || designators.length > 1) {
            // `.x = v` where x is a member of an anonymous struct/union: the
            // whole designation applies inside the anonymous member; `.a.b = v`
            // and `[i][j] = v`: the rest of it applies inside member a or
            // element i. Either way the items that follow without designators
            // continue inside that subobject, after the designated one, until
            // it is full (6.7.9p17, p20): `[1][1] = x, y` puts y at [1][2].
            const inner: Lead = { at: start, designators: isInAnonymous ? designators : designators.slice(1) };
            const from = { index: start };
            this.list(slot.type, offset + slot.offset, scope, from, false, true, inner);
            if (isLast) next.index = Math.max(from.index, cursor.index + 1);
          } else {
            const from = { index: start };
            this.member(slot, offset, scope, from);
            if (isLast) next.index = Math.max(from.index, cursor.index + 1);
          }
        }
        cursor.index = next.index;
        maxPos = Math.max(maxPos, pos);
        if (t.kind === 'record' && t.info.isUnion && !isBraced) break;
        continue;
      }
      if (!slots.has(pos)) {
        if (!isBraced) break;
        this.ctx.warning(item.loc, `excess elements in ${t.kind === 'array' ? 'array' : t.kind === 'vector' ? 'vector' : t.kind === 'record' && t.info.isUnion ? 'union' : 'struct'} initializer`);
        cursor.index = items.length;
        break;
      }
      const before = cursor.index;
      this.member(slots.at(pos), offset, items, cursor);
      // Every step consumes at least one item, so malformed input cannot loop.
      if (cursor.index === before) cursor.index++;
      pos++;
      maxPos = Math.max(maxPos, pos);
      if (t.kind === 'record' && t.info.isUnion) {
        if (!isBraced) break;
        if (cursor.index < items.length && designatorsAt(cursor.index).length === 0) {
          this.ctx.warning(items[cursor.index]!.loc, `excess elements in union initializer`);
          cursor.index = items.length;
        }
      }
    }
    return maxPos;
  }

  /** Initialises one element or member from the item at the cursor (brace elision when it is not braced). */
  private member(slot: Slot, offset: number, items: readonly A.InitItem[], cursor: { index: number }): void {
    const item = items[cursor.index]!;
    if (slot.type.kind === 'array' && slot.type.length === null && !this.isStatic) {
      this.ctx.error(item.loc, `non-static initialization of a flexible array member`);
      cursor.index++;
      return;
    }
    const at = offset + slot.offset;
    const t = slot.type;
    const isAggregate = t.kind === 'array' || t.kind === 'record' || t.kind === 'vector';
    if (!isAggregate || item.init.kind === 'initList') {
      if (slot.bitField && item.init.kind === 'initExpr') this.scalar(t, at, item.init.expr, slot.bitField, item.loc);
      else this.object(t, at, item.init);
      cursor.index++;
      return;
    }
    // Unbraced initializer for an aggregate member: a string for a char array,
    // a struct value of the member's type, or brace elision.
    if (t.kind === 'array' && isCharArray(t) && stringLiteralOf(item.init)) {
      this.object(t, at, item.init);
      cursor.index++;
      return;
    }
    if (isComplexType(t) && item.init.kind === 'initExpr') {
      // A complex member takes one arithmetic value, like a scalar (6.7.9p11).
      this.scalar(t, at, item.init.expr, null, item.loc);
      cursor.index++;
      return;
    }
    const literal = this.literalAsList(t, item.init);
    if (literal !== null) {
      this.object(t, at, literal);
      cursor.index++;
      return;
    }
    if ((t.kind === 'record' || t.kind === 'vector') && item.init.kind === 'initExpr') {
      const v = checkValue(this.ctx, item.init.expr);
      if ((v.type.kind === 'record' && t.kind === 'record' && v.type.info === t.info) || (t.kind === 'vector' && v.type.kind === 'vector')) {
        if (this.isStatic) this.ctx.error(item.init.expr.loc, `initializer element is not a compile-time constant`);
        else this.add({ kind: 'expr', offset: at, expr: v, bitField: null });
        cursor.index++;
        return;
      }
      // Not the member's struct type: brace elision re-checks the expression below.
    }
    // The designation (if any) has been applied: the item starts the elided list.
    this.list(t, at, items, cursor, false, false, { at: cursor.index, designators: [] });
  }

  /** The position a designator names, or null after a diagnostic. */
  /** The last index a designator covers: `low` itself, or the `hi` of a GNU range `[lo ... hi]`. */
  private rangeEnd(t: CType, d: A.Designator, low: number): number {
    if (d.kind !== 'index' || d.high === null || t.kind !== 'array') return low;
    const v = evalIntConst(checkValue(this.ctx, d.high), this.ctx.target);
    if (v === null) {
      this.ctx.error(d.high.loc, `expression is not an integer constant expression`);
      return low;
    }
    if (v < BigInt(low)) {
      this.ctx.error(d.high.loc, `empty index range in initializer`);
      return low;
    }
    if (t.length !== null && v >= BigInt(t.length)) {
      this.ctx.error(d.high.loc, `array designator index (${v}) exceeds array bounds (${t.length})`);
      return low;
    }
    return Number(v);
  }

  private designate(t: CType, d: A.Designator): number | null {
    if (d.kind === 'field') {
      if (t.kind !== 'record') {
        this.ctx.error(d.loc, `field designator cannot initialize a non-struct, non-union type ${quoteType(t)}`);
        return null;
      }
      const members = t.info.members ?? [];
      const i = memberIndex(members).get(d.name);
      if (i !== undefined) return namedIndex(members, i);
      // A member of an anonymous struct/union: designate the anonymous member.
      const j = members.findIndex((m) => m.name === null && m.type.kind === 'record' && findMember(m.type.info, d.name));
      if (j >= 0) return namedIndex(members, j);
      this.ctx.error(d.loc, `field designator '${d.name}' does not refer to any field in type '${tagSpelling(t)}'`);
      return null;
    }
    if (t.kind !== 'array') {
      this.ctx.error(d.loc, `array designator cannot initialize non-array type ${quoteType(t)}`);
      return null;
    }
    const v = evalIntConst(checkValue(this.ctx, d.index), this.ctx.target);
    if (v === null) {
      this.ctx.error(d.index.loc, `expression is not an integer constant expression`);
      return null;
    }
    if (v < 0n || (t.length !== null && v >= BigInt(t.length))) {
      this.ctx.error(d.index.loc, `array designator index (${v}) exceeds array bounds (${t.length})`);
      return null;
    }
    return Number(v);
  }

  private slotsOf(t: CType): Slots | null {
    if (t.kind === 'vector') {
      const elemSize = sizeOf(t.elem);
      return { has: (i) => i < t.length, at: (i) => ({ type: t.elem, offset: i * elemSize, bitField: null }) };
    }
    if (t.kind === 'array') {
      const elemSize = sizeOf(t.elem);
      return {
        has: (i) => t.length === null || i < t.length,
        at: (i) => ({ type: t.elem, offset: i * elemSize, bitField: null }),
      };
    }
    if (t.kind === 'record') {
      // Unnamed bit-fields take no part in initialization (6.7.9p9).
      const members = (t.info.members ?? []).filter((m) => m.name !== null || m.bitWidth === null);
      const mayFillFlexible = t === this.outermost;
      return {
        has: (i) => i < members.length && (mayFillFlexible || !(members[i]!.type.kind === 'array' && members[i]!.type.length === null)),
        at: (i) => {
          const m = members[i]!;
          return { type: m.type, offset: m.offset, bitField: m.bitWidth !== null ? m : null };
        },
      };
    }
    if (isScalar(t)) return null;
    return null;
  }
}

/** The position of member `i` among the members that take part in initialization. */
function namedIndex(members: readonly RecordMember[], i: number): number {
  let positions = namedPositions.get(members);
  if (positions === undefined) {
    positions = [];
    let n = 0;
    for (const m of members) {
      positions.push(n);
      if (m.name !== null || m.bitWidth === null) n++;
    }
    namedPositions.set(members, positions);
  }
  return positions[i]!;
}

const namedPositions = new WeakMap<readonly RecordMember[], number[]>();

/** The designators one item of a list is read with, instead of its own (see `list`). */
interface Lead {
  readonly at: number;
  readonly designators: readonly A.Designator[];
}

/** Member name → index in `members`, built once per member list (field designators look members up by name). */
const memberIndexes = new WeakMap<readonly RecordMember[], Map<string, number>>();

function memberIndex(members: readonly RecordMember[]): Map<string, number> {
  let index = memberIndexes.get(members);
  if (index === undefined) {
    index = new Map();
    members.forEach((m, i) => { if (m.name !== null && !index!.has(m.name)) index!.set(m.name, i); });
    memberIndexes.set(members, index);
  }
  return index;
}

interface Slot {
  readonly type: CType;
  readonly offset: number;
  readonly bitField: RecordMember | null;
}

interface Slots {
  has(i: number): boolean;
  at(i: number): Slot;
}
