// The hand-written scanner against the specification it replaces:
// Chevrotain's lexer over tokens.ts's patterns must give the same tokens
// (type, image, offset) on every input — the repository's C files, glibc's
// headers, and random strings over C's characters plus the odd ones (stray
// bytes, lone '\r', quotes without an end, digraphs, pp-number signs).
// Positions are compared where both count lines the same way (no '\r').
// Also: literals and lines of any length scan without recursion (issue 11).

import test from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexPpTokens, lexWithChevrotain } from '../../../src/frontend/lex/lexer.js';
import { scan } from '../../../src/frontend/lex/scan.js';

function scanned(text: string): { type: string; image: string; offset: number }[] {
  const out: { type: string; image: string; offset: number }[] = [];
  scan(text, {
    token: (type, start, end) => out.push({ type: type.name, image: text.slice(start, end), offset: start }),
    stray: (start, end) => out.push({ type: 'Stray', image: text.slice(start, end), offset: start }),
    unterminatedComment: (start) => out.push({ type: 'UnterminatedComment', image: text.slice(start), offset: start }),
  });
  return out;
}

/** The same comparison, minus what Chevrotain skips (trivia are gaps for both). */
function same(text: string): { ok: boolean; first?: string } {
  const a = lexWithChevrotain(text);
  const b = scanned(text);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i], y = b[i];
    if (!x || !y || x.type !== y.type || x.image !== y.image || x.offset !== y.offset) {
      return { ok: false, first: `token ${i}: chevrotain ${JSON.stringify(x)} vs scanner ${JSON.stringify(y)}` };
    }
  }
  return { ok: true };
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

function cFiles(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (out.length >= limit) return;
      const p = join(d, name);
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.[ch]$/.test(name)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The first file whose scan differs from Chevrotain's lexing, with where; null when all agree. */
function firstMismatch(files: readonly string[]): string | null {
  for (const f of files) {
    const r = same(readFileSync(f, 'latin1').replace(/\\\r?\n/g, ''));
    if (!r.ok) return `${f}: ${r.first}`;
  }
  return null;
}

test('the repository\'s C files scan as Chevrotain lexes them', (t) => {
  const files = cFiles(join(root, 'test'), 600);
  t.true(files.length > 50);
  t.is(firstMismatch(files), null);
});

const headers = '/usr/include';
if (existsSync(join(headers, 'stdio.h'))) {
  test('glibc headers scan as Chevrotain lexes them', (t) => {
    const files = cFiles(headers, 150);
    t.true(files.length > 50);
    t.is(firstMismatch(files), null);
  });
} else {
  test.skip(`glibc headers scan as Chevrotain lexes them (skipped: no ${headers}/stdio.h)`, () => {});
}

test('random character soup scans as Chevrotain lexes it', (t) => {
  const alphabet = [..."abcLuU8xXeEpP09_$ \t\n.'\"\\/*#%:<>=+-!&|^~?;,()[]{}@`", '\r', '\x00', '\x7f', '\xe9', 'é', '\v', '\f', 'u8', "u8'", 'L"', '/*', '*/', '//', '...', '%:%:', '1e+', '0x1p-'];
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let mismatch: string | null = null;
  for (let k = 0; k < 3000 && mismatch === null; k++) {
    let s = '';
    const len = 1 + rand(40);
    for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
    const r = same(s.replace(/\\\r?\n/g, '')); // splices are cut before scanning (phase 2)
    if (!r.ok) mismatch = `${JSON.stringify(s)}: ${r.first}`;
  }
  t.is(mismatch, null);
});

test('line and column of each token', (t) => {
  const text = 'int x;\n  /* a\n b */ y = "s";\n\tz // c\n@';
  const tokens = lexPpTokens('t.c', text).tokens.filter((x) => x.tokenType.name !== 'Newline');
  t.deepEqual(tokens.map((x) => `${x.image}@${x.loc.line}:${x.loc.col}`), ['int@1:1', 'x@1:5', ';@1:6', 'y@3:7', '=@3:9', '"s"@3:11', ';@3:14', 'z@4:2', '@@5:1']);
});

test('CRLF line ends: a // comment or a lone \\r inside a comment does not count as a line', (t) => {
  const tokens = lexPpTokens('t.c', 'a // c\r\nb /* x\ry */ c\r\nd').tokens.filter((x) => x.tokenType.name !== 'Newline');
  t.deepEqual(tokens.map((x) => `${x.image}@${x.loc.line}:${x.loc.col}`), ['a@1:1', 'b@2:1', 'c@2:13', 'd@3:1']);
});

test('a 10 MB string literal and a 10 MB line scan without recursion', (t) => {
  const big = '"' + 'x'.repeat(10_000_000) + '"';
  const line = 'int a[] = {' + '1,'.repeat(1_000_000) + '};';
  const r = lexPpTokens('t.c', `const char *s = ${big};\n${line}\n`);
  t.is(r.tokens.find((x) => x.tokenType.name === 'StringLiteral')?.image.length, 10_000_002);
  t.true(r.tokens.length > 2_000_000);
});
