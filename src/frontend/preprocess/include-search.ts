// Where `#include` looks for a file (C11 6.10.2, with gcc's search order).
//
// Input: the header name, whether it was "quoted", the including file's
// path, and for `#include_next` the index of the directory the including
// file was found in. Output: the path and text of the file and the index of
// the directory it came from, or null.
//
// Order: for "quoted" names the including file's directory first, then the
// `-iquote` directories; then for both forms the `-I` directories, the
// `-isystem` ones, our bundled headers (include/ at the package root), the
// target's system directories and the `-idirafter` ones. `#include_next`
// resumes after the directory where the current file was found (a gcc
// extension glibc and our limits.h rely on). Headers found from `-isystem`
// on are system headers, as are files a system header includes by a quoted
// name from its own directory.

import { join, posix } from 'node:path';
import { packageRoot } from '../../package-root.js';
import type { FrontendOptions } from '../options.js';
import { UnreadableInclude } from './read-file.js';

/** Our own headers: `<package root>/include/`, the same from src/ and from dist/. */
export const bundledIncludeDir = join(packageRoot(), 'include');

/** The system directories searched after ours, per target (as `gcc -v` lists them on Debian/Ubuntu). */
export function systemIncludeDirs(target: FrontendOptions['target']): string[] {
  switch (target) {
    case 'x86_64':
      return ['/usr/local/include', '/usr/include/x86_64-linux-gnu', '/usr/include'];
    case 'aarch64':
      return ['/usr/local/include', '/usr/include/aarch64-linux-gnu', '/usr/aarch64-linux-gnu/include', '/usr/include'];
  }
}

export interface FoundFile {
  readonly path: string;
  readonly text: string;
  /** The file exists but may not be included (not a regular file, too large): why, and `text` is empty. */
  readonly refusal?: string;
  /** Index into the search list where it was found; -1 for the including file's directory or an absolute path. */
  readonly dirIndex: number;
}

/**
 * `path` with `.` and `..` segments and doubled slashes resolved; most
 * paths (`/usr/include/stdio.h`) have none, and are returned as they are
 * without the cost of `posix.normalize`, which every probe of every
 * directory would otherwise pay.
 */
function normalized(path: string): string {
  return /(?:^|\/)\.\.?(?:\/|$)|\/\//.test(path) ? posix.normalize(path) : path;
}

export class IncludeSearch {
  /** The search list after the including file's directory: -iquote, -I, -isystem, bundled, system, -idirafter. */
  readonly dirs: readonly string[];
  /** Where <angle> names start searching (after the -iquote directories). */
  private readonly firstAngle: number;
  /** Directories from this index on hold system headers. */
  readonly firstSystem: number;
  private readonly cache = new Map<string, string | null>();
  /** Paths the reader refused (UnreadableInclude), with the reason. */
  private readonly refused = new Map<string, string>();

  constructor(private readonly opts: FrontendOptions) {
    const clean = (dirs: readonly string[] | undefined) => (dirs ?? []).map((d) => d.replace(/\/+$/, '') || '/');
    const quote = clean(opts.quoteIncludePaths);
    const user = clean(opts.includePaths);
    const standard = opts.noStdInc ? [] : [bundledIncludeDir, ...systemIncludeDirs(opts.target)];
    this.dirs = [...quote, ...user, ...clean(opts.systemIncludePaths), ...standard, ...clean(opts.afterIncludePaths)];
    this.firstAngle = quote.length;
    this.firstSystem = quote.length + user.length;
  }

  /**
   * Reads through the options' `readFile`, remembering misses (the same
   * header is probed in many directories). `.` and `..` segments are
   * resolved first so a virtual file system sees one spelling per file.
   */
  read(displayPath: string): string | null {
    const path = normalized(displayPath);
    if (this.cache.has(path)) return this.cache.get(path)!;
    let text: string | null;
    try {
      text = this.opts.readFile(path);
    } catch (e) {
      // A FIFO, a device, a file over the size limit: found, but refused.
      if (e instanceof UnreadableInclude) this.refused.set(path, e.message);
      text = null; // any other failure (a directory, no permission) is "not found", as gcc says
    }
    this.cache.set(path, text);
    return text;
  }

  /** The file at `path`, or why it was refused, or null when there is none. */
  private found(path: string, dirIndex: number): FoundFile | null {
    const text = this.read(path);
    if (text !== null) return { path, text, dirIndex };
    const refusal = this.refused.get(normalized(path));
    return refusal === undefined ? null : { path, text: '', dirIndex, refusal };
  }

  find(name: string, isQuoted: boolean, includer: string, isNext: boolean, includerDirIndex: number): FoundFile | null {
    if (name.startsWith('/')) return this.found(name, -1);
    let start = this.firstAngle;
    if (isNext) {
      start = includerDirIndex + 1;
    } else if (isQuoted) {
      const slash = includer.lastIndexOf('/');
      const hit = this.found(slash < 0 ? name : includer.slice(0, slash + 1) + name, -1);
      if (hit !== null) return hit;
      start = 0;
    }
    for (let i = start; i < this.dirs.length; i++) {
      const hit = this.found(`${this.dirs[i]}/${name}`, i);
      if (hit !== null) return hit;
    }
    return null;
  }
}
