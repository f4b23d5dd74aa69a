// The scanner: one file's text (splices already removed) → the token types
// of tokens.ts, by hand instead of through Chevrotain's lexer.
//
// Why by hand: on sqlite3.c (9 MB) Chevrotain's lexer took 1.8 s of a 12 s
// compile, about 5 MB/s, tried each pattern's regular expression in turn
// and recursed inside the regular expression engine on long literals (a
// 10 MB string literal overflowed the stack, issue 11). A switch on the
// first character with loops over the rest scans several times faster,
// with constant stack depth whatever the token's length. The token types,
// their order of preference and their images are exactly those of the
// patterns in tokens.ts, which stay the specification (and the parser's
// vocabulary); test/frontend/lex/scan.test.ts compares both on a corpus.
//
// Output: for each token its type and [start, end) offsets, in order;
// characters no pattern matches become error runs (a run ends where some
// pattern could match again, as in Chevrotain's recovery). Trivia (spaces,
// comments) are not reported: the caller sees them as gaps between tokens.
// Line numbers count '\n' only (a '\r' is part of the line), as SourceMap
// splits lines.

import type { TokenType } from 'chevrotain';
import * as T from './tokens.js';

export interface ScanSink {
  token(type: TokenType, start: number, end: number, line: number, col: number): void;
  /** Characters no token starts with, [start, end). */
  stray(start: number, end: number, line: number, col: number): void;
  /** A block comment with no end: everything from `start` to the end of the text. */
  unterminatedComment(start: number, line: number, col: number): void;
}

// Character classes of the first character of a token.
const enum K {
  None = 0, Space, Newline, Return, IdStart, Digit, Dot, Quote, Slash, Punct, StrayChar,
}

const classes = new Uint8Array(128);
for (const c of ' \t\f\v') classes[c.charCodeAt(0)] = K.Space;
classes[10] = K.Newline;
classes[13] = K.Return;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) classes[c] = K.IdStart;
  else if (/[0-9]/.test(ch)) classes[c] = K.Digit;
}
classes[46] = K.Dot;
classes[39] = K.Quote;
classes[34] = K.Quote;
classes[47] = K.Slash;
for (const c of '!#%&()*+,-:;<=>?[]^{|}~') classes[c.charCodeAt(0)] = K.Punct;
for (const c of '\\@`') classes[c.charCodeAt(0)] = K.StrayChar;

/** Identifier characters after the first: [A-Za-z0-9_$]. */
const idPart = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9_$]/.test(String.fromCharCode(c))) idPart[c] = 1;

/** pp-number continuation (6.4.8): [0-9A-Za-z_.]; signs after e/E/p/P are handled apart. */
const numPart = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[0-9A-Za-z_.]/.test(String.fromCharCode(c))) numPart[c] = 1;

function classOf(c: number): K {
  return c < 128 ? classes[c]! : K.None;
}

/** True when some token or trivia can start at `i` (where an error run ends). */
function canStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const k = classOf(c);
  if (k !== K.None && k !== K.Return) return true;
  return k === K.Return && text.charCodeAt(i + 1) === 10;
}

export function scan(text: string, sink: ScanSink): void {
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const col = i - lineStart + 1;
    switch (classOf(c)) {
      case K.Space: {
        i++;
        while (i < n && classOf(text.charCodeAt(i)) === K.Space) i++;
        continue;
      }
      case K.Newline:
        sink.token(T.Newline, i, i + 1, line, col);
        i++;
        line++;
        lineStart = i;
        continue;
      case K.Return:
        if (text.charCodeAt(i + 1) === 10) {
          sink.token(T.Newline, i, i + 2, line, col);
          i += 2;
          line++;
          lineStart = i;
          continue;
        }
        break; // a lone '\r' starts an error run
      case K.IdStart: {
        // A prefix (u8, u, U, L) then a quote is a literal (literal patterns come first).
        if (c === 117 /* u */ || c === 85 /* U */ || c === 76 /* L */) {
          let q = i + 1;
          if (c === 117 && text.charCodeAt(q) === 56 /* 8 */) q++;
          const d = text.charCodeAt(q);
          if (d === 39 || d === 34) {
            i = quoted(text, i, q, line, col, sink);
            continue;
          }
        }
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d >= 128 || idPart[d] === 0) break;
          j++;
        }
        const word = text.slice(i, j);
        sink.token(T.keywordBySpelling.get(word) ?? T.Identifier, i, j, line, col);
        i = j;
        continue;
      }
      case K.Digit:
        i = ppNumber(text, i, line, col, sink);
        continue;
      case K.Dot: {
        const d = text.charCodeAt(i + 1);
        if (d >= 48 && d <= 57) {
          i = ppNumber(text, i, line, col, sink);
          continue;
        }
        if (d === 46 && text.charCodeAt(i + 2) === 46) {
          sink.token(T.Ellipsis, i, i + 3, line, col);
          i += 3;
          continue;
        }
        sink.token(T.Dot, i, i + 1, line, col);
        i++;
        continue;
      }
      case K.Quote:
        i = quoted(text, i, i, line, col, sink);
        continue;
      case K.Slash: {
        const d = text.charCodeAt(i + 1);
        if (d === 42 /* * */) {
          const end = text.indexOf('*/', i + 2);
          if (end < 0) {
            sink.unterminatedComment(i, line, col);
            return;
          }
          for (let k = text.indexOf('\n', i + 2); k !== -1 && k < end; k = text.indexOf('\n', k + 1)) {
            line++;
            lineStart = k + 1;
          }
          i = end + 2;
          continue;
        }
        if (d === 47 /* / */) {
          const end = text.indexOf('\n', i + 2);
          i = end < 0 ? n : end;
          continue;
        }
        if (d === 61 /* = */) {
          sink.token(T.DivAssign, i, i + 2, line, col);
          i += 2;
          continue;
        }
        sink.token(T.Slash, i, i + 1, line, col);
        i++;
        continue;
      }
      case K.Punct: {
        const [type, length] = punctuator(text, i, c);
        sink.token(type, i, i + length, line, col);
        i += length;
        continue;
      }
      case K.StrayChar:
        sink.token(T.Stray, i, i + 1, line, col);
        i++;
        continue;
      case K.None:
        break;
    }
    // No pattern matches here: an error run up to where one could.
    let j = i + 1;
    while (j < n && !canStart(text, j)) j++;
    sink.stray(i, j, line, col);
    i = j;
  }
}

/**
 * A character constant or string literal starting at `start` (its prefix,
 * if any, ends at `quote`): `'…'` / `"…"` with backslash escapes, not
 * crossing a line end. Without the closing quote on its line it is an
 * UnterminatedLiteral to the end of the line (escapes still pair).
 */
function quoted(text: string, start: number, quote: number, line: number, col: number, sink: ScanSink): number {
  const n = text.length;
  const q = text.charCodeAt(quote);
  let j = quote + 1;
  // The literal's body: [^q\\\n] or \\ followed by a character other than a line end.
  for (;;) {
    if (j >= n) break;
    const d = text.charCodeAt(j);
    if (d === q) {
      sink.token(q === 39 ? T.CharLiteral : T.StringLiteral, start, j + 1, line, col);
      return j + 1;
    }
    if (d === 10) break;
    if (d === 92 /* \ */) {
      const e = text.charCodeAt(j + 1);
      // `\\.`: '.' matches anything but a line terminator.
      if (j + 1 >= n || e === 10 || e === 13 || e === 0x2028 || e === 0x2029) break;
      j += 2;
      continue;
    }
    j++;
  }
  // UnterminatedLiteral: (?:[^\\\n]|\\.)* from the quote, longest match.
  let k = quote + 1;
  for (;;) {
    if (k >= n) break;
    const d = text.charCodeAt(k);
    if (d === 10) break;
    if (d === 92) {
      const e = text.charCodeAt(k + 1);
      if (k + 1 >= n || e === 10 || e === 13 || e === 0x2028 || e === 0x2029) break;
      k += 2;
      continue;
    }
    k++;
  }
  sink.token(T.UnterminatedLiteral, start, k, line, col);
  return k;
}

/** A pp-number (6.4.8): `\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*`. */
function ppNumber(text: string, start: number, line: number, col: number, sink: ScanSink): number {
  const n = text.length;
  let j = text.charCodeAt(start) === 46 ? start + 2 : start + 1;
  while (j < n) {
    const d = text.charCodeAt(j);
    if ((d === 101 || d === 69 || d === 112 || d === 80) && j + 1 < n) {
      const s = text.charCodeAt(j + 1);
      if (s === 43 || s === 45) {
        j += 2;
        continue;
      }
    }
    if (d >= 128 || numPart[d] === 0) break;
    j++;
  }
  sink.token(T.Number, start, j, line, col);
  return j;
}

/** The punctuator at `i` (first character `c`), longest match, digraphs included (6.4.6). */
function punctuator(text: string, i: number, c: number): [TokenType, number] {
  const d = text.charCodeAt(i + 1);
  const e = text.charCodeAt(i + 2);
  switch (c) {
    case 33: return d === 61 ? [T.NotEq, 2] : [T.Bang, 1]; // !
    case 35: return d === 35 ? [T.HashHash, 2] : [T.Hash, 1]; // #
    case 37: // %
      if (d === 58) return e === 37 && text.charCodeAt(i + 3) === 58 ? [T.HashHash, 4] : [T.Hash, 2]; // %:%: %:
      if (d === 61) return [T.ModAssign, 2];
      if (d === 62) return [T.RBrace, 2]; // %>
      return [T.Percent, 1];
    case 38: return d === 38 ? [T.AndAnd, 2] : d === 61 ? [T.AndAssign, 2] : [T.Amp, 1]; // &
    case 40: return [T.LParen, 1];
    case 41: return [T.RParen, 1];
    case 42: return d === 61 ? [T.MulAssign, 2] : [T.Star, 1]; // *
    case 43: return d === 43 ? [T.PlusPlus, 2] : d === 61 ? [T.AddAssign, 2] : [T.Plus, 1]; // +
    case 44: return [T.Comma, 1];
    case 45: return d === 62 ? [T.Arrow, 2] : d === 45 ? [T.MinusMinus, 2] : d === 61 ? [T.SubAssign, 2] : [T.Minus, 1]; // -
    case 58: return d === 62 ? [T.RBracket, 2] : [T.Colon, 1]; // : :>
    case 59: return [T.Semicolon, 1];
    case 60: // <
      if (d === 60) return e === 61 ? [T.ShlAssign, 3] : [T.Shl, 2];
      if (d === 61) return [T.LessEq, 2];
      if (d === 58) return [T.LBracket, 2]; // <:
      if (d === 37) return [T.LBrace, 2]; // <%
      return [T.Less, 1];
    case 61: return d === 61 ? [T.EqEq, 2] : [T.Assign, 1]; // =
    case 62: // >
      if (d === 62) return e === 61 ? [T.ShrAssign, 3] : [T.Shr, 2];
      return d === 61 ? [T.GreaterEq, 2] : [T.Greater, 1];
    case 63: return [T.Question, 1];
    case 91: return [T.LBracket, 1];
    case 93: return [T.RBracket, 1];
    case 94: return d === 61 ? [T.XorAssign, 2] : [T.Caret, 1]; // ^
    case 123: return [T.LBrace, 1];
    case 124: return d === 124 ? [T.OrOr, 2] : d === 61 ? [T.OrAssign, 2] : [T.Pipe, 1]; // |
    case 125: return [T.RBrace, 1];
    case 126: return [T.Tilde, 1];
  }
  throw new Error(`not a punctuator: ${String.fromCharCode(c)}`);
}
