// The fuzzing harness in CI (harness.ts): mutated object files (jitcc's
// and gcc's), every one loading or ending in an ObjectFormatError or
// LoadError. FUZZ_COUNT (2,000) mutants; `npm run fuzz -- 100000` runs the
// long campaign (scripts/fuzz.ts).

import test from 'ava';
import { fuzzObjects } from './harness.js';

const count = Number(process.env.FUZZ_COUNT ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const x64 = process.arch === 'x64' ? test : test.skip;

x64(`${count} mutated object files load or give an ObjectFormatError or LoadError`, (t) => {
  t.timeout(10 * 60_000);
  const r = fuzzObjects(count, seed);
  t.log(`${r.tried} object mutants in ${r.ms} ms: ${JSON.stringify(r.outcomes)}`);
  t.is(r.tried, count);
  t.deepEqual(r.failures, []);
  t.true((r.outcomes.loaded ?? 0) > 0 && (r.outcomes.ObjectFormatError ?? 0) > 0, 'the mutants exercise both outcomes');
});
