// Bad input never crashes or hangs the preprocessor: random mixtures of
// directives, macro definitions, invocations and punctuation must give
// diagnostics (or nothing), never an exception other than the sink's
// TooManyErrors stop. The generator is seeded, so a failure reproduces.

import test from 'ava';
import { TooManyErrors } from '../../../src/diagnostics.js';
import { pp, testOptions } from './helpers.js';

const pieces = [
  '#define ', '#undef ', '#if ', '#ifdef ', '#ifndef ', '#elif ', '#else', '#endif', '#include ', '#include_next ',
  '#line ', '#pragma ', '#error ', '#', '\n', '\n', '\n', ' ', ' ', 'F', 'G', 'X', '__VA_ARGS__', '__VA_OPT__',
  '(', ')', '(', ')', ',', '...', '#', '##', '"s"', "'c'", '"', "'", '1', '0x', '1.5', 'defined', '__has_include',
  '<', '>', '+', '-', '/', '*', '?', ':', '\\\n', '/*', '*/', '//', '_Pragma', '__LINE__', '__FILE__', '__COUNTER__',
  '"h.h"', '<h.h>', 'F(', 'G(x)', '#define F(a, ...) a ## __VA_ARGS__ #a\n', '#define G(x) F(x, x) G\n', '\x01', '@',
];

function randomSource(seed: number): string {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let out = '';
  const n = 20 + Math.floor(rand() * 200);
  for (let i = 0; i < n; i++) out += pieces[Math.floor(rand() * pieces.length)];
  return out;
}

test('random directive soup never throws', (t) => {
  const opts = testOptions({ 'h.h': '#define H 1\nF(H)\n#if\n' });
  let diagnosed = 0;
  for (let seed = 1; seed <= 400; seed++) {
    const src = randomSource(seed);
    try {
      if (pp(src, opts).sink.errorCount > 0) diagnosed++;
    } catch (e) {
      if (e instanceof TooManyErrors) continue;
      t.fail(`seed ${seed} threw ${(e as Error).stack}\n--- source ---\n${src}`);
      return;
    }
  }
  // The soup is meant to be mostly wrong: if nothing was diagnosed the generator is broken.
  t.true(diagnosed > 100, `${diagnosed} of 400 sources diagnosed`);
});

test('exponential macro growth is bounded by rescanning rules, not a hang', (t) => {
  const src = '#define A(x) x x\n#define B(x) A(A(x))\n#define C(x) B(B(x))\n#define D(x) C(C(x))\nD(D(1))\n';
  const r = pp(src);
  t.is(r.tokens.length, 65536);
});

test('recursive macros stop at blue paint', (t) => {
  const r = pp('#define f(x) g(x) f\n#define g(x) f(x) g\nf(1)(2)(3)\n');
  t.is(r.diagnostics, '');
  t.true(r.tokens.length < 40);
});

test('deeply nested macro arguments and #if parentheses are errors, not stack overflows', (t) => {
  const n = 5000;
  const calls = pp('#define f(x) x\n' + 'f('.repeat(n) + '1' + ')'.repeat(n) + '\n');
  t.regex(calls.diagnostics, /error: macro arguments nested more than 256 levels deep/);
  const parens = pp('#if ' + '('.repeat(n) + '1' + ')'.repeat(n) + '\n#endif\n');
  t.regex(parens.diagnostics, /error: #if expression nested more than 256 levels deep/);
  const unary = pp('#if ' + '- '.repeat(n) + '1\n#endif\n');
  t.regex(unary.diagnostics, /error: #if expression nested more than 256 levels deep/);
});

test('long chains of macros expand without recursion', (t) => {
  const n = 20000;
  let src = '';
  for (let i = 0; i < n; i++) src += `#define A${i} A${i + 1}\n#define F${i}(x) F${i + 1}(x)\n`;
  const r = pp(src + `A0 F0(7)\n#define F${n}(x) [x]\n`);
  t.is(r.diagnostics, '');
  t.is(r.text, `A${n} F${n} ( 7 )`);
  // The "expanded from" chain is bounded, and still ends where the user wrote A0.
  let depth = 0;
  let loc = r.tokens[0]!.loc;
  while (loc.expandedFrom !== undefined) {
    depth++;
    loc = loc.expandedFrom.loc;
  }
  t.true(depth <= 34, `chain depth ${depth}`);
  t.deepEqual([loc.line, loc.col], [2 * n + 1, 1]);
});
