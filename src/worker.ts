// The compileAsync worker thread: compiles what the main thread sends and
// answers with ELF bytes (loading must happen on the main thread, which
// owns the address space's bookkeeping and the koffi bindings).
//
// Protocol (worker-client.ts): request { id, source, options } where options
// hold only structured-cloneable build and cache settings; reply
// { id, bytes } on success, or { id, error } with the error's class name,
// message and, for a CompileError, its diagnostics and formatted text.
// Invariant: every request gets exactly one reply; nothing thrown escapes.

import { parentPort } from 'node:worker_threads';
import { buildModuleObject, type CompileInput } from './cache/cached-build.js';
import { withDeadline } from './deadline.js';
import { CompileError } from './diagnostics.js';
import { writeElf } from './link/elf/write.js';
import type { BuildOptions } from './build.js';
import type { CacheOptions } from './cache/cached-build.js';

export interface WorkerRequest {
  readonly id: number;
  readonly source: CompileInput;
  readonly options: BuildOptions & CacheOptions;
  /** Set to non-zero by the main thread to stop this request; `until`: the timeout as a Date.now() time. */
  readonly stop: { readonly flag: Int32Array; readonly until: number | undefined };
}

export type WorkerReply =
  | { readonly started: number }
  | { readonly id: number; readonly bytes: Uint8Array }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string; readonly stack?: string; readonly compile?: Pick<CompileError, 'diagnostics' | 'formatted'> } };

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  parentPort!.postMessage({ started: req.id } satisfies WorkerReply);
  try {
    const build = withDeadline({ flag: req.stop.flag, until: req.stop.until }, () => buildModuleObject(req.source, req.options));
    reply = { id: req.id, bytes: writeElf(build.object) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = {
      id: req.id,
      error: {
        name: err.name, message: err.message, stack: err.stack,
        ...(e instanceof CompileError ? { compile: { diagnostics: e.diagnostics, formatted: e.formatted } } : {}),
      },
    };
  }
  parentPort!.postMessage(reply);
});
