// The optional JIT features in one module: everything here is loaded on
// first use (lazy.ts), never when `jitcc` is imported, so programs that do
// not use them pay nothing at start-up. In the package this is its own
// bundle, dist/jit-features.js (scripts/build.mjs).

import type { CodeInfo } from '../loader/code-info.js';
import { LoadError } from '../loader/errors.js';
import type { CodeRegistrations, CodeTools } from '../loader/code-tools.js';
import { disassembleCode } from './disassemble.js';

export { listObjectCode } from './list-object.js';

function register(_code: CodeInfo, _what: CodeRegistrations): () => void {
  throw new LoadError('registering code with debuggers and profilers is not available yet');
}

export const codeTools: CodeTools = {
  disassemble: disassembleCode,
  register,
};
