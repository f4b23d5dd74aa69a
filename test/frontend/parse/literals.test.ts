// Literal classification (C11 6.4.4, 6.4.5): values, suffixes, radix,
// escapes, encodings, and the diagnostics for malformed constants. Float
// expectations come from the C library's own strtod via known bit patterns.

import test from 'ava';
import { DiagnosticSink } from '../../../src/diagnostics.js';
import { parseCharLiteral, parseNumberLiteral, parseStringLiterals } from '../../../src/frontend/parse/literals.js';

const loc = { file: 't.c', line: 1, col: 1 };
/** Source text as the frontend sees it: one char per byte of the UTF-8 file. */
const asSource = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

function num(text: string) {
  const sink = new DiagnosticSink();
  const lit = parseNumberLiteral(text, loc, sink);
  return { lit, messages: sink.diagnostics.map((d) => d.message) };
}

const ints: [string, bigint, boolean, 0 | 1 | 2, boolean][] = [
  // text, value, unsigned, longs, decimal
  ['0', 0n, false, 0, false],
  ['123', 123n, false, 0, true],
  ['0x7fffffff', 0x7fffffffn, false, 0, false],
  ['0XFFu', 255n, true, 0, false],
  ['0777', 511n, false, 0, false],
  ['0b1010', 10n, false, 0, false],
  ['1u', 1n, true, 0, true],
  ['1lu', 1n, true, 1, true],
  ['1Ul', 1n, true, 1, true],
  ['1LL', 1n, false, 2, true],
  ['1ull', 1n, true, 2, true],
  ['1LLU', 1n, true, 2, true],
  ['18446744073709551615', 18446744073709551615n, false, 0, true],
];

for (const [text, value, isUnsigned, longs, isDecimal] of ints) {
  test(`integer ${text}`, (t) => {
    const { lit, messages } = num(text);
    t.deepEqual(messages, []);
    t.is(lit.kind, 'intLit');
    if (lit.kind !== 'intLit') return;
    t.is(lit.value, value);
    t.is(lit.isUnsigned, isUnsigned);
    t.is(lit.longs, longs);
    t.is(lit.isDecimal, isDecimal);
  });
}

const floats: [string, number, '' | 'f' | 'l'][] = [
  ['1.0', 1, ''],
  ['.5', 0.5, ''],
  ['1e3', 1000, ''],
  ['2.5f', 2.5, 'f'],
  ['2.5L', 2.5, 'l'],
  ['0.1', 0.1, ''],
  ['0x1p-2', 0.25, ''],
  ['0x1.8p1', 3, ''],
  ['0x.1p4', 1, ''],
  ['0x1p-1074', 5e-324, ''],
  ['0x1p-1075', 0, ''], // exactly half the smallest subnormal: ties to even, 0
  ['0x1.8p-1075', 5e-324, ''], // above half: rounds up
  ['0x1.fffffffffffff8p0', 2, ''], // halfway, odd mantissa: rounds up to even
  ['0x1.fffffffffffff7ffp0', 1.9999999999999998, ''],
  ['0x1p1024', Infinity, ''],
  ['1e-400', 0, ''],
];

for (const [text, value, suffix] of floats) {
  test(`float ${text}`, (t) => {
    const { lit, messages } = num(text);
    t.deepEqual(messages, []);
    t.is(lit.kind, 'floatLit');
    if (lit.kind !== 'floatLit') return;
    t.is(lit.value, value);
    t.is(lit.suffix, suffix);
  });
}

const badNumbers: [string, string][] = [
  ['08', 'invalid digit "8" in octal constant'],
  ['0x', 'invalid suffix "x" on integer constant'],
  ['1z', 'invalid suffix "z" on integer constant'],
  ['1lL', 'invalid suffix "lL" on integer constant'],
  ['1uu', 'invalid suffix "uu" on integer constant'],
  ['1.0x', 'invalid suffix "x" on floating constant'],
  ['1.0ff', 'invalid suffix "ff" on floating constant'],
  ['1e+', 'exponent has no digits'],
  ['0x1.0', 'hexadecimal floating constants require an exponent'],
  ['18446744073709551616', 'integer constant is too large for its type'],
];

for (const [text, message] of badNumbers) {
  test(`bad number ${text}`, (t) => {
    t.deepEqual(num(text).messages, [message]);
  });
}

function char(text: string) {
  const sink = new DiagnosticSink();
  const lit = parseCharLiteral(asSource(text), loc, sink);
  return { value: lit.value, prefix: lit.prefix, messages: sink.diagnostics.map((d) => `${d.severity}: ${d.message}`) };
}

const chars: [string, number, string[]][] = [
  ["'a'", 97, []],
  ["'\\n'", 10, []],
  ["'\\e'", 27, []],
  ["'\\?'", 63, []],
  ["'\\0'", 0, []],
  ["'\\177'", 127, []],
  ["'\\377'", -1, []],
  ["'\\x80'", -128, []],
  ["'ab'", 0x6162, ['warning: multi-character character constant']],
  ["'abcd'", 0x61626364, ['warning: multi-character character constant']],
  ["L'\\xffffffff'", -1, []],
  ["u'\\xffff'", 0xffff, []],
  ["U'\\U0001F600'", 0x1f600, []],
  ["u'é'", 0xe9, []],
  ["'\\q'", 113, ["warning: unknown escape sequence: '\\q'"]],
  ["''", 0, ['error: empty character constant']],
  ["'\\x'", 0, ['error: \\x used with no following hex digits']],
];

for (const [text, value, messages] of chars) {
  test(`char ${text}`, (t) => {
    const c = char(text);
    t.is(c.value, value);
    t.deepEqual(c.messages, messages);
  });
}

function str(...texts: string[]) {
  const sink = new DiagnosticSink();
  const s = parseStringLiterals(texts.map((text) => ({ text: asSource(text), loc })), sink);
  return { prefix: s.prefix, units: [...s.units], messages: sink.diagnostics.map((d) => d.message) };
}

test('string escapes and concatenation (6.4.5p5)', (t) => {
  t.deepEqual(str('"a\\tb"', '"\\x41"', '"\\101"'), { prefix: '', units: [97, 9, 98, 65, 65], messages: [] });
  // "\x41" "c" stays two characters: concatenation happens after escapes are decoded.
  t.deepEqual(str('"\\x4"', '"1"').units, [4, 49]);
});

test('non-ASCII source is UTF-8 encoded in plain and u8 strings', (t) => {
  t.deepEqual(str('"é€"').units, [0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  t.deepEqual(str('u8"\\u00e9"').units, [0xc3, 0xa9]);
  t.is(str('u8"x"').prefix, 'u8');
});

test('u, U and L strings hold UTF-16 units or code points', (t) => {
  t.deepEqual(str('u"😀"').units, [0xd83d, 0xde00]);
  t.deepEqual(str('U"😀"').units, [0x1f600]);
  t.deepEqual(str('L"a"', '"b"'), { prefix: 'L', units: [97, 98], messages: [] });
  t.deepEqual(str('"a"', 'L"b"').prefix, 'L');
});

test('mixing different prefixes is an error', (t) => {
  t.deepEqual(str('u"a"', 'U"b"').messages, ['unsupported non-standard concatenation of string literals']);
});
