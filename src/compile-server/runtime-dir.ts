// Where the compile server of this user and this installation listens.
//
// The socket lives in a directory only the user can enter: `$JITCC_SERVER_DIR`
// (tests, benchmarks), else `$XDG_RUNTIME_DIR/jitcc-<uid>` or
// `<tmpdir>/jitcc-<uid>`, created with mode 0700. A directory that is not
// ours, is reachable by others, or is a symbolic link is refused (null:
// compile in this process), since whoever can reach the socket can make the
// server read and write files as this user.
// The socket's name is a hash of what the server would run: the worker
// bundle (path, size, modification time in nanoseconds, inode). A rebuild
// gets a new server; the old one idles out. The native client
// (native-client.c) computes the same name, so it must stay computable
// without Node: no Node version or path in it (which Node runs the bundle
// does not change the objects it writes).

import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerPaths {
  readonly dir: string;
  readonly socket: string;
}

/**
 * A 64-bit FNV-1a hash of the text's UTF-8 bytes as 16 hex digits: enough to tell builds apart (this
 * is a name, not a defence: the directory is private), and unlike node:crypto it loads nothing at start-up.
 */
function fnv1a(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

export function serverPaths(workerScript: string): ServerPaths | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  const dir = process.env.JITCC_SERVER_DIR || join(process.env.XDG_RUNTIME_DIR || tmpdir(), `jitcc-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return null;
    const worker = statSync(workerScript, { bigint: true });
    const key = fnv1a([workerScript, worker.size, worker.mtimeNs, worker.ino].join('\0'));
    return { dir, socket: join(dir, `${key}.sock`) };
  } catch {
    return null;
  }
}
