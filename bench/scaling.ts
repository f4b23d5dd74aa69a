// Scaling bench (issue 11): compile time per element of one construct at
// sizes 1k, 10k and 100k, and the ratio of the time per element between the
// largest and the smallest size. A linear phase gives a ratio near 1 (or
// below: fixed costs are spread thinner); quadratic behaviour shows as a
// ratio near the size ratio (100). test/scaling.test.ts fails above 3.
//
//   npx tsx bench/scaling.ts              # every case at -O0 and -O2
//   npx tsx bench/scaling.ts switch enum  # some cases
//   SIZES=1000,10000 npx tsx bench/scaling.ts
//
// Times are CPU times (user + system) of buildObject in this process, the
// best of a few runs (the compiler is warm), so neither a busy machine nor
// one-off garbage collections inflate either end.

import { buildObject } from '../src/build.js';
import { scalingCases } from './scaling-cases.js';

const sizes = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const levels = (process.env.LEVELS ?? '0,2').split(',').map(Number);
const wanted = process.argv.slice(2);
const cases = scalingCases.filter((c) => wanted.length === 0 || wanted.includes(c.name));

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function bestMs(src: string, optimize: number, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = cpuMs();
    buildObject(src, { optimize, file: 'scale.c' });
    best = Math.min(best, cpuMs() - t0);
  }
  return best;
}

buildObject('int warm(int x) { switch (x) { case 1: return 2; } return x; }', { optimize: 2 });
console.log(`time per element (µs) at sizes ${sizes.join(', ')}; ratio = largest / smallest`);
console.log(`${'case'.padEnd(20)} ${'level'.padEnd(5)} ${sizes.map((n) => String(n).padStart(10)).join(' ')}   ratio`);
for (const c of cases) {
  for (const level of levels) {
    const perElement: number[] = [];
    for (const n of sizes) {
      const src = c.source(n);
      const runs = n <= 10_000 ? 3 : 1;
      perElement.push((bestMs(src, level, runs) * 1000) / n);
    }
    const ratio = perElement[perElement.length - 1]! / perElement[0]!;
    console.log(`${c.name.padEnd(20)} -O${level}   ${perElement.map((x) => x.toFixed(2).padStart(10)).join(' ')}   ${ratio.toFixed(2)}${ratio > 3 ? '  (not linear)' : ''}`);
  }
}
