// IrModule.signatures: the C prototype of every function with external
// linkage, defined or only declared, for the loader's FFI bindings.

import test from 'ava';
import { printPrototype } from '../../../src/link/ctypes.js';
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
