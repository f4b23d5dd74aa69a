// The CPU time of compiling a source to object bytes at -O2, for the tests
// that compare how compile time grows with input size (test/scaling.test.ts,
// test/e2e/huge-data.test.ts). CPU time, not wall time, and the best of a few
// runs, so a busy machine does not make those ratios flaky.
import { buildObject } from '../src/build.js';
import { writeElf } from '../src/link/elf/write.js';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The least CPU time, in ms, of `runs` compiles of `source` at -O2 to ELF bytes. */
export function bestCompileMs(source: string, runs: number, file: string): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = cpuMs();
    writeElf(buildObject(source, { optimize: 2, file }).output);
    best = Math.min(best, cpuMs() - t0);
  }
  return best;
}
