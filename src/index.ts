// jitcc's public API: compile C source at run time, load the machine code,
// call it from JavaScript.
//
//   const mod = compile('int add(int a, int b) { return a + b; }');
//   mod.fn('add')(2, 3);            // 5 — the signature comes from the C prototype
//   mod.symbol('add');              // its address as a bigint, for other FFIs
//   mod.dispose();                  // unmaps the code; calling add now throws
//
// Errors: a CompileError (with every diagnostic, formatted gcc-style) for bad
// C; an UnresolvedSymbolError / RelocationError / LoadError when loading
// fails; an InternalCompilerError for a bug in jitcc. None of them leaves
// memory mapped or the process in a bad state.

import { buildObject, type BuildOptions } from './build.js';
import { loadObject as loadObjectFile, type LoadOptions } from './loader/load.js';
import type { LoadedModule } from './loader/module.js';
import { readElf } from './link/elf/read.js';
import { writeElf } from './link/elf/write.js';

export interface CompileOptions extends BuildOptions, LoadOptions {}

export type Module = LoadedModule;

/** Compiles C source text and loads it into this process. */
export function compile(source: string, options: CompileOptions = {}): Module {
  const { output: object } = buildObject(source, options);
  return loadObjectFile(object, options);
}

/** Compiles C source text into the bytes of an ELF relocatable object (what `jitcc -c` writes). */
export function compileToObject(source: string, options: BuildOptions = {}): Uint8Array {
  return writeElf(buildObject(source, options).output);
}

/** Loads a relocatable ELF object built by jitcc, gcc or clang. */
export function loadObject(bytes: Uint8Array, options: LoadOptions = {}): Module {
  return loadObjectFile(readElf(bytes), options);
}

export { buildAssembly, buildIrText, buildPreprocessed, type BuildOptions } from './build.js';
export { CompileError, InternalCompilerError, type Diagnostic, type SourceLoc } from './diagnostics.js';
export { LoadError, UnresolvedSymbolError, RelocationError } from './loader/errors.js';
export { ObjectFormatError } from './link/errors.js';
export type { LoadOptions } from './loader/load.js';
