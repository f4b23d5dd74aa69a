// Fuzzing the whole library pipeline (buildObject: preprocess, parse, sema,
// lower, optimise, codegen) with mutants of the shared conformance programs:
// truncated, spliced, with random bytes inserted, ranges deleted or
// duplicated. Each mutant must end in success or a CompileError — never
// another exception, an InternalCompilerError, or a hang (ava's timeout).
// The PRNG is seeded, so a failure names a mutant that reproduces; set
// FUZZ_SEED / FUZZ_COUNT to explore more.
import { testNeeding } from '../tools.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildObject } from '../../src/build.js';
import { CompileError } from '../../src/diagnostics.js';

const conformanceDir = '/work/shared/conformance';
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const count = Number(process.env.FUZZ_COUNT ?? 300);
/** Wall-clock budget: stop early rather than slow CI down on a slow machine. */
const budgetMs = 45_000;

/** A small deterministic PRNG (mulberry32), so every run tries the same mutants. */
function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sources(dir: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (entry.endsWith('.c')) out.push({ name: path.slice(conformanceDir.length + 1), text: readFileSync(path, 'latin1') });
  }
  return out;
}

/** Characters that most disturb a C front end: brackets, quotes, directives, comment starts, bytes ≥ 0x80. */
const noise = ['{', '}', '(', ')', '[', ']', ';', ',', '"', "'", '\\', '#', '##', '/*', '*/', '//', '\n', '\n#', '@', '$', '`', '\x00', '\xff', '0x', '1e', '...', 'int', 'struct', 'sizeof', '__VA_ARGS__', 'defined(', '#if', '#endif', '#define X(a) a##a\n'];

function mutate(r: () => number, texts: readonly { text: string }[]): { how: string; text: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const a = pick(texts).text;
  const at = (s: string) => Math.floor(r() * (s.length + 1));
  switch (Math.floor(r() * 5)) {
    case 0: { const n = at(a); return { how: `truncated at ${n}`, text: a.slice(0, n) }; }
    case 1: {
      const b = pick(texts).text;
      const i = at(a), j = at(b);
      return { how: `spliced at ${i}/${j}`, text: a.slice(0, i) + b.slice(j) };
    }
    case 2: {
      let s = a;
      const n = 1 + Math.floor(r() * 4);
      for (let k = 0; k < n; k++) { const i = at(s); s = s.slice(0, i) + pick(noise) + s.slice(i); }
      return { how: `${n} insertions`, text: s };
    }
    case 3: {
      const i = at(a), len = Math.floor(r() * 40);
      return { how: `deleted ${len} at ${i}`, text: a.slice(0, i) + a.slice(i + len) };
    }
    default: {
      const i = at(a), len = Math.floor(r() * 80), j = at(a);
      return { how: `duplicated ${len} at ${i} to ${j}`, text: a.slice(0, j) + a.slice(i, i + len) + a.slice(j) };
    }
  }
}

{
  testNeeding(existsSync(conformanceDir) ? null : `${conformanceDir} is absent: nothing to mutate`)('mutated conformance programs end in success or a CompileError', (t) => {
    const texts = sources(conformanceDir);
    t.true(texts.length > 0);
    const r = prng(seed);
    const start = Date.now();
    let ok = 0, diagnosed = 0, tried = 0;
    const failures: string[] = [];
    for (let k = 0; k < count && Date.now() - start < budgetMs; k++) {
      const m = mutate(r, texts);
      tried++;
      try {
        buildObject(m.text, { file: 'fuzz.c', optimize: k % 3 === 0 ? 2 : 0 });
        ok++;
      } catch (e) {
        if (e instanceof CompileError) { diagnosed++; continue; }
        const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        failures.push(`mutant ${k} (${m.how}, seed ${seed}): ${msg.split('\n')[0]}`);
      }
    }
    t.log(`${tried} mutants in ${Date.now() - start} ms: ${ok} compiled, ${diagnosed} diagnosed, ${failures.length} failed`);
    t.deepEqual(failures, []);
  });
}
