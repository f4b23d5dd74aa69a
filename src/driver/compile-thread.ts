// A compile thread of driver/parallel.ts: compiles the files of the command
// line it is handed, one at a time, with the driver's own per-file code
// (cc.ts `compileInput`), and answers each with what that code wrote on
// standard output and error, the object it wrote, and whether it failed.
// Output is captured by replacing this thread's process.stdout/stderr
// writes (a thread's own stream objects; the main thread's are untouched).
//
// Protocol: workerData is a ThreadSetup; the thread bumps counter 1 when it
// starts, then answers each ThreadJob on its port with a FileResult and
// bumps counter 0 (after posting, so the result is there when the main
// thread wakes).

import { workerData, type MessagePort } from 'node:worker_threads';
import type { FileResult, ThreadJob, ThreadSetup } from './parallel.js';

const setup = workerData as ThreadSetup;
const counters = new Int32Array(setup.counters);
const port: MessagePort = setup.port;

let stdout = '';
let stderr = '';
const capture = (append: (s: string) => void) => (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
  append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
  const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
  done?.();
  return true;
};
process.stdout.write = capture((s) => { stdout += s; }) as typeof process.stdout.write;
process.stderr.write = capture((s) => { stderr += s; }) as typeof process.stderr.write;

const driver = import('../cc.js');
Atomics.add(counters, 1, 1);
Atomics.notify(counters, 1);

port.on('message', (job: ThreadJob) => {
  void driver.then(({ compileInput }) => answer(job, () => compileInput(setup.args, job.index, setup.linkDir)), (e: unknown) => answer(job, () => { throw e; }));
});

function answer(job: ThreadJob, work: () => { object: string | null; failed: boolean; fatal: number | null }): void {
  stdout = '';
  stderr = '';
  let result: FileResult;
  try {
    const r = work();
    result = { index: job.index, stdout, stderr, ...r };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    result = { index: job.index, stdout, stderr: `${stderr}jitcc: internal compiler error: ${message}\n`, object: null, failed: true, fatal: 4 };
  }
  port.postMessage(result);
  Atomics.add(counters, 0, 1);
  Atomics.notify(counters, 0);
}
