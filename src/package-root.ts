// Where the package's own files are (package.json, include/): the nearest
// directory above this module holding a package.json. The same answer from
// the TypeScript sources (src/…/x.ts under tsx) and from the bundles in
// dist/, whose modules sit at a different depth than their sources, so no
// caller counts `../` segments. Imports nothing of the compiler.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

export function packageRoot(): string {
  if (root !== null) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) break;
    const up = dirname(dir);
    if (up === dir) throw new Error(`jitcc: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  root = dir;
  return root;
}
