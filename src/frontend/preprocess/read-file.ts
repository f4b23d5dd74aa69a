// Reading a file the preprocessor includes, from the file system, safely:
// only regular files are read — a FIFO or device (`#include "/dev/stdin"`,
// `"/dev/zero"`) would block forever or never end, so it is refused with a
// reason the preprocessor reports as a diagnostic; a directory is "not
// found", as gcc treats it; a file larger than the source-size limit is
// refused before a byte is read.
//
// Input: a path and the size limit. Output: the text (one char per byte, as
// the CLI reads sources), null when there is no such file, or a thrown
// `UnreadableInclude` with the reason.

import { LIMIT_FLAGS } from '../options.js';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/** The message for a file over the limit (`size`: '123 bytes', or 'longer' when it never ended). */
export function tooLarge(size: string, maxBytes: number): string {
  return `file is ${size}, more than the source size limit of ${maxBytes} bytes (${LIMIT_FLAGS.sourceBytes}=N, limits.sourceBytes, raises it)`;
}

/** The file exists but may not be included; the message says why (without the path). */
export class UnreadableInclude extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInclude';
  }
}

/**
 * Files read before in this process, with the identity they had then: a header is read again only
 * when its inode, size, modification or change time differ (what make and ccache trust), so a
 * long-lived process (a compile server, a JIT) sees every edit yet reads the system headers once.
 */
const fileCache = new Map<string, { readonly key: string; readonly text: string }>();

/** Bound on cached files (a process compiling many distinct files does not grow without limit). */
const fileCacheLimit = 4000;

export function readRegularFile(path: string, maxBytes: number): string | null {
  let size: number;
  let key: string;
  try {
    // Most calls are #include probing directories that lack the header: a
    // stat that reports a missing file without throwing costs a fraction
    // of the exception it would otherwise raise.
    const st = statSync(path, { throwIfNoEntry: false });
    if (st === undefined || st.isDirectory()) return null;
    if (!st.isFile()) throw new UnreadableInclude('not a regular file');
    size = st.size;
    key = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch (e) {
    if (e instanceof UnreadableInclude) throw e;
    return null; // absent or not accessible: "file not found"
  }
  if (size > maxBytes) throw new UnreadableInclude(tooLarge(`${size} bytes`, maxBytes));
  const hit = fileCache.get(path);
  if (hit !== undefined && hit.key === key) return hit.text;
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return null;
  }
  fileCache.delete(path);
  if (fileCache.size >= fileCacheLimit) fileCache.delete(fileCache.keys().next().value!);
  fileCache.set(path, { key, text });
  return text;
}

/**
 * Reads a main source file (named on the command line or in `files`). A
 * pipe is fine here, as with gcc (`jitcc -c <(generate)`), but no more
 * than `maxBytes` are read: `/dev/zero` is refused once past the limit
 * instead of filling memory. File-system errors are thrown as Node's.
 */
export function readMainFile(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    if (st.isFile() && st.size > maxBytes) throw new UnreadableInclude(tooLarge(`${st.size} bytes`, maxBytes));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new UnreadableInclude(tooLarge('longer', maxBytes));
    }
    return Buffer.concat(chunks, total).toString('latin1');
  } finally {
    closeSync(fd);
  }
}
