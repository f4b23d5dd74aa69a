// jitcc's public API: compile C source at run time, load the machine code,
// call it from JavaScript.
//
//   const mod = compile('int add(int a, int b) { return a + b; }');
//   mod.fn('add')(2, 3);            // 5 — the signature comes from the C prototype
//   mod.global('counter').value;    // read / write a C global in place
//   mod.symbol('add');              // its address as a bigint, for other FFIs
//   mod.dispose();                  // unmaps the code; calling add now throws
//
// Input: one C source string, or `{ files, sources }` for several
// translation units linked into one module. Options: the build's
// (optimize, defines, includePaths, std, target, debug), the loader's
// (link, imports, int64, perfMap) and the cache's (cache, cacheDir).
// Errors: a CompileError (with every diagnostic, formatted gcc-style) for bad
// C; an UnresolvedSymbolError / RelocationError / LoadError when loading
// fails; an InternalCompilerError for a bug in jitcc. None of them leaves
// memory mapped or the process in a bad state.

import { buildAssembly as buildAssemblyText, buildIrText as buildIr, buildPreprocessed as preprocessText, type BuildOptions, type BuildResult } from './build.js';
import { buildModuleObject, type CacheOptions, type CompileInput } from './cache/cached-build.js';
import { readElf } from './link/elf/read.js';
import { writeElf } from './link/elf/write.js';
import { objectDts } from './loader/dts.js';
import { loadObjectFile, type LoadOptions, type ModuleOrigin } from './loader/load.js';
import type { JitOptions } from './jit/options.js';
import type { LoadedModule } from './loader/module.js';
import { buildChecks, cacheChecks, jitChecks, checkCompileInput, checkObjectBytes, checkOptions, describeValue, loadChecks } from './validate.js';
import { compileInWorker } from './worker-client.js';
import { hostCpuFeatures } from './loader/host-cpu.js';
import { provideCodeTools } from './loader/code-tools.js';
import { jitFeatures } from './jit/lazy.js';

// Disassembly, debugger and profiler registration load on first use (jit/lazy.ts).
provideCodeTools(() => jitFeatures().codeTools);

export interface CompileOptions extends BuildOptions, LoadOptions, CacheOptions, JitOptions {}

export type Module = LoadedModule;
export type { CompileInput };

/**
 * Code that runs in this process may use this CPU's instruction-set
 * extensions (as -march=native), unless the caller chose some.
 */
function forThisHost<T extends BuildOptions>(options: T): T {
  return options.cpuFeatures === undefined && (options.target ?? 'x86_64') === 'x86_64' && process.arch === 'x64' ? { ...options, cpuFeatures: hostCpuFeatures() } : options;
}

/** Compiles C source (or several files) and loads it into this process. */
export function compile(source: CompileInput, options: CompileOptions = {}): Module {
  checkCompileInput('compile', source);
  checkOptions('compile', options, buildChecks, loadChecks, cacheChecks, jitChecks);
  const opts = forThisHost(withLineTables(options));
  if (opts.tier !== undefined) {
    // Tiered: the quick first tier now, the -O2 one from the tier worker (jit/tier.ts).
    return withOrigin('compile', jitFeatures().compileTiered({ input: source, options: opts }, opts.tier, originOf(source, opts)), opts);
  }
  return withOrigin('compile', loadObjectFile(buildModuleObject(source, opts).object, opts, originOf(source, opts)), opts);
}

/** What a module needs to recompile itself (specialize): its source and options. */
function originOf(source: CompileInput, opts: CompileOptions): ModuleOrigin {
  const specializeOnCall = opts.specialize === undefined ? undefined : new Map(Object.entries(opts.specialize));
  return { origin: { input: source, options: opts }, ...(specializeOnCall ? { specializeOnCall } : {}) };
}

/** Checks the `specialize` option against the module's prototypes; a TypeError (and the module disposed) when it names what is not there. */
function withOrigin(fnName: string, mod: Module, opts: CompileOptions): Module {
  for (const [name, params] of Object.entries(opts.specialize ?? {})) {
    const sig = mod.signatures.get(name);
    const unknown = sig === undefined ? undefined : params.find((p) => !sig.params.some((q) => q.name === p));
    const problem = sig === undefined || !mod.symbolNames().includes(name) ? `'${name}' is not a function defined in this module`
      : unknown === undefined ? null
        : `'${name}' has no parameter '${unknown}' (its parameters: ${sig.params.map((q) => q.name ?? '?').join(', ')})`;
    if (problem !== null) {
      mod.dispose();
      throw new TypeError(`${fnName}: option 'specialize': ${problem}`);
    }
  }
  return mod;
}

/**
 * Debuggers, jitdump and crash reports show source lines, so they turn on
 * debug information unless the caller said `debug: false`.
 */
function withLineTables(options: CompileOptions): CompileOptions {
  const wantsLines = options.gdb === true || (options.jitdump !== undefined && options.jitdump !== false) || options.crashReports === true;
  return wantsLines && options.debug === undefined ? { ...options, debug: true } : options;
}

/**
 * Like `compile`, but the frontend, optimiser and codegen run in a worker
 * thread, so the event loop stays free; the main thread only maps and links
 * the object. `readFile` and `onPass` cannot cross threads and are refused.
 */
export async function compileAsync(source: CompileInput, options: CompileOptions = {}): Promise<Module> {
  checkCompileInput('compileAsync', source);
  checkOptions('compileAsync', options, buildChecks, loadChecks, cacheChecks, jitChecks);
  if (options.tier !== undefined) throw new TypeError("compileAsync: option 'tier' is compile()'s: its first tier is built at once on the calling thread and the second on a worker already");
  const opts = forThisHost(withLineTables(options));
  const bytes = await compileInWorker(source, opts);
  return withOrigin('compileAsync', loadObjectFile(readElf(bytes, 'worker output'), opts, originOf(source, opts)), opts);
}

/** Compiles C source (or several files) into the bytes of an ELF relocatable object (what `jitcc -c` writes). */
export function compileToObject(source: CompileInput, options: BuildOptions & CacheOptions = {}): Uint8Array {
  checkCompileInput('compileToObject', source);
  checkOptions('compileToObject', options, buildChecks, cacheChecks);
  return writeElf(buildModuleObject(source, options).object);
}

/** Loads a relocatable ELF object built by jitcc, gcc or clang. */
export function loadObject(bytes: Uint8Array, options: LoadOptions = {}): Module {
  checkObjectBytes('loadObject', bytes);
  checkOptions('loadObject', options, loadChecks);
  return loadObjectFile(readElf(bytes), options);
}

/** TypeScript declarations for the external functions and globals of C source (what `jitcc --emit-dts` writes). */
export function emitDts(source: CompileInput, options: BuildOptions & CacheOptions & { readonly int64?: 'auto' | 'number' | 'bigint' } = {}): string {
  checkCompileInput('emitDts', source);
  checkOptions('emitDts', options, buildChecks, cacheChecks, { int64: loadChecks.int64 });
  const object = buildModuleObject(source, options).object;
  return objectDts(object, typeof source === 'string' ? options.file ?? 'input.c' : undefined, options.int64);
}

/** The assembly jitcc would write for C source (`jitcc -S`). */
export function buildAssembly(text: string, options: BuildOptions = {}): BuildResult<string> {
  checkSourceText('buildAssembly', text, options);
  return buildAssemblyText(text, options);
}

/** The optimised IR of C source, as text (`jitcc --dump=ir`). */
export function buildIrText(text: string, options: BuildOptions = {}): BuildResult<string> {
  checkSourceText('buildIrText', text, options);
  return buildIr(text, options);
}

/** C source after preprocessing, with line markers (`jitcc -E`). */
export function buildPreprocessed(text: string, options: BuildOptions = {}): BuildResult<string> {
  checkSourceText('buildPreprocessed', text, options);
  return preprocessText(text, options);
}

function checkSourceText(fnName: string, text: unknown, options: unknown): void {
  if (typeof text !== 'string') throw new TypeError(`${fnName}: text must be a C source string, got ${describeValue(text)}`);
  checkOptions(fnName, options, buildChecks);
}

export type { BuildOptions, BuildResult } from './build.js';
export { cacheStats, clearMemoryCache } from './cache/compile-cache.js';
export type { CacheOptions } from './cache/cached-build.js';
export { CompileError, InternalCompilerError, type Diagnostic, type SourceLoc } from './diagnostics.js';
export { AbortError, TimeoutError } from './deadline.js';
export { LoadError, UnresolvedSymbolError, RelocationError } from './loader/errors.js';
export { ObjectFormatError } from './link/errors.js';
export type { LoadOptions } from './loader/load.js';
export type { CCallback, CFunction } from './loader/module.js';
export type { GlobalVariable } from './loader/globals.js';
export type { FfiType, FfiFunctionType } from './link/ctypes.js';
