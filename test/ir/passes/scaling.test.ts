// The pipeline must scale about linearly: a 10k-instruction function at -O2
// (about 1.3 s of CPU on the 2-core CI machine) must stay far from quadratic
// behaviour, which would take tens of seconds. Measured in CPU time, not
// wall time, so a busy machine does not make the test flaky.
import test from 'ava';
import { parseIr } from '../../../src/ir/parse.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { optimizeModule } from '../../../src/ir/pipeline.js';
import { bigFunction, countInstructions } from './big-ir.js';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

test('-O2 on a 10k-instruction function', (t) => {
  const text = bigFunction(750);
  t.true(countInstructions(text) > 9_000);
  const m = parseIr(text);
  const start = cpuMs();
  optimizeModule(m, 2);
  const spent = cpuMs() - start;
  t.log(`optimizeModule -O2: ${spent.toFixed(0)} ms CPU for ${countInstructions(text)} instructions`);
  t.true(spent < 4_000, `took ${spent.toFixed(0)} ms`);
  t.deepEqual(verifyModule(m), []);
  // Every local was promoted: no slot, load or store survives.
  t.is(m.functions[0].slots.length, 0);
  t.false(m.functions[0].blocks.some((b) => b.insts.some((i) => i.op === 'load' || i.op === 'store')));
});
