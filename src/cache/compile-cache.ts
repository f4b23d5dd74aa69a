// The compile cache: a hit returns the object built earlier for the same
// input and skips the frontend, the optimiser and codegen (the scheme of
// HOPE's JIT: hash what determines the output, keep the compiled product).
//
// Key: SHA-256 over the compiler version and build identity (build-id.ts),
// the target, every option that
// changes the output (optimize, defines, undefines, includePaths, std,
// debug) and the sources with their file names. Headers are not in the key:
// each entry records every path the preprocessor asked for (through
// `readFile`) and a hash of what it got (or that it was absent), and a hit
// is only a hit if every one still reads the same; so an edited header, or
// a new header earlier on the include path, misses.
// Levels: an in-memory LRU of ObjectFiles (per process), and with
// `cacheDir` a directory of ELF objects (`<key>.o`, with `.jitcc.sigs`
// keeping the C prototypes and global types) plus `<key>.deps.json`.
// Files are written to a temporary name and renamed, so a concurrent reader
// never sees half a file; an unreadable or corrupt entry is a miss.
//
// Invariants: cached ObjectFiles are never mutated (the loader only reads
// them); a cache failure never fails a compile.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readElf } from '../link/elf/read.js';
import { writeElf } from '../link/elf/write.js';
import type { ObjectFile } from '../link/object.js';
import { packageRoot } from '../package-root.js';
import { buildId } from './build-id.js';

/** What the preprocessor read: path → SHA-256 of the contents, or null when the file did not exist. */
export type Dependencies = ReadonlyMap<string, string | null>;

export interface CacheKeyInput {
  readonly sources: readonly { readonly file: string; readonly text: string }[];
  readonly options: Readonly<Record<string, unknown>>;
}

/** Counters for tests and benchmarks: how often each path was taken. */
export interface CacheStats {
  builds: number;
  memoryHits: number;
  diskHits: number;
}

export const cacheStats: CacheStats = { builds: 0, memoryHits: 0, diskHits: 0 };

let versionCache: string | null = null;

/**
 * The compiler's version (package.json) and build identity, part of every key so that neither an
 * upgrade nor a rebuild of the same version ever reuses another compiler's objects.
 */
export function compilerVersion(): string {
  if (versionCache !== null) return versionCache;
  try {
    const root = packageRoot();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    versionCache = `jitcc ${String(pkg.version ?? 'unknown')} build ${buildId(root)}`;
  } catch {
    versionCache = 'jitcc unknown'; // no package root: nothing else is known about this build
  }
  return versionCache;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Deterministic JSON: object keys sorted, so option order does not change the key. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * `canonical` of the version and options, remembered by the options' plain
 * JSON (which stands for the same value: the options are JSON data), since a
 * process compiles with a few option sets and sorting them costs more than
 * hashing a small source.
 */
const canonicalByJson = new Map<string, string>();

function canonicalOptions(options: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(options);
  let text = canonicalByJson.get(json);
  if (text === undefined) {
    text = canonical({ version: compilerVersion(), options });
    if (canonicalByJson.size >= 64) canonicalByJson.delete(canonicalByJson.keys().next().value!);
    canonicalByJson.set(json, text);
  }
  return text;
}

/**
 * The options go in as canonical JSON (small); each source as its name and
 * text with their lengths before them, so no two inputs hash the same bytes.
 * The text is hashed as it is (UTF-16 code units, which every string has
 * and which decode one way) rather than escaped into JSON first: escaping a
 * 25-line source cost several times what hashing it does.
 */
export function cacheKey(input: CacheKeyInput): string {
  const hash = createHash('sha256').update(canonicalOptions(input.options), 'utf16le');
  for (const { file, text } of input.sources) {
    hash.update(`\0${file.length}:${file}\0${text.length}:`, 'utf16le');
    hash.update(text, 'utf16le');
  }
  return hash.digest('hex');
}

interface Entry {
  readonly object: ObjectFile;
  readonly deps: Dependencies;
}

/** In-memory entries, least recently used first (a Map keeps insertion order). */
const memory = new Map<string, Entry>();
const MEMORY_ENTRIES = 256;

/** Do the recorded dependencies still read the same? */
function depsUnchanged(deps: Dependencies, readFile: (path: string) => string | null): boolean {
  for (const [path, hash] of deps) {
    let text: string | null;
    try {
      text = readFile(path);
    } catch {
      return false; // refused now (e.g. replaced by a FIFO): rebuild, and let the build say why
    }
    if ((text === null ? null : hashText(text)) !== hash) return false;
  }
  return true;
}

export function lookup(key: string, cacheDir: string | undefined, readFile: (path: string) => string | null): ObjectFile | null {
  const hit = memory.get(key);
  if (hit !== undefined) {
    memory.delete(key);
    if (depsUnchanged(hit.deps, readFile)) {
      memory.set(key, hit);
      cacheStats.memoryHits++;
      return hit.object;
    }
  }
  if (cacheDir === undefined) return null;
  try {
    const depsJson = JSON.parse(readFileSync(join(cacheDir, `${key}.deps.json`), 'utf8')) as unknown;
    if (!Array.isArray(depsJson)) return null;
    const deps = new Map<string, string | null>();
    for (const d of depsJson as unknown[]) {
      if (!Array.isArray(d) || typeof d[0] !== 'string' || !(typeof d[1] === 'string' || d[1] === null)) return null;
      deps.set(d[0], d[1]);
    }
    if (!depsUnchanged(deps, readFile)) return null;
    const object = readElf(new Uint8Array(readFileSync(join(cacheDir, `${key}.o`))), `${key}.o`);
    remember(key, { object, deps });
    cacheStats.diskHits++;
    return object;
  } catch {
    return null; // absent, unreadable or corrupt: rebuild
  }
}

export function store(key: string, object: ObjectFile, deps: Dependencies, cacheDir: string | undefined): void {
  remember(key, { object, deps });
  if (cacheDir === undefined) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `.${process.pid}.${Math.random().toString(36).slice(2)}`;
    // The object first: a deps file is only ever next to a complete object.
    writeFileSync(join(cacheDir, `${key}.o${tmp}`), writeElf(object));
    renameSync(join(cacheDir, `${key}.o${tmp}`), join(cacheDir, `${key}.o`));
    writeFileSync(join(cacheDir, `${key}.deps.json${tmp}`), JSON.stringify([...deps]));
    renameSync(join(cacheDir, `${key}.deps.json${tmp}`), join(cacheDir, `${key}.deps.json`));
  } catch {
    // A read-only or full disk costs the next run a rebuild, nothing more.
  }
}

function remember(key: string, entry: Entry): void {
  memory.delete(key);
  memory.set(key, entry);
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

/** Empties the in-memory cache (the disk cache is the caller's directory to delete). */
export function clearMemoryCache(): void {
  memory.clear();
}
