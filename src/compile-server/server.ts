// The compile server: one per user and installation (runtime-dir.ts),
// started by the first `jitcc` that finds none, exiting after a while
// without work. It queues the compiles clients send (client.ts) and hands
// each to an idle worker process (worker.ts), which keeps the compiler
// loaded and warm between compiles; workers are started on demand, at most
// one per core, so `make -j` compiles in parallel as with gcc.
//
// Usage: node cc-server.js <socket path> <worker script>
// The socket is bound under a temporary name and renamed into place, so a
// client never connects to a half-started server, and of two servers
// started at once the later one simply takes over the name; the other
// finishes what it has and exits. This process never loads the compiler:
// it only moves bytes between sockets and workers.

import { fork, type ChildProcess } from 'node:child_process';
import { renameSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { encodeFrame, FrameKind, FrameReader } from './protocol.js';
import type { WorkerMessage, WorkerJob } from './worker.js';

const [socketPath, workerScript] = process.argv.slice(2) as [string, string];
const idleMs = Number(process.env.JITCC_SERVER_IDLE_SECONDS ?? 300) * 1000;
const maxWorkers = Math.max(1, Math.min(availableParallelism(), 8));

interface Job {
  readonly id: number;
  readonly socket: Socket;
  readonly request: string;
  hasOutput: boolean;
  isAbandoned: boolean;
}

interface Worker {
  readonly proc: ChildProcess;
  isReady: boolean;
  job: Job | null;
}

const queue: Job[] = [];
const workers: Worker[] = [];
let nextId = 1;
let lastActivity = Date.now();
let socketIno = -1;

function schedule(): void {
  while (queue.length > 0) {
    const idle = workers.find((w) => w.isReady && w.job === null);
    if (idle === undefined) break;
    const job = queue.shift()!;
    idle.job = job;
    idle.proc.send({ kind: 'run', id: job.id, request: job.request } satisfies WorkerJob);
  }
  const starting = workers.filter((w) => !w.isReady).length;
  for (let n = queue.length - starting; n > 0 && workers.length < maxWorkers; n--) startWorker();
}

function startWorker(): void {
  const proc = fork(workerScript, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
  const w: Worker = { proc, isReady: false, job: null };
  workers.push(w);
  proc.on('message', (m: WorkerMessage) => onWorkerMessage(w, m));
  proc.on('exit', () => {
    workers.splice(workers.indexOf(w), 1);
    const job = w.job;
    w.job = null;
    if (job !== null && !job.isAbandoned) {
      // Nothing shown yet: the client compiles in its own process. Otherwise it reports the failure.
      if (job.hasOutput) job.socket.end(encodeFrame(FrameKind.exit, JSON.stringify({ code: 4 })));
      else job.socket.end(encodeFrame(FrameKind.local, ''));
    }
    schedule();
  });
  proc.on('error', () => {});
}

function onWorkerMessage(w: Worker, m: WorkerMessage): void {
  if (m.kind === 'ready') {
    w.isReady = true;
    schedule();
    return;
  }
  const job = w.job;
  if (job === null || job.id !== m.id) return;
  lastActivity = Date.now();
  if (m.kind === 'output') {
    job.hasOutput = true;
    if (!job.isAbandoned) job.socket.write(encodeFrame(m.fd === 1 ? FrameKind.stdout : FrameKind.stderr, Buffer.from(m.data)));
    return;
  }
  w.job = null;
  if (!job.isAbandoned) job.socket.end(m.kind === 'exit' ? encodeFrame(FrameKind.exit, JSON.stringify({ code: m.code })) : encodeFrame(FrameKind.local, ''));
  schedule();
}

function onConnection(socket: Socket): void {
  const reader = new FrameReader();
  let job: Job | null = null;
  socket.on('data', (chunk: Buffer) => {
    for (const f of reader.push(chunk)) {
      if (f.kind !== FrameKind.request || job !== null) continue;
      lastActivity = Date.now();
      job = { id: nextId++, socket, request: f.payload.toString('utf8'), hasOutput: false, isAbandoned: false };
      queue.push(job);
      schedule();
    }
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    if (job === null) return;
    // A client that went away (killed by make, Ctrl-C): drop its compile if it has not started.
    job.isAbandoned = true;
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  });
}

/** Is the socket name still ours (not taken over by a newer server, not removed)? */
function ownsSocket(): boolean {
  try {
    return statSync(socketPath).ino === socketIno;
  } catch {
    return false;
  }
}

function shutdown(): void {
  if (ownsSocket()) {
    try { unlinkSync(socketPath); } catch { /* already gone */ }
  }
  for (const w of workers) w.proc.kill();
  process.exit(0);
}

const server = createServer(onConnection);
const tempPath = `${socketPath}.${process.pid}.tmp`;
server.listen(tempPath, () => {
  renameSync(tempPath, socketPath);
  socketIno = statSync(socketPath).ino;
});
server.on('error', () => process.exit(1));

setInterval(() => {
  const isBusy = queue.length > 0 || workers.some((w) => w.job !== null);
  if (isBusy) return;
  if (!ownsSocket() || Date.now() - lastActivity > idleMs) shutdown();
}, Math.min(5000, Math.max(200, idleMs / 4))).unref();
// The interval is unreferenced; the listening server keeps the process alive.
