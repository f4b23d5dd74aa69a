// loadObjectFile: turns a relocatable ObjectFile into a callable LoadedModule.
//
// Steps (the ppci codepage recipe, with W^X):
//   1. lay out the sections, GOT and stubs (layout.ts, pure);
//   2. resolve every external symbol the object references, collecting all
//      failures into one UnresolvedSymbolError before any memory is mapped;
//   3. map one RW region — near the targets of its 32-bit fields when it has
//      any (placement.ts) —, link the image at its real address in a JS
//      array (image.ts, pure) and copy it in;
//   4. narrow each segment's pages: text r-x, rodata/GOT r--, data rw-;
//   5. run the .init_array constructors.
// Symbol resolution order (like a static link followed by the dynamic
// loader's global scope): the object's own definitions, then `opts.link`
// modules in order, then `opts.imports`, then the process via
// dlsym(RTLD_DEFAULT) — libc, libm and libdl. An undefined weak reference
// that nothing defines resolves to 0 (ELF gABI, "Symbol Table", STB_WEAK).
//
// Invariants: on any error everything mapped or registered so far is
// released; no page is writable and executable at once.

import type { ObjectFile } from '../link/object.js';
import { indexSymbols, isDefined } from '../link/symbols.js';
import { LoadError, UnresolvedSymbolError } from './errors.js';
import { flushInstructionCache, type Int64Mode, lookupProcessSymbol, openSharedLibrary, pageSize } from './ffi.js';
import { bindSync } from './shared-call.js';
import { bindCallback } from './callback-thunks.js';
import { linkImage, readPointerArray } from './image.js';
import { buildNonsharedStubs, isNonsharedLibcFunction } from './libc-nonshared.js';
import { GOT_SYMBOL, layoutModule, type ModuleLayout } from './layout.js';
import { type CodeMemory, MemoryRegion } from './memory.js';
import { currentMappings, findFreeBase, requiredWindow } from './placement.js';
import { LoadedModule, type ModuleInit, type ModuleResources } from './module.js';
import { appendPerfMap } from './perf-map.js';
import { buildCodeInfo, type CodeInfo } from './code-info.js';
import { codeTools } from './code-tools.js';

export interface LoadOptions {
  /**
   * Definitions for external symbols: an address, or a JS function, which
   * becomes a C function with the prototype the object records for that name
   * (a registered koffi callback, kept alive until the module is disposed;
   * koffi holds it strongly, so an import that refers to the module keeps
   * the module from being garbage-collected: dispose such modules).
   */
  // `any` is deliberate (the one exception to the house rule): a typed user
  // callback such as `(x: number) => number` is not assignable to `(...a: unknown[]) => unknown`.
  imports?: Record<string, bigint | ((...a: any[]) => unknown)>;
  /** Modules whose global symbols this one may use; they must outlive it (dispose this one first). */
  link?: LoadedModule[];
  /**
   * Shared libraries to open (dlopen, global scope) before external symbols
   * are resolved, as `-l` does for a linked program: sonames or paths, e.g.
   * 'libz.so.1'. libc, libm and libdl are always searched. They stay open
   * for the life of the process.
   */
  libraries?: readonly string[];
  /**
   * How 64-bit integer results (and 64-bit globals) come back to JS: 'auto'
   * (default, as koffi does) a number while exact and a bigint beyond 2^53,
   * so nothing is rounded silently; 'number' always (values beyond 2^53
   * rounded); 'bigint' always.
   */
  int64?: Int64Mode;
  /**
   * Check every call's arguments before koffi converts them (default true):
   * the count, and that each integer fits its C type — a TypeError or
   * RangeError otherwise. false skips these checks for speed.
   */
  checkArgs?: boolean;
  /**
   * Record C's `errno` around every call of a function from `fn` (default
   * false, as it costs about as much as the call): errno is set to 0 before
   * the call and read right after it, and `module.errno` returns it.
   */
  errno?: boolean;
  /** Append `START SIZE name` lines for the module's functions to /tmp/perf-<pid>.map, so `perf report` names JIT code. */
  perfMap?: boolean;
  /**
   * Where code memory comes from. 'auto' (default): anonymous pages made
   * r-x after writing, and where the kernel refuses that (SELinux execmem,
   * PaX MPROTECT) a memfd mapped twice — written through a read-write view,
   * run from a separate r-x view (memfd-region.ts) — for this and every
   * later module. 'memfd': always the memfd (Linux only).
   */
  codeMemory?: CodeMemory;
  /**
   * Register the module's code with the GDB JIT interface, so gdb attached
   * to this process knows its functions and (with debug information) its
   * source lines: breakpoints by name and file:line, backtraces, stepping.
   */
  gdb?: boolean;
  /**
   * Write a jitdump file (perf's JIT interface: jit-<pid>.dump, with code and
   * line records) for `perf inject --jit`: true for the current directory, or
   * the directory to write it in.
   */
  jitdump?: boolean | string;
  /**
   * On a fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL) in this module's code, print
   * `jitcc: segmentation fault in f() at file.c:12` and the faulting address
   * to stderr before the process dies as it would have. Faults elsewhere go
   * to the handler installed before, untouched.
   */
  crashReports?: boolean;
}

function jitdumpDir(option: boolean | string | undefined): string | null {
  if (option === undefined || option === false) return null;
  return option === true ? '.' : option;
}

/** A name for the module's code in debuggers: its source file when the object records one. */
function objectNameOf(obj: ObjectFile): string {
  return obj.symbols.find((s) => s.kind === 'file' && s.name !== '')?.name ?? 'jitcc-module';
}

const VOID_FN = { ret: { kind: 'void' }, params: [], isVariadic: false } as const;

function hostMachine(): ObjectFile['machine'] | null {
  if (process.arch === 'x64') return 'x86_64';
  if (process.arch === 'arm64') return 'aarch64';
  return null;
}

/** What compile() knows about a module beyond its object (module.ts `ModuleInit`). */
export type ModuleOrigin = Pick<ModuleInit, 'origin' | 'specializeOnCall' | 'tiering'>;

/**
 * `origin.skipInitializers` (not an option of the public API): load
 * without running .init_array constructors nor, at dispose, .fini_array
 * destructors — for the fuzzer, whose damaged objects may turn any
 * function into one.
 */
export function loadObjectFile(obj: ObjectFile, opts: LoadOptions = {}, origin: ModuleOrigin & { readonly skipInitializers?: boolean } = {}): LoadedModule {
  if (obj.machine !== hostMachine()) {
    throw new LoadError(`cannot load an ${obj.machine} object on an ${process.arch} host`);
  }
  const linked = opts.link ?? [];
  for (const lib of opts.libraries ?? []) openSharedLibrary(lib);
  for (const m of linked) if (m.isDisposed) throw new LoadError('cannot link against a disposed module');
  const layout = layoutModule(obj, pageSize());
  const resources: ModuleResources = { regions: [], callbacks: [], dsoHandles: [], unregister: [] };
  try {
    const externals = resolveExternals(obj, linked, opts.imports ?? {}, resources);
    let definitions: ReadonlyMap<string, bigint> = new Map();
    let exports: ReadonlyMap<string, bigint> = new Map();
    let initializers: bigint[] = [];
    let finalizers: bigint[] = [];
    let code: CodeInfo | null = null;
    if (layout.size > 0) {
      const region = new MemoryRegion(layout.size, preferredBase(obj, layout, externals), opts.codeMemory ?? 'auto');
      resources.regions.push(region);
      const image = linkImage(obj, layout, region.address, externals);
      region.write(0, image.bytes);
      for (const seg of layout.segments) if (seg.protection !== 'rw') region.protect(seg.offset, seg.size, seg.protection);
      region.finish();
      // After the protections: a memfd region's code is only readable at its address from then on.
      for (const seg of layout.segments) if (seg.protection === 'rx') flushInstructionCache(region.address + BigInt(seg.offset), seg.size);
      ({ definitions, exports } = image);
      code = buildCodeInfo(obj, layout, region.address, definitions, objectNameOf(obj));
      const entries = (indexes: readonly number[]) => indexes.flatMap((i) => {
        const at = layout.sectionOffsets[i];
        return at === null || at === undefined ? [] : readPointerArray(image.bytes, at, obj.sections[i]!.size);
      });
      initializers = entries(layout.initArrays);
      finalizers = entries(layout.finiArrays).reverse();
    }
    const textSections = new Set(obj.sections.filter((s) => s.kind === 'text').map((s) => s.name));
    const dataSymbols = new Map<string, { isWritable: boolean }>();
    const sectionKinds = new Map(obj.sections.map((s) => [s.name, s.kind]));
    for (const s of obj.symbols) {
      const kind = s.section === null ? undefined : sectionKinds.get(s.section);
      if (kind === 'data' || kind === 'bss') dataSymbols.set(s.name, { isWritable: true });
      else if (kind === 'rodata') dataSymbols.set(s.name, { isWritable: false });
      // COMMON symbols are placed in the module's bss by layout.ts.
      else if (s.commonAlign !== undefined) dataSymbols.set(s.name, { isWritable: true });
    }
    const codeSymbols = new Set(obj.symbols.filter((s) => s.section !== null && textSections.has(s.section)).map((s) => s.name));
    const functionStarts = new Set([...codeSymbols].map((name) => definitions.get(name)).filter((a) => a !== undefined));
    checkArrayEntries(initializers, functionStarts, '.init_array');
    checkArrayEntries(finalizers, functionStarts, '.fini_array');
    // Constructors run before the module exists: if one throws, the catch
    // below unmaps everything and no destructor runs for a half-built module.
    if (opts.perfMap) {
      appendPerfMap(obj.symbols
        .filter((s) => s.kind === 'func' && codeSymbols.has(s.name) && definitions.has(s.name))
        .map((s) => ({ address: definitions.get(s.name)!, size: s.size, name: s.name })));
    }
    const registrations = { gdb: opts.gdb ?? false, jitdump: jitdumpDir(opts.jitdump), crashReports: opts.crashReports ?? false };
    if (code !== null && (registrations.gdb || registrations.jitdump !== null || registrations.crashReports)) {
      resources.unregister.push(codeTools('gdb, jitdump and crashReports').register(code, registrations));
    }
    // A tiered module's stubs must lead to the code before its constructors may call through them.
    const textSegment = layout.segments.find((seg) => seg.name === 'text');
    const base = resources.regions[0]?.address;
    origin.tiering?.attach(definitions, code, textSegment === undefined || base === undefined ? null : { address: base + BigInt(textSegment.offset), size: textSegment.size });
    if (origin.skipInitializers !== true) runInitializers(initializers);
    return new LoadedModule({
      resources, definitions, exports, codeSymbols, linked, finalizers: origin.skipInitializers === true ? [] : finalizers, code,
      signatures: obj.signatures,
      globalTypes: obj.globalTypes ?? new Map(),
      dataSymbols,
      int64: opts.int64 ?? 'auto',
      checkArgs: opts.checkArgs ?? true,
      recordErrno: opts.errno ?? false,
      ...origin,
    });
  } catch (e) {
    for (const undo of resources.unregister.splice(0)) undo();
    for (const cb of resources.callbacks.splice(0)) cb.release();
    for (const region of resources.regions.splice(0)) region.free();
    throw e;
  }
}

/** Where to map the image so its 32-bit fields reach their targets (placement.ts); null for anywhere. */
function preferredBase(obj: ObjectFile, layout: ModuleLayout, externals: ReadonlyMap<string, bigint>): bigint | null {
  const window = requiredWindow(obj, layout, externals);
  if (window === null || window.lo >= window.hi) return null;
  return findFreeBase(currentMappings(), layout.size, window, pageSize());
}

/** 0 and -1 are placeholders some toolchains leave in the arrays; glibc's loader skips -1 too. */
function isPlaceholder(addr: bigint): boolean {
  return addr === 0n || addr === (1n << 64n) - 1n;
}

/**
 * Constructors and destructors are called blindly, so each entry must be the
 * start of a function defined in this module's code; anything else (a
 * damaged object) would jump into data or the middle of an instruction.
 */
function checkArrayEntries(entries: readonly bigint[], functionStarts: ReadonlySet<bigint>, what: string): void {
  for (const addr of entries) {
    if (!isPlaceholder(addr) && !functionStarts.has(addr)) {
      throw new LoadError(`${what} entry 0x${addr.toString(16)} is not the start of a function in this module`);
    }
  }
}

/** .init_array entries run in order, as `void (*)(void)` (glibc passes argc/argv/envp, which constructors may ignore). */
function runInitializers(entries: readonly bigint[]): void {
  for (const addr of entries) if (!isPlaceholder(addr)) bindSync(addr, 'init_array entry', VOID_FN)();
}

/** The undefined symbols that relocations in loaded sections refer to, in first-reference order. */
function referencedExternals(obj: ObjectFile): { names: string[]; isWeak: (name: string) => boolean } {
  const index = indexSymbols(obj);
  const names = new Set<string>();
  for (const sec of obj.sections) {
    if (sec.kind === 'other') continue;
    for (const r of sec.relocs) {
      const sym = index.lookup(r.symbol);
      // _GLOBAL_OFFSET_TABLE_ is ours to define: the module's GOT (image.ts).
      if (sym !== undefined && !isDefined(sym) && r.symbol !== GOT_SYMBOL) names.add(r.symbol);
    }
  }
  return { names: [...names], isWeak: (name) => index.lookup(name)?.binding === 'weak' };
}

function resolveExternals(
  obj: ObjectFile,
  linked: readonly LoadedModule[],
  imports: NonNullable<LoadOptions['imports']>,
  resources: ModuleResources,
): Map<string, bigint> {
  const { names, isWeak } = referencedExternals(obj);
  const resolved = new Map<string, bigint>();
  const missing: string[] = [];
  const nonshared: string[] = [];
  for (const name of names) {
    const addr = resolveOne(obj, name, linked, imports, resources);
    if (addr !== null) resolved.set(name, addr);
    else if (isNonsharedLibcFunction(name)) nonshared.push(name);
    else if (isWeak(name)) resolved.set(name, 0n);
    else missing.push(name);
  }
  if (nonshared.length > 0) {
    const stubs = buildNonsharedStubs(nonshared);
    if (stubs === null) missing.push(...nonshared);
    else {
      resources.regions.push(stubs.region);
      resources.dsoHandles.push(stubs.dsoHandle);
      for (const [name, addr] of stubs.addresses) resolved.set(name, addr);
    }
  }
  if (missing.length > 0) throw new UnresolvedSymbolError(missing);
  return resolved;
}

function resolveOne(
  obj: ObjectFile,
  name: string,
  linked: readonly LoadedModule[],
  imports: NonNullable<LoadOptions['imports']>,
  resources: ModuleResources,
): bigint | null {
  for (const m of linked) {
    const addr = m.exportedSymbol(name);
    if (addr !== undefined) return addr;
  }
  if (Object.prototype.hasOwnProperty.call(imports, name)) {
    const value = imports[name];
    if (typeof value === 'bigint') return value;
    if (typeof value === 'function') {
      const sig = obj.signatures.get(name);
      if (sig === undefined) {
        throw new LoadError(`cannot import JavaScript function '${name}': the object records no C prototype for it`);
      }
      if (sig.isVariadic) throw new LoadError(`cannot import '${name}' from JavaScript: variadic functions cannot be callbacks`);
      const binding = bindCallback(value, name, sig, false);
      resources.callbacks.push(binding);
      return binding.address;
    }
    throw new LoadError(`import '${name}' must be a bigint address or a function`);
  }
  return lookupProcessSymbol(name);
}
