// Unit tests of sema's type facts: clang-style type spelling, sizes and
// alignments, compatibility, the usual arithmetic conversions, and
// constant evaluation, each checked through real declarations.

import test from 'ava';
import { printType } from '../../../src/frontend/sema/types.js';
import type { TExpr } from '../../../src/frontend/sema/typed.js';
import { checkSource, testOptions } from './check-helpers.js';

/** The type of global `v` declared by `decl` (e.g. `int *v[3];`). */
function typeOf(decl: string, target: 'x86_64' | 'aarch64' = 'x86_64') {
  const r = checkSource('t.c', decl, testOptions(target));
  if (r.hasErrors || !r.unit) throw new Error(r.text);
  const g = r.unit.symbols.find((s) => s.name === 'v');
  if (!g) throw new Error('no v');
  return g.type;
}

const spellings: [string, string][] = [
  ['int v;', 'int'],
  ['unsigned long long v;', 'unsigned long long'],
  ['const char *v;', 'const char *'],
  ['char *const v = 0;', 'char *const'],
  ['int *v[3];', 'int *[3]'],
  ['int (*v)[3];', 'int (*)[3]'],
  ['int (*v)(int, char *);', 'int (*)(int, char *)'],
  ['int v(void);', 'int (void)'],
  ['int v();', 'int ()'],
  ['int v(const char *, ...);', 'int (const char *, ...)'],
  ['struct s { int a; } v;', 'struct s'],
  ['union { int a; } v;', 'union (anonymous)'],
  ['enum e { A } v;', 'enum e'],
  ['void (*(*v)(int))(double);', 'void (*(*)(int))(double)'],
  ['volatile int *const *v;', 'volatile int *const *'],
  ['long double v[2][3];', 'long double[2][3]'],
];

for (const [decl, expected] of spellings) {
  test(`spelling of ${decl}`, (t) => t.is(printType(typeOf(decl)), expected));
}

/** The value of `sizeof`/`_Alignof`/constant expression `expr`, evaluated by sema. */
function constant(expr: string, prelude = '', target: 'x86_64' | 'aarch64' = 'x86_64'): bigint {
  const r = checkSource('c.c', `${prelude}\nint v[(${expr}) + 1000];`, testOptions(target));
  if (r.hasErrors || !r.unit) throw new Error(r.text);
  const t = r.unit.symbols.find((s) => s.name === 'v')!.type;
  if (t.kind !== 'array' || t.length === null) throw new Error('not an array');
  return BigInt(t.length) - 1000n;
}

const constants: [string, bigint, string?][] = [
  ['sizeof(long double)', 16n],
  ['_Alignof(long double)', 16n],
  ['sizeof(long) + sizeof(void *)', 16n],
  ['sizeof(struct { char c; double d; })', 16n],
  ['sizeof(union { char c[5]; int i; })', 8n],
  ['-1 < 1u', 0n],
  ['-1L < 1u', 1n],
  ['(unsigned char)300', 44n],
  ['(signed char)200', -56n],
  ['(char)200', -56n],
  ['1 ? 2 : 3', 2n],
  ['sizeof(1 ? (char)1 : 2L)', 8n],
  ['0x7fffffff + 0u == 2147483647u', 1n],
  ['sizeof 1.0f + sizeof 1.0 + sizeof 1.0L', 28n],
  ['sizeof(0x80000000)', 4n],
  ['sizeof(2147483648)', 8n],
  ['(int)3.99', 3n],
  ['A + C', 11n, 'enum { A = 1, B, C = B + 8 };'],
  ['__builtin_offsetof(struct p { char a; int b[4]; }, b[2])', 12n],
  ["'\\377' < 0", 1n],
];

for (const [expr, value, prelude] of constants) {
  test(`constant ${expr}`, (t) => t.is(constant(expr, prelude), value));
}

test('plain char is unsigned on aarch64', (t) => {
  t.is(constant('(char)200', '', 'aarch64'), 200n);
  t.is(constant("(char)'\\377' < 0", '', 'aarch64'), 0n);
});

test('redeclarations form a composite type (6.2.7p3)', (t) => {
  const r = checkSource('c.c', 'extern int v[];\nint v[5];\nint n = sizeof v;');
  t.false(r.hasErrors, r.text);
  t.is(printType(r.unit!.symbols.find((s) => s.name === 'v')!.type), 'int[5]');
});

test('implicit conversions are explicit in the typed tree', (t) => {
  const r = checkSource('c.c', 'double f(int i, float x) { return i + x; }');
  t.false(r.hasErrors, r.text);
  const body = r.unit!.functions[0]!.body;
  const ret = body.kind === 'compound' ? body.items[0] : null;
  if (ret?.kind !== 'return' || !ret.value) return t.fail('no return');
  const show = (e: TExpr): string => {
    switch (e.kind) {
      case 'cast': return `(${printType(e.type)})${show(e.operand)}`;
      case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
      case 'load': return show(e.operand);
      case 'var': return e.sym.name;
      default: return e.kind;
    }
  };
  t.is(show(ret.value), '(double)((float)i add x)');
});
