// The fuzzing harness in CI (harness.ts): a fixed budget of source and
// object mutants, every one ending in success or the stage's typed error.
// `npm run fuzz -- 100000` runs the long campaign (scripts/fuzz.ts);
// FUZZ_COUNT and FUZZ_SEED change this test's budget and seed.

import test from 'ava';
import { fuzzObjects, fuzzSources } from './harness.js';

const count = Number(process.env.FUZZ_COUNT ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const x64 = process.arch === 'x64' ? test : test.skip;

x64(`${count} mutated C sources compile or give a CompileError`, (t) => {
  t.timeout(15 * 60_000);
  const r = fuzzSources(count, seed);
  t.log(`${r.tried} source mutants in ${r.ms} ms: ${JSON.stringify(r.outcomes)}`);
  t.is(r.tried, count);
  t.deepEqual(r.failures, []);
  t.true((r.outcomes.CompileError ?? 0) > count / 10 && (r.outcomes['compiled and loaded'] ?? 0) > count / 10, 'the mutants exercise both outcomes');
});

x64(`${count} mutated object files load or give an ObjectFormatError or LoadError`, (t) => {
  t.timeout(15 * 60_000);
  const r = fuzzObjects(count, seed);
  t.log(`${r.tried} object mutants in ${r.ms} ms: ${JSON.stringify(r.outcomes)}`);
  t.is(r.tried, count);
  t.deepEqual(r.failures, []);
  t.true((r.outcomes.loaded ?? 0) > 0 && (r.outcomes.ObjectFormatError ?? 0) > 0, 'the mutants exercise both outcomes');
});
