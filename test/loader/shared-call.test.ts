// Bound functions share one call stub whose target is written just before
// each call (src/loader/shared-call.ts). These calls could see another
// binding's target if JavaScript ran between the write and the jump; each
// is built to run JavaScript at exactly that point, through a function of
// the same prototype, and must still reach its own C function.

import test from 'ava';
import { compile } from '../../src/index.js';

const x64 = process.arch === 'x64' ? test : test.skip;

const SOURCE = `
int first(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int second(const int *a, int n) { return -n; }
int twice(int x) { return 2 * x; }
int thrice(int x) { return 3 * x; }
int apply(int (*g)(int), int x) { return g(x) + 1; }
struct pair { int a, b; };
int pair_sum(const struct pair *p) { return p->a + p->b; }
int pair_diff(const struct pair *p) { return p->a - p->b; }
`;

x64('a JS array whose getter calls a function of the same prototype reaches the right C function', (t) => {
  const m = compile(SOURCE);
  const first = m.fn('first');
  const second = m.fn('second');
  const arr = [1, 2, 3];
  let inner = 0;
  Object.defineProperty(arr, 1, { get: () => { inner = second(new Int32Array([9]), 1) as number; return 2; }, enumerable: true });
  t.is(first(arr, 3), 6);
  t.is(inner, -1);
  t.is(first(new Int32Array([4, 5]), 2), 9, 'typed arrays take the shared stub');
  m.dispose();
});

x64('an object whose getter calls another function reaches the right C function', (t) => {
  const m = compile(SOURCE);
  const sum = m.fn('pair_sum');
  const diff = m.fn('pair_diff');
  let inner = 0;
  // (The getter calls a function taking an int: a nested struct argument would reuse the outer
  // call's koffi scratch memory, koffi's limit, not the stub's.)
  const twice = m.fn('twice');
  const p = { a: 10, get b() { inner = twice(21) as number; return 4; } };
  t.is(sum(p), 14);
  t.is(inner, 42);
  t.is(diff({ a: 10, b: 4 }), 6);
  m.dispose();
});

x64('C calling JS calling C through the same prototype, and back', (t) => {
  const m = compile(SOURCE);
  const thrice = m.fn('thrice');
  const apply = m.fn('apply');
  // apply → JS → thrice (same stub, same prototype as twice) → back into apply's frame.
  t.is(apply((x: number) => (thrice(x) as number) + (m.fn('twice')(x) as number), 4), 21);
  t.is(m.fn('twice')(5), 10);
  m.dispose();
});

x64('functions of many prototypes and arities share the stub and each reaches its own code', (t) => {
  const decls: string[] = [];
  for (let n = 0; n <= 6; n++) {
    const params = Array.from({ length: n }, (_, i) => `${i % 2 ? 'double' : 'long long'} p${i}`).join(', ') || 'void';
    const body = Array.from({ length: n }, (_, i) => `p${i} * ${i + 1}`).join(' + ') || '0';
    decls.push(`double g${n}(${params}) { return ${n * 1000} + ${body}; }`);
  }
  const m = compile(decls.join('\n'));
  for (let n = 0; n <= 6; n++) {
    const args = Array.from({ length: n }, (_, i) => i + 1);
    const expected = n * 1000 + args.reduce((s, v, i) => s + v * (i + 1), 0);
    t.is(m.fn(`g${n}`)(...args), expected, `g${n}`);
  }
  m.dispose();
});
