// `npm run build`: the package as one bundled ES module per entry point
// (dist/index.js for the library, dist/worker.js for compileAsync's thread,
// dist/cc.js (ES module) and dist/jitcc.cjs (CommonJS, the package's bin) for
// the `jitcc` command with dist/cc-driver.js behind them, and
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
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true }); // no stale per-module files from older builds

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--emitDeclarationOnly'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

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
 * registration, specialization, tiering) are a bundle of their own, dist/jit-features.js,
 * loaded on first use and never at `import`: src/jit/lazy.ts, a plain import in the
 * sources, becomes a synchronous `require` of that file (Node ≥ 20.19 requires ES
 * modules). The library build splits what index.js and jit-features.js share into
 * chunks both import, so the features see the very modules the library uses (one
 * LoadError class, one cache); other bundles that reach the features (the driver's
 * --dump=asm) load the same file.
 */
const jitFeaturesOnDemand = {
  name: 'jit-features-on-demand',
  setup(b) {
    b.onLoad({ filter: /src[\\/]jit[\\/]lazy\.ts$/ }, () => ({
      loader: 'js',
      contents: `import { createRequire } from 'node:module';
let features;
export function jitFeatures() {
  if (features === undefined) {
    try {
      features = createRequire(import.meta.url)('./jit-features.js');
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM') throw new Error('jitcc: this feature loads dist/jit-features.js with require(), which needs Node 20.19 or later');
      throw e;
    }
  }
  return features;
}
`,
    }));
  },
};

await Promise.all([
  build({
    ...common, splitting: true, entryPoints: { index: 'jitcc-library-entry', 'jit-features': 'src/jit/features.ts' },
    plugins: [libraryEntry, jitFeaturesOnDemand],
  }),
  build({
    ...common,
    entryPoints: {
      worker: 'src/worker.ts', 'cc-driver': 'src/cc.ts',
      'cc-server': 'src/compile-server/server.ts', 'cc-worker': 'src/compile-server/worker.ts',
    },
    plugins: [jitFeaturesOnDemand],
  }),
  build({ ...common, entryPoints: { cc: 'src/cc-launch.ts' }, plugins: [driverOnDemand] }),
  // The same command as CommonJS for the package's bin: Node starts a CommonJS file a few
  // milliseconds sooner than an ES module, which counts on a path whose budget is tens of ms.
  build({
    ...common, format: 'cjs', entryPoints: { jitcc: 'src/cc-launch.ts' }, outExtension: { '.js': '.cjs' }, plugins: [driverOnDemand],
    define: { 'import.meta.url': '__jitcc_launch_url' },
    banner: { js: 'const __jitcc_launch_url = require("node:url").pathToFileURL(__filename).href;' },
  }),
]);
chmodSync(join(dist, 'cc.js'), 0o755);
chmodSync(join(dist, 'jitcc.cjs'), 0o755);
