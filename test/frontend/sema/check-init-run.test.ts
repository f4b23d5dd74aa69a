// Sema's fast path for constant runs (src/frontend/sema/check-init-run.ts):
// one 'run' entry when every value is exact in the element type, the
// general path (with its diagnostics) otherwise.

import test from 'ava';
import { MIN_RUN_LENGTH } from '../../../src/frontend/parse/constant-run.js';
import { checkSource } from './check-helpers.js';

const values = (n: number, f: (i: number) => string = String) => Array.from({ length: n }, (_, i) => f(i)).join(', ');

/** The entry kinds of each global's initializer, by name. */
function entryKinds(source: string): { kinds: Record<string, string[]>; text: string } {
  const r = checkSource('run.c', source);
  if (r.unit === null) throw new Error(r.text);
  const kinds: Record<string, string[]> = {};
  for (const g of r.unit.globals) kinds[g.sym.name] = g.init?.entries.map((e) => e.kind) ?? [];
  return { kinds, text: r.text };
}

test('arrays of integers and floats take a run in one entry when every value is exact', (t) => {
  const n = MIN_RUN_LENGTH;
  const { kinds, text } = entryKinds([
    `unsigned char uc[] = {${values(n, (i) => String(255 - i))}};`,
    `signed char sc[] = {${values(n, (i) => String(-128 + i))}};`,
    `const short s[40] = {${values(n)}};`,
    `unsigned long ul[] = {${values(n, (i) => `0x${(2 ** 52 + i).toString(16)}`)}};`,
    `float f[] = {${values(n, (i) => `${i}.5f`)}, 16777216};`,
    `double d[] = {${values(n, (i) => `-${i}e10`)}, 0.1f};`,
    `int m[2][${n}] = {{${values(n)}}, {${values(n)}}};`,
    `struct { int k; short v[${n}]; } r = {1, {${values(n)}}};`,
  ].join('\n'));
  t.is(text, '');
  t.deepEqual(kinds, {
    uc: ['run'], sc: ['run'], s: ['run'], ul: ['run'], f: ['run'], d: ['run'], m: ['run', 'run'], r: ['expr', 'run'],
  });
});

test('values that change in conversion, other element types and excess elements take the general path', (t) => {
  const n = MIN_RUN_LENGTH;
  const { kinds, text } = entryKinds([
    `unsigned char wrap[] = {${values(n)}, 256};`,
    `signed char neg[] = {${values(n)}, 128};`,
    `int frac[] = {${values(n)}, 2.5};`,
    `float inexact[] = {${values(n)}, 16777217};`,
    `_Bool b[] = {${values(n, (i) => String(i % 2))}};`,
    `long double ld[] = {${values(n)}};`,
    `enum e { A } en[] = {${values(n)}};`,
    `int *p[] = {${values(n, () => '0')}};`,
    `short excess[${n}] = {${values(n + 1)}};`,
    `struct { char c; int i; } pairs[] = {${values(n)}};`,
  ].join('\n'));
  for (const [name, k] of Object.entries(kinds)) t.false(k.includes('run'), name);
  t.is(kinds['wrap']!.length, n + 1);
  t.regex(text, /run\.c:9:\d+: warning: excess elements in array initializer/);
});

test('a designator after a run overrides only its own element', (t) => {
  const n = MIN_RUN_LENGTH;
  const r = checkSource('run.c', `int a[2][${n}] = {{${values(n)}}, [0][3] = -7, [0][${n - 1}] = -8};`);
  const entries = r.unit!.globals[0]!.init!.entries;
  // The run survives in pieces around the two overridden elements.
  t.deepEqual(entries.map((e) => [e.kind, e.offset, e.kind === 'run' ? e.values.length : 1]), [
    ['run', 0, 3], ['run', 16, n - 5], ['expr', 12, 1], ['expr', 4 * (n - 1), 1],
  ]);
});

test('numbers from a macro expansion are no run', (t) => {
  const { kinds } = entryKinds(`#define LIST ${values(MIN_RUN_LENGTH)}\nint a[] = {LIST};\nint b[] = {${values(MIN_RUN_LENGTH)}};`);
  t.deepEqual(kinds, { a: Array(MIN_RUN_LENGTH).fill('expr'), b: ['run'] });
});
