// The optional JIT features in one module: everything here is loaded on
// first use (lazy.ts), never when `jitcc` is imported, so programs that do
// not use them pay nothing at start-up. In the package this is its own
// bundle, dist/jit-features.js (scripts/build.mjs).

import type { CodeInfo } from '../loader/code-info.js';
import type { CodeRegistrations, CodeTools } from '../loader/code-tools.js';
import { readNative } from '../loader/ffi.js';
import { disassembleCode } from './disassemble.js';
import { writeJitdump } from './jitdump.js';
import { registerWithGdb } from './gdb-jit.js';
import { registerCrashReports } from './crash-report.js';
import { specializeFunction, type CompileOrigin } from './specialize.js';
import { promoteOnFirstCall } from './promote.js';

export { listObjectCode } from './list-object.js';
export { compileTiered } from './tier.js';

function register(code: CodeInfo, what: CodeRegistrations): () => void {
  const undo: (() => void)[] = [];
  if (what.jitdump !== null) writeJitdump(what.jitdump, code, readNative);
  if (what.gdb) undo.push(registerWithGdb(code));
  if (what.crashReports) undo.push(registerCrashReports(code));
  return () => {
    for (const u of undo.splice(0).reverse()) u();
  };
}

export const codeTools: CodeTools = {
  disassemble: disassembleCode,
  register,
  specialize: (module, origin, name, values, specName) => specializeFunction(module, origin as CompileOrigin, name, values as Parameters<typeof specializeFunction>[3], specName),
  promoteOnFirstCall,
};
