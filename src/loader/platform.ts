// The operating-system facts the loader's native layer (ffi.ts) depends on:
// which library holds libc, the mmap/dlopen/sysconf constants, how freshly
// written code is made visible to instruction fetch, and whether executable
// memory must be MAP_JIT. Pure data, so it is testable without native calls.
//
// Input: process.platform and process.arch. Output: a `NativePlatform`.
//
// Linux (x86-64 and AArch64): <sys/mman.h>, <dlfcn.h> and <unistd.h> values
// of glibc, the same on both architectures. Code pages follow W^X by
// mprotect: mapped rw-, written, then made r-x.
//
// macOS on Apple silicon (UNTESTED here — no such machine; see README): the
// hardened runtime refuses mprotect to an executable protection for plain
// anonymous memory. The one legal path is an mmap with MAP_JIT and
// PROT_READ|PROT_WRITE|PROT_EXEC, whose pages each thread sees either
// writable or executable, switched by pthread_jit_write_protect_np(0 / 1)
// (Apple, "Porting just-in-time compilers to Apple silicon"). So W^X holds
// per thread rather than per page. Constants from the macOS SDK's
// <sys/mman.h>, <dlfcn.h>, <unistd.h>; instruction-cache maintenance is
// sys_icache_invalidate (<libkern/OSCacheControl.h>). Mach-O prefixes C
// symbols with an underscore, but dlsym(3) takes the C name and adds it
// itself, so names are passed to dlsym unchanged.

import { LoadError } from './errors.js';

export interface NativePlatform {
  readonly os: 'linux' | 'darwin';
  /** The library holding mmap, dlopen, sysconf… */
  readonly libc: string;
  /** Libraries opened RTLD_GLOBAL at start so their symbols resolve through dlsym(RTLD_DEFAULT). */
  readonly globalLibraries: readonly string[];
  readonly mapPrivate: number;
  readonly mapAnonymous: number;
  /** Map exactly at the hint or fail (Linux ≥ 4.17); null where there is no such flag. */
  readonly mapFixedNoreplace: number | null;
  /** Set when code memory must be a MAP_JIT mapping toggled per thread (macOS on arm64). */
  readonly mapJit: number | null;
  readonly rtldNow: number;
  readonly rtldGlobal: number;
  /** The RTLD_DEFAULT pseudo-handle: null on glibc, (void *)-2 on macOS. */
  readonly rtldDefault: bigint | null;
  readonly scPageSize: number;
  /**
   * How to make written code visible to instruction fetch: nothing (x86-64
   * keeps caches coherent, Intel SDM vol. 3 §11.6), libgcc's
   * `__clear_cache(start, end)` (AArch64 Linux: Arm ARM "Concurrent
   * modification and execution of instructions" needs DC CVAU / IC IVAU /
   * DSB / ISB), or Darwin's `sys_icache_invalidate(start, length)`.
   */
  readonly cacheFlush:
    | { readonly kind: 'none' }
    | { readonly kind: 'range'; readonly symbol: '__clear_cache'; readonly libraries: readonly string[] }
    | { readonly kind: 'length'; readonly symbol: 'sys_icache_invalidate'; readonly libraries: readonly string[] };
}

const LINUX_COMMON = {
  os: 'linux',
  libc: 'libc.so.6',
  // glibc ≥ 2.34 folds libdl into libc; older ones and libm need opening.
  globalLibraries: ['libm.so.6', 'libdl.so.2'],
  mapPrivate: 0x02,
  mapAnonymous: 0x20,
  mapFixedNoreplace: 0x100000,
  mapJit: null,
  rtldNow: 0x002,
  rtldGlobal: 0x100,
  rtldDefault: null,
  scPageSize: 30,
} as const;

export function platformFor(os: string, arch: string): NativePlatform {
  if (os === 'linux' && arch === 'x64') return { ...LINUX_COMMON, cacheFlush: { kind: 'none' } };
  if (os === 'linux' && arch === 'arm64') {
    // Node normally has libgcc_s loaded (libstdc++ needs it); otherwise it is opened for this.
    return { ...LINUX_COMMON, cacheFlush: { kind: 'range', symbol: '__clear_cache', libraries: ['libgcc_s.so.1'] } };
  }
  if (os === 'darwin' && arch === 'arm64') {
    return {
      os: 'darwin',
      libc: '/usr/lib/libSystem.B.dylib',
      globalLibraries: [],
      mapPrivate: 0x0002,
      mapAnonymous: 0x1000,
      mapFixedNoreplace: null,
      mapJit: 0x0800,
      rtldNow: 0x2,
      rtldGlobal: 0x8,
      rtldDefault: (1n << 64n) - 2n,
      scPageSize: 29,
      cacheFlush: { kind: 'length', symbol: 'sys_icache_invalidate', libraries: [] },
    };
  }
  throw new LoadError(`the loader does not support ${os} on ${arch} (supported: Linux on x86-64 and arm64, macOS on arm64)`);
}

let current: NativePlatform | null = null;

export function currentPlatform(): NativePlatform {
  current ??= platformFor(process.platform, process.arch);
  return current;
}
