// Random programs for what csmith never produces (progen.ts: designated
// and nested initializers, bit-fields in unions, long double, _Complex,
// VLAs, variadic calls with structs), built by gcc -O0 and by jitcc at -O0
// and -O2: they must print the same. `npm run progen -- 1000` runs more
// (scripts/progen.ts); PROGEN_COUNT / PROGEN_FIRST change this test's range.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeedingTools, testOnHost } from '../tools.js';
import { checkProgram } from './progen-run.js';

const count = Number(process.env.PROGEN_COUNT ?? 30);
const first = Number(process.env.PROGEN_FIRST ?? 1);
const progenTest = process.arch === 'x64' && process.platform === 'linux' ? testNeedingTools(['gcc']) : testOnHost(`host is ${process.platform}/${process.arch}, not linux/x64`);

progenTest(`${count} generated programs print the same with gcc -O0 and jitcc -O0 / -O2`, (t) => {
  t.timeout(15 * 60_000);
  const work = mkdtempSync(join(tmpdir(), 'jitcc-progen-'));
  const problems: string[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const r = checkProgram(seed, work);
    if (r.problem !== null) problems.push(`seed ${seed}: ${r.problem}`);
  }
  t.deepEqual(problems, []);
});
