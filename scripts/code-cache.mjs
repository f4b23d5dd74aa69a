// Part of `npm run build`: writes dist/jitcc-lib-<arch>.cache, V8's code cache for
// the library bundle. The library is loaded through dist/index.js and run on
// typical first work — compiling small programs at -O0 and -O2 (one with
// the C library's headers), loading and calling them, writing an object —
// so the cache holds compiled code for the functions a first compile runs,
// not only the top level. Run by a Node with default V8 flags: V8 rejects a
// cache made under other flags or another version, and dist/index.js then
// compiles the bundle as usual.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
process.env.JITCC_CODE_CACHE_SCRIPT = '1';
const jitcc = await import(pathToFileURL(join(dist, 'index.js')).href);
const script = globalThis[Symbol.for('jitcc.codeCacheScript')];

const sources = [
  `static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
   long sum(const int *a, int n) { long s = 0; for (int i = 0; i < n; i++) s += clamp(a[i], -9, 9); return s; }
   double mean(const double *x, int n) { double s = 0; for (int i = 0; i < n; i++) s += x[i]; return n ? s / n : 0; }
   struct point { int x, y; };
   int dist2(struct point p) { return p.x * p.x + p.y * p.y; }
   unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 ^ (unsigned char)*s++; return h; }
   int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }`,
  `#include <stdio.h>
   #include <stdlib.h>
   #include <string.h>
   int show(const char *s) { char buf[32]; strncpy(buf, s, sizeof buf - 1); buf[31] = 0; return printf("%s", "") + (int)strlen(buf) + abs(-1); }`,
];
for (const optimize of [0, 1, 2]) {
  for (const src of sources) {
    jitcc.compile(src, { optimize, cache: false }).dispose();
  }
}
const mod = jitcc.compile(sources[0], { cache: false });
if (mod.fn('fib')(10) !== 55 || Number(mod.fn('sum')(new Int32Array([1, 20, -30]), 3)) !== 1) throw new Error('code-cache warm-up: wrong results');
mod.fn('dist2')({ x: 3, y: 4 });
mod.fn('hash')('abc');
mod.dispose();
jitcc.compileToObject(sources[1], { optimize: 0, cache: false });
try {
  jitcc.compile('int broken(void) { return nope; }', { cache: false });
} catch (e) {
  if (!(e instanceof jitcc.CompileError)) throw e;
}

const data = script.createCachedData();
writeFileSync(join(dist, `jitcc-lib-${process.arch}.cache`), data);
