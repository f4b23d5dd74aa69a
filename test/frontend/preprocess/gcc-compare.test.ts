// Agreement with gcc: each fixture in gcc-compare/ (our own macro-heavy C)
// and each /work/shared/conformance/preproc/*.c (with its `#include <…>`
// lines removed) must preprocess to the same tokens as `gcc -E -P`, white
// space ignored. gcc runs with -undef -nostdinc and our predefined macros
// as a forced include, so both see the same macros.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { predefinedMacroText } from '../../../src/frontend/preprocess/predefined.js';
import { pp, testOptions, tokensOf } from './helpers.js';
import { testNeeding, testNeedingTools } from '../../tools.js';

const fixtureDir = fileURLToPath(new URL('gcc-compare/', import.meta.url));
const conformanceDir = '/work/shared/conformance/preproc';


// __DATE__ and __TIME__ (conformance preproc/line_file.c) from one fixed instant for both
// preprocessors, or a second ticking between the two runs makes them differ.
process.env.SOURCE_DATE_EPOCH = '1700000000';

const gccTest = testNeedingTools(['gcc']);
const work = mkdtempSync(join(tmpdir(), 'jitcc-pp-'));
const predefPath = join(work, 'predef.h');
writeFileSync(predefPath, predefinedMacroText(testOptions()));

function gccTokens(path: string, includeDirs: string[]): string {
  const dirs = includeDirs.flatMap((d) => ['-I', d]);
  const out = execFileSync('gcc', ['-E', '-P', '-w', '-std=gnu11', '-undef', '-nostdinc', ...dirs, '-include', predefPath, path], { encoding: 'latin1' });
  return tokensOf(out);
}

/** `includeDirs` serve "local" headers next to the original file (read from disk). */
function compare(name: string, source: string, includeDirs: string[] = []) {
  gccTest(`agrees with gcc -E -P: ${name}`, (t) => {
    const path = join(work, name);
    writeFileSync(path, source);
    const ours = pp(source, testOptions({}, { includePaths: includeDirs }, includeDirs.length > 0), path);
    t.is(ours.sink.errorCount, 0, ours.diagnostics);
    t.is(ours.text, gccTokens(path, includeDirs));
  });
}

for (const f of readdirSync(fixtureDir).filter((n) => n.endsWith('.c')).sort()) {
  compare(f, readFileSync(join(fixtureDir, f), 'latin1'));
}

if (existsSync(conformanceDir)) {
  for (const f of readdirSync(conformanceDir).filter((n) => n.endsWith('.c')).sort()) {
    const text = readFileSync(join(conformanceDir, f), 'latin1').replace(/^[ \t]*#[ \t]*include[ \t]*<[^>\n]*>[ \t]*$/gm, '');
    compare(`conformance-${f}`, text, [conformanceDir]);
  }
} else {
  testNeeding(`${conformanceDir} is absent`)('conformance preprocessor files agree with gcc -E -P', () => {});
}
