// Scaling bench (issue 11): compile time per element of one construct at
// sizes 1k, 10k and 100k, and the ratio of the time per element between the
// largest and the smallest size. A linear phase gives a ratio near 1 (or
// below: fixed costs are spread thinner); quadratic behaviour shows as a
// ratio near the size ratio (100). test/scaling.test.ts fails above 3.
//
//   npx tsx bench/scaling.ts              # every case at -O0 and -O2
//   npx tsx bench/scaling.ts switch enum  # some cases
//   SIZES=1000,10000 npx tsx bench/scaling.ts
//   npx tsx bench/scaling.ts huge-line    # only the CLI table below
//
// Then, unless cases were named without `huge-line`: issue 11's input, one
// line `static const unsigned char data[] = { 1, 2, 3, … };`, at 100k and
// 1M elements (HUGE_SIZES) through `jitcc -c` (dist/, in its own process,
// no compile server) and `gcc -c`: CPU seconds and peak RSS of each, and
// whether the two objects hold the same data.
//
// Times are CPU times (user + system) of buildObject in this process, the
// best of a few runs (the compiler is warm), so neither a busy machine nor
// one-off garbage collections inflate either end.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildObject } from '../src/build.js';
import { cpuAndPeak, has } from './measure.js';
import { scalingCases } from './scaling-cases.js';

const sizes = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const levels = (process.env.LEVELS ?? '0,2').split(',').map(Number);
const wanted = process.argv.slice(2);
const cases = scalingCases.filter((c) => wanted.length === 0 || wanted.includes(c.name));
const isHugeWanted = wanted.length === 0 || wanted.includes('huge-line');

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

/** The bytes of section `name` in an object file, through objcopy. */
function sectionBytes(obj: string, name: string): Buffer {
  return execFileSync('objcopy', ['-O', 'binary', '-j', name, obj, '/dev/stdout'], { maxBuffer: 1 << 30 });
}

if (isHugeWanted) {
  const hugeSizes = (process.env.HUGE_SIZES ?? '100000,1000000').split(',').map(Number);
  const jitcc = fileURLToPath(new URL('../dist/jitcc.cjs', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'jitcc-scaling-'));
  const hasGcc = has('gcc') && has('objcopy');
  console.log(`\none line of N byte values (issue 11's input): jitcc -c vs gcc -c, CPU seconds and peak RSS`);
  console.log(`${'N'.padStart(9)} ${'jitcc s'.padStart(8)} ${'MB'.padStart(6)} ${'gcc s'.padStart(7)} ${'MB'.padStart(6)} ${'time ×'.padStart(7)} ${'RSS ×'.padStart(6)}  data`);
  for (const n of hugeSizes) {
    const file = join(work, `data${n}.c`);
    const values = Array.from({ length: n }, (_, i) => String((i * 7 + (i >> 9)) & 255));
    writeFileSync(file, `static const unsigned char data[] = { ${values.join(', ')} };\nconst unsigned char *get(void) { return data; }\n`);
    const ours = cpuAndPeak(['node', jitcc, '-O2', '-c', file, '-o', `${file}.jitcc.o`], { ...process.env, JITCC_SERVER: 'off' });
    if (!hasGcc) {
      console.log(`${String(n).padStart(9)} ${ours.seconds.toFixed(2).padStart(8)} ${ours.peakMb.toFixed(0).padStart(6)}  (no gcc)`);
      continue;
    }
    const theirs = cpuAndPeak(['gcc', '-O2', '-c', file, '-o', `${file}.gcc.o`]);
    const isSame = ours.status === 0 && sectionBytes(`${file}.jitcc.o`, '.rodata').equals(sectionBytes(`${file}.gcc.o`, '.rodata'));
    console.log(`${String(n).padStart(9)} ${ours.seconds.toFixed(2).padStart(8)} ${ours.peakMb.toFixed(0).padStart(6)} ${theirs.seconds.toFixed(2).padStart(7)} ${theirs.peakMb.toFixed(0).padStart(6)} ` +
      `${(ours.seconds / theirs.seconds).toFixed(2).padStart(7)} ${(ours.peakMb / theirs.peakMb).toFixed(2).padStart(6)}  ${isSame ? 'same' : 'DIFFERENT'}`);
  }
  rmSync(work, { recursive: true, force: true });
}
