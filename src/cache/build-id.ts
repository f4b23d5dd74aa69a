// The identity of the compiler build, part of every compile-cache key.
//
// Why not just the package version: a cacheDir outlives builds, and during
// development (or with a patched install) the same version number covers many
// different compilers; an object cached by one of them must never be served
// by another. The identity is a hash of everything that decides the output:
// the compiler's sources, the headers it ships, and package.json.
//
// A bundled build (scripts/build.mjs) computes it once at build time and
// defines it as __JITCC_BUILD_ID__; running from the sources (tsx), it is
// computed on first use by reading the same files.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

declare const __JITCC_BUILD_ID__: string | undefined;

/** The files a build id covers, relative to the package root, sorted so the hash is stable. */
export function buildInputs(root: string): string[] {
  const out: string[] = ['package.json'];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an installed package has no src/: the bundled id is used there
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'include'));
  return out.sort();
}

/** SHA-256 over each input's path and contents (a missing file hashes as absent). */
export function hashBuildInputs(root: string): string {
  const h = createHash('sha256');
  for (const file of buildInputs(root)) {
    h.update(file).update('\0');
    try {
      h.update(readFileSync(join(root, file)));
    } catch {
      h.update('(absent)');
    }
    h.update('\0');
  }
  return h.digest('hex').slice(0, 32);
}

let computed: string | null = null;

/** This build's identity: defined by the bundler, or hashed from the sources when run unbundled. */
export function buildId(root: string): string {
  if (typeof __JITCC_BUILD_ID__ === 'string') return __JITCC_BUILD_ID__;
  if (computed === null) computed = hashBuildInputs(root);
  return computed;
}
