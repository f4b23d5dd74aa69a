// The module-resolution hook registered by koffi-hook.mjs (it runs on the
// loader thread): 'koffi' → the arm64 koffi's ESM entry; everything else as usual.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

let koffiEntry = '';

export function initialize(data) {
  koffiEntry = pathToFileURL(join(data.koffi, 'index.js')).href;
}

export function resolve(specifier, context, next) {
  if (specifier === 'koffi') return { url: koffiEntry, format: 'module', shortCircuit: true };
  return next(specifier, context);
}
