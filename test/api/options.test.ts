// compile() options end to end: optimisation levels, defines, include
// paths, std, several translation units (sources and files), linking
// against other modules, and JS imports called from C.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, CompileError, LoadError, UnresolvedSymbolError } from '../../src/index.js';
import { scratchDir, x64 } from './helpers.js';

const FIB = 'int fib(int n) { int a = 0, b = 1; for (int i = 0; i < n; i++) { int t = a + b; a = b; b = t; } return a; }';

x64('every optimisation level computes the same results', (t) => {
  for (const optimize of [0, 1, 2, 3]) {
    const m = compile(FIB, { optimize });
    t.is(m.fn('fib')(30), 832040, `-O${optimize}`);
    m.dispose();
  }
});

x64('defines, include paths and std reach the preprocessor', (t) => {
  const inc = join(scratchDir(), 'inc');
  mkdirSync(inc, { recursive: true });
  writeFileSync(join(inc, 'scale.h'), '#define SCALE(x) ((x) * FACTOR)\n');
  const src = '#include "scale.h"\nint f(int x) { return SCALE(x) + BONUS; }\nlong v(void) { return __STDC_VERSION__; }';
  const m = compile(src, { defines: { FACTOR: 3, BONUS: '1' }, includePaths: [inc], std: 'c99' });
  t.is(m.fn('f')(5), 16);
  t.is(m.fn('v')(), 199901);
  m.dispose();
  const e = t.throws(() => compile(src, { includePaths: [inc] }), { instanceOf: CompileError });
  t.regex(e.message, /'FACTOR' undeclared|FACTOR/);
});

x64('several translation units link into one module, statics kept apart', (t) => {
  const m = compile({
    sources: {
      'a.c': 'static int k = 1; int twice(int); int f(int x) { return twice(x) + k; }',
      'b.c': 'static int k = 100; int f(int); int twice(int x) { return 2 * x + k; }',
    },
  });
  t.is(m.fn('f')(5), 111);
  t.is(m.fn('twice')(1), 102);
  m.dispose();
  const dir = scratchDir();
  writeFileSync(join(dir, 'one.c'), 'int two(void); int one(void) { return 1 + two(); }');
  writeFileSync(join(dir, 'two.c'), 'int one(void); int two(void) { return 2; }');
  const files = compile({ files: [join(dir, 'one.c'), join(dir, 'two.c')] });
  t.is(files.fn('one')(), 3);
  files.dispose();
});

x64('two definitions of one symbol, and a missing file, are errors', (t) => {
  t.throws(() => compile({ sources: { 'a.c': 'int g(void) { return 1; }', 'b.c': 'int g(void) { return 2; }' } }), {
    instanceOf: LoadError, message: "multiple definition of 'g' (in a.c and b.c)",
  });
  t.throws(() => compile({ files: [join(scratchDir(), 'absent.c')] }), { instanceOf: CompileError, message: /absent\.c: No such file/ });
});

x64('link: one module calls functions and uses globals of another', (t) => {
  const lib = compile('int base = 40; int add(int a, int b) { return a + b; }');
  const app = compile('extern int base; int add(int, int); int run(int x) { base++; return add(base, x); }', { link: [lib] });
  t.is(app.fn('run')(1), 42);
  t.is(lib.global('base').value, 41);
  t.throws(() => lib.dispose(), { instanceOf: LoadError, message: /link against/ });
  app.dispose();
  lib.dispose();
});

x64('imports: C calls JS functions and addresses as ordinary functions', (t) => {
  const seen: number[] = [];
  const lib = compile('int triple(int x) { return 3 * x; }');
  const m = compile('void note(int v); int triple(int); int go(int n) { for (int i = 0; i < n; i++) note(i); return triple(n); }', {
    imports: { note: (v: number) => { seen.push(v); }, triple: lib.symbol('triple') },
  });
  t.is(m.fn('go')(3), 9);
  t.deepEqual(seen, [0, 1, 2]);
  m.dispose();
  lib.dispose();
});

x64('unresolved symbols are listed at once', (t) => {
  const e = t.throws(() => compile('int a(void); int b(void); int f(void) { return a() + b(); }'), { instanceOf: UnresolvedSymbolError });
  t.deepEqual(e.symbols, ['a', 'b']);
});
