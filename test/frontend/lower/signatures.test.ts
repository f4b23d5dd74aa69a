// IrModule.signatures: the C prototype of every function with external
// linkage, defined or only declared, for the loader's FFI bindings.

import test from 'ava';
import { printPrototype } from '../../../src/link/ctypes.js';
import { encodeSignatures } from '../../../src/link/elf/sigs.js';
import { lowerSource } from '../sema/check-helpers.js';

const source = `
struct node { int value; struct node *next; };
enum color { RED, GREEN = 4 };
typedef unsigned long size_t;
double dot(const double *a, const double *b, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
int length(const struct node *list);
enum color mix(enum color a, enum color b) { return a > b ? a : b; }
size_t count(const char *s, ...);
static int hidden(int x) { return x; }
void apply(int *out, _Bool flag);
inline int only_inline(int x) { return x + hidden(x); }
`;

test('prototypes of external functions, defined or declared', (t) => {
  const m = lowerSource('sig.c', source);
  const protos = [...m.signatures.entries()].map(([name, fn]) => printPrototype(name, fn));
  t.deepEqual(protos, [
    'double dot(const double *a, const double *b, int n)',
    'int length(const struct node *list)',
    'enum color mix(enum color a, enum color b)',
    'unsigned long count(const char *s, ...)',
    'void apply(int *out, _Bool flag)',
  ]);
});

test('records are described with their fields, recursion cut at the pointer back to itself', (t) => {
  const m = lowerSource('sig.c', source);
  const param = m.signatures.get('length')!.params[0]!.type;
  if (param.kind !== 'pointer' || param.to.kind !== 'record') return t.fail('expected a pointer to a record');
  t.deepEqual(param.to.fields.map((f) => `${f.name}@${f.offset}`), ['value@0', 'next@8']);
  const next = param.to.fields[1]!.type;
  t.true(next.kind === 'pointer' && next.to.kind === 'record' && next.to.fields.length === 0);
  const mix = m.signatures.get('mix')!;
  t.deepEqual(mix.ret.kind === 'enum' ? mix.ret.values : null, [{ name: 'RED', value: 0 }, { name: 'GREEN', value: 4 }]);
});

test('pointers inside records are opaque, so the description does not follow the pointer graph', (t) => {
  // Twelve structs each pointing to every other: describing the pointer graph
  // grows exponentially (SQLite's struct graph exhausted memory); by-value
  // members are all the loader reads inside a record.
  const names = Array.from({ length: 12 }, (_, i) => `s${i}`);
  const structs = ['struct inner { int a, b; };', ...names.map((n) => `struct ${n} { int id; ${names.map((m) => `struct ${m} *to_${m};`).join(' ')} struct inner by_value; };`)];
  const fns = names.map((n) => `int get_${n}(struct ${n} *p) { return p->id; }`);
  const m = lowerSource('graph.c', [...structs, ...fns].join('\n'));
  const param = m.signatures.get('get_s0')!.params[0]!.type;
  if (param.kind !== 'pointer' || param.to.kind !== 'record') return t.fail('expected a pointer to a record');
  const toS1 = param.to.fields.find((f) => f.name === 'to_s1')!.type;
  t.true(toS1.kind === 'pointer' && toS1.to.kind === 'record' && toS1.to.fields.length === 0);
  const inner = param.to.fields.find((f) => f.name === 'by_value')!.type;
  t.deepEqual(inner.kind === 'record' ? inner.fields.map((f) => f.name) : null, ['a', 'b']);
  t.true(encodeSignatures(m.signatures).length < 100_000, 'linear in the number of functions and members');
});
