// Generated programs against gcc (test/fuzz/progen.ts): prints each seed
// whose jitcc builds disagree with gcc -O0, and a summary.
//
//   npm run progen -- 1000        # seeds 1..1000
//   npm run progen -- 100 5000    # seeds 5000..5099
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProgram } from '../test/fuzz/progen-run.js';

const count = Number(process.argv[2] ?? 100);
const first = Number(process.argv[3] ?? 1);
const work = mkdtempSync(join(tmpdir(), 'jitcc-progen-'));
let bad = 0;
const start = Date.now();
for (let seed = first; seed < first + count; seed++) {
  const r = checkProgram(seed, work);
  if (r.problem !== null) {
    bad++;
    console.log(`seed ${seed}: ${r.problem}`);
  }
  if ((seed - first + 1) % 50 === 0) console.log(`${seed - first + 1} programs, ${bad} differing`);
}
console.log(`${count} programs (seeds ${first}..${first + count - 1}) in ${((Date.now() - start) / 1000).toFixed(0)} s: ${count - bad} agree with gcc, ${bad} differ; sources in ${work}`);
process.exit(bad === 0 ? 0 : 1);
