// The fuzzing harness in CI (harness.ts): mutated C sources, every one
// ending in success or a CompileError (objects: fuzz-objects.test.ts).
// Up to FUZZ_COUNT (2,000) mutants within FUZZ_BUDGET_S (240 s) so a slow
// machine costs time, not a timeout; `npm run fuzz -- 100000` runs the long
// campaign (scripts/fuzz.ts). FUZZ_SEED changes the seed.

import test from 'ava';
import { fuzzSources } from './harness.js';

const count = Number(process.env.FUZZ_COUNT ?? 2000);
const budgetMs = Number(process.env.FUZZ_BUDGET_S ?? 240) * 1000;
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const x64 = process.arch === 'x64' ? test : test.skip;

x64(`up to ${count} mutated C sources compile or give a CompileError`, (t) => {
  t.timeout(budgetMs + 5 * 60_000);
  const r = fuzzSources(count, seed, budgetMs);
  t.log(`${r.tried} source mutants in ${r.ms} ms: ${JSON.stringify(r.outcomes)}`);
  t.deepEqual(r.failures, []);
  t.true(r.tried >= Math.min(count, 300), `only ${r.tried} mutants in the time budget`);
  t.true((r.outcomes.CompileError ?? 0) > r.tried / 10 && (r.outcomes['compiled and loaded'] ?? 0) > r.tried / 10, 'the mutants exercise both outcomes');
});
