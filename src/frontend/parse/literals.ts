// Classifies the literal tokens the preprocessor hands over into AST
// literal nodes: pp-numbers (C11 6.4.8) become integer constants (6.4.4.1)
// or floating constants (6.4.4.2), character constants (6.4.4.4) get their
// int value, and adjacent string literals (6.4.5) are decoded and
// concatenated into code units.
//
// Input: the token text and its location. Output: an Expr, plus
// diagnostics in gcc's wording for malformed literals. A malformed literal
// still yields a node (value 0) so parsing goes on; the error is in the sink.

import type { DiagnosticSink, SourceLoc } from '../../diagnostics.js';
import type { Expr, StringLit } from './ast.js';

type IntLit = Extract<Expr, { kind: 'intLit' }>;
type FloatLit = Extract<Expr, { kind: 'floatLit' }>;
type CharLit = Extract<Expr, { kind: 'charLit' }>;

/** A pp-number as an integer or floating constant (C11 6.4.4.1, 6.4.4.2). */
export function parseNumberLiteral(text: string, loc: SourceLoc, sink: DiagnosticSink): IntLit | FloatLit {
  // GNU imaginary constants: an `i` or `j` among the suffix letters (`2.0i`, `1.0iF`, `3il`);
  // neither letter can appear anywhere else in a number, hex digits included.
  const imaginary = /[iIjJ]/.exec(text);
  if (imaginary) {
    const real = parseNumberLiteral(text.slice(0, imaginary.index) + text.slice(imaginary.index + 1), loc, sink);
    return { ...real, text, isImaginary: true };
  }
  const lower = text.toLowerCase();
  const isHex = lower.startsWith('0x');
  // A hex constant is floating only with a binary exponent or a point; 'e' is a hex digit there.
  const isFloat = isHex ? /[.p]/.test(lower) : /[.e]/.test(lower);
  return isFloat ? parseFloatLiteral(text, loc, sink) : parseIntLiteral(text, loc, sink);
}

/** Plain decimal constants without suffix are most of them: skip the general path. */
const plainDecimal = /^[1-9][0-9]{0,17}$/;

function parseIntLiteral(text: string, loc: SourceLoc, sink: DiagnosticSink): IntLit {
  if (plainDecimal.test(text)) {
    return { kind: 'intLit', loc, value: BigInt(text), isUnsigned: false, longs: 0, isDecimal: true, text };
  }
  let radix = 10;
  let digits: string;
  let rest: string;
  const bad = (message: string): IntLit => {
    sink.error({ loc, length: text.length }, message);
    return { kind: 'intLit', loc, value: 0n, isUnsigned: false, longs: 0, isDecimal: radix === 10, text };
  };
  if (/^0[xX]/.test(text)) {
    radix = 16;
    const m = /^0[xX]([0-9a-fA-F]*)(.*)$/.exec(text)!;
    digits = m[1]!;
    rest = m[2]!;
    if (digits === '') return bad(`invalid suffix "${text.slice(1)}" on integer constant`);
  } else if (/^0[bB][01]/.test(text)) {
    // Binary constants: a GNU extension, standard in C23.
    radix = 2;
    const m = /^0[bB]([01]*)(.*)$/.exec(text)!;
    digits = m[1]!;
    rest = m[2]!;
  } else if (text.startsWith('0')) {
    radix = 8;
    const m = /^([0-9]*)(.*)$/.exec(text)!;
    digits = m[1]!;
    rest = m[2]!;
    const badDigit = /[89]/.exec(digits);
    if (badDigit) return bad(`invalid digit "${badDigit[0]}" in octal constant`);
  } else {
    const m = /^([0-9]*)(.*)$/.exec(text)!;
    digits = m[1]!;
    rest = m[2]!;
  }
  const suffix = parseIntSuffix(rest);
  if (suffix === null) return bad(`invalid suffix "${rest}" on integer constant`);
  let value = 0n;
  const big = BigInt(radix);
  for (const ch of digits) value = value * big + BigInt(parseInt(ch, 16));
  if (value >= 1n << 64n) {
    sink.error({ loc, length: text.length }, 'integer constant is too large for its type');
    value &= (1n << 64n) - 1n;
  }
  return { kind: 'intLit', loc, value, isUnsigned: suffix.isUnsigned, longs: suffix.longs, isDecimal: radix === 10, text };
}

/** u/U and l/L/ll/LL in either order (6.4.4.1p1); `lL` is not a suffix. */
function parseIntSuffix(s: string): { isUnsigned: boolean; longs: 0 | 1 | 2 } | null {
  const m = /^(?:([uU])(ll|LL|l|L)?|(ll|LL|l|L)([uU])?)?$/.exec(s);
  if (!m) return null;
  const isUnsigned = m[1] !== undefined || m[4] !== undefined;
  const l = m[2] ?? m[3] ?? '';
  return { isUnsigned, longs: l.length as 0 | 1 | 2 };
}

function parseFloatLiteral(text: string, loc: SourceLoc, sink: DiagnosticSink): FloatLit {
  const isHex = /^0[xX]/.test(text);
  const m = isHex
    ? /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)(.*)$/.exec(text)
    : /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?(.*)$/.exec(text);
  const fail = (message: string): FloatLit => {
    sink.error({ loc, length: text.length }, message);
    return { kind: 'floatLit', loc, value: 0, suffix: '', text };
  };
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    if (isHex && !/[pP]/.test(text)) return fail('hexadecimal floating constants require an exponent');
    if (/[eE]$|[eE][+-]$/.test(text)) return fail('exponent has no digits');
    return fail(`invalid suffix "${text}" on floating constant`);
  }
  const suffixText = m[4]!;
  let suffix: FloatLit['suffix'];
  if (suffixText === '') suffix = '';
  else if (suffixText === 'f' || suffixText === 'F') suffix = 'f';
  else if (suffixText === 'l' || suffixText === 'L') suffix = 'l';
  else if (/^[eE][+-]?$/.test(suffixText)) return fail('exponent has no digits');
  else return fail(`invalid suffix "${suffixText}" on floating constant`);
  const value = isHex ? hexFloatValue(m[1]!, m[2] ?? '', parseInt(m[3]!, 10)) : Number(text.slice(0, text.length - suffixText.length));
  return { kind: 'floatLit', loc, value, suffix, text };
}

/**
 * The double nearest to 0x<int>.<frac>p<exp> (6.4.4.2p3), rounded once:
 * the mantissa is exact as a bigint, and the scaling by a power of two is
 * done by building the result from at most 54 significant bits.
 */
function hexFloatValue(intDigits: string, fracDigits: string, exp: number): number {
  let mantissa = BigInt('0x0' + intDigits + fracDigits);
  let e2 = exp - 4 * fracDigits.length;
  if (mantissa === 0n) return 0;
  // Reduce to 64 significant bits plus a sticky bit, then let the float conversion round.
  const bits = mantissa.toString(2).length;
  if (bits > 64) {
    const drop = BigInt(bits - 64);
    const sticky = (mantissa & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    mantissa = (mantissa >> drop) | sticky;
    e2 += Number(drop);
  }
  return scaleExact(mantissa, e2);
}

/** mantissa * 2^e2 correctly rounded to a double (handles subnormals by pre-rounding). */
function scaleExact(mantissa: bigint, e2: number): number {
  const bits = mantissa.toString(2).length;
  // Exponent of the leading bit in the result.
  const top = bits - 1 + e2;
  if (top > 1023) return Infinity;
  // Number of mantissa bits that survive: 53 for normals, fewer for subnormals.
  const keep = top >= -1022 ? 53 : 53 - (-1022 - top);
  if (keep <= 0) {
    // Rounds to 0 or the smallest subnormal.
    return keep === 0 && mantissa > 1n << BigInt(bits - 1) ? 2 ** -1074 : 0;
  }
  if (bits > keep) {
    const drop = BigInt(bits - keep);
    const half = 1n << (drop - 1n);
    const remainder = mantissa & ((1n << drop) - 1n);
    let kept = mantissa >> drop;
    if (remainder > half || (remainder === half && (kept & 1n) === 1n)) kept += 1n;
    return Number(kept) * 2 ** (e2 + Number(drop));
  }
  return Number(mantissa) * 2 ** e2;
}

// ---------------------------------------------------------------- characters and strings

type Prefix = '' | 'u8' | 'u' | 'U' | 'L';

function splitPrefix(text: string, quote: string): { prefix: Prefix; body: string } {
  const q = text.indexOf(quote);
  const prefix = text.slice(0, q) as Prefix;
  return { prefix, body: text.slice(q + 1, text.endsWith(quote) && text.length > q + 1 ? -1 : undefined) };
}

const simpleEscapes: Record<string, number> = {
  n: 10, t: 9, '\\': 92, "'": 39, '"': 34, '?': 63, a: 7, b: 8, f: 12, v: 11, r: 13, e: 27, E: 27,
};

/**
 * Decodes the body of a character or string literal into code points (or
 * raw byte values for octal/hex escapes, flagged so UTF-8 encoding leaves
 * them alone), each handed to `emit` in order: no object per character, so
 * a 10 MB literal costs its units and no more. Column math: `bodyCol` is the
 * column of the body's first char.
 */
function decodeBody(
  body: string,
  loc: SourceLoc,
  bodyCol: number,
  maxUnit: number,
  sink: DiagnosticSink,
  emit: (value: number, isRaw: boolean) => void,
): void {
  const isWide = maxUnit > 0xff;
  for (let i = 0; i < body.length; ) {
    const code = body.charCodeAt(i);
    // Plain ASCII, the bulk of any literal: one code unit each.
    if (code < 0x80 && code !== 92) {
      emit(code, false);
      i++;
      continue;
    }
    const ch = body[i]!;
    if (code >= 0x80 && code <= 0xff) {
      // Source text holds the file's bytes (read as latin1): a narrow literal keeps them as they are (UTF-8
      // source gives UTF-8 strings, as gcc's default execution charset); a wide one decodes the UTF-8 sequence.
      const seq = isWide ? utf8SequenceAt(body, i) : null;
      if (seq !== null) {
        emit(seq.codePoint, false);
        i += seq.length;
      } else {
        emit(code, true);
        i += 1;
      }
      continue;
    }
    if (ch !== '\\') {
      const cp = body.codePointAt(i)!;
      emit(cp, false);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const escLoc = { ...loc, col: bodyCol + i };
    const next = body[i + 1] ?? '';
    if (next in simpleEscapes) {
      emit(simpleEscapes[next]!, true);
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      emit(parseInt(m, 8) & maxUnit, true);
      i += 1 + m.length;
    } else if (next === 'x') {
      const m = /^[0-9a-fA-F]*/.exec(body.slice(i + 2))![0];
      if (m === '') sink.error(escLoc, '\\x used with no following hex digits');
      const v = m === '' ? 0n : BigInt('0x' + m);
      if (v > BigInt(maxUnit)) sink.warning(escLoc, 'hex escape sequence out of range');
      emit(Number(v & BigInt(maxUnit)), true);
      i += 2 + m.length;
    } else if (next === 'u' || next === 'U') {
      const n = next === 'u' ? 4 : 8;
      const m = /^[0-9a-fA-F]*/.exec(body.slice(i + 2, i + 2 + n))![0];
      if (m.length < n) {
        sink.error(escLoc, `incomplete universal character name \\${next}${m}`);
      }
      const cp = m === '' ? 0 : parseInt(m, 16);
      if (m.length === n && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) {
        sink.error(escLoc, `\\${next}${m} is not a valid universal character`);
      }
      emit(cp, false);
      i += 2 + m.length;
    } else {
      // gcc: "unknown escape sequence: '\q'" is a warning; the character stands for itself.
      sink.warning(escLoc, `unknown escape sequence: '\\${next}'`);
      emit(next.codePointAt(0) ?? 92, false);
      i += 2;
    }
  }
}

/** The UTF-8 sequence of byte-chars starting at `i` (RFC 3629: shortest form, no surrogates), or null if there is none. */
function utf8SequenceAt(body: string, i: number): { codePoint: number; length: number } | null {
  const lead = body.charCodeAt(i);
  const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
  if (length === 0 || i + length > body.length) return null;
  let cp = lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const b = body.charCodeAt(i + k);
    if ((b & 0xc0) !== 0x80) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  const minimum = [0, 0, 0x80, 0x800, 0x10000][length]!;
  if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return { codePoint: cp, length };
}

function utf8(cp: number, out: number[]): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

function utf16(cp: number, out: number[]): void {
  if (cp < 0x10000) out.push(cp);
  else {
    const v = cp - 0x10000;
    out.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
  }
}

/**
 * A character constant's value (6.4.4.4p10-11). Plain constants have type
 * int with the char converted as signed char (x86-64 and gcc): '\xff' is -1.
 * Multi-char constants are computed as gcc does, each char shifted in by 8
 * bits, with a warning.
 */
export function parseCharLiteral(text: string, loc: SourceLoc, sink: DiagnosticSink): CharLit {
  const { prefix, body } = splitPrefix(text, "'");
  const prefixOut: CharLit['prefix'] = prefix === 'u8' ? '' : prefix;
  if (!text.endsWith("'") || text.length < prefix.length + 2) {
    sink.error(loc, 'missing terminating \' character');
    return { kind: 'charLit', loc, value: 0, prefix: prefixOut };
  }
  if (body === '') {
    sink.error(loc, 'empty character constant');
    return { kind: 'charLit', loc, value: 0, prefix: prefixOut };
  }
  const maxUnit = prefix === '' || prefix === 'u8' ? 0xff : prefix === 'u' ? 0xffff : 0xffffffff;
  const chars: { value: number; isRaw: boolean }[] = [];
  decodeBody(body, loc, loc.col + prefix.length + 1, maxUnit, sink, (value, isRaw) => chars.push({ value, isRaw }));
  if (prefix === '' || prefix === 'u8') {
    const bytes: number[] = [];
    for (const c of chars) {
      if (c.isRaw) bytes.push(c.value);
      else utf8(c.value, bytes);
    }
    if (bytes.length === 1) return { kind: 'charLit', loc, value: (bytes[0]! << 24) >> 24, prefix: prefixOut };
    sink.warning(loc, 'multi-character character constant', [], 'multichar');
    let value = 0;
    for (const b of bytes) value = ((value << 8) | b) | 0;
    return { kind: 'charLit', loc, value, prefix: prefixOut };
  }
  if (chars.length > 1) sink.warning(loc, 'character constant too long for its type');
  const last = chars[chars.length - 1]!.value;
  // u'' is char16_t (unsigned short), U'' char32_t, L'' wchar_t (int on x86-64 Linux).
  const value = prefix === 'u' ? last & 0xffff : prefix === 'L' ? last | 0 : last >>> 0;
  return { kind: 'charLit', loc, value, prefix: prefixOut };
}

/**
 * Adjacent string literal tokens concatenated (6.4.5p5): the prefixes must
 * agree (an unprefixed piece takes the others' prefix), then each piece is
 * decoded and encoded as the prefix says.
 */
export function parseStringLiterals(
  tokens: readonly { readonly text: string; readonly loc: SourceLoc }[],
  sink: DiagnosticSink,
): StringLit {
  const first = tokens[0]!;
  let prefix: Prefix = '';
  for (const t of tokens) {
    const p = splitPrefix(t.text, '"').prefix;
    if (p === '') continue;
    if (prefix !== '' && p !== prefix) {
      sink.error(t.loc, 'unsupported non-standard concatenation of string literals');
      continue;
    }
    prefix = p;
  }
  const maxUnit = prefix === '' || prefix === 'u8' ? 0xff : prefix === 'u' ? 0xffff : 0xffffffff;
  const units: number[] = [];
  for (const t of tokens) {
    const p = splitPrefix(t.text, '"');
    if (!t.text.endsWith('"') || t.text.length < p.prefix.length + 2) sink.error(t.loc, 'missing terminating \'"\' character');
    decodeBody(p.body, t.loc, t.loc.col + p.prefix.length + 1, maxUnit, sink, (value, isRaw) => {
      if (isRaw || value < 0x80) units.push(value);
      else if (prefix === '' || prefix === 'u8') utf8(value, units);
      else if (prefix === 'u') utf16(value, units);
      else units.push(value);
    });
  }
  return { kind: 'string', loc: first.loc, prefix, units };
}
