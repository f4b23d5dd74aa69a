// The long fuzzing campaign (test/fuzz/harness.ts): N source mutants and N
// object mutants, progress every 1000, failures listed, exit status 1 if any.
//
//   npm run fuzz -- 100000            # both kinds, seed 1
//   npm run fuzz -- 100000 7 objects  # objects only, seed 7 (or: sources)
//
// CI runs the same harness with 2,000 of each (test/fuzz/fuzz.test.ts).
import { fuzzObjects, fuzzSources, type FuzzReport } from '../test/fuzz/harness.js';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const which = process.argv[4] ?? 'both';

function show(kind: string, r: FuzzReport): void {
  console.log(`${kind}: ${r.tried} mutants in ${(r.ms / 1000).toFixed(0)} s (seed ${seed}): ${JSON.stringify(r.outcomes)}; ${r.failures.length} failures`);
  for (const f of r.failures.slice(0, 50)) console.log(`  FAIL ${f}`);
}

let failed = 0;
const progress = (kind: string) => (n: number) => console.log(`${kind}: ${n} done`);
if (which !== 'sources') {
  const r = fuzzObjects(count, seed, Infinity, progress('objects'));
  show('objects', r);
  failed += r.failures.length;
}
if (which !== 'objects') {
  const r = fuzzSources(count, seed, Infinity, progress('sources'));
  show('sources', r);
  failed += r.failures.length;
}
process.exit(failed === 0 ? 0 : 1);
