// Long initializer lists of plain numbers, kept compact: `{ 1, -2, 0x3f,
// 4.5f, … }` as typed arrays instead of an AST node (and later a typed
// node and an initializer entry) per element.
//
// Why: generated C embeds data this way (xxd -i, lookup tables, model
// weights), with millions of elements on one line (issue 11). Each element
// as ordinary nodes cost about 450 bytes and a few microseconds in the
// parser and sema; as a run it costs 17 bytes here, and sema hands the same
// value array to lowering when every value fits the element type
// (sema/check-init-run.ts).
//
// Input: the tokens right after a `{`. A list is a run when it has at least
// MIN_RUN_LENGTH elements, every element is a number token, possibly
// negated by a `-` written right before it, and the list ends with `}`
// (after an optional trailing comma): no designators, no nested braces, no
// expressions. All its tokens come from one file and no macro expansion, so
// each element's location is a line and a column. Only literals whose value
// parsing cannot get wrong are accepted: well-formed integer constants whose
// value is exact as a double and decimal floating constants; anything else
// (suffixes other than u/l, binary or hex floats, `-` before an unsigned
// constant…) leaves the list to the ordinary grammar, which also reports any
// mistake.
//
// Output: a ConstantRun. `runItems` rebuilds the ordinary list items from it
// for every use other than sema's fast path (a list for a struct, brace
// elision, excess elements…): the same values and locations, with each
// literal's text spelled canonically (the value in its radix), which only
// `printAst` shows.

import type { SourceLoc } from '../../diagnostics.js';
import type { Expr, InitItem, InitList } from './ast.js';

/** Shorter lists are cheap as ordinary nodes, and most small lists in tests keep the ordinary path. */
export const MIN_RUN_LENGTH = 16;

/** What `flags` holds per element. */
const RADIX_MASK = 3; // 0: decimal, 1: hex, 2: octal
const NEGATED = 4;
const UNSIGNED = 8;
const LONGS_SHIFT = 4; // two bits: 0, 1 or 2 'l's
const DOUBLE_LITERAL = 64;
const FLOAT_LITERAL = 128; // `f` suffix

export interface ConstantRun {
  /** Each element's value, negation applied; a floating literal with an `f` suffix is rounded to float. */
  readonly values: Float64Array;
  /** Per element: radix, sign, suffix and literal kind (the constants above). */
  readonly flags: Uint8Array;
  /** Line and column of each element's first token (its `-` when negated). */
  readonly lines: Int32Array;
  readonly cols: Int32Array;
  readonly file: string;
  /** Range of the integer elements' values (0 and 0 without any). */
  readonly intMin: number;
  readonly intMax: number;
  /** Has any floating literal; the largest magnitude among them. */
  readonly hasFloating: boolean;
  readonly floatMaxAbs: number;
}

/** The token fields a run reads. */
export interface RunToken {
  readonly image: string;
  readonly loc?: SourceLoc;
}

/** The token kinds that matter to a run, as the parser classifies them. */
export const enum RunTokenKind { Number, Minus, Comma, RBrace, Other }

const plainDecimal = /^[1-9][0-9]*(?:[uU]?(?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU])$/;
const plainHex = /^0[xX][0-9a-fA-F]+(?:[uU]?(?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU])$/;
const plainOctal = /^0[0-7]*(?:[uU]?(?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU])$/;
const decimalFloat = /^(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][+-]?[0-9]+)?[fF]?$/;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The result of `literal` for plain decimal and hex constants, reused (it is read before the next call). */
const plain = { value: 0, flags: 0 };

/** Value and flags of one literal, or null when the ordinary grammar must read it. */
function literal(text: string): { value: number; flags: number } | null {
  // Most elements are short plain decimals: read them without a regular expression.
  const n = text.length;
  if (n <= 15) {
    let value = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    if (i === n && (text.charCodeAt(0) !== 48 || n === 1)) {
      plain.value = value;
      plain.flags = n === 1 && value === 0 ? 2 : 0; // a lone 0 is octal (6.4.4.1p1)
      return plain;
    }
    // xxd -i writes 0x1f.
    if (i === 1 && n > 2 && n <= 15 && value === 0 && (text.charCodeAt(1) | 0x20) === 120) {
      let hex = 0;
      for (i = 2; i < n; i++) {
        const d = hexDigit(text.charCodeAt(i));
        if (d < 0) break;
        hex = hex * 16 + d;
      }
      if (i === n) {
        plain.value = hex;
        plain.flags = 1;
        return plain;
      }
    }
  }
  let radix = -1;
  if (plainDecimal.test(text)) radix = 0;
  else if (plainHex.test(text)) radix = 1;
  else if (plainOctal.test(text)) radix = 2;
  if (radix >= 0) {
    const suffix = /[uUlL]*$/.exec(text)![0];
    const digits = text.slice(radix === 1 ? 2 : 0, text.length - suffix.length);
    const value = parseInt(digits, radix === 0 ? 10 : radix === 1 ? 16 : 8);
    if (!Number.isSafeInteger(value)) return null;
    const longs = suffix.replace(/[uU]/, '').length;
    return { value, flags: radix | (/[uU]/.test(suffix) ? UNSIGNED : 0) | (longs << LONGS_SHIFT) };
  }
  if (!decimalFloat.test(text)) return null;
  const isFloat = /[fF]$/.test(text);
  const value = Number(isFloat ? text.slice(0, -1) : text);
  return { value: isFloat ? Math.fround(value) : value, flags: isFloat ? FLOAT_LITERAL : DOUBLE_LITERAL };
}

/**
 * Reads a run from the tokens after a `{`: `token(k)` is the k-th token
 * ahead (1 = the first after the brace) and `kind` classifies it. Returns
 * the run and the number of tokens it spans (its closing `}` included), or
 * null when the list is not a run.
 */
export function scanConstantRun<T extends RunToken>(token: (k: number) => T, kind: (t: T) => RunTokenKind): { run: ConstantRun; tokenCount: number } | null {
  const first = token(1);
  const file = first.loc?.file;
  if (file === undefined) return null;
  let capacity = 64;
  let values = new Float64Array(capacity);
  let flags = new Uint8Array(capacity);
  let lines = new Int32Array(capacity);
  let cols = new Int32Array(capacity);
  let n = 0;
  let hasInt = false;
  let intMin = 0;
  let intMax = 0;
  let hasFloating = false;
  let floatMaxAbs = 0;
  let k = 1;
  for (;;) {
    let t = token(k);
    const start = t.loc;
    if (start === undefined || start.file !== file || start.expandedFrom !== undefined) return null;
    let isNegated = false;
    if (kind(t) === RunTokenKind.Minus) {
      t = token(k + 1);
      // `-` right before its number: then the number's column is known from the sign's.
      if (t.loc === undefined || t.loc.expandedFrom !== undefined || t.loc.file !== file || t.loc.line !== start.line || t.loc.col !== start.col + 1) return null;
      isNegated = true;
      k++;
    }
    if (kind(t) !== RunTokenKind.Number) return null;
    const lit = literal(t.image);
    if (lit === null) return null;
    const isFloating = (lit.flags & (DOUBLE_LITERAL | FLOAT_LITERAL)) !== 0;
    // Negating an unsigned constant wraps (6.2.5p9): leave that to sema's general path.
    if (isNegated && !isFloating && !isSignedInt(lit.value, lit.flags)) return null;
    const value = isNegated ? (lit.value === 0 && !isFloating ? 0 : -lit.value) : lit.value;
    if (n === capacity) {
      capacity *= 2;
      values = grow(values, new Float64Array(capacity));
      flags = grow(flags, new Uint8Array(capacity));
      lines = grow(lines, new Int32Array(capacity));
      cols = grow(cols, new Int32Array(capacity));
    }
    values[n] = value;
    flags[n] = lit.flags | (isNegated ? NEGATED : 0);
    lines[n] = start.line;
    cols[n] = start.col;
    if (isFloating) {
      hasFloating = true;
      floatMaxAbs = Math.max(floatMaxAbs, Math.abs(value));
    } else if (!hasInt) {
      hasInt = true;
      intMin = value;
      intMax = value;
    } else {
      intMin = Math.min(intMin, value);
      intMax = Math.max(intMax, value);
    }
    n++;
    k++;
    const next = kind(token(k));
    if (next === RunTokenKind.Comma) {
      k++;
      if (kind(token(k)) === RunTokenKind.RBrace) break;
      continue;
    }
    if (next === RunTokenKind.RBrace) break;
    return null;
  }
  if (n < MIN_RUN_LENGTH) return null;
  const run: ConstantRun = {
    values: values.slice(0, n), flags: flags.slice(0, n), lines: lines.slice(0, n), cols: cols.slice(0, n),
    file, intMin, intMax, hasFloating, floatMaxAbs,
  };
  return { run, tokenCount: k };
}

function grow<A extends Float64Array | Uint8Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/** Is an integer constant of this value and suffix of a signed type (6.4.4.1p5), so that `-` does not wrap? */
function isSignedInt(value: number, flags: number): boolean {
  if ((flags & UNSIGNED) !== 0) return false;
  // Decimal constants are always signed; a hex or octal one is while it fits int (or long).
  if ((flags & RADIX_MASK) === 0) return true;
  const longs = (flags >> LONGS_SHIFT) & 3;
  return longs === 0 ? value <= 0x7fffffff || value > 0xffffffff : true;
}

/**
 * The list node of a run. Its `items` are built from the run on first
 * read, so code that knows nothing of runs sees an ordinary list.
 */
export function runList(loc: SourceLoc, run: ConstantRun): InitList {
  let items: InitItem[] | null = null;
  return {
    kind: 'initList', loc, run,
    get items(): InitItem[] {
      items ??= runItems(run);
      return items;
    },
  };
}

/** The run's elements as ordinary list items (see the file comment). */
export function runItems(run: ConstantRun): InitItem[] {
  const items: InitItem[] = new Array(run.values.length);
  for (let i = 0; i < run.values.length; i++) {
    const f = run.flags[i]!;
    const loc: SourceLoc = { file: run.file, line: run.lines[i]!, col: run.cols[i]! };
    const isNegated = (f & NEGATED) !== 0;
    const numberLoc = isNegated ? { ...loc, col: loc.col + 1 } : loc;
    const magnitude = Math.abs(run.values[i]!);
    const number = literalExpr(magnitude, f, numberLoc);
    const expr: Expr = isNegated ? { kind: 'unary', loc, op: '-', operand: number } : number;
    items[i] = { loc, designators: [], init: { kind: 'initExpr', loc, expr } };
  }
  return items;
}

function literalExpr(magnitude: number, f: number, loc: SourceLoc): Expr {
  if ((f & (DOUBLE_LITERAL | FLOAT_LITERAL)) !== 0) {
    const suffix = (f & FLOAT_LITERAL) !== 0 ? 'f' : '';
    return { kind: 'floatLit', loc, value: magnitude, suffix, text: `${magnitude}${suffix}` };
  }
  const radix = f & RADIX_MASK;
  const longs = ((f >> LONGS_SHIFT) & 3) as 0 | 1 | 2;
  const isUnsigned = (f & UNSIGNED) !== 0;
  const digits = radix === 1 ? `0x${magnitude.toString(16)}` : radix === 2 && magnitude !== 0 ? `0${magnitude.toString(8)}` : String(magnitude);
  const text = digits + (isUnsigned ? 'u' : '') + 'l'.repeat(longs);
  return { kind: 'intLit', loc, value: BigInt(magnitude), isUnsigned, longs, isDecimal: radix === 0, text };
}
