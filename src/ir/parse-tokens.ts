// The tokenizer of the IR text form (grammar in parse.ts): text → tokens
// with 1-based line and column, comments kept as tokens (a slot's comment
// is its name). Bad characters, numbers and strings throw IrParseError.

export class IrParseError extends Error {
  constructor(
    readonly detail: string,
    readonly file: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(`${file}:${line}:${col}: error: ${detail}`);
    this.name = 'IrParseError';
  }
}

export type TokKind = 'value' | 'global' | 'slot' | 'ident' | 'int' | 'float' | 'string' | 'punct' | 'comment' | 'eof';

export interface Tok {
  readonly kind: TokKind;
  /** The text without sigil (value/global/slot names), the punctuation, or the literal text. */
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** For globals: the byte offset suffix. For strings: unused. */
  readonly offset?: number;
  readonly bytes?: Uint8Array;
}

const NAME_CHAR = /[A-Za-z0-9_.]/;
const GLOBAL_CHAR = /[A-Za-z0-9_.$]/;

export function tokenize(text: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (msg: string, at: number): never => {
    throw new IrParseError(msg, file, line, at - lineStart + 1);
  };
  // Hot loop: one closure for the whole scan, not one per token.
  let col = 1;
  const push = (kind: TokKind, t: string, offset?: number, bytes?: Uint8Array) => {
    toks.push(offset === undefined && bytes === undefined ? { kind, text: t, line, col } : { kind, text: t, line, col, offset, bytes });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') { line++; i++; lineStart = i; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    const start = i;
    col = i - lineStart + 1;
    if (c === ';') {
      let j = i + 1;
      while (j < text.length && text[j] !== '\n') j++;
      push('comment', text.slice(i + 1, j).trim());
      i = j;
      continue;
    }
    if (c === '%' || c === '$') {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      if (j === i + 1) fail(`expected a name after '${c}'`, i);
      push(c === '%' ? 'value' : 'slot', text.slice(i + 1, j));
      i = j;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      while (j < text.length && GLOBAL_CHAR.test(text[j])) j++;
      if (j === i + 1) fail("expected a name after '@'", i);
      const name = text.slice(i + 1, j);
      let offset = 0;
      const m = /^[+-][0-9]+/.exec(text.slice(j, j + 24));
      if (m) { offset = Number(m[0]); j += m[0].length; }
      push('global', name, offset);
      i = j;
      continue;
    }
    if (c === '"') {
      const bytes: number[] = [];
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\n') fail('unterminated string', i);
        if (text[j] === '\\') {
          const hex = text.slice(j + 1, j + 3);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('expected two hex digits after \\ in string', j);
          bytes.push(parseInt(hex, 16));
          j += 3;
        } else {
          const code = text.charCodeAt(j);
          if (code > 0x7e) fail('non-ASCII character in string (use \\XX escapes)', j);
          bytes.push(code);
          j++;
        }
      }
      if (j >= text.length) fail('unterminated string', i);
      push('string', text.slice(i, j + 1), undefined, new Uint8Array(bytes));
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9i]/.test(text[i + 1] ?? ''))) {
      const rest = text.slice(i, i + 400);
      const m = /^-?(?:0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|inf(?![A-Za-z0-9_.]))/.exec(rest);
      if (!m) fail(`bad number '${rest.split(/\s/)[0]}'`, i);
      const t = m![0];
      const isFloat = !/0x/.test(t) && /[.eEi]/.test(t);
      push(isFloat ? 'float' : 'int', t);
      i += t.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      const word = text.slice(i, j);
      push(word === 'inf' || word === 'nan' ? 'float' : 'ident', word);
      i = j;
      continue;
    }
    if (text.startsWith('->', i)) { push('punct', '->'); i += 2; continue; }
    if (text.startsWith('...', i)) { push('punct', '...'); i += 3; continue; }
    if ('(){},:='.includes(c)) { push('punct', c); i++; continue; }
    fail(`unexpected character '${c}'`, start);
  }
  toks.push({ kind: 'eof', text: '', line, col: i - lineStart + 1 });
  return toks;
}

/** `BigInt` rejects a sign before `0x`, so the sign is applied separately. */
export function parseIntLiteral(t: string): bigint {
  return t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
}

export function parseFloatLiteral(t: string): number {
  if (t === 'nan') return NaN;
  if (t === 'inf') return Infinity;
  if (t === '-inf') return -Infinity;
  return Number(t);
}

