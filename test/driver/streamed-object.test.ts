// The -O0 object made a function at a time (build.ts buildObjectStreamed:
// each function selected, allocated and encoded as soon as it is lowered,
// its IR then dropped) is byte for byte the object of the whole-module path,
// on every program of the conformance corpus and of test/e2e/programs, with
// and without -g and -fPIC; a unit with errors gives the same diagnostics;
// and the module facts it predicts are checked against the finished module's
// (a wrong prediction makes it fall back, never a different object).
import test from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildObject, buildObjectStreamed, type AnyBuildOptions } from '../../src/build.js';
import { StreamedFacts } from '../../src/codegen/core/streamed-facts.js';
import { CompileError } from '../../src/diagnostics.js';
import type { IrModule } from '../../src/ir/ir.js';
import { writeElf } from '../../src/link/elf/write.js';
import { testNeeding } from '../tools.js';

const corpus = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));
const programs = fileURLToPath(new URL('../e2e/programs/', import.meta.url));

function cFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? cFiles(path) : name.endsWith('.c') ? [path] : [];
  });
}

/** The object's bytes, or the error's text. */
function outcome(build: () => ReturnType<typeof buildObject> | null): string | Buffer | null {
  try {
    const r = build();
    return r === null ? null : Buffer.from(writeElf(r.output));
  } catch (e) {
    return e instanceof CompileError ? `error: ${e.message}` : `throws: ${String(e)}`;
  }
}


const corpusTest = testNeeding(existsSync(corpus) ? null : `../shared/conformance is absent (${corpus})`);
corpusTest('every conformance and e2e program: the streamed -O0 object equals the whole-module one (plain, -g, -fPIC)', (t) => {
  t.timeout(10 * 60_000);
  const files = [...cFiles(corpus), ...cFiles(programs)];
  t.true(files.length > 150, `only ${files.length} programs`);
  let compared = 0;
  files.forEach((path, n) => {
    const text = readFileSync(path, 'utf8');
    // Every program plain; every fourth also with -g (line rows in the parts) and with -fPIC (GOT or direct by symbol).
    for (const v of n % 4 === 0 ? [{}, { debug: true }, { pic: true }] : [{}]) {
      const opts: AnyBuildOptions = { file: path, includePaths: [dirname(path)], optimize: 0, ...v };
      const whole = outcome(() => buildObject(text, { ...opts, streamFunctions: false }));
      const streamed = outcome(() => buildObjectStreamed(text, path, opts));
      // null: the prediction missed and the caller would build the whole module; no program here should need that.
      t.not(streamed, null, `${path} ${JSON.stringify(v)}: the streamed build fell back`);
      t.deepEqual(streamed, whole, `${path} ${JSON.stringify(v)}`);
      compared++;
    }
  });
  t.log(`${compared} objects compared`);
});

test('a unit with errors: the same diagnostics either way', (t) => {
  const src = 'static int used(int x) { return x + 1; }\nint f(void) { return used(1) + missing; }\n';
  const whole = outcome(() => buildObject(src, { file: 'e.c', optimize: 0, streamFunctions: false }));
  t.true(typeof whole === 'string' && whole.includes("undeclared identifier 'missing'"), String(whole));
  t.deepEqual(outcome(() => buildObject(src, { file: 'e.c', optimize: 0 })), whole);
});

test('streamed facts: every answer given is checked against the finished module', (t) => {
  const outline = {
    functions: [{ name: 'f', linkage: 'export' as const }, { name: 'helper', linkage: 'local' as const }],
    globals: [{ name: 'tls', linkage: 'export' as const, isThreadLocal: true }],
    signatures: new Map(), threadLocalExterns: [],
  };
  const module = (names: string[]): IrModule => ({
    functions: names.map((name) => ({ name, linkage: name === 'f' ? 'export' : 'local', params: [], ret: 'void', isVariadic: false, slots: [], blocks: [], values: [] })),
    globals: [{ name: 'tls', linkage: 'export', size: 4, align: 4, isConst: false, init: null, isThreadLocal: true }],
    externs: [], signatures: new Map(),
  });
  const facts = new StreamedFacts(outline, false, false);
  t.true(facts.isDirect('helper'));
  t.true(facts.isThreadLocal('tls'));
  t.true(facts.isDirect('.str.0'));
  t.false(facts.isDirect('puts'));
  // `.str.0` appears while lowering: the finished module has it.
  const withString = (names: string[]) => {
    const m = module(names);
    m.globals.push({ name: '.str.0', linkage: 'local', size: 1, align: 1, isConst: true, init: null });
    return m;
  };
  t.true(facts.agreesWith(withString(['f', 'helper'])));
  // Had `helper` not been lowered after all, the answer given was wrong: the caller must not use the code.
  t.false(facts.agreesWith(withString(['f'])));
});
