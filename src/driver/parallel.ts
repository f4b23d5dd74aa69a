// Several C files of one command line (`jitcc -c a.c b.c c.c`, or a link of
// several sources) compiled at once on worker threads, as `make -j` would
// run several gcc processes, on as many threads as there are idle cores
// (threads.ts `compileThreadBudget`). Each thread runs the same per-file driver code
// (cc.ts `compileInput`) on the files it is handed, with its standard
// output and error captured; the command prints every file's output in
// command-line order afterwards and takes the objects in that order, so
// what it writes and prints is byte for byte what compiling the files one
// after another gives (each object depends only on its own file).
//
// The driver is synchronous (the compile server calls it as a function), so
// this waits with Atomics.wait on a counter the threads bump, and reads their
// replies with receiveMessageOnPort: no event loop turn is needed.
//
// Used when there are at least two C files and enough source to pay for
// starting threads (each loads the compiler); otherwise files are compiled
// in this thread.

import { statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, type Worker, type MessagePort } from 'node:worker_threads';
import { compileThreadBudget, startCompilerThread } from './threads.js';
import type { Args, Input } from './args.js';

/** One file's outcome, as the thread that compiled it saw it. */
export interface FileResult {
  readonly index: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The object written (for linking), or null. */
  readonly object: string | null;
  readonly failed: boolean;
  /** Set when the driver would have stopped here (an internal error): its exit status. */
  readonly fatal: number | null;
}

export interface ThreadJob {
  readonly kind: 'job';
  readonly index: number;
}

export interface ThreadSetup {
  readonly args: Args;
  readonly linkDir: string | null;
  readonly port: MessagePort;
  /** Two counters: [0] files finished (by all threads), [1] threads started. */
  readonly counters: SharedArrayBuffer;
}

/** How long a thread may take to start running its entry before the files are compiled here instead. */
const startTimeoutMs = 20_000;
/** Without any file finished for this long, the threads are given up and the rest compiled here. */
const stallTimeoutMs = 30 * 60_000;

/** Below this much C source in total, starting threads costs more than it saves. */
const minParallelBytes = 256 * 1024;

function isCompiledC(input: Input): boolean {
  return (input.lang === 'c' || input.lang === 'cpp-output') && input.path !== '-';
}

/** How many threads to compile `a`'s files on (0: compile here, one after another). */
export function parallelThreads(a: Args): number {
  if (a.mode !== 'object' && a.mode !== 'link') return 0;
  if (a.dump !== null || a.emitDts || a.dumpAfter !== null) return 0;
  // -ftime-report charges process CPU time to phases; other threads' work would be charged too.
  if (a.timeReport) return 0;
  if (process.env.JITCC_JOBS === '1') return 0;
  const files = a.inputs.filter(isCompiledC);
  if (files.length < 2 || files.length !== a.inputs.length) return 0;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f.path).size;
    } catch {
      return 0; // the sequential path reports the missing file as usual
    }
  }
  if (bytes < minParallelBytes && process.env.JITCC_JOBS === undefined) return 0;
  const wanted = compileThreadBudget();
  return wanted < 2 ? 0 : Math.min(files.length, wanted);
}

/**
 * Compiles the inputs of `a` on `threads` threads; results in input order,
 * null for a file no thread compiled (a thread that could not start): the
 * caller compiles those itself.
 */
export function compileInParallel(a: Args, linkDir: string | null, threads: number): (FileResult | null)[] {
  const counters = new SharedArrayBuffer(8);
  const counter = new Int32Array(counters);
  const results: (FileResult | undefined)[] = new Array(a.inputs.length);
  const pool: { worker: Worker; port: MessagePort; busy: boolean }[] = [];
  let next = 0;
  let finished = 0;
  const assign = (slot: (typeof pool)[number]) => {
    if (next >= a.inputs.length) return;
    slot.busy = true;
    slot.port.postMessage({ kind: 'job', index: next++ } satisfies ThreadJob);
  };
  try {
    for (let i = 0; i < threads; i++) {
      const channel = new MessageChannel();
      const worker = startCompilerThread('./compile-thread.ts', './cc-thread.js', { args: a, linkDir, counters, port: channel.port2 } satisfies ThreadSetup, [channel.port2]);
      pool.push({ worker, port: channel.port1, busy: false });
    }
    // Each thread bumps counter 1 as its entry starts; one that never does (an
    // unloadable entry) leaves its share to this thread.
    const deadline = Date.now() + startTimeoutMs;
    for (let started = Atomics.load(counter, 1); started < threads && Date.now() < deadline; started = Atomics.load(counter, 1)) {
      Atomics.wait(counter, 1, started, deadline - Date.now());
    }
    if (Atomics.load(counter, 1) < threads) return results.map(() => null);
    for (const slot of pool) assign(slot);
    let seen = 0;
    let lastProgress = Date.now();
    while (finished < a.inputs.length) {
      // Sleep until a thread finishes a file; each result is posted before the counter moves.
      // A thread that dies without posting (its heap exhausted) is noticed by the silence.
      if (Atomics.wait(counter, 0, seen, 5_000) === 'timed-out' && Date.now() - lastProgress > stallTimeoutMs) break;
      if (Atomics.load(counter, 0) !== seen) lastProgress = Date.now();
      seen = Atomics.load(counter, 0);
      for (const slot of pool) {
        for (let m = receiveMessageOnPort(slot.port); m !== undefined; m = receiveMessageOnPort(slot.port)) {
          const r = m.message as FileResult;
          results[r.index] = r;
          finished++;
          slot.busy = false;
          assign(slot);
        }
      }
    }
  } finally {
    for (const slot of pool) void slot.worker.terminate();
  }
  return results.map((r) => r ?? null);
}
