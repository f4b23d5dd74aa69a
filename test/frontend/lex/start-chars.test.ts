// Every token pattern declares the characters it can start with
// (`start_chars_hint` in tokens.ts), so building the lexer does not analyse
// the regular expressions. A hint that missed a character would make the
// lexer skip that pattern at that character; this test lexes a corpus with
// the hinted lexer and with one that cannot use first-character dispatch
// (a pattern without a hint turns it off for all) and requires the same
// tokens: every byte value next to every other printable one, the test
// fixtures, and the system headers when present.
import test from 'ava';
import { createToken, Lexer, type IToken } from 'chevrotain';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexerTokenTypes } from '../../../src/frontend/lex/lexer.js';

const hinted = new Lexer(lexerTokenTypes(), { positionTracking: 'full', ensureOptimizations: true });
// A custom pattern without a hint cannot be analysed, so this lexer tries every pattern at every position.
const NoHint = createToken({ name: 'NoHint', pattern: { exec: () => null }, line_breaks: false });
const plain = new Lexer([...lexerTokenTypes(), NoHint], { positionTracking: 'full', skipValidations: true });

function tokens(lexer: Lexer, text: string): string[] {
  const r = lexer.tokenize(text);
  return [...r.tokens.map((t: IToken) => `${t.tokenType.name}@${t.startOffset}:${t.image}`), ...r.errors.map((e) => `error@${e.offset}`)];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.[ch]$/.test(name)) out.push(p);
  }
  return out;
}

test('every hint names all the characters its pattern can start with', (t) => {
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));
  const pairs = all.flatMap((a) => printable.map((b) => a + b + ' ' + b + a + 'u8"x" L\'y\' 1.5e+3 /*c*/ //d\n')).join('\n');
  t.deepEqual(tokens(hinted, pairs), tokens(plain, pairs));
});

test('the hinted lexer and the plain one agree on the fixtures and system headers', (t) => {
  const files = walk(fileURLToPath(new URL('../../', import.meta.url)));
  for (const dir of ['/usr/include', '/usr/include/x86_64-linux-gnu/bits']) {
    if (existsSync(dir)) files.push(...readdirSync(dir).filter((f) => f.endsWith('.h')).map((f) => join(dir, f)));
  }
  t.true(files.length > 100);
  let differing = 0;
  for (const f of files) {
    const text = readFileSync(f, 'latin1');
    if (tokens(hinted, text).join('\n') !== tokens(plain, text).join('\n')) { differing++; t.log(f); }
  }
  t.is(differing, 0);
});
