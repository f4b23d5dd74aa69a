// Starting a compiler thread of the driver (driver/parallel.ts for files,
// driver/parallel-codegen.ts for the functions of one file): the built
// bundle next to this code, or the TypeScript source under tsx (tests).

import { availableParallelism, loadavg } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker, type MessagePort } from 'node:worker_threads';

/**
 * Starts the thread whose entry is `tsEntry` (a file of src/driver) or, in
 * the build, `jsEntry` (its bundle in dist/), with `workerData`.
 */
export function startCompilerThread(tsEntry: string, jsEntry: string, workerData: unknown, transferList: readonly (MessagePort | ArrayBuffer)[]): Worker {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? tsEntry : jsEntry, import.meta.url);
  // The same heap limit as this thread's: what fits here fits there.
  const resourceLimits = { maxOldGenerationSizeMb: Math.ceil(getHeapStatistics().heap_size_limit / 2 ** 20) };
  const options = { workerData, transferList: [...transferList], resourceLimits };
  // A TypeScript thread registers tsx's loader first (execArgv flags do not reach a worker's entry in Node 20),
  // found from here: an eval'd entry resolves bare names from the current directory.
  return isTs
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, { ...options, eval: true })
    : new Worker(url, options);
}

/**
 * How many threads a compile may use in all, this one included: JITCC_JOBS
 * when set, else one per core that is idle (the cores minus the last
 * minute's load average, at least 1). Threads only pay off on idle cores;
 * on a busy machine (a parallel make, a CI runner) they would only add the
 * CPU time of their start-up and of copying the work to them. What is
 * compiled does not depend on this number.
 */
export function compileThreadBudget(): number {
  const jobs = process.env.JITCC_JOBS;
  if (jobs !== undefined) {
    const n = Math.floor(Number(jobs));
    return Number.isFinite(n) ? Math.max(1, n) : 1;
  }
  const cores = availableParallelism();
  return Math.max(1, Math.min(cores, Math.floor(cores - loadavg()[0]!)));
}
