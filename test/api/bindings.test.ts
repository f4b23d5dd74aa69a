// End-to-end bindings: C compiled by jitcc, called from JS with every value
// kind the loader maps (src/loader/ffi.ts): integer widths, 64-bit as number
// or bigint, float/double, _Bool, strings, pointers from typed arrays /
// Buffers / ArrayBuffers / addresses, output parameters, struct pointers
// (JS object in, updated object out), enums, function pointers taking JS
// functions (qsort with a JS comparator), and the errors for types koffi
// cannot express. Structs *by value* are tested against gcc-built code
// (gcc-interop.test.ts): see the note there.

import koffi from 'koffi';
import { compile, LoadError } from '../../src/index.js';
import { x64 } from './helpers.js';

const SOURCE = `
#include <stdlib.h>
#include <string.h>
typedef unsigned char u8;
signed char neg8(signed char x) { return -x; }
u8 inc8(u8 x) { return x + 1; }
short neg16(short x) { return -x; }
unsigned short inc16(unsigned short x) { return x + 1; }
unsigned int inc32(unsigned int x) { return x + 1; }
long long mul64(long long a, long long b) { return a * b; }
unsigned long long big(void) { return 0xFFFFFFFFFFFFFFFFULL; }
float halff(float x) { return x / 2; }
double hyp2(double a, double b) { return a * a + b * b; }
_Bool is_even(int x) { return x % 2 == 0; }
int not_(_Bool b) { return !b; }
size_t len(const char *s) { return strlen(s); }
const char *greet(int i) { return i ? "hello" : "bye"; }
void fill(int *out, int n, int v) { for (int i = 0; i < n; i++) out[i] = v + i; }
double dsum(const double *a, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int divmod(int a, int b, int *q, int *r) { if (b == 0) return 0; *q = a / b; *r = a % b; return 1; }
struct Point { int x; int y; double w; };
void move(struct Point *p, int dx) { p->x += dx; p->y -= dx; p->w *= 2; }
double weight(const struct Point *p) { return p ? p->w + p->x : -1; }
enum Shade { LIGHT = 1, DARK = 7 };
enum Shade flip(enum Shade s) { return s == LIGHT ? DARK : LIGHT; }
void sort_ints(int *a, int n, int (*cmp)(const void *, const void *)) { qsort(a, n, sizeof *a, cmp); }
int apply(int (*f)(int), int x) { return f(f(x)); }
int *where(int *p) { return p; }
long double ld(long double x) { return x; }
int takes_ld(int a, long double x) { return a; }
`;

x64('integers of every width, signed and unsigned, wrap as C does', (t) => {
  const m = compile(SOURCE);
  t.is(m.fn('neg8')(5), -5);
  t.is(m.fn('inc8')(255), 0);
  t.is(m.fn('neg16')(-32768), -32768);
  t.is(m.fn('inc16')(65535), 0);
  t.is(m.fn('inc32')(0xffffffff), 0);
  t.is(m.fn('mul64')(1 << 20, 1 << 20), 2 ** 40);
  m.dispose();
});

x64('64-bit results as bigint with int64: bigint, and as number by default', (t) => {
  const asBig = compile(SOURCE, { int64: 'bigint' });
  t.is(asBig.fn('big')(), 0xFFFFFFFFFFFFFFFFn);
  t.is(asBig.fn('mul64')(3n, 1n << 40n), 3n << 40n);
  const asNum = compile(SOURCE);
  t.is(typeof asNum.fn('mul64')(2, 3), 'number');
  asBig.dispose();
  asNum.dispose();
});

x64('float, double and _Bool', (t) => {
  const m = compile(SOURCE);
  t.is(m.fn('halff')(3), 1.5);
  t.is(m.fn('hyp2')(3, 4), 25);
  t.is(m.fn('is_even')(4), true);
  t.is(m.fn('is_even')(3), false);
  t.is(m.fn('not_')(false), 1);
  m.dispose();
});

x64('const char * takes JS strings and returns them', (t) => {
  const m = compile(SOURCE);
  t.is(m.fn('len')('héllo'), 6); // UTF-8 bytes
  t.is(m.fn('greet')(1), 'hello');
  t.is(m.fn('greet')(0), 'bye');
  m.dispose();
});

x64('pointers from typed arrays, Buffers, ArrayBuffers and addresses; output parameters', (t) => {
  const m = compile(SOURCE);
  const ints = new Int32Array(4);
  m.fn('fill')(ints, 4, 10);
  t.deepEqual([...ints], [10, 11, 12, 13]);
  const buf = Buffer.alloc(8);
  m.fn('fill')(buf, 2, 7);
  t.deepEqual([buf.readInt32LE(0), buf.readInt32LE(4)], [7, 8]);
  const ab = new ArrayBuffer(8);
  m.fn('fill')(ab, 2, -1);
  t.deepEqual([...new Int32Array(ab)], [-1, 0]);
  const backing = new Int32Array(3);
  m.fn('fill')(koffi.address(backing), 3, 1);
  t.deepEqual([...backing], [1, 2, 3]);
  t.is(m.fn('dsum')(new Float64Array([1.5, 2.5, 3]), 3), 7);
  t.is(m.fn('dsum')([1, 2, 3], 3), 6); // a JS array is copied in
  const q = new Int32Array(1);
  const r = new Int32Array(1);
  t.is(m.fn('divmod')(17, 5, q, r), 1);
  t.deepEqual([q[0], r[0]], [3, 2]);
  t.is(m.fn('where')(null), null);
  t.is(typeof m.fn('where')(ints), 'bigint');
  m.dispose();
});

x64('struct pointers: a JS object goes in and comes back updated; const pointers read it', (t) => {
  const m = compile(SOURCE);
  const p = { x: 1, y: 2, w: 0.5 };
  m.fn('move')(p, 10);
  t.deepEqual(p, { x: 11, y: -8, w: 1 });
  t.is(m.fn('weight')({ x: 2, y: 0, w: 0.25 }), 2.25);
  t.is(m.fn('weight')(null), -1);
  const raw = Buffer.alloc(16);
  raw.writeInt32LE(5, 0);
  raw.writeDoubleLE(1, 8);
  t.is(m.fn('weight')(raw), 6);
  m.dispose();
});

x64('enums pass as their int values', (t) => {
  const m = compile(SOURCE);
  t.is(m.fn('flip')(1), 7);
  t.is(m.fn('flip')(7), 1);
  m.dispose();
});

x64('function pointers accept JS functions: qsort with a JS comparator', (t) => {
  const m = compile(SOURCE);
  const a = new Int32Array([5, -3, 9, 0, 2, 2, -8]);
  let calls = 0;
  m.fn('sort_ints')(a, a.length, (x: bigint, y: bigint) => {
    calls++;
    return (koffi.decode(x, 'int') as number) - (koffi.decode(y, 'int') as number);
  });
  t.deepEqual([...a], [-8, -3, 0, 2, 2, 5, 9]);
  t.true(calls > 0);
  t.is(m.fn('apply')((v: number) => v * 3, 2), 18);
  m.dispose();
});

x64('a C type koffi cannot express is an error naming the function and parameter', (t) => {
  const m = compile(SOURCE);
  const e1 = t.throws(() => m.fn('takes_ld'), { instanceOf: LoadError });
  t.regex(e1.message, /'takes_ld'.*parameter 2 'x'.*long double/);
  const e2 = t.throws(() => m.fn('ld'), { instanceOf: LoadError });
  t.regex(e2.message, /'ld'/);
  m.dispose();
});

x64('calls after dispose throw instead of reaching unmapped code', (t) => {
  const m = compile(SOURCE);
  const f = m.fn('inc32');
  m.dispose();
  t.throws(() => f(1), { instanceOf: LoadError, message: /disposed/ });
});

x64('structs by value cross between JS and jitcc code as the SysV ABI passes them', (t) => {
  const m = compile(`
    struct P { int x; double y; };
    struct Big { long a, b, c; };
    double psum(struct P p) { return p.x + p.y; }
    struct P mk(int x) { struct P p = { x, x / 2.0 }; return p; }
    long bigsum(struct Big b) { return b.a + b.b + b.c; }
    struct Big mkbig(long a) { struct Big b = { a, a * 2, a * 3 }; return b; }`);
  t.is(m.fn('psum')({ x: 2, y: 0.5 }), 2.5);
  t.deepEqual(m.fn('mk')(3), { x: 3, y: 1.5 });
  t.is(m.fn('bigsum')({ a: 1, b: 20, c: 300 }), 321);
  t.deepEqual(m.fn('mkbig')(5), { a: 5, b: 10, c: 15 });
  m.dispose();
  const cb = compile('struct P { int x; double y; }; double cb(struct P); double go(int x) { struct P p = { x, 0.25 }; return cb(p); }', {
    imports: { cb: (p: { x: number; y: number }) => p.x * 10 + p.y },
  });
  t.is(cb.fn('go')(4), 40.25);
  cb.dispose();
});
