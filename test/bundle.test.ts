// The built package (dist/, `npm run build`) against the sources: the
// bundled library exposes the same API — the same export names, kinds and
// class/function names, the same declarations in index.d.ts — and works
// (compile, compileAsync through the bundled worker, errors of its own
// classes), and V8 accepts the code cache the build made for it. The bundles import nothing but Node's built-ins, koffi and one
// another, so the package runs without its devDependencies. `npm test`
// builds first.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as source from '../src/index.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

async function loadDist(): Promise<typeof source> {
  if (!existsSync(`${distDir}index.js`)) throw new Error('dist/index.js is missing: run `npm run build` (npm test does)');
  return (await import(`${distDir}index.js`)) as typeof source;
}

/** What a value exports, as comparable text: kind, name, and for classes the base class's name. */
function shape(value: unknown): string {
  if (typeof value !== 'function') return typeof value;
  const isClass = /^class\b/.test(Function.prototype.toString.call(value));
  const base = Object.getPrototypeOf(value) as { name?: string } | null;
  return isClass ? `class ${value.name} extends ${base?.name || 'nothing'}` : `function ${value.name}/${value.length}`;
}

test('the bundle exports the same names, kinds and class names as the sources', async (t) => {
  const dist = await loadDist();
  const describe = (m: object) => Object.keys(m).sort().map((k) => `${k}: ${shape((m as Record<string, unknown>)[k])}`);
  t.deepEqual(describe(dist), describe(source));
});

test('index.d.ts declares every runtime export', async (t) => {
  const dts = readFileSync(`${distDir}index.d.ts`, 'utf8');
  const missing = Object.keys(source).filter((k) => !new RegExp(`\\b${k}\\b`).test(dts));
  t.deepEqual(missing, []);
  t.regex(dts, /export declare function compile\(source: CompileInput, options\?: CompileOptions\): Module;/);
});

test('the bundle compiles, loads and calls; its errors are its own classes', async (t) => {
  const dist = await loadDist();
  const mod = dist.compile('int twice(int x) { return 2 * x; }');
  t.is(mod.fn('twice')(21), 42);
  mod.dispose();
  const e = t.throws(() => dist.compile('int f(void) { return nope; }', { cache: false }));
  t.true(e instanceof dist.CompileError);
  t.regex(e.message, /input\.c:1:22: error: use of undeclared identifier 'nope'/);
});

test('the library loads with the code cache the build made (V8 accepts it)', (t) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
    await import(${JSON.stringify(pathToFileURL(`${distDir}index.js`).href)});
    console.log(globalThis[Symbol.for('jitcc.codeCacheScript')].cachedDataRejected);`], { env: { ...process.env, JITCC_CODE_CACHE_SCRIPT: '1', NODE_OPTIONS: '' }, encoding: 'utf8' });
  t.is(r.stderr, '');
  t.is(r.stdout, 'false\n');
});

test('compileAsync runs the bundled worker', async (t) => {
  const dist = await loadDist();
  const mod = await dist.compileAsync('int add(int a, int b) { return a + b; }', { cache: false });
  t.is(mod.fn('add')(2, 3), 5);
  mod.dispose();
  const e = await t.throwsAsync(dist.compileAsync('int f(void) { return ; ', { cache: false }));
  t.true(e instanceof dist.CompileError);
});

test('the bundles import only Node built-ins, koffi and each other', (t) => {
  const entries = readdirSync(distDir).filter((f) => /\.c?js$/.test(f));
  t.true(entries.length >= 7, entries.join(' '));
  for (const entry of entries) {
    const text = readFileSync(`${distDir}${entry}`, 'utf8');
    // esbuild writes its imports with double quotes (a single-quoted one is text inside a string).
    const specs = [...text.matchAll(/^import\s[^"]*?from\s+"([^"]+)"|^import\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|(?<![.\w])require\("([^"]+)"\)/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
    const isAllowed = (s: string) => s.startsWith('node:') || s === 'koffi' || (s.startsWith('./') && entries.includes(s.slice(2)));
    t.deepEqual(specs.filter((s) => !isAllowed(s)), [], entry);
    t.true(specs.length > 0, `${entry}: found its imports`);
  }
});

test('the JIT features run on first use, not at import', async (t) => {
  const dist = await loadDist();
  // esbuild emits features.ts and the modules only it imports as lazy initialisers (scripts/build.mjs,
  // jitFeaturesOnDemand); the one call that runs them is in jitFeatures(), on first use.
  const lib = readFileSync(`${distDir}jitcc-lib.cjs`, 'utf8');
  t.regex(lib, /^var init_features = __esm\(/m);
  t.regex(lib, /^var init_decode_tables = __esm\(/m, 'the decoder tables are built on first use');
  t.deepEqual([...lib.matchAll(/\binit_features\(\)/g)].length, 1);
  t.regex(lib, /features = \(init_features\(\), __toCommonJS\(features_exports\)\)/);
  const mod = dist.compile('int twice(int x) { return 2 * x; }', { cache: false });
  t.regex(mod.disassemble('twice'), /twice:\n[\s\S]*ret/);
  mod.dispose();
});
