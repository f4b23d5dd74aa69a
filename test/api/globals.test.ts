// Module.global: reading and writing C globals in place, typed-array views
// over C arrays without copying, and the errors for what cannot be done.

import { compile, LoadError } from '../../src/index.js';
import { x64 } from './helpers.js';

const SOURCE = `
int counter = 3;
long long total = 5;
double table[4] = { 1, 2, 3, 4 };
unsigned char bytes[3];
short grid[2][3];
const int primes[3] = { 2, 3, 5 };
struct Pt { int x; double y; } origin = { 1, 2.5 };
_Bool flag;
const char *label = "hi";
static int hidden = 9;
int get_counter(void) { return counter; }
double table_sum(void) { double s = 0; for (int i = 0; i < 4; i++) s += table[i]; return s; }
void scale_table(double k) { for (int i = 0; i < 4; i++) table[i] *= k; }
int grid_at(int r, int c) { return grid[r][c]; }
double origin_sum(void) { return origin.x + origin.y; }
int use_hidden(void) { return hidden; }
`;

x64('a scalar global reads and writes in place', (t) => {
  const m = compile(SOURCE);
  const c = m.global('counter');
  t.is(c.value, 3);
  t.is(c.type, 'int');
  c.value = 42;
  t.is(m.fn('get_counter')(), 42);
  t.is(m.global('total').value, 5);
  t.is(compile(SOURCE, { int64: 'bigint' }).global('total').value, 5n);
  m.global('flag').value = true;
  t.is(m.global('flag').value, true);
  m.dispose();
});

x64('.array is a typed array over the C array itself', (t) => {
  const m = compile(SOURCE);
  const table = m.global('table').array;
  t.true(table instanceof Float64Array);
  t.deepEqual([...table], [1, 2, 3, 4]);
  table[0] = 100; // JS write seen by C
  t.is(m.fn('table_sum')(), 109);
  m.fn('scale_table')(2); // C write seen by JS, through the same view
  t.deepEqual([...table], [200, 4, 6, 8]);
  t.true(m.global('bytes').array instanceof Uint8Array);
  const grid = m.global('grid').array; // short[2][3], flattened
  t.true(grid instanceof Int16Array);
  t.is(grid.length, 6);
  grid[1 * 3 + 2] = -7;
  t.is(m.fn('grid_at')(1, 2), -7);
  m.dispose();
});

x64('structs and pointers as .value', (t) => {
  const m = compile(SOURCE);
  t.deepEqual(m.global('origin').value, { x: 1, y: 2.5 });
  m.global('origin').value = { x: 10, y: 0.5 };
  t.is(m.fn('origin_sum')(), 10.5);
  t.is(typeof m.global('label').value, 'bigint'); // pointers are addresses, never copied strings
  m.dispose();
});

x64('const globals are read-only: .value cannot be set, .array is a copy', (t) => {
  const m = compile(SOURCE);
  const primes = m.global('primes');
  t.deepEqual([...(primes.value as Int32Array)], [2, 3, 5]);
  t.throws(() => { primes.value = [1, 1, 1]; }, { instanceOf: LoadError, message: /read-only/ });
  const copy = primes.array;
  copy[0] = 99;
  t.deepEqual([...primes.array], [2, 3, 5]);
  m.dispose();
});

x64('errors: unknown names, functions, non-arrays, static globals without a type, disposed modules', (t) => {
  const m = compile(SOURCE);
  t.throws(() => m.global('nope'), { instanceOf: LoadError, message: /'nope' is not defined/ });
  t.throws(() => m.global('get_counter'), { instanceOf: LoadError, message: /not a variable/ });
  t.throws(() => m.global('counter').array, { instanceOf: LoadError, message: /not an array/ });
  t.throws(() => m.global('hidden'), { instanceOf: LoadError });
  const g = m.global('counter');
  m.dispose();
  t.throws(() => g.value, { instanceOf: LoadError, message: /disposed/ });
});
