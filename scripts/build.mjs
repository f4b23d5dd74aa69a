// `npm run build`: the package as one bundled ES module per entry point
// (dist/index.js for the library, dist/cc.js for the `jitcc` command,
// dist/worker.js for compileAsync's thread), plus the .d.ts declarations
// from tsc, which also type-checks the sources.
//
// Why bundles: Node resolves, reads and compiles every ES module on its own,
// and the sources plus Chevrotain's dependencies (lodash-es, file by file)
// are hundreds of them; one file per entry point loads several times
// faster (bench/startup.ts measures it). koffi stays external: it is a
// native addon that finds its binary next to its own files.
//
// Output: dist/{index,cc,worker}.js with source maps, dist/**/*.d.ts.

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

await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', cc: 'src/cc.ts', worker: 'src/worker.ts' },
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
});
chmodSync(join(dist, 'cc.js'), 0o755);
