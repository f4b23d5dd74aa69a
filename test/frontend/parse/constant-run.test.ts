// Constant runs (src/frontend/parse/constant-run.ts): which initializer
// lists the parser keeps compact, and that the items rebuilt from a run are
// the ones the ordinary grammar gives for the same list.

import test from 'ava';
import { DiagnosticSink } from '../../../src/diagnostics.js';
import type { Declaration, InitList } from '../../../src/frontend/parse/ast.js';
import { MIN_RUN_LENGTH } from '../../../src/frontend/parse/constant-run.js';
import { parseTranslationUnit } from '../../../src/frontend/parse/parse.js';
import { exprText } from '../../../src/frontend/parse/print-ast.js';
import { tokenize } from './tokenize.js';

function initOf(source: string, sink = new DiagnosticSink()): InitList {
  const unit = parseTranslationUnit(tokenize('run.c', source, sink), sink);
  const init = (unit.decls[0] as Declaration).declarators[0]!.init!;
  if (init.kind !== 'initList') throw new Error('not a list');
  return init;
}

const fill = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(', ');
const printed = (list: InitList) => list.items.map((it) => `${it.loc.line}:${it.loc.col} ${it.init.kind === 'initExpr' ? `${it.init.expr.loc.col} ${exprText(it.init.expr)}` : '{}'}`);

test('a list of plain numbers becomes a run; its items are the ordinary ones', (t) => {
  // Spelled canonically (lower-case hex, floats exact in their type), since rebuilt items spell each literal so.
  const elements = '1, -2, 0x1f, 017, 0, 4294967295u, 7L, 8ul, 9LLU, 0.5, -0.0, 1e3, 2.5f, .25, 3., 0x7fffffff, -2147483647, 6.25E-2F';
  const run = initOf(`int a[] = {${elements}};`);
  t.truthy(run.run, 'kept as a run');
  t.is(run.run!.values.length, 18);
  t.deepEqual([...run.run!.values.slice(0, 5)], [1, -2, 31, 15, 0]);
  t.true(Object.is(run.run!.values[10], -0));
  t.is(run.run!.values[12], Math.fround(2.5));
  // The same elements followed by an identifier are no run: the ordinary grammar reads them.
  const ordinary = initOf(`int a[] = {${elements}, x};`);
  t.is(ordinary.run, undefined);
  t.deepEqual(printed(run), printed(ordinary).slice(0, 18));
});

test('runs need the minimum length, a closing brace and plain literals from the file itself', (t) => {
  t.truthy(initOf(`int a[] = {${fill(MIN_RUN_LENGTH, String)}};`).run);
  t.truthy(initOf(`int a[] = {${fill(MIN_RUN_LENGTH, String)},};`).run, 'trailing comma');
  t.falsy(initOf(`int a[] = {${fill(MIN_RUN_LENGTH - 1, String)}};`).run, 'too short');
  const notRuns: Record<string, string> = {
    'an expression': '1 + 2', 'a character constant': "'a'", 'a designator': '[3] = 4', 'braces': '{5}',
    'a space after the minus': '- 5', 'a negated unsigned constant': '-1u', 'a negated large hex constant': '-0x80000000',
    'a value beyond 2^53': '9007199254740993', 'a hex float': '0x1p3', 'a long double': '1.5L', 'a bad suffix': '12abc',
    'an imaginary constant': '2i', 'a binary constant': '0b101', 'a bad octal digit': '09',
  };
  const malformed = new Set(['a bad suffix', 'a bad octal digit']);
  for (const [what, element] of Object.entries(notRuns)) {
    const sink = new DiagnosticSink();
    t.falsy(initOf(`int a[] = {${fill(MIN_RUN_LENGTH, String)}, ${element}};`, sink).run, what);
    // A malformed literal is reported by the ordinary grammar, as without runs.
    t.is(sink.hasErrors, malformed.has(what), what);
  }
});

test('items rebuilt from a run keep each element\'s line and column', (t) => {
  const source = `short s[] = {\n${fill(8, (i) => String(i))},\n  ${fill(8, (i) => String(-i - 1))}\n};`;
  const list = initOf(source);
  t.truthy(list.run);
  t.is(list.items[8]!.loc.line, 3);
  t.is(list.items[8]!.loc.col, 3);
  const negated = list.items[9]!.init;
  t.is(negated.kind === 'initExpr' ? exprText(negated.expr) : '', '(u- 2)');
});
