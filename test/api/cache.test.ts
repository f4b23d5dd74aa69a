// The compile cache: a hit skips the frontend and codegen (cacheStats
// counts builds), any change to source, options or an included header
// misses, and the on-disk cache serves a fresh process (simulated by
// clearing the in-memory level) with the C prototypes and global types intact.

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheStats, clearMemoryCache, compile } from '../../src/index.js';
import { scratchDir, x64Serial } from './helpers.js';

// Every test uses its own source text (a unique comment) so tests running
// concurrently in this file do not see each other's entries.
function src(tag: string, body = 'int f(int x) { return x + 1; }'): string {
  return `/* ${tag} ${Math.random()} */ ${body}`;
}

x64Serial('a second compile of the same source and options is a hit and does not build', (t) => {
  const s = src('hit');
  const before = cacheStats.builds;
  const a = compile(s);
  t.is(cacheStats.builds, before + 1);
  const hits = cacheStats.memoryHits;
  const b = compile(s);
  t.is(cacheStats.builds, before + 1, 'the hit ran the frontend');
  t.is(cacheStats.memoryHits, hits + 1);
  t.is(b.fn('f')(1), 2);
  a.dispose();
  b.dispose();
});

x64Serial('different options, sources or cache: false miss', (t) => {
  const s = src('miss');
  compile(s).dispose();
  const before = cacheStats.builds;
  compile(s, { optimize: 2 }).dispose();
  compile(s, { defines: { X: 1 } }).dispose();
  compile(s, { std: 'c99' }).dispose();
  compile(s + ' ').dispose();
  compile(s, { cache: false }).dispose();
  t.is(cacheStats.builds, before + 5);
  // Loader-only options are not in the key.
  compile(s, { int64: 'bigint' }).dispose();
  t.is(cacheStats.builds, before + 5);
});

x64Serial('an edited header misses', (t) => {
  const inc = join(scratchDir(), `cache-inc-${Math.random().toString(36).slice(2)}`);
  mkdirSync(inc);
  writeFileSync(join(inc, 'k.h'), '#define K 1\n');
  const s = src('header', '#include "k.h"\nint f(void) { return K; }');
  t.is(compile(s, { includePaths: [inc] }).fn('f')(), 1);
  writeFileSync(join(inc, 'k.h'), '#define K 2\n');
  t.is(compile(s, { includePaths: [inc] }).fn('f')(), 2);
  const before = cacheStats.builds;
  t.is(compile(s, { includePaths: [inc] }).fn('f')(), 2);
  t.is(cacheStats.builds, before);
});

x64Serial('the disk cache serves a cold process, keeping prototypes and global types', (t) => {
  const cacheDir = join(scratchDir(), `disk-${Math.random().toString(36).slice(2)}`);
  const s = src('disk', 'int counter = 7; double half(double x) { return x / 2; }');
  compile(s, { cacheDir }).dispose();
  t.true(readdirSync(cacheDir).some((f) => f.endsWith('.o')));
  clearMemoryCache();
  const before = { ...cacheStats };
  const m = compile(s, { cacheDir });
  t.is(cacheStats.builds, before.builds);
  t.is(cacheStats.diskHits, before.diskHits + 1);
  t.is(m.fn('half')(3), 1.5);
  t.is(m.global('counter').value, 7);
  m.dispose();
});

x64Serial('a corrupt disk entry is a miss, not an error', (t) => {
  const cacheDir = join(scratchDir(), `corrupt-${Math.random().toString(36).slice(2)}`);
  const s = src('corrupt');
  compile(s, { cacheDir }).dispose();
  for (const f of readdirSync(cacheDir)) if (f.endsWith('.o')) writeFileSync(join(cacheDir, f), 'not an object');
  clearMemoryCache();
  const before = cacheStats.builds;
  t.is(compile(s, { cacheDir }).fn('f')(4), 5);
  t.is(cacheStats.builds, before + 1);
});
