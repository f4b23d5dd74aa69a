// A gcc-built object and jitcc-built modules inside one process: jitcc code
// calls gcc code and gcc code calls jitcc code, through the loader's symbol
// resolution (link), at -O0 and -O2, with and without -fPIC. Also structs by
// value, through gcc code: koffi follows the SysV classification, and the
// layout comes from a jitcc module's recorded declarations.

import { compile, loadObject } from '../../src/index.js';
import { gccObject, gccTest } from './helpers.js';

const GCC_SOURCE = `
int jit_add(int a, int b);           /* defined by a jitcc module */
static int calls;
int gcc_twice_sum(int a, int b) { calls++; return 2 * jit_add(a, b); }
int gcc_calls(void) { return calls; }
struct P { int x; double y; };
struct P gcc_mkp(int x, double y) { struct P p = { x, y }; return p; }
double gcc_psum(struct P p) { return p.x + p.y; }
struct Big { long a, b, c; };
struct Big gcc_big(long k) { struct Big b = { k, 2 * k, 3 * k }; return b; }
long gcc_bigsum(struct Big b) { return b.a + b.b + b.c; }
`;

const FLAG_SETS = [['-O0'], ['-O2'], ['-O0', '-fPIC'], ['-O2', '-fPIC'], ['-O2', '-fno-pic']];

for (const flags of FLAG_SETS) {
  gccTest(`gcc ${flags.join(' ')} object and jitcc modules call each other`, (t) => {
    const lib = compile('int jit_add(int a, int b) { return a + b; }');
    const gcc = loadObject(gccObject('interop', GCC_SOURCE, ['-c', ...flags]), { link: [lib] });
    const app = compile('int gcc_twice_sum(int, int); int app(int x) { return gcc_twice_sum(x, 1) + 1; }', { link: [gcc] });
    t.is(app.fn('app')(20), 43);
    t.is(gcc.fn('gcc_twice_sum', 'int gcc_twice_sum(int a, int b)')(2, 3), 10);
    t.is(gcc.fn('gcc_calls', 'int gcc_calls(void)')(), 2);
    app.dispose();
    gcc.dispose();
    lib.dispose();
  });
}

gccTest('structs by value cross into gcc code as JS objects, with layouts from jitcc declarations', (t) => {
  const decls = compile('struct P { int x; double y; }; struct Big { long a, b, c; };'
    + 'struct P gcc_mkp(int x, double y); double gcc_psum(struct P p); struct Big gcc_big(long k); long gcc_bigsum(struct Big b);');
  const lib = compile('int jit_add(int a, int b) { return a + b; }');
  const gcc = loadObject(gccObject('interop', GCC_SOURCE, ['-c', '-O2']), { link: [lib] });
  const sig = (name: string) => decls.signatures.get(name)!;
  t.deepEqual(gcc.fn('gcc_mkp', sig('gcc_mkp'))(3, 0.5), { x: 3, y: 0.5 });
  t.is(gcc.fn('gcc_psum', sig('gcc_psum'))({ x: 2, y: 0.25 }), 2.25);
  t.deepEqual(gcc.fn('gcc_big', sig('gcc_big'))(5), { a: 5, b: 10, c: 15 });
  t.is(gcc.fn('gcc_bigsum', sig('gcc_bigsum'))({ a: 1, b: 2, c: 3 }), 6);
  gcc.dispose();
  lib.dispose();
  decls.dispose();
});

gccTest('globals of a gcc object, typed by a jitcc declaration', (t) => {
  const src = 'int gcc_counter = 5; double gcc_table[3] = { 1, 2, 3 }; int gcc_get(void) { return gcc_counter; }';
  const gcc = loadObject(gccObject('globals', src, ['-c', '-O2']));
  const decls = compile('extern int gcc_counter; extern double gcc_table[3];');
  const counter = gcc.global('gcc_counter', decls.globalTypes.get('gcc_counter'));
  t.is(counter.value, 5);
  counter.value = 8;
  t.is(gcc.fn('gcc_get', 'int gcc_get(void)')(), 8);
  const table = gcc.global('gcc_table', decls.globalTypes.get('gcc_table')).array;
  t.deepEqual([...table], [1, 2, 3]);
  t.throws(() => gcc.global('gcc_counter'), { message: /no C type recorded for global 'gcc_counter'/ });
  gcc.dispose();
  decls.dispose();
});
