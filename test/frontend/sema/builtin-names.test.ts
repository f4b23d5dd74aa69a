// __has_builtin answers from sema/builtin-names.ts; the list must be exactly
// what sema accepts. Every listed name, called with no arguments, must be
// taken as a builtin (at worst an argument-count error, never an implicit
// declaration), and every '__builtin_…' name in sema's sources must be listed.

import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BUILTIN_NAMES } from '../../../src/frontend/sema/builtin-names.js';
import { checkSource } from './check-helpers.js';

/** Keyword builtins take type names, so a plain call is a syntax error; they are checked by their own tests. */
const KEYWORDS = new Set(['__builtin_offsetof', '__builtin_types_compatible_p', '__builtin_va_arg', '__builtin_convertvector']);

test('every listed builtin is recognized by sema', (t) => {
  const wrong: string[] = [];
  for (const name of BUILTIN_NAMES) {
    if (KEYWORDS.has(name)) continue;
    const r = checkSource('b.c', `// warnings: all\nvoid f(void) { ${name}(); }\n`);
    if (/implicit declaration|undeclared/.test(r.text)) wrong.push(`${name}: ${r.text.split('\n')[0]}`);
  }
  t.deepEqual(wrong, []);
});

test('a builtin gcc has and jitcc lacks is not claimed, and is an implicit declaration', (t) => {
  t.false(BUILTIN_NAMES.has('__builtin_ia32_pause'));
  const r = checkSource('b.c', '// warnings: all\nvoid f(void) { __builtin_ia32_pause(); }\n');
  t.regex(r.text, /implicit declaration/);
});

test('every __builtin_ name in sema is listed', (t) => {
  const dir = fileURLToPath(new URL('../../../src/frontend/sema/', import.meta.url));
  const missing = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(__builtin_\w+|__sync_\w+|__atomic_\w+)'/g)) {
      const name = m[1]!;
      // Type names and prefixes of suffixed families, not callable names.
      if (name === '__builtin_va_list' || /^__builtin_(inf|huge_val|nan|nans|fabs|copysign)$/.test(name) && BUILTIN_NAMES.has(name)) continue;
      if (!BUILTIN_NAMES.has(name)) missing.add(`${f}: ${name}`);
    }
  }
  t.deepEqual([...missing], []);
});

test('gnu_inline: extern inline is for inlining only, plain inline is an external definition', (t) => {
  const r = checkSource('g.c', [
    'extern inline __attribute__((gnu_inline)) int f(int x) { return x + 1; }',
    'inline __attribute__((__gnu_inline__)) int g(int x) { return x + 2; }',
    'inline int h(int x) { return x + 3; }',
    'int use(void) { return f(1) + g(1) + h(1); }',
  ].join('\n'));
  t.is(r.text, '');
  const syms = new Map(r.unit!.symbols.map((s) => [s.name, s]));
  const inl = (n: string) => { const s = syms.get(n); return s?.kind === 'func' ? s.isInline : undefined; };
  t.is(inl('f'), true);
  t.is(inl('g'), false);
  t.is(inl('h'), true);
});
