// The main thread's side of the tier worker (tier-worker.ts): one worker
// thread, started on first use and shared by every tiered module, kept
// referenced only while builds are pending so it never holds the process
// open. A worker that dies fails its pending builds (their modules stay in
// the first tier) and the next build starts a new one.

import { Worker } from 'node:worker_threads';
import type { BuildOptions } from '../build.js';
import { buildChecks } from '../validate.js';
import type { TierUnit } from './tier-build.js';
import type { TierReply, TierRequest } from './tier-worker.js';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(bytes: Uint8Array): void; reject(e: Error): void }>();

function startWorker(): Worker {
  // Under tsx (tests) this file is TypeScript and so is the worker: register tsx's loader first
  // (execArgv flags do not reach a worker's entry module in Node 20). The package runs dist/jit-tier-worker.js.
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './tier-worker.ts' : './jit-tier-worker.js', import.meta.url);
  const w = isTs
    ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
    : new Worker(url);
  w.on('message', (reply: TierReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if ('bytes' in reply) p.resolve(reply.bytes);
    else p.reject(new Error(reply.error));
  });
  const fail = (e: Error) => {
    if (worker !== w) return;
    worker = null;
    for (const p of pending.values()) p.reject(new Error(`the tier worker failed: ${e.message}`));
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  return w;
}

/**
 * Only the build's options cross threads: the loader's (imports, link:
 * functions and modules) stay behind, and so does `signal` (an AbortSignal
 * cannot be cloned; the caller's build is long done anyway). tier.ts builds
 * on the main thread when readFile or onPass is given.
 */
function buildOptionsOnly(options: BuildOptions): BuildOptions {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(buildChecks)) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function' && key !== 'signal') out[key] = v;
  }
  return out as BuildOptions;
}

/** Builds the second tier of `units` in the worker; its ELF bytes. */
export function buildSecondTier(units: readonly TierUnit[], options: BuildOptions): Promise<Uint8Array> {
  worker ??= startWorker();
  worker.ref();
  const id = nextId++;
  const request: TierRequest = { id, units, options: buildOptionsOnly(options) };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage(request);
  });
}
