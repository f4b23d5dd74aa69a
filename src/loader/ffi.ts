// The loader's only door to native code: koffi. Everything else in the
// loader (and the whole compiler) stays pure TypeScript and testable without
// native memory.
//
// Provides: the libc calls the loader needs (mmap, mprotect, munmap, memcpy,
// dlopen, dlsym, dlerror, sysconf), process-wide symbol lookup, and bindings
// between JavaScript and C functions built from `FfiFunctionType`:
//   - `bindFunction(address, type, ...)` turns a C function address into a
//     JS function (koffi.decode of a function pointer with a prototype);
//   - `registerCallback(jsFn, type, ...)` turns a JS function into a C
//     function address (koffi.register), valid until `unregisterCallback`.
//
// C ↔ JS value mapping (by parameter / return type):
//   integers ≤ 32 bits, float, double   JS number
//   _Bool                               JS boolean (numbers accepted)
//   64-bit integers                     number while exact, bigint beyond 2^53 (int64: 'auto', the
//                                       default); always one with int64: 'number' / 'bigint'.
//                                       Both are accepted as arguments.
//   const char * (plain char only)      JS string (copied, NUL-terminated, valid during the call),
//                                       or Buffer / TypedArray / bigint address / null;
//                                       a `const char *` return value becomes a JS string (null for NULL)
//   other data pointers                 TypedArray / Buffer / ArrayBuffer (passed in place: C writes are
//                                       visible), a JS array (copied in), a bigint address, or null;
//                                       returned as a bigint address (null for NULL)
//   pointer to function                 a JS function, valid only while the call runs (a transient koffi
//                                       callback), or a bigint address (e.g. from `symbol()`);
//                                       returned as a bigint address
//   struct / union by value             a JS object with the member names, via koffi.struct / koffi.union,
//                                       checked against the recorded layout
// Not expressible (a LoadError naming the function and parameter): long
// double, records whose layout koffi cannot reproduce (bitfields, packing:
// checked by comparing koffi's size, alignment and member offsets with the
// recorded ones; the frontend leaves bitfields out of `fields`, so a
// bitfield that happens to sit in padding koffi also leaves is not caught),
// flexible array members by value.
// Variadic functions take their extra arguments as (type string, value) pairs,
// koffi's convention, e.g. `printf('%d %s', 'int', 1, 'const char *', 's')`.

import koffi from 'koffi';
import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import { printFfiType } from '../link/ctypes.js';
import { LoadError } from './errors.js';
import { currentPlatform } from './platform.js';

type KoffiType = ReturnType<typeof koffi.type>;
type DirectionMarker = ReturnType<typeof koffi.inout>;
type TypeSpec = string | KoffiType | DirectionMarker;
type Callable = (...args: unknown[]) => unknown;

/** How 64-bit integer results reach JS: 'auto' a number while exact and a bigint beyond 2^53 (koffi's way), or always one of them. */
export type Int64Mode = 'auto' | 'number' | 'bigint';

// ---- libc -----------------------------------------------------------------

// <sys/mman.h> protections (the same on Linux and macOS); the other
// constants differ by OS and come from platform.ts.
export const PROT_NONE = 0;
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
/** MAP_FAILED is (void *)-1. */
const MAP_FAILED = (1n << 64n) - 1n;

interface Libc {
  mmap(addr: bigint | null, length: number, prot: number, flags: number, fd: number, offset: number): bigint | null;
  mprotect(addr: bigint, length: number, prot: number): number;
  munmap(addr: bigint, length: number): number;
  memcpy(dst: bigint, src: Uint8Array | bigint, n: number): unknown;
  dlopen(path: string, flags: number): bigint | null;
  dlsym(handle: bigint | null, name: string): bigint | null;
  dlerror(): string | null;
  sysconf(name: number): number;
  strerror(errnum: number): string;
  /** macOS MAP_JIT memory: 0 makes this thread's view writable, 1 executable (null elsewhere). */
  jitWriteProtect: ((isEnabled: number) => void) | null;
}

let libcCache: Libc | null = null;

function libc(): Libc {
  if (libcCache) return libcCache;
  const platform = currentPlatform();
  const lib = koffi.load(platform.libc);
  const f = (proto: string) => lib.func(proto) as Callable;
  const mmap = f('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
  const mprotect = f('int mprotect(void *addr, size_t len, int prot)');
  const munmap = f('int munmap(void *addr, size_t len)');
  const memcpy = f('void *memcpy(void *dst, const void *src, size_t n)');
  const dlopen = f('void *dlopen(const char *path, int flags)');
  const dlsym = f('void *dlsym(void *handle, const char *name)');
  const dlerror = f('const char *dlerror(void)');
  const sysconf = f('long sysconf(int name)');
  const strerror = f('const char *strerror(int errnum)');
  const jitWriteProtect = platform.mapJit === null ? null : f('void pthread_jit_write_protect_np(int enabled)');
  libcCache = {
    mmap: (a, l, p, fl, fd, o) => mmap(a, l, p, fl, fd, o) as bigint | null,
    mprotect: (a, l, p) => mprotect(a, l, p) as number,
    munmap: (a, l) => munmap(a, l) as number,
    memcpy: (d, s, n) => memcpy(d, s, n),
    dlopen: (p, fl) => dlopen(p, fl) as bigint | null,
    dlsym: (h, n) => dlsym(h, n) as bigint | null,
    dlerror: () => dlerror() as string | null,
    sysconf: (n) => Number(sysconf(n)),
    strerror: (e) => strerror(e) as string,
    jitWriteProtect: jitWriteProtect === null ? null : (e) => { jitWriteProtect(e); },
  };
  // Make libm's and libdl's symbols visible to dlsym(RTLD_DEFAULT) even if
  // the node binary was linked without them.
  for (const name of platform.globalLibraries) libcCache.dlopen(name, platform.rtldNow | platform.rtldGlobal);
  return libcCache;
}

let pageSizeCache = 0;

/** sysconf(_SC_PAGESIZE): 4096 on x86-64 Linux, 4096, 16384 or 65536 on AArch64 Linux, 16384 on Apple silicon. */
export function pageSize(): number {
  if (pageSizeCache === 0) pageSizeCache = libc().sysconf(currentPlatform().scPageSize);
  return pageSizeCache;
}

function errnoText(): string {
  const e = koffi.errno();
  return `${libc().strerror(e)} (errno ${e})`;
}

/**
 * Maps `length` bytes of fresh zeroed memory, readable and writable (never
 * executable). With `at`, tries exactly that address first and falls back
 * to anywhere if it is taken. Where code must live in MAP_JIT memory
 * (macOS on arm64) the mapping is MAP_JIT and read-write-execute, and each
 * thread sees it either writable or executable (`copyToNative` switches).
 */
export function mapPages(length: number, at: bigint | null = null): bigint {
  const lib = libc();
  const platform = currentPlatform();
  const flags = platform.mapPrivate | platform.mapAnonymous | (platform.mapJit ?? 0);
  const prot = platform.mapJit === null ? PROT_READ | PROT_WRITE : PROT_READ | PROT_WRITE | PROT_EXEC;
  if (at !== null && platform.mapFixedNoreplace !== null) {
    const addr = lib.mmap(at, length, prot, flags | platform.mapFixedNoreplace, -1, 0);
    if (addr === at) return addr;
    if (addr !== null && addr !== MAP_FAILED) unmapPages(addr, length);
  }
  const addr = lib.mmap(null, length, prot, flags, -1, 0);
  if (addr === null || addr === MAP_FAILED) throw new LoadError(`cannot map ${length} bytes: ${errnoText()}`);
  return addr;
}

/**
 * True where executable memory is MAP_JIT with per-thread write protection
 * (macOS on arm64): its pages need no mprotect to become executable.
 */
export function isJitMapped(): boolean {
  return currentPlatform().mapJit !== null;
}

export function protectPages(address: bigint, length: number, prot: number): void {
  if (libc().mprotect(address, length, prot) !== 0) {
    throw new LoadError(`cannot change protection of ${length} bytes at 0x${address.toString(16)}: ${errnoText()}`);
  }
}

export function unmapPages(address: bigint, length: number): void {
  if (libc().munmap(address, length) !== 0) {
    throw new LoadError(`cannot unmap ${length} bytes at 0x${address.toString(16)}: ${errnoText()}`);
  }
}

/** Copies bytes into native memory, which must be writable (for MAP_JIT memory: made writable for this thread meanwhile). */
export function copyToNative(address: bigint, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  const lib = libc();
  if (lib.jitWriteProtect === null) {
    lib.memcpy(address, bytes, bytes.length);
    return;
  }
  lib.jitWriteProtect(0);
  try {
    lib.memcpy(address, bytes, bytes.length);
  } finally {
    lib.jitWriteProtect(1);
  }
}

let flushCode: ((address: bigint, length: number) => void) | undefined;

/**
 * Makes freshly written code visible to instruction fetch, before it first
 * runs (platform.ts says how per OS and architecture: nothing on x86-64,
 * libgcc's `__clear_cache` on AArch64 Linux, `sys_icache_invalidate` on
 * macOS). A LoadError when the routine cannot be found: running code
 * without it could execute stale instructions on real hardware.
 */
export function flushInstructionCache(address: bigint, length: number): void {
  if (length === 0) return;
  flushCode ??= cacheFlusher();
  flushCode(address, length);
}

function cacheFlusher(): (address: bigint, length: number) => void {
  const how = currentPlatform().cacheFlush;
  if (how.kind === 'none') return () => {};
  let addr = lookupProcessSymbol(how.symbol);
  for (const lib of how.libraries) {
    if (addr !== null) break;
    const handle = libc().dlopen(lib, currentPlatform().rtldNow);
    if (handle !== null) addr = libc().dlsym(handle, how.symbol);
  }
  if (addr === null) throw new LoadError(`cannot find '${how.symbol}' to make loaded code visible to instruction fetch (looked in the process and ${how.libraries.join(', ') || 'nowhere else'})`);
  const fn = koffi.decode(addr, koffi.proto('void', ['void *', how.kind === 'range' ? 'void *' : 'size_t'])) as Callable;
  return how.kind === 'range' ? (a, n) => { fn(a, a + BigInt(n)); } : (a, n) => { fn(a, n); };
}

/** The name of the routine `flushInstructionCache` calls on this host, or null when none is needed (for tests). */
export function instructionCacheRoutine(): string | null {
  const how = currentPlatform().cacheFlush;
  return how.kind === 'none' ? null : how.symbol;
}

/** Copies `length` bytes of native memory into a new array (for tests and inspection). */
export function readNative(address: bigint, length: number): Uint8Array {
  return new Uint8Array(koffi.view(address, length).slice(0));
}

/** The address of a Buffer's or TypedArray's first byte (valid while it is neither moved nor collected). */
export function addressOf(bytes: ArrayBufferView | ArrayBuffer): bigint {
  return koffi.address(bytes);
}

/**
 * Opens a shared library into the global scope (dlopen RTLD_NOW|RTLD_GLOBAL),
 * so later symbol lookups find its definitions, as `-lname` does for a linked
 * program. Throws a LoadError with dlerror's text when it cannot be opened.
 */
export function openSharedLibrary(path: string): void {
  const lib = libc();
  if (lib.dlopen(path, currentPlatform().rtldNow | currentPlatform().rtldGlobal) === null) {
    throw new LoadError(`cannot open shared library '${path}': ${lib.dlerror() ?? 'unknown error'}`);
  }
}

/** fflush(NULL): writes out every C stdio buffer, e.g. what a C `main` printed before control returns to JS. */
export function flushCStdio(): void {
  const fflush = lookupProcessSymbol('fflush');
  if (fflush === null) throw new LoadError("libc's 'fflush' is not in the process");
  bindFunction(fflush, 'fflush', FFLUSH_TYPE)(null);
}

/** __cxa_finalize(dso): runs and forgets the atexit handlers registered with that dso handle (what dlclose does). */
export function finalizeDso(dso: bigint): void {
  const finalize = lookupProcessSymbol('__cxa_finalize');
  if (finalize !== null) bindFunction(finalize, '__cxa_finalize', FFLUSH_TYPE)(dso);
}

/** `int f(void *)`: fflush's type, and close enough for __cxa_finalize's `void f(void *)` (the int result is ignored). */
const FFLUSH_TYPE: FfiFunctionType = {
  ret: { kind: 'int', size: 4, isSigned: true, name: 'int' },
  params: [{ name: 'stream', type: { kind: 'pointer', to: { kind: 'void' }, isConst: false } }],
  isVariadic: false,
};

/**
 * Looks a symbol up in the global scope of the process (libc, libm, libdl,
 * node itself); null if absent. `name` is the C name on every platform
 * (dlsym adds Mach-O's leading underscore itself).
 */
export function lookupProcessSymbol(name: string): bigint | null {
  const lib = libc();
  const addr = lib.dlsym(currentPlatform().rtldDefault, name);
  if (addr === null) lib.dlerror(); // clear the pending error string
  return addr;
}

let dladdrFn: ((address: bigint, info: Uint8Array) => number) | null | undefined;

/**
 * The name of the process symbol (libc, libm, node itself…) containing
 * `address`, as `name` or `name+0x10`, from dladdr(3); null when dladdr
 * knows none. For naming call targets in disassembly.
 */
export function processSymbolAt(address: bigint): string | null {
  if (dladdrFn === undefined) {
    const addr = lookupProcessSymbol('dladdr');
    // Dl_info: dli_fname, dli_fbase, dli_sname, dli_saddr, four pointers (<dlfcn.h>).
    dladdrFn = addr === null ? null : (koffi.decode(addr, koffi.proto('int', ['void *', 'void *'])) as (a: bigint, i: Uint8Array) => number);
  }
  if (dladdrFn === null) return null;
  const info = new Uint8Array(32);
  if (dladdrFn(address, info) === 0) return null;
  const view = new DataView(info.buffer);
  const namePtr = view.getBigUint64(16, true);
  const symAddr = view.getBigUint64(24, true);
  if (namePtr === 0n) return null;
  const name = koffi.decode(namePtr, 'char', -1) as string | null;
  if (name === null || name === '') return null;
  const off = address - symAddr;
  return off === 0n ? name : `${name}+0x${off.toString(16)}`;
}

// ---- C types to koffi types -------------------------------------------------

/** Identifies a binding site in error messages: "parameter 2 'n' of 'dot'". */
interface Site {
  readonly fnName: string;
  readonly what: string;
}

function cannotExpress(site: Site, t: FfiType, why: string): never {
  throw new LoadError(`cannot bind '${site.fnName}': ${site.what} has type '${printFfiType(t)}', ${why}`);
}

function intSpec(size: 1 | 2 | 4 | 8 | 16, isSigned: boolean): string {
  return `${isSigned ? '' : 'u'}int${size * 8}_t`;
}

/** Koffi types are interned by a structural key: koffi keeps every type for the process lifetime. */
const internedTypes = new Map<string, KoffiType>();

function intern(key: string, make: () => KoffiType): KoffiType {
  let t = internedTypes.get(key);
  if (t === undefined) {
    t = make();
    internedTypes.set(key, t);
  }
  return t;
}

/** A structural key for a type: equal keys mean interchangeable koffi types. */
function typeKey(t: FfiType): string {
  switch (t.kind) {
    case 'void': case 'bool': return t.kind;
    case 'int': return intSpec(t.size, t.isSigned);
    case 'float': return `f${t.size}`;
    case 'enum': return 'int32_t';
    case 'pointer': return `${t.isConst ? 'c' : ''}*${pointeeKey(t.to)}`;
    case 'array': return `[${t.length}]${typeKey(t.elem)}`;
    case 'record': return `${t.isUnion ? 'U' : 'S'}${t.size}.${t.align}{${t.fields.map((f) => `${f.name}@${f.offset}:${typeKey(f.type)}`).join(',')}}`;
    case 'function': return `fn(${fnKey(t.fn)})`;
  }
}

/**
 * Pointees that bind as `void *` share one key. A complete record keeps its
 * own key (it binds as a pointer to a koffi struct); the tree is finite, as
 * the frontend describes a record reached again through a pointer without
 * its fields.
 */
function pointeeKey(t: FfiType): string {
  if (t.kind === 'record' && t.fields.length > 0) return typeKey(t);
  return t.kind === 'record' || t.kind === 'pointer' || t.kind === 'array' || t.kind === 'void' ? 'v' : typeKey(t);
}

/** Equal keys mean C function types koffi binds alike (one koffi prototype serves them all). */
export function functionTypeKey(fn: FfiFunctionType): string {
  return fnKey(fn);
}

function fnKey(fn: FfiFunctionType): string {
  return `${typeKey(fn.ret)}(${fn.params.map((p) => typeKey(p.type)).join(',')}${fn.isVariadic ? ',...' : ''})`;
}

function valueSpec(t: FfiType, site: Site): TypeSpec {
  switch (t.kind) {
    case 'void': return cannotExpress(site, t, 'which is not a value type');
    case 'bool': return 'bool';
    case 'int':
      if (t.size === 16) return cannotExpress(site, t, 'which koffi cannot pass (no 128-bit integers)');
      return intSpec(t.size, t.isSigned);
    case 'float':
      if (t.size === 4) return 'float';
      if (t.size === 8) return 'double';
      return cannotExpress(site, t, 'which koffi cannot pass (no 80-bit float support)');
    // Enums have int as the compatible type for every enumerator set the frontend accepts (C11 §6.7.2.2p4).
    case 'enum': return 'int32_t';
    case 'pointer': return pointerSpec(t, site);
    // An array parameter is adjusted to a pointer (C11 §6.7.6.3p7); arrays are never returned.
    case 'array': return pointerSpec({ kind: 'pointer', to: t.elem, isConst: false }, site);
    case 'record': return recordSpec(t, site);
    case 'function': return pointerSpec({ kind: 'pointer', to: t, isConst: false }, site);
  }
}

function pointerSpec(t: FfiType & { kind: 'pointer' }, site: Site): TypeSpec {
  const to = t.to;
  switch (to.kind) {
    case 'int':
      // Only `const char *` means "a string": a mutable char buffer stays a pointer.
      if (to.size === 1 && t.isConst && to.name === 'char') return 'const char *';
      if (to.size === 16) return 'void *';
      return intern(typeKey(t), () => koffi.pointer(intSpec(to.size, to.isSigned)));
    case 'bool': return intern(typeKey(t), () => koffi.pointer('bool'));
    case 'float':
      if (to.size === 16) return 'void *';
      return intern(typeKey(t), () => koffi.pointer(to.size === 4 ? 'float' : 'double'));
    case 'enum': return intern(typeKey(t), () => koffi.pointer('int32_t'));
    case 'function': {
      const proto = protoType(to.fn, { fnName: site.fnName, what: `the function pointed to by ${site.what}` });
      return intern(typeKey(t), () => koffi.pointer(proto));
    }
    case 'record': return recordPointerSpec(t, to, site);
    case 'void': case 'pointer': case 'array': return 'void *';
  }
}

/**
 * A pointer to a complete record takes a JS object with the member names:
 * koffi copies it into a temporary struct for the call and, unless the
 * pointee is const, copies the struct back into the same object afterwards
 * (an in/out parameter). Buffers, typed arrays, bigint addresses and null
 * pass through as plain pointers. A record koffi cannot lay out binds as
 * `void *`.
 */
const inoutMarkers = new Map<string, DirectionMarker>();

function recordPointerSpec(t: FfiType & { kind: 'pointer' }, to: FfiType & { kind: 'record' }, site: Site): TypeSpec {
  if (to.fields.length === 0) return 'void *';
  let struct: KoffiType;
  try {
    struct = recordSpec(to, site);
  } catch (e) {
    if (e instanceof LoadError) return 'void *';
    throw e;
  }
  if (t.isConst) return intern(typeKey(t), () => koffi.pointer(struct));
  let marker = inoutMarkers.get(typeKey(t));
  if (marker === undefined) {
    marker = koffi.inout(koffi.pointer(struct));
    inoutMarkers.set(typeKey(t), marker);
  }
  return marker;
}

function recordSpec(t: FfiType & { kind: 'record' }, site: Site): KoffiType {
  return intern(typeKey(t), () => {
    if (t.fields.length === 0) cannotExpress(site, t, 'an incomplete type that cannot be passed by value');
    const members: Record<string, TypeSpec> = {};
    for (const f of t.fields) {
      if (f.name === '' || f.name in members) cannotExpress(site, t, `whose member '${f.name}' koffi cannot name`);
      members[f.name] = fieldSpec(f.type, site);
    }
    let made: KoffiType;
    try {
      made = t.isUnion ? koffi.union(members) : koffi.struct(members);
    } catch (e) {
      return cannotExpress(site, t, `which koffi rejects (${(e as Error).message})`);
    }
    const mismatch = koffi.sizeof(made) !== t.size || koffi.alignof(made) !== t.align
      || t.fields.some((f) => !t.isUnion && koffi.offsetof(made, f.name) !== f.offset);
    if (mismatch) cannotExpress(site, t, 'whose layout (bitfields or packing) koffi cannot reproduce');
    return made;
  });
}

function fieldSpec(t: FfiType, site: Site): TypeSpec {
  if (t.kind === 'array') {
    if (t.length <= 0) cannotExpress(site, t, 'a flexible or zero-length array member, which cannot be passed by value');
    return intern(typeKey(t), () => koffi.array(fieldSpec(t.elem, site), t.length));
  }
  if (t.kind === 'pointer') return 'void *';
  return valueSpec(t, site);
}

/** The koffi prototype for a C function type; interned, since koffi never frees types. */
function protoType(fn: FfiFunctionType, site: Site): KoffiType {
  const key = fnKey(fn);
  const known = internedTypes.get(`proto ${key}`);
  if (known) return known;
  const ret = fn.ret.kind === 'void' ? 'void' : valueSpec(fn.ret, { ...site, what: 'the return value' });
  const params = fn.params.map((p, i) => {
    const what = `parameter ${i + 1}${p.name ? ` '${p.name}'` : ''}`;
    return valueSpec(p.type, { ...site, what });
  });
  if (fn.isVariadic) params.push('...');
  return intern(`proto ${key}`, () => koffi.proto(ret, params));
}

// ---- global variables -------------------------------------------------------

/**
 * The koffi type used to read and write a global of type `t` in place:
 * scalars as in a parameter, except that every pointer (even `const char *`)
 * is a bigint address, so a write never stores a pointer to a temporary copy
 * of a JS string. Arrays become koffi arrays (read as typed arrays or JS
 * arrays of objects).
 */
export function dataSpec(t: FfiType, name: string): TypeSpec {
  const site: Site = { fnName: name, what: 'the global' };
  if (t.kind === 'pointer' || t.kind === 'function') return 'void *';
  if (t.kind === 'array') {
    if (t.length <= 0) cannotExpressGlobal(name, t, 'an array of unknown size');
    return intern(`data ${typeKey(t)}`, () => koffi.array(dataSpec(t.elem, name), t.length, 'Typed'));
  }
  return valueSpec(t, site);
}

function cannotExpressGlobal(name: string, t: FfiType, why: string): never {
  throw new LoadError(`cannot access global '${name}': its type '${printFfiType(t)}' is ${why}`);
}

/** Reads a value of koffi type `spec` at `address`. */
export function readValue(address: bigint, spec: TypeSpec): unknown {
  return koffi.decode(address, spec);
}

/** Writes `value` as koffi type `spec` at `address` (which must be writable). */
export function writeValue(address: bigint, spec: TypeSpec, value: unknown): void {
  koffi.encode(address, spec, value);
}

/** An ArrayBuffer over `length` bytes of native memory, without copying (valid while the memory stays mapped). */
export function nativeBuffer(address: bigint, length: number): ArrayBuffer {
  return koffi.view(address, length);
}

// ---- binding functions ------------------------------------------------------

/**
 * A JS function calling the C function at `address` with the C type `fn`.
 * `name` is used in error messages. The caller keeps the code mapped while
 * the function may be called, and checks arguments and converts 64-bit
 * results (call-guard.ts): koffi gives a 64-bit integer as a number while
 * it is exact and as a bigint beyond 2^53.
 */
export function bindFunction(address: bigint, name: string, fn: FfiFunctionType): Callable {
  const proto = protoType(fn, { fnName: name, what: 'the function' });
  return koffi.decode(address, proto) as Callable;
}

/**
 * Like `bindFunction`, but each call runs on koffi's worker thread pool and
 * returns a Promise of the result. The C code runs concurrently with the
 * event loop: it must not call back into JS (callbacks from another thread
 * are refused by koffi), and the memory it is given (typed arrays, buffers)
 * must not be touched from JS until the promise settles.
 */
export function bindFunctionAsync(address: bigint, name: string, fn: FfiFunctionType): (...args: unknown[]) => Promise<unknown> {
  const proto = protoType(fn, { fnName: name, what: 'the function' });
  const call = koffi.decode(address, proto) as Callable & { async: (...args: unknown[]) => void };
  return (...args: unknown[]) => new Promise((resolve, reject) => {
    call.async(...args, (err: unknown, result: unknown) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(result);
    });
  });
}

/** The calling thread's C `errno`. */
export function getErrno(): number {
  return koffi.errno();
}

/** Sets the calling thread's C `errno` (0 before a call whose errno is recorded). */
export function setErrno(value: number): void {
  koffi.errno(value);
}

/**
 * Makes a JS function callable from C as a function of type `fn`; returns
 * its address. The slot stays valid until `unregisterCallback(address)`
 * (koffi allows 8192 registered callbacks per process). If the JS function
 * throws, C sees 0 / NULL as its result and keeps running; koffi rethrows the
 * exception to the JS caller when the outermost C call returns.
 */
export function registerCallback(jsFn: Callable, name: string, fn: FfiFunctionType): bigint {
  if (fn.isVariadic) throw new LoadError(`cannot import '${name}' from JavaScript: variadic functions cannot be callbacks`);
  const proto = protoType(fn, { fnName: name, what: 'the import' });
  return koffi.register(jsFn, intern(`callback ${fnKey(fn)}`, () => koffi.pointer(proto)));
}

export function unregisterCallback(address: bigint): void {
  koffi.unregister(address);
}

/** Callbacks koffi holds registered right now (koffi.stats), so tests can check that dispose() released a module's. */
export function registeredCallbackCount(): number {
  return koffi.stats().callbacks;
}

// ---- memfd: code memory from a file mapped twice (memfd-region.ts) ---------

// Linux <sys/mman.h> and <linux/memfd.h> values (the same on x86-64 and AArch64).
const LINUX_MAP_SHARED = 0x01;
const LINUX_MAP_PRIVATE = 0x02;
const LINUX_MAP_FIXED = 0x10;
const LINUX_MAP_ANONYMOUS = 0x20;
const LINUX_MAP_FIXED_NOREPLACE = 0x100000;
const MFD_CLOEXEC = 0x0001;

interface MemfdLibc {
  memfdCreate(name: string, flags: number): number;
  ftruncate(fd: number, length: number): number;
  close(fd: number): number;
  mmap(addr: bigint | null, length: number, prot: number, flags: number, fd: number, offset: number): bigint | null;
  memmove(dst: bigint, src: bigint, n: number): unknown;
}

let memfdLibcCache: MemfdLibc | null = null;

function memfdLibc(): MemfdLibc {
  if (memfdLibcCache) return memfdLibcCache;
  if (currentPlatform().os !== 'linux') throw new LoadError('code memory from a memfd exists only on Linux');
  const lib = koffi.load(currentPlatform().libc);
  const f = (proto: string) => lib.func(proto) as Callable;
  const memfdCreate = f('int memfd_create(const char *name, unsigned int flags)');
  const ftruncate = f('int ftruncate(int fd, int64_t length)');
  const close = f('int close(int fd)');
  const mmap = f('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
  const memmove = f('void *memmove(void *dst, const void *src, size_t n)');
  memfdLibcCache = {
    memfdCreate: (n, fl) => memfdCreate(n, fl) as number,
    ftruncate: (fd, l) => ftruncate(fd, l) as number,
    close: (fd) => close(fd) as number,
    mmap: (a, l, p, fl, fd, o) => mmap(a, l, p, fl, fd, o) as bigint | null,
    memmove: (d, s, n) => memmove(d, s, n),
  };
  return memfdLibcCache;
}

/** A fresh anonymous file of `length` zero bytes (memfd_create + ftruncate); its descriptor. */
export function createMemfd(name: string, length: number): number {
  const lib = memfdLibc();
  const fd = lib.memfdCreate(name, MFD_CLOEXEC);
  if (fd < 0) throw new LoadError(`cannot create a memfd for code: ${errnoText()}`);
  if (lib.ftruncate(fd, length) !== 0) {
    const why = errnoText();
    lib.close(fd);
    throw new LoadError(`cannot size a memfd to ${length} bytes: ${why}`);
  }
  return fd;
}

/**
 * Maps `length` bytes of file `fd` from `offset`, shared (writes reach the
 * file, so every view sees them), with protection `prot`: at exactly `at`
 * (replacing what is mapped there — our own reservation) or anywhere.
 */
export function mapFile(fd: number, offset: number, length: number, prot: number, at: bigint | null): bigint {
  const flags = LINUX_MAP_SHARED | (at === null ? 0 : LINUX_MAP_FIXED);
  const addr = memfdLibc().mmap(at, length, prot, flags, fd, offset);
  if (addr === null || addr === MAP_FAILED || (at !== null && addr !== at)) throw new LoadError(`cannot map ${length} bytes of a memfd: ${errnoText()}`);
  return addr;
}

/** Reserves `length` bytes of address space (PROT_NONE), at `at` if that is free, else anywhere. */
export function reserveAddressRange(length: number, at: bigint | null): bigint {
  const lib = memfdLibc();
  const flags = LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS;
  if (at !== null) {
    const addr = lib.mmap(at, length, PROT_NONE, flags | LINUX_MAP_FIXED_NOREPLACE, -1, 0);
    if (addr === at) return addr;
    if (addr !== null && addr !== MAP_FAILED) unmapPages(addr, length);
  }
  const addr = lib.mmap(null, length, PROT_NONE, flags, -1, 0);
  if (addr === null || addr === MAP_FAILED) throw new LoadError(`cannot reserve ${length} bytes: ${errnoText()}`);
  return addr;
}

/**
 * Replaces pages of one of our mappings with inaccessible, empty ones
 * (mmap MAP_FIXED of PROT_NONE anonymous memory over them): their contents
 * are gone and any access faults, while the address range stays reserved
 * for the mapping's owner to unmap as a whole later.
 */
export function discardPages(address: bigint, length: number): void {
  const addr = memfdLibc().mmap(address, length, PROT_NONE, LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS | LINUX_MAP_FIXED, -1, 0);
  if (addr !== address) throw new LoadError(`cannot discard ${length} bytes at 0x${address.toString(16)}: ${errnoText()}`);
}

export function closeFd(fd: number): void {
  memfdLibc().close(fd);
}

/** Copies `length` bytes between native addresses. */
export function copyNativeToNative(dst: bigint, src: bigint, length: number): void {
  if (length > 0) memfdLibc().memmove(dst, src, length);
}

/** mprotect that reports failure as its errno (0: done) instead of throwing, for callers with a fallback. */
export function tryProtectPages(address: bigint, length: number, prot: number): number {
  return libc().mprotect(address, length, prot) === 0 ? 0 : koffi.errno();
}
