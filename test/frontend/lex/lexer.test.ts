// The lexer: each token class (C11 6.4), positions (1-based, through line
// splices), white space flags, and lexing errors as diagnostics.

import test from 'ava';
import { DiagnosticSink, SourceMap, formatDiagnostics } from '../../../src/diagnostics.js';
import { getLexer, lexFile, type PpToken } from '../../../src/frontend/lex/lexer.js';

function lex(text: string) {
  const sink = new DiagnosticSink();
  const tokens = lexFile('t.c', text, sink) as PpToken[];
  const sources = new SourceMap();
  sources.add('t.c', text);
  return { tokens, sink, diagnostics: formatDiagnostics(sink.diagnostics, sources) };
}

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

test('the lexer definition passes Chevrotain validation with optimizations ensured', (t) => {
  t.notThrows(() => getLexer(true));
});

test('keywords, GNU spellings and identifiers', (t) => {
  t.deepEqual(kinds('int integer do double __inline__ __restrict _Bool $x _y9'), [
    'Int:int', 'Identifier:integer', 'Do:do', 'Double:double', 'Inline:__inline__', 'Restrict:__restrict',
    'Bool:_Bool', 'Identifier:$x', 'Identifier:_y9',
  ]);
});

test('pp-numbers (6.4.8) take exponent signs, dots and suffixes', (t) => {
  t.deepEqual(kinds('0x1p-3 1e+10 .5f 12ULL 1.2.3 0x1e+1 08'), [
    'Number:0x1p-3', 'Number:1e+10', 'Number:.5f', 'Number:12ULL', 'Number:1.2.3', 'Number:0x1e+1', 'Number:08',
  ]);
});

test('character and string literals with prefixes and escapes', (t) => {
  t.deepEqual(kinds(`'a' '\\'' L'x' u'y' U'z' u8'w' "s\\"t" u8"u" L"" "a\\\\"`), [
    "CharLiteral:'a'", "CharLiteral:'\\''", "CharLiteral:L'x'", "CharLiteral:u'y'", "CharLiteral:U'z'", "CharLiteral:u8'w'",
    'StringLiteral:"s\\"t"', 'StringLiteral:u8"u"', 'StringLiteral:L""', 'StringLiteral:"a\\\\"',
  ]);
});

test('punctuators take the longest match, digraphs included (6.4.6)', (t) => {
  t.deepEqual(kinds('>>= ... -> ## <: :> <% %> %: %:%: a+++b'), [
    'ShrAssign:>>=', 'Ellipsis:...', 'Arrow:->', 'HashHash:##', 'LBracket:<:', 'RBracket::>', 'LBrace:<%', 'RBrace:%>',
    'Hash:%:', 'HashHash:%:%:', 'Identifier:a', 'PlusPlus:++', 'Plus:+', 'Identifier:b',
  ]);
});

test('comments are dropped and leave white space', (t) => {
  const { tokens } = lex('a/* c */b // line\nc/**/d');
  t.deepEqual(tokens.map((x) => x.image), ['a', 'b', '\n', 'c', 'd']);
  t.deepEqual(tokens.map((x) => x.hasSpace), [false, true, true, false, true]);
  t.deepEqual(tokens.map((x) => x.atLineStart), [true, false, false, true, false]);
});

test('positions are 1-based and count through line splices (phase 2)', (t) => {
  const { tokens } = lex('int x;\n  y = "a\\\nb" + ab\\\ncd;\n\tz');
  const at = tokens.filter((x) => x.image !== '\n').map((x) => `${x.image}@${x.loc.line}:${x.loc.col}`);
  t.deepEqual(at, ['int@1:1', 'x@1:5', ';@1:6', 'y@2:3', '=@2:5', '"ab"@2:7', '+@3:4', 'abcd@3:6', ';@4:3', 'z@5:2']);
  // Chevrotain's own line/column fields are not filled: `loc` is the position every stage reads.
  t.true(tokens.every((x) => x.startLine === undefined && x.startColumn === undefined));
});

test('a splice inside a directive name and a splice at the end of a // comment', (t) => {
  t.deepEqual(kinds('#def\\\nine X // c \\\n still comment\nY'), ['Hash:#', 'Identifier:define', 'Identifier:X', 'Newline:\n', 'Identifier:Y']);
});

test('CRLF line ends', (t) => {
  const { tokens } = lex('a\r\nb\\\r\nc');
  t.deepEqual(tokens.map((x) => x.image), ['a', '\r\n', 'bc']);
  t.is(tokens[2]!.loc.line, 2);
});

test('unterminated literals and comments are errors with locations', (t) => {
  t.regex(lex('x = "abc;\n').diagnostics, /t.c:1:5: error: missing terminating " character/);
  t.regex(lex("c = 'a;\n").diagnostics, /t.c:1:5: error: missing terminating ' character/);
  t.regex(lex('a /* never closed\n\n').diagnostics, /t.c:1:3: error: unterminated comment/);
});

test('stray characters are kept as tokens and reported', (t) => {
  const r = lex('a @ b ` \x01');
  t.deepEqual(r.tokens.map((x) => x.tokenType.name), ['Identifier', 'Stray', 'Identifier', 'Stray', 'Stray']);
  t.regex(r.diagnostics, /t.c:1:3: error: stray '@' in program/);
  t.regex(r.diagnostics, /error: stray '\\1' in program/);
});

test('lexing never throws on arbitrary bytes', (t) => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 200; i++) {
    let s = '';
    for (let k = 0; k < 60; k++) s += String.fromCharCode(Math.floor(rand() * 128));
    t.notThrows(() => lex(s));
  }
});
