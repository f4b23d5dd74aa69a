// Compile latency: a cold compile() vs a cache hit (in memory, and from the
// on-disk cacheDir as a fresh process would see it), for a small and a
// medium source. A hit skips the frontend, optimiser and codegen; what is
// left is hashing the key and loading the object.
//
//   npx tsx bench/cache.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearMemoryCache, compile } from '../src/index.js';

const SMALL = 'int add(int a, int b) { return a + b; }';
const MEDIUM = Array.from({ length: 40 }, (_, i) => `
  static int helper${i}(int x) { int s = 0; for (int k = 0; k < x; k++) s += (k ^ ${i}) * ${i + 1}; return s; }
  int entry${i}(int n) { int t = 0; for (int j = 0; j < n; j++) t += helper${i}(j) % 7; return t; }`).join('\n');

function ms(f: () => void, reps: number): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'jitcc-cache-bench-'));
compile('int warm(void) { return 0; }', { cache: false }).dispose(); // load the compiler's modules first
console.log('median ms per compile()          cold    memory hit    disk hit');
for (const [name, src] of [['small (1 function)', SMALL], ['medium (80 functions)', MEDIUM]] as const) {
  let n = 0;
  const cold = ms(() => compile(`${src}\n/* ${n++} */`, { optimize: 2, cacheDir: dir }).dispose(), 5);
  const hit = ms(() => compile(src, { optimize: 2 }).dispose(), 21);
  compile(src, { optimize: 2, cacheDir: dir }).dispose();
  const disk = ms(() => { clearMemoryCache(); compile(src, { optimize: 2, cacheDir: dir }).dispose(); }, 11);
  console.log(`  ${name.padEnd(24)} ${cold.toFixed(2).padStart(8)} ${hit.toFixed(3).padStart(12)} ${disk.toFixed(3).padStart(11)}`);
}
rmSync(dir, { recursive: true });
