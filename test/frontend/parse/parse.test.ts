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
    const text = readFileSync(join(dir, name), 'latin1'); // bytes as chars, as the CLI reads sources
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

// Locations are part of the contract with sema (ast.ts): operators for binary,
// assignment and member nodes, names for declarators, the first token otherwise.
test('nodes carry the locations diagnostics point at', (t) => {
  const text = 'int *xs[2], y = 1 +\n  2;\nvoid f(void) { y = xs[0]->m; }\n';
  const sink = new DiagnosticSink();
  const unit = parseTranslationUnit(tokenize('loc.c', text, sink), sink);
  const decl = unit.decls[0]!;
  if (decl.kind !== 'declaration') return t.fail();
  const at = (l: { line: number; col: number }) => `${l.line}:${l.col}`;
  t.is(at(decl.loc), '1:1');
  t.is(at(decl.declarators[0]!.loc), '1:6');
  t.is(at(decl.declarators[1]!.loc), '1:13');
  const init = decl.declarators[1]!.init;
  if (init?.kind !== 'initExpr' || init.expr.kind !== 'binary') return t.fail();
  t.is(at(init.expr.loc), '1:19');
  t.is(at(init.expr.right.loc), '2:3');
  const fn = unit.decls[1]!;
  if (fn.kind !== 'functionDef') return t.fail();
  t.is(at(fn.body.loc), '3:14');
  t.is(at(fn.body.endLoc), '3:30');
  const stmt = fn.body.items[0]!;
  if (stmt.kind !== 'exprStmt' || stmt.expr?.kind !== 'assign') return t.fail();
  t.is(at(stmt.expr.loc), '3:18');
  const member = stmt.expr.value;
  if (member.kind !== 'member') return t.fail();
  t.is(at(member.loc), '3:25');
  t.is(at(member.base.loc), '3:22');
});
