// A compile server's worker process: the jitcc driver (cc.ts) loaded once
// and run for one request after another, each time in the requesting
// process's working directory, environment and umask, with its standard
// output and error carried back to the server (server.ts) and from there
// to the client. The driver is written for a process of its own; this file
// gives each request one: `process.stdout`/`stderr` writes become messages,
// `isTTY` is the client's, and `process.exit` ends the request, not the worker.
// Requests never overlap, so these process-wide settings are safe.

import { main } from '../cc.js';
import type { ServerRequest } from './protocol.js';

export interface WorkerJob {
  readonly kind: 'run';
  readonly id: number;
  /** A ServerRequest as JSON. */
  readonly request: string;
}

export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'output'; readonly id: number; readonly fd: 1 | 2; readonly data: Uint8Array }
  | { readonly kind: 'exit'; readonly id: number; readonly code: number }
  /** The request cannot run here (its directory is gone…): the client runs the driver itself. */
  | { readonly kind: 'local'; readonly id: number };

/** Thrown by the patched process.exit to unwind the driver. */
class ExitRequest {
  constructor(readonly code: number) {}
}

/** A worker that grew past this much heap exits after its request; the server starts a fresh one. */
const heapLimit = 1024 * 1024 * 1024;

function send(m: WorkerMessage, then?: () => void): void {
  process.send!(m, undefined, undefined, then);
}

function setEnvironment(env: Readonly<Record<string, string>>): void {
  // In place, so the process's real environment (getenv, TZ) follows.
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (process.env[k] !== v) process.env[k] = v;
}

type Write = typeof process.stdout.write;

/** Points process output and exit at the request `id`; returns the undo. */
function redirectProcess(id: number, req: ServerRequest): () => void {
  const saved = { out: process.stdout.write, err: process.stderr.write, exit: process.exit, outTTY: process.stdout.isTTY, errTTY: process.stderr.isTTY };
  const writer = (fd: 1 | 2): Write => ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error) => void), cb?: (e?: Error) => void) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk);
    send({ kind: 'output', id, fd, data });
    const done = typeof encoding === 'function' ? encoding : cb;
    if (done) queueMicrotask(() => done());
    return true;
  }) as Write;
  process.stdout.write = writer(1);
  process.stderr.write = writer(2);
  process.stdout.isTTY = req.stdoutIsTTY;
  process.stderr.isTTY = req.stderrIsTTY;
  process.exit = ((code?: number) => { throw new ExitRequest(code ?? 0); }) as typeof process.exit;
  return () => {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.stdout.isTTY = saved.outTTY;
    process.stderr.isTTY = saved.errTTY;
    process.exit = saved.exit;
  };
}

function run(job: WorkerJob): void {
  const req = JSON.parse(job.request) as ServerRequest;
  try {
    process.chdir(req.cwd);
    setEnvironment(req.env);
    process.umask(req.umask);
  } catch {
    send({ kind: 'local', id: job.id });
    return;
  }
  const restore = redirectProcess(job.id, req);
  let code: number;
  try {
    code = main([...req.argv]);
  } catch (e) {
    if (e instanceof ExitRequest) code = e.code;
    else {
      // What Node prints for an exception nothing caught, with its exit status.
      process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      code = 1;
    }
  } finally {
    restore();
  }
  const isTooBig = process.memoryUsage().heapUsed > heapLimit;
  send({ kind: 'exit', id: job.id, code }, isTooBig ? () => process.exit(0) : undefined);
}

process.on('message', (job: WorkerJob) => run(job));
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready' });
