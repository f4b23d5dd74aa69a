// Inputs the long fuzzing campaign (scripts/fuzz.ts) found failing, each
// minimized, with what it proves now. Each case names the mutant that
// found it (seed, index: `npm run fuzz -- replay SEED INDEX` runs it again).

import test from 'ava';
import { buildModuleObject } from '../../src/cache/cached-build.js';
import { compile } from '../../src/index.js';

// Source mutant 1374 of seed 1 (string_init.c with 8 → 1000000000): a
// gigabyte array initialized by "ab" took over the harness's 20 s per input
// (a hang), since lowering built all its bytes and the data layout copied
// them twice. Now the zeros after the initializer are one `zero` item that
// no stage materializes: the section is one zero-filled allocation whose
// pages the compiler never touches, so RSS does not grow by the gigabyte.
test.serial('a gigabyte array initialized by a short string compiles without building its zeros', (t) => {
  const before = process.memoryUsage().rss;
  const { object } = buildModuleObject('static char g[1000000000] = "ab";\nchar *p(void) { return g; }\n', { file: 'huge.c', optimize: 2, cache: false, timeoutMs: 20_000 });
  const grown = process.memoryUsage().rss - before;
  const data = object.sections.find((s) => s.name === '.data');
  t.is(data?.size, 1_000_000_000);
  t.deepEqual([data!.bytes[0], data!.bytes[1], data!.bytes[2], data!.bytes[999_999_999]], [97, 98, 0, 0]);
  t.true(grown < 256 * 1024 * 1024, `RSS grew by ${(grown / 1048576).toFixed(0)} MiB`);
});

// The same representation end to end: what follows the last initialized
// byte is zero, and everything before it is where the initializer put it
// (strings, designators, wide units, a bit-field in the last bytes).
test('objects with long zero tails hold their initializers', (t) => {
  const m = compile(`
    static char g[1 << 24] = { 'a', 'b', [(1 << 24) - 2] = 'z' };
    static char s[1 << 20] = "xyz";
    static int w[1 << 20] = { [5] = 7, 8 };
    static struct { char pad[1000]; int a : 3; int b : 20; } r = { .b = 0x7ffff };
    static short u[100000] = u"hi";
    long at(int which, long i) {
      switch (which) {
        case 0: return g[i];
        case 1: return s[i];
        case 2: return w[i];
        case 3: return i ? r.b : r.a;
        default: return u[i];
      }
    }`);
  const at = m.fn('at') as (which: number, i: number) => number;
  t.deepEqual([0, 1, 2, 1000, (1 << 24) - 3, (1 << 24) - 2, (1 << 24) - 1].map((i) => at(0, i)), [97, 98, 0, 0, 0, 122, 0]);
  t.deepEqual([0, 1, 2, 3, (1 << 20) - 1].map((i) => at(1, i)), [120, 121, 122, 0, 0]);
  t.deepEqual([4, 5, 6, 7, (1 << 20) - 1].map((i) => at(2, i)), [0, 7, 8, 0, 0]);
  t.deepEqual([at(3, 0), at(3, 1)], [0, 0x7ffff]);
  t.deepEqual([0, 1, 2, 3, 99_999].map((i) => at(4, i)), [104, 105, 0, 0, 0]);
  m.dispose();
});
