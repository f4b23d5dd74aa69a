// `npm run build`: the package as one bundle per entry point (dist/index.js
// loading dist/jitcc-lib.cjs with its V8 code cache for the library,
// dist/worker.js for compileAsync's thread, dist/jit-tier-worker.js for tiering's,
// dist/cc.js (ES module) and dist/jitcc.cjs (CommonJS) for the `jitcc` command
// with dist/cc-driver.js behind them, dist/jitcc (the package's bin: the
// compile server's native client, handing other work to dist/jitcc.cjs), and
// dist/cc-server.js + dist/cc-worker.js for the compile server), plus the
// .d.ts declarations from tsc, which also type-checks the sources.
//
// Why bundles: Node resolves, reads and compiles every ES module on its own,
// and the sources plus Chevrotain's dependencies (lodash-es, file by file)
// are hundreds of them; one file per entry point loads several times
// faster (bench/startup.ts measures it). koffi stays external: it is a
// native addon that finds its binary next to its own files.
//
// Output: dist/*.js with source maps, dist/**/*.d.ts.

import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true }); // no stale per-module files from older builds

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

/** The names src/index.ts exports, as esbuild sees them (an ES module build that is not written). */
async function libraryExports() {
  const r = await build({ ...common, entryPoints: { index: 'src/index.ts' }, write: false, metafile: true, sourcemap: false, logLevel: 'error' });
  const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint === 'src/index.ts');
  return out.exports.filter((name) => name !== 'default').sort();
}

/**
 * dist/index.js, the library's entry: it runs the CommonJS bundle dist/jitcc-lib.cjs through
 * `vm.Script` with the code cache dist/jitcc-lib-<arch>.cache, so V8 skips parsing and compiling
 * the functions the cache holds (Node 20 caches no ES module code; Node 22's module.enableCompileCache
 * does this by itself). A cache from another V8 version or other V8 flags is rejected by V8 and the
 * bundle is compiled as usual. V8 does not check the CPU architecture: an x64 cache handed to an
 * arm64 Node is accepted and crashes it, so the file is named after the architecture it was made on. The wrapper text is part of what the cache is keyed on, so
 * scripts/code-cache.mjs gets the Script from here (JITCC_CODE_CACHE_SCRIPT=1) rather than
 * wrapping the bundle itself.
 */
function libraryLoader(names) {
  return `// The jitcc library's entry point, written by scripts/build.mjs (see libraryLoader there).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const bundle = fileURLToPath(new URL('./jitcc-lib.cjs', import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(fileURLToPath(new URL(\`./jitcc-lib-\${process.arch}.cache\`, import.meta.url)));
} catch {
  cachedData = undefined; // no cache: compile as usual
}
const script = new vm.Script('(function (exports, require, module, __filename, __dirname, __jitcc_import_meta_url) {' + readFileSync(bundle, 'utf8') + '\\n})', { filename: bundle, cachedData });
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle), import.meta.url);
if (process.env.JITCC_CODE_CACHE_SCRIPT === '1') globalThis[Symbol.for('jitcc.codeCacheScript')] = script;
const lib = module.exports;
${names.map((n) => `export const ${n} = lib.${n};`).join('\n')}
`;
}

// The build's identity, part of every compile-cache key (src/cache/build-id.ts says why); computed
// here from the same files so a bundled build need not read its sources at run time.
// Node 20 cannot import TypeScript, so the one module is bundled in memory and imported from a data URL.
const buildIdModule = await build({ entryPoints: [join(root, 'src/cache/build-id.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'error' });
const { hashBuildInputs } = await import(`data:text/javascript;base64,${Buffer.from(buildIdModule.outputFiles[0].text).toString('base64')}`);
const buildIdentity = hashBuildInputs(root);

const common = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['koffi'],
  sourcemap: true,
  // No keepNames: it wraps every named function expression in a call that runs each time the
  // expression is evaluated (hot paths too). Exported names stay as in the sources as long as no two
  // modules declare the same top-level name; test/bundle.test.ts checks them.
  logLevel: 'warning',
  define: { __JITCC_BUILD_ID__: JSON.stringify(buildIdentity) },
};

/**
 * The command (dist/cc.js) must start fast: it holds only the compile-server client, and loads
 * the driver bundle (dist/cc-driver.js, from src/cc.ts) only when it compiles in its own process.
 */
const driverOnDemand = {
  name: 'driver-on-demand',
  setup(b) {
    b.onResolve({ filter: /^\.\/cc\.js$/ }, (args) =>
      args.importer.endsWith('cc-launch.ts') ? { path: './cc-driver.js', external: true } : undefined);
  },
};

/**
 * The library's entry: src/index.ts, plus a fix-up of function names. esbuild gives every module's
 * top-level names one scope and renames one of two functions that share a name (index.ts's public
 * `buildAssembly` wraps build.ts's), which users would see as `buildAssembly2.name`; the public
 * functions get their names back here, and test/bundle.test.ts checks them against the sources.
 */
const libraryEntry = {
  name: 'library-entry',
  setup(b) {
    b.onResolve({ filter: /^jitcc-library-entry$/ }, () => ({ path: 'index', namespace: 'jitcc-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'jitcc-entry' }, () => ({
      resolveDir: join(root, 'src'),
      loader: 'js',
      contents: `import * as api from './index.ts';
for (const [name, value] of Object.entries(api)) {
  if (typeof value === 'function' && value.name !== name && /^\\d+$/.test(value.name.slice(name.length)) && value.name.startsWith(name)) {
    Object.defineProperty(value, 'name', { value: name });
  }
}
export * from './index.ts';
`,
    }));
  },
};

/**
 * The optional JIT features (src/jit/features.ts: disassembly, debugger and profiler
 * registration, specialization, tiering) are loaded on first use and never at `import`:
 * src/jit/lazy.ts, a plain import in the sources, becomes a `require` of features.ts inside
 * the bundle, so esbuild emits features.ts and what only it imports as modules that run when
 * first required (its lazy `__esm` wrappers), while they share every other module with the
 * library (one LoadError class, one cache). In the library that code is also in the V8 code
 * cache's source but not compiled or run until used.
 */
const jitFeaturesOnDemand = {
  name: 'jit-features-on-demand',
  setup(b) {
    b.onLoad({ filter: /src[\\/]jit[\\/]lazy\.ts$/ }, (args) => ({
      loader: 'js',
      resolveDir: dirname(args.path),
      contents: `let features;
export function jitFeatures() {
  if (features === undefined) features = require('./features.ts');
  return features;
}
`,
    }));
  },
};

await Promise.all([
  // The library as CommonJS, for the loader below; `import.meta.url` is the loader's own (dist/index.js).
  build({
    ...common, format: 'cjs', entryPoints: { 'jitcc-lib': 'jitcc-library-entry' }, outExtension: { '.js': '.cjs' },
    plugins: [libraryEntry, jitFeaturesOnDemand], define: { ...common.define, 'import.meta.url': '__jitcc_import_meta_url' },
  }),
  build({
    ...common,
    entryPoints: {
      worker: 'src/worker.ts', 'cc-driver': 'src/cc.ts',
      'cc-server': 'src/compile-server/server.ts', 'cc-worker': 'src/compile-server/worker.ts',
      // A thread of `jitcc -c a.c b.c …` (driver/parallel.ts).
      'cc-thread': 'src/driver/compile-thread.ts',
      // A codegen thread of one large file's functions (driver/parallel-codegen.ts).
      'cc-codegen-thread': 'src/driver/codegen-thread.ts',
      'jit-tier-worker': 'src/jit/tier-worker.ts',
    },
    plugins: [jitFeaturesOnDemand],
  }),
  build({ ...common, entryPoints: { cc: 'src/cc-launch.ts' }, plugins: [driverOnDemand] }),
  // The same command as CommonJS for the package's bin: Node starts a CommonJS file a few
  // milliseconds sooner than an ES module, which counts on a path whose budget is tens of ms.
  build({
    ...common, format: 'cjs', entryPoints: { jitcc: 'src/cc-launch.ts' }, outExtension: { '.js': '.cjs' }, plugins: [driverOnDemand],
    define: { ...common.define, 'import.meta.url': '__jitcc_launch_url' },
    banner: { js: 'const __jitcc_launch_url = require("node:url").pathToFileURL(__filename).href;' },
  }),
]);
writeFileSync(join(dist, 'index.js'), libraryLoader(await libraryExports()));
// V8's code cache for the library, made by running it on typical work (scripts/code-cache.mjs).
const cache = spawnSync(process.execPath, [join(root, 'scripts/code-cache.mjs')], { stdio: 'inherit' });
if (cache.status !== 0) process.exit(cache.status ?? 1);
chmodSync(join(dist, 'cc.js'), 0o755);
chmodSync(join(dist, 'jitcc.cjs'), 0o755);
buildNativeClient();

/**
 * dist/jitcc, the package's bin: the compile server's native client (src/compile-server/native-client.c),
 * compiled by the jitcc just built and linked by the system cc, so a compile through the server costs
 * no Node start-up. Without a system cc (or on a host jitcc cannot compile for) it is a shell script
 * running the Node launcher, which works the same, only slower per command.
 */
function buildNativeClient() {
  const out = join(dist, 'jitcc');
  const r = spawnSync(process.execPath, [join(dist, 'cc.js'), '-O2', '-o', out, join(root, 'src/compile-server/native-client.c')], {
    env: { ...process.env, JITCC_SERVER: 'off' }, encoding: 'utf8',
  });
  if (r.status === 0) return;
  console.warn(`build: dist/jitcc runs the Node launcher (the native client did not build: ${(r.error?.message ?? r.stderr).trim().split('\n')[0]})`);
  writeFileSync(out, '#!/bin/sh\nexec node "$(dirname "$(readlink -f "$0")")/jitcc.cjs" "$@"\n');
  chmodSync(out, 0o755);
}
