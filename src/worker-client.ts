// The main thread's side of compileAsync: one lazily started worker thread
// (worker.ts) shared by all calls, referenced while requests are pending and
// unreferenced when idle, so it never keeps the process alive by itself.
//
// Input: a compile input and options. Output: a promise of ELF bytes, or a
// rejection with the same error class compile() would throw (CompileError
// with its diagnostics, InternalCompilerError, TypeError for options that
// cannot cross threads). If the worker dies, every pending request is
// rejected and the next call starts a new one. `signal` and `timeoutMs`
// reject at once and make the worker drop the request at its next
// checkpoint (a shared flag), or end the worker if it does not (STOP_GRACE_MS).

import { Worker } from 'node:worker_threads';
import type { CompileInput } from './cache/cached-build.js';
import { CompileError, InternalCompilerError } from './diagnostics.js';
import type { BuildOptions } from './build.js';
import type { CacheOptions } from './cache/cached-build.js';
import { stopError } from './deadline.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

interface Pending {
  readonly request: WorkerRequest;
  resolve(bytes: Uint8Array): void;
  reject(e: Error): void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

/**
 * After a request was stopped (signal, timeout) the worker gets this long
 * to reach a checkpoint and drop it; a worker still busy with it then is
 * terminated — which frees everything it held — and a fresh one takes the
 * other pending requests.
 */
const STOP_GRACE_MS = 1000;

function startWorker(): Worker {
  // Under tsx (tests, examples) this file is TypeScript and so is the worker;
  // the built package runs plain JavaScript.
  // A TypeScript worker registers tsx's loader first (execArgv flags do not
  // reach a worker's entry module in Node 20).
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './worker.ts' : './worker.js', import.meta.url);
  const w = isTs
    ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
    : new Worker(url);
  w.on('message', (reply: WorkerReply) => {
    if ('started' in reply) {
      running.set(w, reply.started);
      return;
    }
    running.delete(w);
    const p = pending.get(reply.id);
    if (p === undefined) return; // stopped meanwhile: already rejected
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if ('bytes' in reply) p.resolve(reply.bytes);
    else p.reject(reviveError(reply.error));
  });
  const fail = (e: Error) => {
    if (worker !== w) return; // replaced on purpose (stopRequest)
    worker = null;
    for (const p of pending.values()) p.reject(new InternalCompilerError(`the compile worker failed: ${e.message}`, null, e.stack));
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  return w;
}

/** The request each worker is working on (the worker says when it starts one). */
const running = new Map<Worker, number>();

function reviveError(e: Extract<WorkerReply, { error: unknown }>['error']): Error {
  if (e.compile) return new CompileError(e.compile.diagnostics, e.compile.formatted);
  if (e.name === 'InternalCompilerError') return new InternalCompilerError(e.message, null, e.stack);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return stopError(e.name === 'TimeoutError' ? 'timeout' : 'abort', e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** Only settings that change the object cross the thread boundary. */
function transferable(opts: BuildOptions & CacheOptions): BuildOptions & CacheOptions {
  if (opts.readFile !== undefined || opts.onPass !== undefined) {
    throw new TypeError(`compileAsync: option '${opts.readFile !== undefined ? 'readFile' : 'onPass'}' is a callback, which cannot run in the worker thread; use compile()`);
  }
  const { file, optimize, defines, undefines, includePaths, std, target, debug, warnings, limits, cache, cacheDir } = opts;
  return { file, optimize, defines, undefines, includePaths, std, target, debug, warnings, limits, cache, cacheDir };
}

/**
 * Rejects request `id` with `error` now, tells the worker to drop it (the
 * shared flag its checkpoints read), and terminates the worker if it is
 * still on that request after STOP_GRACE_MS.
 */
function stopRequest(id: number, flag: Int32Array, error: Error): void {
  const p = pending.get(id);
  if (p === undefined) return;
  pending.delete(id);
  Atomics.store(flag, 0, 1);
  p.reject(error);
  const w = worker;
  if (w === null) return;
  if (pending.size === 0) w.unref();
  const timer = setTimeout(() => {
    if (running.get(w) !== id || worker !== w) return;
    // Stuck between checkpoints: end the thread, and hand the queue to a new one.
    running.delete(w);
    worker = null;
    void w.terminate();
    if (pending.size > 0) {
      const fresh = startWorker();
      worker = fresh;
      for (const q of pending.values()) fresh.postMessage(q.request);
    }
  }, STOP_GRACE_MS);
  timer.unref();
}

export function compileInWorker(source: CompileInput, opts: BuildOptions & CacheOptions): Promise<Uint8Array> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const until = opts.timeoutMs === undefined ? undefined : Date.now() + opts.timeoutMs;
  const request: WorkerRequest = { id: nextId++, source, options: transferable(opts), stop: { flag, until } };
  const { signal, timeoutMs } = opts;
  if (signal?.aborted) return Promise.reject(stopError('abort', 'the compile was aborted', signal.reason));
  worker ??= startWorker();
  const w = worker;
  const promise = new Promise<Uint8Array>((resolve, reject) => {
    pending.set(request.id, { request, resolve, reject });
    w.ref();
    w.postMessage(request);
  });
  if (signal === undefined && timeoutMs === undefined) return promise;
  const onAbort = () => stopRequest(request.id, flag, stopError('abort', 'the compile was aborted', signal!.reason));
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined
    : setTimeout(() => stopRequest(request.id, flag, stopError('timeout', `the compile took more than ${timeoutMs} ms (timeoutMs)`)), timeoutMs);
  const cleanup = () => {
    signal?.removeEventListener('abort', onAbort);
    if (timer !== undefined) clearTimeout(timer);
  };
  promise.then(cleanup, cleanup);
  return promise;
}
