// Robustness: the parser must terminate without throwing on any token
// sequence. Inputs are the fixtures cut at random token positions, with
// token ranges deleted, duplicated or spliced from another fixture, driven by
// a fixed-seed generator so failures reproduce.

import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSink, TooManyErrors } from '../../../src/diagnostics.js';
import type { CToken } from '../../../src/frontend/lex/tokens.js';
import { parseTranslationUnit } from '../../../src/frontend/parse/parse.js';
import { tokenize } from './tokenize.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const sources = readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => {
  const sink = new DiagnosticSink();
  return { name: f, tokens: tokenize(f, readFileSync(join(dir, f), 'utf8'), sink) };
});

/** xorshift32: small, deterministic. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function mutate(tokens: CToken[], other: CToken[], rand: (n: number) => number): CToken[] {
  const out = [...tokens];
  const edits = 1 + rand(4);
  for (let e = 0; e < edits; e++) {
    const at = rand(out.length + 1);
    const len = 1 + rand(6);
    switch (rand(4)) {
      case 0: out.length = at; break; // truncate
      case 1: out.splice(at, len); break; // delete
      case 2: out.splice(at, 0, ...out.slice(at, at + len)); break; // duplicate
      default: {
        const from = rand(other.length + 1);
        out.splice(at, 0, ...other.slice(from, from + len)); // splice in foreign tokens
      }
    }
  }
  return out;
}

test('mutated fixtures never crash or hang the parser', (t) => {
  const rand = rng(20261121);
  let withErrors = 0;
  for (let i = 0; i < 800; i++) {
    const a = sources[rand(sources.length)]!;
    const b = sources[rand(sources.length)]!;
    const tokens = mutate(a.tokens, b.tokens, rand);
    const sink = new DiagnosticSink();
    try {
      parseTranslationUnit(tokens, sink);
    } catch (e) {
      if (!(e instanceof TooManyErrors)) {
        t.fail(`input ${i} from ${a.name}: ${(e as Error).stack}\n${tokens.map((x) => x.image).join(' ')}`);
        return;
      }
    }
    if (sink.hasErrors) withErrors++;
  }
  // Most mutations break the syntax; if none did, the mutator is broken.
  t.true(withErrors > 250, `${withErrors} inputs had errors`);
});

test('every prefix of a fixture parses without throwing', (t) => {
  const { tokens } = sources.find((s) => s.name === 'gnu-extensions.c')!;
  let diagnosed = 0;
  for (let n = 0; n <= tokens.length; n++) {
    const sink = new DiagnosticSink();
    parseTranslationUnit(tokens.slice(0, n), sink);
    if (sink.hasErrors) diagnosed++;
  }
  // Only the empty prefix and the whole file are complete translation units… roughly: most prefixes are errors.
  t.true(diagnosed > tokens.length / 2, `${diagnosed} of ${tokens.length + 1} prefixes diagnosed`);
});

test('deep nesting is a diagnostic, not a stack overflow', (t) => {
  for (const src of [
    'int x = ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ';',
    'void f(void) ' + '{'.repeat(5000) + '}'.repeat(5000),
    'int y = ' + '-'.repeat(20000) + '1;',
    'int ' + '('.repeat(5000) + 'p' + ')'.repeat(5000) + ';',
  ]) {
    const sink = new DiagnosticSink();
    t.notThrows(() => parseTranslationUnit(tokenize('deep.c', src, sink), sink));
    t.deepEqual(sink.diagnostics.map((d) => d.message), ['code nested too deeply for the parser']);
  }
  // Ordinary depths parse: 100 parentheses and 100 nested blocks.
  const sink = new DiagnosticSink();
  parseTranslationUnit(tokenize('ok.c', 'int x = ' + '('.repeat(100) + '1' + ')'.repeat(100) + '; void f(void) ' + '{'.repeat(100) + '}'.repeat(100), sink), sink);
  t.deepEqual(sink.diagnostics, []);
});
