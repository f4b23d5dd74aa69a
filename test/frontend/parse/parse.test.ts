// Golden tests for the parser: every fixtures/*.c is parsed; its printAst
// output must equal the .ast file next to it, and its diagnostics (one line
// each, `file:line:col: severity: message`) must equal the .err file, or be
// empty when there is none. `UPDATE=1 npx ava …` rewrites both.

import test from 'ava';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSink, formatDiagnostic } from '../../../src/diagnostics.js';
import { getParser, parseTranslationUnit } from '../../../src/frontend/parse/parse.js';
import { printAst } from '../../../src/frontend/parse/print-ast.js';
import { tokenize } from './tokenize.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const isUpdate = process.env.UPDATE === '1';

for (const name of readdirSync(dir).filter((f) => f.endsWith('.c')).sort()) {
  test(name, (t) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const sink = new DiagnosticSink();
    const unit = parseTranslationUnit(tokenize(name, text, sink), sink);
    const ast = printAst(unit);
    const errors = sink.diagnostics.map((d) => formatDiagnostic(d, null)).join('\n');
    const astPath = join(dir, name.replace(/\.c$/, '.ast'));
    const errPath = join(dir, name.replace(/\.c$/, '.err'));
    if (isUpdate) {
      writeFileSync(astPath, ast);
      if (errors !== '') writeFileSync(errPath, errors + '\n');
      else if (existsSync(errPath)) rmSync(errPath);
    }
    t.is(ast, readFileSync(astPath, 'utf8'), 'AST differs from ' + astPath);
    const expectedErrors = existsSync(errPath) ? readFileSync(errPath, 'utf8').trimEnd() : '';
    t.is(errors, expectedErrors);
  });
}

// Chevrotain's grammar checks (ambiguities, left recursion, duplicate
// occurrence indices) are skipped in production builds, so run them here.
test('the grammar passes Chevrotain validation', (t) => {
  t.notThrows(() => getParser(true));
});
