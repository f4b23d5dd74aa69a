// `-dM -E` (dumpMacros): one `#define` per macro in gcc's spelling, sorted
// by name; #undef removes a macro; the predefined macros are listed too.

import test from 'ava';
import { DiagnosticSink, SourceMap } from '../../../src/diagnostics.js';
import { dumpMacros } from '../../../src/frontend/preprocess/preprocess.js';
import { testOptions } from './helpers.js';

test('dumpMacros prints definitions as gcc -dM does', (t) => {
  const src = [
    '#define A 1',
    '#define F(x, y) x ## y',
    '#define V(fmt, ...) f(fmt, __VA_ARGS__)',
    '#define N(args...) g(args)',
    '#define E',
    '#define S   spaced    out  /* c */ body',
    '#undef A',
  ].join('\n');
  const sink = new DiagnosticSink();
  const out = dumpMacros('d.c', src, testOptions(), sink, new SourceMap());
  t.is(sink.diagnostics.length, 0);
  const lines = out.split('\n');
  // These lines are exactly what `gcc -dM -E` prints for the same input.
  for (const expected of ['#define F(x,y) x ## y', '#define E ', '#define N(args...) g(args)', '#define S spaced out body', '#define V(fmt,...) f(fmt, __VA_ARGS__)']) {
    t.true(lines.includes(expected), expected);
  }
  t.false(lines.some((l) => l.startsWith('#define A ')));
  t.true(lines.includes('#define __x86_64__ 1'));
  t.true(lines.includes('#define __INT64_C(c) c ## L'));
  t.deepEqual(lines.filter((l) => l !== ''), [...lines.filter((l) => l !== '')].sort());
});
