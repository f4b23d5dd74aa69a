// The lexer: one source file's text → preprocessing tokens (C11 5.1.1.2
// translation phases 1–3, 6.4).
//
// Input: a file name and its text. Output: `PpToken`s in source order,
// including `Newline` tokens (directives end at line ends, 6.10p2); spaces
// and comments are dropped but remembered as `hasSpace` on the next token.
//
// Phase 2 (backslash-newline splices) is done before lexing: the splices are
// cut out of the text and a position map turns offsets in the spliced text
// back into the original line and column, so `#def\<newline>ine` or a splice
// inside an identifier lexes as the standard says and still reports true
// positions. Files without splices skip the map.
//
// Invariants: every token's `loc` is 1-based; `startLine`/`startColumn` equal
// `loc.line`/`loc.col`; `startOffset` is an offset in the spliced text (only
// good for ordering). Lexing errors that depend on whether a line is skipped
// by `#if` (an unterminated quote) are attached to the token as `lexError`
// and reported by whoever consumes the token; `lexFile` reports all of them.

import { Lexer, type TokenType } from 'chevrotain';
import type { DiagnosticSink, SourceLoc } from '../../diagnostics.js';
import { scan } from './scan.js';
import {
  BlockComment, Identifier, LineComment, LineSplice, Newline, StringLiteral, Stray,
  UnterminatedComment, UnterminatedLiteral, Whitespace, cTokens, keywords, type CToken,
} from './tokens.js';

/**
 * A preprocessing token. Extra fields beyond `CToken`:
 * - `hasSpace`: white space or a comment came before it on its line (needed
 *   for `#` stringizing, 6.10.3.2p2, and for `-E` output);
 * - `atLineStart`: first token of its line (a `#` here starts a directive);
 * - `noExpand`: the identifier was found while its macro was being
 *   replaced, so it is never replaced again (C11 6.10.3.4p2, "painted blue");
 * - `lexError`: a lexing error to report if the token is not skipped;
 * - `isDefinition`: the token is spelled in a macro definition (or made by
 *   `#`/`##` there); its copies in an expansion get `loc.expandedFrom`.
 */
export interface PpToken extends CToken {
  hasSpace: boolean;
  atLineStart: boolean;
  noExpand: boolean;
  isDefinition: boolean;
  lexError?: string;
}

/** The lexer's token list: trivia, then the C tokens with the unterminated forms after the good ones. */
export function lexerTokenTypes(): TokenType[] {
  const list: TokenType[] = [Whitespace, LineSplice, Newline, BlockComment, UnterminatedComment, LineComment];
  for (const t of cTokens) {
    list.push(t);
    if (t === StringLiteral) list.push(UnterminatedLiteral);
  }
  return list;
}

let cachedLexer: Lexer | null = null;

/** The Chevrotain lexer, built once (building analyses every pattern). */
export function getLexer(ensureOptimizations = false): Lexer {
  if (cachedLexer === null || ensureOptimizations) {
    const lexer = new Lexer(lexerTokenTypes(), {
      positionTracking: 'full',
      ensureOptimizations,
      skipValidations: !ensureOptimizations,
    });
    if (cachedLexer === null) cachedLexer = lexer;
    return lexer;
  }
  return cachedLexer;
}

/** Offsets of the splices cut from a text, so positions map back to the original. */
interface SpliceMap {
  /** Offsets in the spliced text at which a splice was removed, ascending. */
  readonly at: number[];
  /** Total characters removed up to and including each splice. */
  readonly removed: number[];
  /** Offsets of line starts in the original text. */
  readonly lineStarts: number[];
}

/** Cuts backslash-newlines out of `text` (phase 2); null when it has none. */
function removeSplices(text: string): { text: string; map: SpliceMap } | null {
  if (!/\\\r?\n/.test(text)) return null;
  const at: number[] = [];
  const removed: number[] = [];
  let out = '';
  let last = 0;
  let total = 0;
  const re = /\\\r?\n/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
    total += m[0].length;
    at.push(out.length);
    removed.push(total);
  }
  out += text.slice(last);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { text: out, map: { at, removed, lineStarts } };
}

/**
 * Original line/col of spliced-text offsets asked for in increasing order
 * (the scanner's order): two cursors that only move forward, so a file with
 * splices costs no more per token than one without.
 */
class OffsetMapper {
  private splice = 0;
  private line = 0;
  constructor(private readonly map: SpliceMap) {}

  locate(file: string, offset: number): SourceLoc {
    const { at, removed, lineStarts } = this.map;
    if (this.splice > 0 && at[this.splice - 1]! > offset) return { file, ...mapOffset(this.map, offset) };
    while (this.splice < at.length && at[this.splice]! <= offset) this.splice++;
    const original = offset + (this.splice > 0 ? removed[this.splice - 1]! : 0);
    if (lineStarts[this.line]! > original) this.line = 0;
    while (this.line + 1 < lineStarts.length && lineStarts[this.line + 1]! <= original) this.line++;
    return { file, line: this.line + 1, col: original - lineStarts[this.line]! + 1 };
  }
}

/** Original line/col of a spliced-text offset. Binary searches; only used for files with splices. */
function mapOffset(map: SpliceMap, offset: number): { line: number; col: number } {
  // Splices removed strictly before or at this offset shift it (a token starting right after a splice is past it).
  let lo = 0;
  let hi = map.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.at[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  const original = offset + (lo > 0 ? map.removed[lo - 1]! : 0);
  let l = 0;
  let h = map.lineStarts.length;
  while (l < h) {
    const mid = (l + h) >> 1;
    if (map.lineStarts[mid]! <= original) l = mid + 1;
    else h = mid;
  }
  return { line: l, col: original - map.lineStarts[l - 1]! + 1 };
}

export interface LexResult {
  readonly tokens: PpToken[];
  /** Errors that hold wherever the token is (an unterminated comment), already located. */
  readonly errors: { loc: SourceLoc; length: number; message: string }[];
}

/**
 * Lexes without reporting: deferred errors stay on the tokens, hard errors
 * are returned. The preprocessor calls this (and caches the result per file).
 * The hand-written scanner (scan.ts) does the work; tokens.ts's patterns
 * define what it recognises, and `lexWithChevrotain` runs them for the tests
 * that compare the two.
 */
export function lexPpTokens(file: string, text: string): LexResult {
  const spliced = removeSplices(text);
  const source = spliced ? spliced.text : text;
  const errors: LexResult['errors'] = [];
  const tokens: PpToken[] = [];
  let prevEnd = 0; // end offset (exclusive) of the previous token, trivia included
  let atLineStart = true;
  const mapper = spliced ? new OffsetMapper(spliced.map) : null;
  const locate = (offset: number, line: number, col: number): SourceLoc => {
    if (mapper !== null) return mapper.locate(file, offset);
    return { file, line, col };
  };
  scan(source, {
    token(type, start, end, line, col) {
      const image = source.slice(start, end);
      const t = makeToken(type, image, start, locate(start, line, col), start > prevEnd, atLineStart);
      if (type === UnterminatedLiteral) {
        t.lexError = `missing terminating ${image.replace(/^(?:u8|[uUL])/, '')[0]} character`;
        t.tokenType = Stray;
        t.tokenTypeIdx = Stray.tokenTypeIdx!;
      }
      tokens.push(t);
      atLineStart = type === Newline;
      prevEnd = end;
    },
    stray(start, end, line, col) {
      // Characters no pattern matches (C11 6.4p1's "each non-white-space
      // character that cannot be one of the above") become Stray tokens; the
      // parser reports them if they survive preprocessing.
      tokens.push(makeToken(Stray, source.slice(start, end), start, locate(start, line, col), start > prevEnd, atLineStart));
      atLineStart = false;
      prevEnd = end;
    },
    unterminatedComment(start, line, col) {
      errors.push({ loc: locate(start, line, col), length: 2, message: 'unterminated comment' });
    },
  });
  return { tokens, errors };
}

/** Chevrotain's lexer over tokens.ts's patterns: (type name, image, offset) per token or error run, for tests. */
export function lexWithChevrotain(text: string): { type: string; image: string; offset: number }[] {
  const result = getLexer().tokenize(text);
  const out = result.tokens.map((t) => ({ type: t.tokenType.name, image: t.image, offset: t.startOffset }));
  for (const e of result.errors) out.push({ type: 'Stray', image: text.substr(e.offset, e.length), offset: e.offset });
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * Builds a token with the fields Chevrotain's parser reads (image, offset,
 * type); its optional line/column fields are left out, since our own `loc`
 * is what every stage uses, and five fewer fields on a million tokens is
 * time and memory. Every token has the same fields in the same order (one
 * hidden class).
 */
export function makeToken(type: TokenType, image: string, offset: number, loc: SourceLoc, hasSpace: boolean, atLineStart: boolean): PpToken {
  return {
    image,
    startOffset: offset,
    tokenTypeIdx: type.tokenTypeIdx!,
    tokenType: type,
    loc,
    hasSpace,
    atLineStart,
    noExpand: false,
    isDefinition: false,
    lexError: undefined,
  };
}

/**
 * A copy of `t` at `loc` with new paint and spacing. Written out field
 * by field (not `{...t}`) so every token has one hidden class, and so
 * `isDefinition` and `lexError` are not carried into copies.
 */
export function cloneToken(t: PpToken, loc: SourceLoc, noExpand: boolean, hasSpace: boolean, isDefinition = false): PpToken {
  return {
    image: t.image,
    startOffset: t.startOffset,
    tokenTypeIdx: t.tokenTypeIdx,
    tokenType: t.tokenType,
    loc,
    hasSpace,
    atLineStart: false,
    noExpand,
    isDefinition,
    lexError: undefined,
  };
}

/**
 * Lexes one file for consumers that want plain tokens: every lexing error is
 * reported to `sink`; Newline tokens are kept.
 */
export function lexFile(file: string, text: string, sink: DiagnosticSink): CToken[] {
  const { tokens, errors } = lexPpTokens(file, text);
  for (const e of errors) sink.error({ loc: e.loc, length: e.length }, e.message);
  for (const t of tokens) {
    if (t.lexError !== undefined) sink.error({ loc: t.loc, length: 1 }, t.lexError);
    else if (t.tokenType === Stray) sink.error({ loc: t.loc, length: 1 }, strayMessage(t.image));
  }
  return tokens;
}

/** gcc's wording for a character that is no token: octal escape for non-printing ones. */
export function strayMessage(image: string): string {
  const c = image.charCodeAt(0);
  const shown = c >= 0x21 && c < 0x7f ? image[0]! : '\\' + c.toString(8);
  return `stray '${shown}' in program`;
}

/** By token type index: may name a macro (identifiers and keywords). */
const identifierLike: boolean[] = [];
for (const t of [Identifier, ...keywords]) identifierLike[t.tokenTypeIdx!] = true;

/** True for tokens that may name a macro: identifiers and keywords (keywords are identifiers until phase 7, 6.4.1). */
export function isIdentifierLike(t: CToken): boolean {
  return identifierLike[t.tokenTypeIdx] === true;
}
