// The fuzzing harness: mutants of C sources go through the whole library
// (compile, load, dispose) and mutants of object files through the ELF
// reader and the loader. Every input must end in success or a typed error
// of the kind that stage documents — a CompileError for C, an
// ObjectFormatError or LoadError for objects. An InternalCompilerError, any
// other exception, a hang (more than 20 s of CPU time on one input, or a
// compile stopped by its `timeoutMs`) or a crash of the process (the run
// dies) is a failure.
//
// Used by test/fuzz/fuzz.test.ts and fuzz-objects.test.ts (a fixed budget
// in CI) and scripts/fuzz.ts
// (`npm run fuzz -- 100000`). Seeded: a failure names the seed and index
// that reproduce it. Loading never runs constructors or destructors
// (loadObjectFile's skipInitializers), since damage can make any function
// one; nothing else in the loaded code runs either.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModuleObject } from '../../src/cache/cached-build.js';
import { TimeoutError } from '../../src/deadline.js';
import { CompileError } from '../../src/diagnostics.js';
import { ObjectFormatError } from '../../src/link/errors.js';
import { readElf } from '../../src/link/elf/read.js';
import { writeElf } from '../../src/link/elf/write.js';
import { LoadError } from '../../src/loader/errors.js';
import { loadObjectFile } from '../../src/loader/load.js';
import { mutateBytes, mutateSource, prng } from './mutate.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** The shared corpus beside the repository, or where the helpers' machines keep it. */
const conformanceDirs = [join(repo, '../shared/conformance'), '/work/shared/conformance'];

/**
 * Per-input limits. A hang is more than 20 s of CPU time, far above any
 * honest compile of these programs (the slowest take ~5 s). The wall-clock
 * `timeoutMs` only stops one that never ends: on a machine shared by many
 * jobs a 5 s compile of a niced campaign took 46 s of wall time, so a
 * wall-clock limit of 20 s reported the machine's load as hangs.
 */
const INPUT_CPU_LIMIT_MS = 20_000;
const INPUT_TIMEOUT_MS = 300_000;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface FuzzReport {
  readonly tried: number;
  /** Outcome → count ('compiled', 'CompileError', 'ObjectFormatError', …). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly failures: readonly string[];
  readonly ms: number;
}

function cFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return cFiles(path);
    return entry.endsWith('.c') ? [path] : [];
  });
}

/** C programs to mutate: the repository's own, and the shared corpus when it is there. */
export function sourceCorpus(): { name: string; text: string }[] {
  const dirs = [join(repo, 'test/e2e/programs'), join(repo, 'test/frontend/lower/fixtures'), conformanceDirs.find(existsSync) ?? ''];
  return dirs.flatMap(cFiles).map((path) => ({ name: path.slice(repo.length), text: readFileSync(path, 'latin1') }));
}

/** Objects to mutate: jitcc's builds of a few programs at -O0 and -O2, and gcc's when gcc is installed. */
export function objectCorpus(): { name: string; bytes: Uint8Array }[] {
  const programs = cFiles(join(repo, 'test/e2e/programs')).slice(0, 12);
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const path of programs) {
    for (const optimize of [0, 2]) {
      try {
        out.push({ name: `jitcc -O${optimize} ${path.slice(repo.length)}`, bytes: writeElf(buildModuleObject(readFileSync(path, 'latin1'), { file: path, optimize }).object) });
      } catch {
        // A program this host cannot build is simply not in the corpus.
      }
    }
  }
  if (process.arch === 'x64') {
    const dir = mkdtempSync(join(tmpdir(), 'jitcc-fuzz-'));
    for (const path of programs.slice(0, 6)) {
      for (const flags of [['-O0'], ['-O2', '-fPIC'], ['-O1', '-g', '-ffunction-sections']]) {
        const obj = join(dir, `${out.length}.o`);
        try {
          execFileSync('gcc', ['-c', '-w', ...flags, path, '-o', obj], { stdio: 'ignore' });
          out.push({ name: `gcc ${flags.join(' ')} ${path.slice(repo.length)}`, bytes: new Uint8Array(readFileSync(obj)) });
        } catch {
          // no gcc: jitcc's objects only
        }
      }
    }
  }
  return out;
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}

function tally(outcomes: Record<string, number>, key: string): void {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

/** The optimization level mutant `i` is compiled at (-O2, -O1, -O0 in turn). */
function levelFor(i: number): number {
  return i % 3 === 0 ? 2 : i % 3;
}

/**
 * One C input through compile, load and dispose: its outcome ('compiled and
 * loaded', 'CompileError', 'compiled, <LoadError kind>'), or a failure as
 * `{ failure: 'Kind: message' }` (any other exception; a TimeoutError is a hang).
 */
export function trySource(text: string, optimize: number): { outcome: string } | { failure: string } {
  const start = cpuMs();
  const r = compileAndLoad(text, optimize);
  const used = cpuMs() - start;
  if ('outcome' in r && used > INPUT_CPU_LIMIT_MS) return { failure: `hang: ${(used / 1000).toFixed(1)} s of CPU time (limit ${INPUT_CPU_LIMIT_MS / 1000} s), ${r.outcome}` };
  return r;
}

function compileAndLoad(text: string, optimize: number): { outcome: string } | { failure: string } {
  try {
    const obj = buildModuleObject(text, { file: 'fuzz.c', optimize, cache: false, timeoutMs: INPUT_TIMEOUT_MS }).object;
    try {
      loadObjectFile(obj, {}, { skipInitializers: true }).dispose();
      return { outcome: 'compiled and loaded' };
    } catch (e) {
      if (!(e instanceof LoadError)) throw e;
      return { outcome: `compiled, ${e.name}` };
    }
  } catch (e) {
    if (e instanceof CompileError) return { outcome: 'CompileError' };
    return { failure: `${e instanceof TimeoutError ? 'hang: ' : ''}${errorName(e)}: ${firstLine(e)}` };
  }
}

/** Runs `count` source mutants (stops early past `budgetMs`). */
export function fuzzSources(count: number, seed: number, budgetMs = Infinity, onProgress?: (done: number) => void, onFailure?: (failure: string) => void): FuzzReport {
  return runSources(count, seed, () => true, budgetMs, onProgress, onFailure);
}

/**
 * Runs only the source mutants numbered `indexes` of the campaign with this
 * seed (the ones before are made, not run): a failure found by a long run
 * checked again after its fix.
 */
export function replaySources(seed: number, indexes: readonly number[]): FuzzReport {
  const wanted = new Set(indexes);
  return runSources(Math.max(-1, ...indexes) + 1, seed, (i) => wanted.has(i));
}

function runSources(count: number, seed: number, runs: (i: number) => boolean, budgetMs = Infinity, onProgress?: (done: number) => void, onFailure?: (failure: string) => void): FuzzReport {
  const corpus = sourceCorpus();
  if (corpus.length === 0) throw new Error('no C sources to mutate');
  const random = prng(seed);
  const outcomes: Record<string, number> = {};
  const failures: string[] = [];
  const fail = (failure: string) => { failures.push(failure); onFailure?.(failure); };
  const start = Date.now();
  let tried = 0;
  for (let i = 0; i < count && Date.now() - start < budgetMs; i++) {
    const m = mutateSource(random, corpus);
    if (!runs(i)) continue;
    tried++;
    const r = trySource(m.text, levelFor(i));
    if ('outcome' in r) tally(outcomes, r.outcome);
    else fail(`source mutant ${i} (seed ${seed}, ${m.how} of ${m.from}): ${r.failure}`);
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return { tried, outcomes, failures, ms: Date.now() - start };
}

/** Runs `count` object mutants through readElf and the loader. */
export function fuzzObjects(count: number, seed: number, budgetMs = Infinity, onProgress?: (done: number) => void, onFailure?: (failure: string) => void): FuzzReport {
  const corpus = objectCorpus();
  if (corpus.length === 0) throw new Error('no objects to mutate');
  const random = prng(seed);
  const outcomes: Record<string, number> = {};
  const failures: string[] = [];
  const fail = (failure: string) => { failures.push(failure); onFailure?.(failure); };
  const start = Date.now();
  let tried = 0;
  for (let i = 0; i < count && Date.now() - start < budgetMs; i++) {
    const base = corpus[Math.floor(random() * corpus.length)]!;
    const m = mutateBytes(random, base.bytes);
    tried++;
    try {
      const obj = readElf(m.bytes, 'fuzz.o');
      loadObjectFile(obj, {}, { skipInitializers: true }).dispose();
      tally(outcomes, 'loaded');
    } catch (e) {
      if (e instanceof ObjectFormatError || e instanceof LoadError) tally(outcomes, e.name);
      else fail(`object mutant ${i} (seed ${seed}, ${m.how} of ${base.name}): ${errorName(e)}: ${firstLine(e)}`);
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return { tried, outcomes, failures, ms: Date.now() - start };
}
