// `printPreprocessed` (jitcc -E): golden output with line markers for the
// fixtures in print/ (UPDATE=1 rewrites the .pp files), and the property
// that the printed text lexes back into exactly the same tokens.

import test from 'ava';
import { checkGolden } from '../../tools.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printPreprocessed } from '../../../src/frontend/preprocess/preprocess.js';
import { needsSpace } from '../../../src/frontend/preprocess/print.js';
import { pp, testOptions, tokensOf } from './helpers.js';

const printDir = fileURLToPath(new URL('print/', import.meta.url));
const compareDir = fileURLToPath(new URL('gcc-compare/', import.meta.url));

/** The fixture's directory as a virtual file system, with paths relative to it so output is stable. */
function fixtureFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (/\.[ch]$/.test(f)) files[f] = readFileSync(join(dir, f), 'latin1');
  return files;
}

for (const f of readdirSync(printDir).filter((n) => n.endsWith('.c'))) {
  test(`-E output matches ${f.replace(/\.c$/, '.pp')}`, (t) => {
    const files = fixtureFiles(printDir);
    const r = pp(files[f]!, testOptions(files), f);
    t.is(r.diagnostics, '');
    const printed = printPreprocessed(r.tokens, f, r.includes);
    const golden = join(printDir, f.replace(/\.c$/, '.pp'));
    checkGolden(t, golden, printed, 'latin1');
  });
}

for (const dir of [printDir, compareDir]) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.c'))) {
    test(`-E output re-lexes to the same tokens: ${f}`, (t) => {
      const files = fixtureFiles(dir);
      const r = pp(files[f]!, testOptions(files), f);
      const printed = printPreprocessed(r.tokens).replace(/^#.*$/gm, '');
      t.is(tokensOf(printed), r.text);
    });
  }
}

test('tokens that would lex as one are separated', (t) => {
  const cases: [string, string, boolean][] = [
    ['+', '+', true], ['-', '>', true], ['a', 'b', true], ['1', '.5', true], ['1e', '+', true], ['x', '+', false],
    ['/', '*', true], ['/', '/', true], ['L', '"s"', true], ['.', '.', true], ['(', ')', false], ['<', ':', true],
    ['1', 'x', true], [')', '(', false], ['<<', '=', true],
  ];
  for (const [a, b, expected] of cases) t.is(needsSpace(a, b), expected, `${a} ${b}`);
});
