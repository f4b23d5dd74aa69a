// The `jitcc` command's side of the compile server: hands one compile to
// the user's warm server and replays its answer as if the driver had run in
// this process — the same bytes on stdout and stderr, in the same order, and
// the same exit status. The output files are written by the server, in this
// process's working directory, with its environment and umask.
//
// Only compile-only invocations go to the server (-c, -S, -E without -run,
// and no operand `-` that reads standard input): linking and -run spawn or
// load programs that must belong to this process. When no server answers,
// one is started (detached; it exits when idle) and this compile waits for
// it. Any failure before the server has written output means "compile in
// this process" (null), which is always correct, only slower.

import { readFileSync, writeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { isatty } from 'node:tty';
import { encodeFrame, FrameKind, FrameReader, type ServerRequest } from './protocol.js';
import type { ServerPaths } from './runtime-dir.js';

/** May this command line run in the server? */
export function isServable(argv: readonly string[]): boolean {
  let isCompileOnly = false;
  for (const arg of argv) {
    if (arg === '-c' || arg === '-S' || arg === '-E') isCompileOnly = true;
    else if (arg === '-run' || arg === '-') return false;
  }
  return isCompileOnly;
}

/** Why the server could not be used (shown with JITCC_SERVER=require). */
export class ServerUnavailable extends Error {}

/** The umask, from /proc (calling process.umask() without an argument is deprecated: it sets it to read it). */
function currentUmask(): number {
  const m = /^Umask:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/status', 'latin1'));
  if (m === null) throw new ServerUnavailable('cannot read the umask from /proc/self/status');
  return parseInt(m[1]!, 8);
}

function tryConnect(path: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', () => resolve(null));
  });
}

const startTimeoutMs = 10_000;

/** Starts a server and waits until it accepts connections (or has died). */
async function startServer(paths: ServerPaths, serverScript: string, workerScript: string): Promise<Socket> {
  // Loaded here, not at the top: most runs find the server up, and every module costs start-up time.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [serverScript, paths.socket, workerScript], { detached: true, stdio: 'ignore' });
  let hasExited = false;
  child.once('exit', () => { hasExited = true; });
  child.once('error', () => { hasExited = true; });
  child.unref();
  const deadline = Date.now() + startTimeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 40)) {
    await new Promise((r) => setTimeout(r, delay));
    const socket = await tryConnect(paths.socket);
    if (socket !== null) return socket;
    if (hasExited) throw new ServerUnavailable('the compile server exited while starting');
    if (Date.now() > deadline) throw new ServerUnavailable(`the compile server did not start within ${startTimeoutMs / 1000} s`);
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let off = 0; off < data.length;) {
    try {
      off += writeSync(fd, data, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

/**
 * Runs the compile in the server; its exit status, or null to compile here.
 * Throws ServerUnavailable only when `mustUseServer` (tests).
 */
export async function compileOnServer(argv: readonly string[], paths: ServerPaths, serverScript: string, workerScript: string, mustUseServer: boolean): Promise<number | null> {
  try {
    const socket = (await tryConnect(paths.socket)) ?? (await startServer(paths, serverScript, workerScript));
    return await exchange(socket, {
      argv, cwd: process.cwd(), env: process.env as Record<string, string>, umask: currentUmask(),
      // isatty, not process.stdout.isTTY: creating the stream would make a pipe non-blocking.
      stdoutIsTTY: isatty(1), stderrIsTTY: isatty(2),
    });
  } catch (e) {
    if (mustUseServer) throw e instanceof ServerUnavailable ? e : new ServerUnavailable(e instanceof Error ? e.message : String(e));
    return null;
  }
}

function exchange(socket: Socket, request: ServerRequest): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const reader = new FrameReader();
    let hasWritten = false;
    let isSettled = false;
    const settle = (code: number | null, error?: Error) => {
      if (isSettled) return;
      isSettled = true;
      socket.destroy();
      if (error) reject(error); else resolve(code);
    };
    socket.on('data', (chunk: Buffer) => {
      for (const f of reader.push(chunk)) {
        if (f.kind === FrameKind.stdout || f.kind === FrameKind.stderr) {
          hasWritten = true;
          writeAll(f.kind === FrameKind.stdout ? 1 : 2, f.payload);
        } else if (f.kind === FrameKind.exit) {
          settle((JSON.parse(f.payload.toString('utf8')) as { code: number }).code);
        } else if (f.kind === FrameKind.local) {
          settle(null, new ServerUnavailable('the server handed the compile back'));
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (isSettled) return;
      // Output already shown cannot be taken back: report the failure instead of compiling again.
      if (hasWritten) {
        writeAll(2, Buffer.from('jitcc: error: the compile server stopped before the compile finished\n'));
        settle(4);
      } else {
        settle(null, new ServerUnavailable('the compile server closed the connection'));
      }
    });
    socket.write(encodeFrame(FrameKind.request, JSON.stringify(request)));
  });
}
