// Access to the optional JIT features (features.ts) without loading them
// at import time. From the sources this is a plain import; in the bundled
// package scripts/build.mjs replaces this file with one that loads
// dist/jit-features.js synchronously on first use (`require` of an ES
// module, Node ≥ 20.19), sharing every other module with the caller.

import * as features from './features.js';

export function jitFeatures(): typeof features {
  return features;
}
