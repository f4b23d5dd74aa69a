// From what the user passed to `compile` to one relocatable object: the
// sources are read, looked up in the compile cache (compile-cache.ts) and,
// on a miss, compiled one translation unit at a time and merged into one
// object (loader/merge.ts), which is then cached.
//
// Input: a source string, or `{ files, sources }` (file paths read byte for byte, as the CLI does,
// and in-memory sources by name; all become translation units of one
// module, files first). Output: an ObjectFile and the warnings of a fresh
// build (none on a hit: the build that produced the entry printed them).
// Shared by compile() (main thread) and the compileAsync worker.

import { hostTarget } from '../codegen/host-target.js';
import { buildObject, type BuildOptions, defaultReadFile, limitsOf } from '../build.js';
import { CompileError, type Diagnostic } from '../diagnostics.js';
import { withDeadline } from '../deadline.js';
import { DEFAULT_LIMITS } from '../frontend/options.js';
import { readMainFile } from '../frontend/preprocess/read-file.js';
import type { ObjectFile } from '../link/object.js';
import { mergeObjects } from '../loader/merge.js';
import { cacheKey, cacheStats, type Dependencies, hashText, lookup, store } from './compile-cache.js';

/** A program: one C source text, or several translation units linked into one module. */
export type CompileInput =
  | string
  | { readonly files?: readonly string[]; readonly sources?: Readonly<Record<string, string>> };

export interface CacheOptions {
  /** Use the compile cache (default true). Ignored when `onPass` is set, which must see every pass run. */
  readonly cache?: boolean;
  /** A directory for the on-disk cache, shared between processes (created if absent). */
  readonly cacheDir?: string;
}

export interface ModuleBuild {
  readonly object: ObjectFile;
  readonly warnings: readonly Diagnostic[];
  /** Whether the object came from the cache. */
  readonly cached: boolean;
}

/** The C library's wording (strerror) for the file errors a source read meets, as gcc prints them. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory', EISDIR: 'Is a directory', EACCES: 'Permission denied', ENOTDIR: 'Not a directory',
};

/** Reads a source file named on the command line or in `files`; a CompileError `path: why` when it cannot. */
export function readSourceFile(path: string, maxBytes: number = DEFAULT_LIMITS.sourceBytes): string {
  try {
    return readMainFile(path, maxBytes); // bytes as chars, as #include reads them
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = (code !== undefined ? ERRNO_TEXT[code] : undefined) ?? (e as Error).message;
    const diag: Diagnostic = { severity: 'error', message: `${path}: ${why}`, range: null, notes: [] };
    throw new CompileError([diag], `jitcc: error: ${path}: ${why}`);
  }
}

/**
 * A JS string of C source as the frontend reads text: one char per byte of
 * its UTF-8 encoding, the way files are read (latin1), so `"é"` means the
 * same bytes whether it came from a file or from a string in JS.
 */
export function sourceBytesOf(text: string): string {
  // Pure ASCII is already its own encoding.
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

export function translationUnits(input: CompileInput, defaultFile: string, maxBytes: number = DEFAULT_LIMITS.sourceBytes): { file: string; text: string }[] {
  if (typeof input === 'string') return [{ file: defaultFile, text: sourceBytesOf(input) }];
  const units = [
    ...(input.files ?? []).map((file) => ({ file, text: readSourceFile(file, maxBytes) })),
    ...Object.entries(input.sources ?? {}).map(([file, text]) => ({ file, text: sourceBytesOf(text) })),
  ];
  if (units.length === 0) {
    const diag: Diagnostic = { severity: 'error', message: 'no input files', range: null, notes: [] };
    throw new CompileError([diag], 'jitcc: error: no input files');
  }
  return units;
}

/** The options that change the object; everything else (colour, callbacks) does not belong in the key. */
function keyOptions(opts: BuildOptions): Record<string, unknown> {
  return {
    optimize: opts.optimize ?? 1,
    defines: opts.defines ?? {},
    undefines: opts.undefines ?? [],
    includePaths: opts.includePaths ?? [],
    std: opts.std ?? 'gnu11',
    target: opts.target ?? hostTarget(),
    debug: opts.debug ?? false,
    // -fpermissive and -Werror decide whether a source compiles at all.
    warnings: opts.warnings ?? [],
    cpuFeatures: opts.cpuFeatures ?? [],
    builtins: opts.builtins ?? true,
    // A limit decides whether a source compiles at all.
    limits: limitsOf(opts),
  };
}

/** The last hash computed per path: the same header text is hashed once, not by every compile. */
const fileHashes = new Map<string, { readonly text: string; readonly hash: string }>();

function hashOfFile(path: string, text: string): string {
  const hit = fileHashes.get(path);
  if (hit !== undefined && hit.text === text) return hit.hash;
  const hash = hashText(text);
  if (fileHashes.size >= 4000) fileHashes.delete(fileHashes.keys().next().value!);
  fileHashes.set(path, { text, hash });
  return hash;
}

export function buildModuleObject(input: CompileInput, opts: BuildOptions & CacheOptions = {}): ModuleBuild {
  return withDeadline(opts, () => buildUnits(input, opts));
}

function buildUnits(input: CompileInput, opts: BuildOptions & CacheOptions): ModuleBuild {
  const units = translationUnits(input, opts.file ?? 'input.c', limitsOf(opts).sourceBytes);
  const readFile = opts.readFile ?? defaultReadFile(limitsOf(opts));
  const useCache = (opts.cache ?? true) && opts.onPass === undefined;
  const key = useCache ? cacheKey({ sources: units, options: keyOptions(opts) }) : '';
  if (useCache) {
    const hit = lookup(key, opts.cacheDir, readFile);
    if (hit !== null) return { object: hit, warnings: [], cached: true };
  }
  cacheStats.builds++;
  const deps = new Map<string, string | null>();
  const recordingRead = (path: string): string | null => {
    const text = readFile(path);
    deps.set(path, text === null ? null : hashOfFile(path, text));
    return text;
  };
  const warnings: Diagnostic[] = [];
  const objects = units.map((u) => {
    const built = buildObject(u.text, { ...opts, file: u.file, readFile: recordingRead });
    warnings.push(...built.diagnostics);
    return built.output;
  });
  const object = mergeObjects(objects, units.map((u) => u.file));
  if (useCache) store(key, object, deps as Dependencies, opts.cacheDir);
  return { object, warnings, cached: false };
}
