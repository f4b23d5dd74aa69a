// The main thread's side of compileAsync: one lazily started worker thread
// (worker.ts) shared by all calls, referenced while requests are pending and
// unreferenced when idle, so it never keeps the process alive by itself.
//
// Input: a compile input and options. Output: a promise of ELF bytes, or a
// rejection with the same error class compile() would throw (CompileError
// with its diagnostics, InternalCompilerError, LoadError for bad options).
// If the worker dies, every pending request is rejected and the next call
// starts a new one.

import { Worker } from 'node:worker_threads';
import type { CompileInput } from './cache/cached-build.js';
import { CompileError, InternalCompilerError } from './diagnostics.js';
import type { BuildOptions } from './build.js';
import type { CacheOptions } from './cache/cached-build.js';
import { LoadError } from './loader/errors.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

interface Pending {
  resolve(bytes: Uint8Array): void;
  reject(e: Error): void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

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
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if ('bytes' in reply) p.resolve(reply.bytes);
    else p.reject(reviveError(reply.error));
  });
  const fail = (e: Error) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(new InternalCompilerError(`the compile worker failed: ${e.message}`, null, e.stack));
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  return w;
}

function reviveError(e: Extract<WorkerReply, { error: unknown }>['error']): Error {
  if (e.compile) return new CompileError(e.compile.diagnostics, e.compile.formatted);
  if (e.name === 'InternalCompilerError') return new InternalCompilerError(e.message, null, e.stack);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** Only settings that change the object cross the thread boundary. */
function transferable(opts: BuildOptions & CacheOptions): BuildOptions & CacheOptions {
  if (opts.readFile !== undefined || opts.onPass !== undefined) {
    throw new LoadError('compileAsync cannot run readFile or onPass callbacks in its worker thread; use compile()');
  }
  const { file, optimize, defines, undefines, includePaths, std, target, debug, cache, cacheDir } = opts;
  return { file, optimize, defines, undefines, includePaths, std, target, debug, cache, cacheDir };
}

export function compileInWorker(source: CompileInput, opts: BuildOptions & CacheOptions): Promise<Uint8Array> {
  const request: WorkerRequest = { id: nextId++, source, options: transferable(opts) };
  worker ??= startWorker();
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(request.id, { resolve, reject });
    w.ref();
    w.postMessage(request);
  });
}
