// The fuzzing harness: mutants of C sources go through the whole library
// (compile, load, dispose) and mutants of object files through the ELF
// reader and the loader. Every input must end in success or a typed error
// of the kind that stage documents — a CompileError for C, an
// ObjectFormatError or LoadError for objects. An InternalCompilerError, any
// other exception, a TimeoutError (a hang: every compile runs with
// `timeoutMs`) or a crash of the process (the run dies) is a failure.
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

/** Per-input time limit: far above any honest compile of these programs. */
const INPUT_TIMEOUT_MS = 20_000;

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

/** Runs `count` source mutants (stops early past `budgetMs`). */
export function fuzzSources(count: number, seed: number, budgetMs = Infinity, onProgress?: (done: number) => void): FuzzReport {
  const corpus = sourceCorpus();
  if (corpus.length === 0) throw new Error('no C sources to mutate');
  const random = prng(seed);
  const outcomes: Record<string, number> = {};
  const failures: string[] = [];
  const start = Date.now();
  let tried = 0;
  for (let i = 0; i < count && Date.now() - start < budgetMs; i++) {
    const m = mutateSource(random, corpus);
    tried++;
    try {
      const obj = buildModuleObject(m.text, { file: 'fuzz.c', optimize: i % 3 === 0 ? 2 : i % 3, cache: false, timeoutMs: INPUT_TIMEOUT_MS }).object;
      try {
        loadObjectFile(obj, {}, { skipInitializers: true }).dispose();
        tally(outcomes, 'compiled and loaded');
      } catch (e) {
        if (!(e instanceof LoadError)) throw e;
        tally(outcomes, `compiled, ${e.name}`);
      }
    } catch (e) {
      if (e instanceof CompileError) tally(outcomes, 'CompileError');
      else failures.push(`source mutant ${i} (seed ${seed}, ${m.how} of ${m.from}): ${e instanceof TimeoutError ? 'hang: ' : ''}${errorName(e)}: ${firstLine(e)}`);
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return { tried, outcomes, failures, ms: Date.now() - start };
}

/** Runs `count` object mutants through readElf and the loader. */
export function fuzzObjects(count: number, seed: number, budgetMs = Infinity, onProgress?: (done: number) => void): FuzzReport {
  const corpus = objectCorpus();
  if (corpus.length === 0) throw new Error('no objects to mutate');
  const random = prng(seed);
  const outcomes: Record<string, number> = {};
  const failures: string[] = [];
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
      else failures.push(`object mutant ${i} (seed ${seed}, ${m.how} of ${base.name}): ${errorName(e)}: ${firstLine(e)}`);
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return { tried, outcomes, failures, ms: Date.now() - start };
}
