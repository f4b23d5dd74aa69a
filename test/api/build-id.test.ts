// The build identity in every compile-cache key (src/cache/build-id.ts): it
// changes with any source or shipped header, so a cacheDir shared by two
// builds of the same version never serves one build's objects to the other;
// and the bundle carries the id of the sources it was built from.

import test from 'ava';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashBuildInputs } from '../../src/cache/build-id.js';
import { compilerVersion } from '../../src/cache/compile-cache.js';

function fakePackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'jitcc-build-id-'));
  mkdirSync(join(root, 'src', 'ir'), { recursive: true });
  mkdirSync(join(root, 'include'));
  writeFileSync(join(root, 'package.json'), '{"version":"1.0.0"}');
  writeFileSync(join(root, 'src', 'ir', 'pass.ts'), 'export const x = 1;');
  writeFileSync(join(root, 'include', 'stddef.h'), '#define NULL 0');
  return root;
}

test('the build id changes when a source file, a shipped header or package.json changes', (t) => {
  const root = fakePackage();
  try {
    const first = hashBuildInputs(root);
    t.is(hashBuildInputs(root), first, 'the same files give the same id');
    writeFileSync(join(root, 'src', 'ir', 'pass.ts'), 'export const x = 2;');
    const afterSource = hashBuildInputs(root);
    t.not(afterSource, first);
    writeFileSync(join(root, 'include', 'stddef.h'), '#define NULL ((void*)0)');
    const afterHeader = hashBuildInputs(root);
    t.not(afterHeader, afterSource);
    writeFileSync(join(root, 'src', 'ir', 'new-pass.ts'), '');
    t.not(hashBuildInputs(root), afterHeader, 'a new file changes the id');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the cache key version names the build, and the bundle was built with the id of these sources', (t) => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const id = hashBuildInputs(root);
  t.true(compilerVersion().endsWith(`build ${id}`), compilerVersion());
  const bundle = readFileSync(join(root, 'dist', 'jitcc-lib.cjs'), 'utf8');
  t.true(bundle.includes(JSON.stringify(id)), 'dist/ is older than the sources: run `npm run build` (npm test does)');
  t.false(bundle.includes('__JITCC_BUILD_ID__'), 'the bundler replaced the build id');
});
