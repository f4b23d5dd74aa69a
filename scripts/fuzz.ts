// The long fuzzing campaign (test/fuzz/harness.ts): N source mutants and N
// object mutants, progress every 1000, failures listed, exit status 1 if any.
//
//   npm run fuzz -- 100000            # both kinds, seed 1
//   npm run fuzz -- 100000 7 objects  # objects only, seed 7 (or: sources)
//   npm run fuzz -- 100000 1 sources 5400  # stop after 5,400 s: the report
//                                          # says how many mutants were tried
//   npm run fuzz -- replay 1 1374,2051     # source mutants 1374 and 2051 of seed 1 again
//
// CI runs the same harness with 2,000 of each (test/fuzz/fuzz.test.ts).
import { fuzzObjects, fuzzSources, replaySources, type FuzzReport } from '../test/fuzz/harness.js';

if (process.argv[2] === 'replay') {
  const indexes = (process.argv[4] ?? '').split(',').map(Number);
  const r = replaySources(Number(process.argv[3]), indexes);
  console.log(`replayed ${r.tried} source mutants: ${JSON.stringify(r.outcomes)}`);
  for (const f of r.failures) console.log(`  FAIL ${f}`);
  process.exit(r.failures.length === 0 ? 0 : 1);
}

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const which = process.argv[4] ?? 'both';
const budgetMs = process.argv[5] === undefined ? Infinity : Number(process.argv[5]) * 1000;
if (!(count > 0) || !Number.isInteger(seed) || !['both', 'sources', 'objects'].includes(which) || !(budgetMs > 0)) {
  console.error('usage: fuzz.ts [count] [seed] [both|sources|objects] [budget seconds]');
  process.exit(2);
}

function show(kind: string, r: FuzzReport): void {
  console.log(`${kind}: ${r.tried} mutants in ${(r.ms / 1000).toFixed(0)} s (seed ${seed}): ${JSON.stringify(r.outcomes)}; ${r.failures.length} failures (listed as found)`);
}

let failed = 0;
const progress = (kind: string) => (n: number) => console.log(`${kind}: ${n} done`);
// Each failure at once, so that a later crash of the process does not hide it.
const failure = (f: string) => console.log(`  FAIL ${f}`);
if (which !== 'sources') {
  const r = fuzzObjects(count, seed, budgetMs, progress('objects'), failure);
  show('objects', r);
  failed += r.failures.length;
}
if (which !== 'objects') {
  const r = fuzzSources(count, seed, budgetMs, progress('sources'), failure);
  show('sources', r);
  failed += r.failures.length;
}
process.exit(failed === 0 ? 0 : 1);
