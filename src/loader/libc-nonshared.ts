// The few libc functions that glibc does not export from libc.so.6.
//
// `atexit`, `at_quick_exit` and `pthread_atfork` live in libc_nonshared.a,
// which gcc links statically into every program and shared object: each is
// a two-line wrapper that calls the exported registration function with the
// object's own `__dso_handle`, so that dlclose (through __cxa_finalize) can
// run and forget the handlers of the object being unloaded. dlsym cannot find
// them, so a JIT module calling `atexit` would otherwise be unresolved.
//
// We build the same wrappers per module, in a small code region of their
// own, and use that region's address as the module's dso handle; the module
// calls `__cxa_finalize(handle)` when it is disposed (module.ts), which runs
// its pending atexit handlers and unregisters its fork handlers before the
// code they point into is unmapped — what dlclose does for a shared object.
//
// Input: the names a module leaves unresolved. Output: a region with one
// stub per needed wrapper and their addresses. x86-64 only: the stubs are
// machine code (SysV: the wrapper's own arguments are already in place, the
// dso handle goes in the next argument register, then a tail jump).

import { lookupProcessSymbol } from './ffi.js';
import { MemoryRegion } from './memory.js';

interface Wrapper {
  /** The exported function the wrapper tail-calls. */
  readonly target: string;
  /** REX.W + B8+r opcode bytes of `movabs <dso register>, imm64`: the register after the wrapper's own arguments. */
  readonly loadDso: readonly number[];
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  // int atexit(void (*f)(void)) = __cxa_atexit(f, NULL, dso); rsi is zeroed first.
  atexit: { target: '__cxa_atexit', loadDso: [0x48, 0xba] /* movabs rdx */ },
  // int at_quick_exit(void (*f)(void)) = __cxa_at_quick_exit(f, dso)
  at_quick_exit: { target: '__cxa_at_quick_exit', loadDso: [0x48, 0xbe] /* movabs rsi */ },
  // int pthread_atfork(prepare, parent, child) = __register_atfork(prepare, parent, child, dso)
  pthread_atfork: { target: '__register_atfork', loadDso: [0x48, 0xb9] /* movabs rcx */ },
};

export function isNonsharedLibcFunction(name: string): boolean {
  return process.arch === 'x64' && Object.prototype.hasOwnProperty.call(WRAPPERS, name);
}

export interface NonsharedStubs {
  readonly region: MemoryRegion;
  /** The module's dso handle for __cxa_finalize. */
  readonly dsoHandle: bigint;
  readonly addresses: ReadonlyMap<string, bigint>;
}

function imm64(value: bigint): number[] {
  const out: number[] = [];
  for (let i = 0n; i < 8n; i++) out.push(Number((value >> (8n * i)) & 0xffn));
  return out;
}

/** Builds the wrappers for `names` (each must satisfy isNonsharedLibcFunction); null when their targets are missing from the process. */
export function buildNonsharedStubs(names: readonly string[]): NonsharedStubs | null {
  const STUB_SIZE = 32;
  const region = new MemoryRegion(STUB_SIZE * names.length);
  const dsoHandle = region.address;
  const addresses = new Map<string, bigint>();
  const code = new Uint8Array(region.size);
  for (const [i, name] of names.entries()) {
    const w = WRAPPERS[name]!;
    const target = lookupProcessSymbol(w.target);
    if (target === null) {
      region.free();
      return null;
    }
    const bytes = [
      ...(name === 'atexit' ? [0x31, 0xf6] : []), // xor esi, esi: no argument for the handler
      ...w.loadDso, ...imm64(dsoHandle),
      0x48, 0xb8, ...imm64(target), // movabs rax, target
      0xff, 0xe0, // jmp rax
    ];
    code.set(bytes, i * STUB_SIZE);
    addresses.set(name, dsoHandle + BigInt(i * STUB_SIZE));
  }
  region.write(0, code);
  region.protect(0, region.size, 'rx');
  return { region, dsoHandle, addresses };
}
