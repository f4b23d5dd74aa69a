// Argument substitution in a macro body: parameters, `#`, `##`,
// `__VA_OPT__` and GNU `, ## __VA_ARGS__` (C11 6.10.3.1–6.10.3.3, C23
// 6.10.4.1 for __VA_OPT__).
//
// Input: a macro, its arguments (raw tokens; fully expanded ones computed on
// demand through `expandArg`), and the invocation's location.
// Output: the replacement tokens, ready to be rescanned (6.10.3.4): every
// token is a fresh copy; argument tokens keep their blue paint, definition
// tokens get `loc.expandedFrom`.
//
// Placemarkers (6.10.3.3p2) stand in for empty arguments next to `##` and
// are removed before returning.

import type { DiagnosticSink, SourceLoc } from '../../diagnostics.js';
import { cloneToken, lexPpTokens, makeToken, type PpToken } from '../lex/lexer.js';
import { CharLiteral, Comma, Hash, HashHash, LParen, Newline, RParen, StringLiteral } from '../lex/tokens.js';
import type { Macro } from './macro.js';

/** One actual argument: its raw tokens and, once needed, its full expansion (6.10.3.1p1). */
export interface MacroArg {
  readonly raw: readonly PpToken[];
  expanded: readonly PpToken[] | null;
}

export interface SubstituteContext {
  readonly sink: DiagnosticSink;
  /** Fully macro-expands an argument as if it formed the rest of the file (6.10.3.1p1). */
  expandArg(arg: readonly PpToken[]): PpToken[];
}

/** The context plus the invocation, for locating errors inside the expansion. */
interface Env extends SubstituteContext {
  readonly from: { readonly macro: string; readonly loc: SourceLoc };
}

/** Marks the empty result of an empty argument next to `##`; never escapes this file. */
const placemarker = Symbol('placemarker');
type Item = PpToken | typeof placemarker;

/** Substitutes `args` into `m`'s body for an invocation at `nameTok`. */
export function substitute(m: Macro, args: MacroArg[], nameTok: PpToken, ctx: SubstituteContext): PpToken[] {
  const from = { macro: m.name, loc: boundedChain(nameTok.loc) };
  const env: Env = { sink: ctx.sink, expandArg: (a) => ctx.expandArg(a), from };
  const out: PpToken[] = [];
  const items = m.hasOperators ? substituteWithOperators(m, 0, m.body.length, args, env) : substituteSimple(m, args, env);
  for (const it of items) {
    if (it === placemarker) continue;
    out.push(it);
  }
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    // Definition tokens take the invocation as their expansion origin;
    // argument tokens keep the location where they were written.
    const hasSpace = i === 0 ? nameTok.hasSpace || nameTok.atLineStart : t.hasSpace || t.atLineStart;
    out[i] = t.isDefinition ? cloneToken(t, withExpansion(t.loc, from), t.noExpand, hasSpace) : cloneToken(t, t.loc, t.noExpand, hasSpace);
  }
  return out;
}

/** Longest "expanded from" chain kept on a location; deeper ones keep the innermost levels and the outermost use. */
const maxExpansionChain = 32;

/**
 * `loc`, or a copy whose expansion chain is cut to `maxExpansionChain`
 * levels: the innermost ones, then straight to the place in the file where
 * the outermost macro was used. A chain of 20000 nested object-like macros
 * would otherwise make every consumer that walks it recursively overflow.
 */
function boundedChain(loc: SourceLoc): SourceLoc {
  const levels: SourceLoc[] = [];
  for (let l: SourceLoc | undefined = loc; l !== undefined; l = l.expandedFrom?.loc) {
    levels.push(l);
    if (levels.length > maxExpansionChain + 1) break;
  }
  if (levels.length <= maxExpansionChain + 1) return loc;
  let root = loc;
  while (root.expandedFrom !== undefined) root = root.expandedFrom.loc;
  let rebuilt: SourceLoc = { file: root.file, line: root.line, col: root.col };
  for (let i = maxExpansionChain - 1; i >= 0; i--) {
    const l = levels[i]!;
    rebuilt = { file: l.file, line: l.line, col: l.col, expandedFrom: { macro: l.expandedFrom!.macro, loc: rebuilt } };
  }
  return rebuilt;
}

function withExpansion(loc: SourceLoc, from: { macro: string; loc: SourceLoc }): SourceLoc {
  return { file: loc.file, line: loc.line, col: loc.col, expandedFrom: from };
}

/** The common case: no `#`/`##`, each parameter replaced by its expanded argument. */
function substituteSimple(m: Macro, args: MacroArg[], ctx: Env): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < m.body.length; i++) {
    const p = m.paramIndex[i]!;
    if (p < 0) {
      out.push(m.body[i]!);
      continue;
    }
    const arg = args[p]!;
    for (const t of expandedArg(arg, ctx, m.body[i]!)) out.push(t);
  }
  return out;
}

function expandedArg(arg: MacroArg, ctx: Env, paramTok: PpToken): readonly PpToken[] {
  if (arg.expanded === null) arg.expanded = ctx.expandArg(arg.raw);
  return respace(arg.expanded, paramTok);
}

/** The first token of a substituted argument takes the parameter's spacing, as gcc prints it. */
function respace(tokens: readonly PpToken[], paramTok: PpToken): readonly PpToken[] {
  if (tokens.length === 0 || tokens[0]!.hasSpace === paramTok.hasSpace) return tokens;
  const copy = [...tokens];
  copy[0] = { ...copy[0]!, hasSpace: paramTok.hasSpace, atLineStart: false };
  return copy;
}

/** Body tokens [start, end) with every operator applied. Recursive for `__VA_OPT__( … )`. */
function substituteWithOperators(m: Macro, start: number, end: number, args: MacroArg[], ctx: Env): Item[] {
  const out: Item[] = [];
  const body = m.body;
  const vaIndex = m.isVariadic ? m.params.length - 1 : -1;
  const isVaEmpty = vaIndex >= 0 && args[vaIndex]!.raw.length === 0;
  // C23 6.10.5.1: __VA_OPT__ looks at the variable arguments *after* expansion (`F(EMP)` counts as empty).
  const isVaOptEmpty = () => isVaEmpty || expandedArg(args[vaIndex]!, ctx, body[0]!).length === 0;
  for (let i = start; i < end; i++) {
    const t = body[i]!;
    const p = m.paramIndex[i]!;
    const nextIsPaste = i + 1 < end && body[i + 1]!.tokenType === HashHash;
    const prevIsPaste = i > start && body[i - 1]!.tokenType === HashHash;

    // `#param`: stringize the raw argument (6.10.3.2).
    if (t.tokenType === Hash && m.isFunctionLike && i + 1 < end) {
      const q = m.paramIndex[i + 1]!;
      if (q >= 0) {
        out.push(stringize(args[q]!.raw, t));
        i++;
        continue;
      }
      if (body[i + 1]!.image === '__VA_OPT__') {
        const close = findVaOptClose(m, i + 2, end, ctx);
        if (close < 0) return out;
        const inner = isVaOptEmpty() ? [] : substituteWithOperators(m, i + 3, close, args, ctx).filter((x): x is PpToken => x !== placemarker);
        out.push(stringize(inner, t));
        i = close;
        continue;
      }
    }

    // GNU: `, ## __VA_ARGS__` drops the comma when the variable arguments are empty.
    if (t.tokenType === Comma && nextIsPaste && i + 2 < end && m.paramIndex[i + 2] === vaIndex && vaIndex >= 0) {
      if (isVaEmpty) {
        i += 2;
        continue;
      }
      out.push(t);
      i++; // skip `##`; the arguments follow unpasted
      for (const a of args[vaIndex]!.raw) out.push(a);
      i++;
      continue;
    }

    if (t.tokenType === HashHash) {
      // Paste the last item with the next operand's first token (6.10.3.3p3).
      const lhs = out.pop() ?? placemarker;
      const rhsItems = operandItems(m, i + 1, end, args, ctx);
      i = rhsItems.next - 1;
      const [first, ...rest] = rhsItems.items;
      for (const r of paste(lhs, first ?? placemarker, t, ctx)) out.push(r);
      for (const r of rest) out.push(r);
      continue;
    }

    if (t.image === '__VA_OPT__' && m.isVariadic) {
      const close = findVaOptClose(m, i + 1, end, ctx);
      if (close < 0) return out;
      if (isVaOptEmpty()) out.push(placemarker);
      else for (const x of substituteWithOperators(m, i + 2, close, args, ctx)) out.push(x);
      i = close;
      continue;
    }

    if (p >= 0) {
      const arg = args[p]!;
      if (nextIsPaste || prevIsPaste) {
        if (arg.raw.length === 0) out.push(placemarker);
        else for (const a of respace(arg.raw, t)) out.push(a);
      } else {
        for (const a of expandedArg(arg, ctx, t)) out.push(a);
      }
      continue;
    }
    out.push(t);
  }
  return out;
}

/** The right operand of `##` at body index `i`: a raw argument, a `#param`, or one token. */
function operandItems(m: Macro, i: number, end: number, args: MacroArg[], ctx: Env): { items: Item[]; next: number } {
  const t = m.body[i]!;
  const p = m.paramIndex[i]!;
  if (p >= 0) {
    const raw = args[p]!.raw;
    return { items: raw.length === 0 ? [placemarker] : [...raw], next: i + 1 };
  }
  if (t.tokenType === Hash && m.isFunctionLike && i + 1 < end && m.paramIndex[i + 1]! >= 0) {
    return { items: [stringize(args[m.paramIndex[i + 1]!]!.raw, t)], next: i + 2 };
  }
  if (t.image === '__VA_OPT__' && m.isVariadic) {
    const close = findVaOptClose(m, i + 1, end, ctx);
    if (close < 0) return { items: [], next: end };
    const va = args[m.params.length - 1]!;
    const isEmpty = va.raw.length === 0 || expandedArg(va, ctx, t).length === 0;
    const items: Item[] = isEmpty ? [placemarker] : substituteWithOperators(m, i + 2, close, args, ctx);
    return { items: items.length === 0 ? [placemarker] : items, next: close + 1 };
  }
  return { items: [t], next: i + 1 };
}

/** Index of the `)` closing `__VA_OPT__(`, whose `(` is at `open`; -1 after an error. */
function findVaOptClose(m: Macro, open: number, end: number, ctx: Env): number {
  const t = m.body[open];
  if (t === undefined || t.tokenType !== LParen) {
    ctx.sink.error(withExpansion(m.body[open - 1]!.loc, ctx.from), "__VA_OPT__ must be followed by an open parenthesis");
    return -1;
  }
  let depth = 0;
  for (let k = open; k < end; k++) {
    const tt = m.body[k]!.tokenType;
    if (tt === LParen) depth++;
    else if (tt === RParen && --depth === 0) return k;
  }
  ctx.sink.error(withExpansion(t.loc, ctx.from), 'unterminated __VA_OPT__');
  return -1;
}

/** `#` applied to tokens: their spelling in a string literal, one space where any white space was (6.10.3.2p2). */
export function stringize(tokens: readonly PpToken[], hashTok: PpToken): PpToken {
  let text = '';
  tokens.forEach((t, i) => {
    if (i > 0 && (t.hasSpace || t.atLineStart)) text += ' ';
    text += t.tokenType === StringLiteral || t.tokenType === CharLiteral ? t.image.replace(/[\\"]/g, (c) => '\\' + c) : t.image;
  });
  const image = `"${text}"`;
  const t = makeToken(StringLiteral, image, hashTok.startOffset, hashTok.loc, hashTok.hasSpace, false);
  t.isDefinition = true;
  return t;
}

/** `lhs ## rhs`: re-lexes the joined spelling, which must be exactly one token (6.10.3.3p3). */
function paste(lhs: Item, rhs: Item, op: PpToken, env: Env): Item[] {
  if (lhs === placemarker) return [rhs];
  if (rhs === placemarker) return [lhs];
  const text = lhs.image + rhs.image;
  const lexed = lexPpTokens(op.loc.file, text).tokens.filter((t) => t.tokenType !== Newline);
  const only = lexed[0];
  if (lexed.length !== 1 || only === undefined || only.image !== text || only.lexError !== undefined) {
    // gcc keeps both tokens after the error so later stages see something sensible.
    env.sink.error(withExpansion(op.loc, env.from), `pasting "${lhs.image}" and "${rhs.image}" does not give a valid preprocessing token`);
    return [lhs, rhs];
  }
  const t = makeToken(only.tokenType, text, lhs.startOffset, lhs.loc, lhs.hasSpace, false);
  t.isDefinition = lhs.isDefinition;
  return [t];
}
