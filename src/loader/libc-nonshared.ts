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
// stub per needed wrapper and their addresses. The stubs are machine code:
// the wrapper's own arguments are already in place (SysV and AAPCS64 alike),
// the dso handle goes in the next argument register, then a tail jump.
//   x86-64   [xor esi, esi] movabs <reg>, dso; movabs rax, target; jmp rax
//   AArch64  [mov x1, xzr | nop] ldr x<n>, =dso; ldr x16, =target; br x16,
//            the two 64-bit literals following (x16 is the AAPCS64 §6.1.1
//            scratch register veneers use)

import { flushInstructionCache, lookupProcessSymbol } from './ffi.js';
import { MemoryRegion } from './memory.js';

interface Wrapper {
  /** The exported function the wrapper tail-calls. */
  readonly target: string;
  /** The argument register (0-based) that receives the dso handle: the one after the wrapper's own arguments. */
  readonly dsoArg: number;
}

const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  // int atexit(void (*f)(void)) = __cxa_atexit(f, NULL, dso); the second argument is zeroed first.
  atexit: { target: '__cxa_atexit', dsoArg: 2 },
  // int at_quick_exit(void (*f)(void)) = __cxa_at_quick_exit(f, dso)
  at_quick_exit: { target: '__cxa_at_quick_exit', dsoArg: 1 },
  // int pthread_atfork(prepare, parent, child) = __register_atfork(prepare, parent, child, dso)
  pthread_atfork: { target: '__register_atfork', dsoArg: 3 },
};

export function isNonsharedLibcFunction(name: string): boolean {
  return (process.arch === 'x64' || process.arch === 'arm64') && Object.prototype.hasOwnProperty.call(WRAPPERS, name);
}

export interface NonsharedStubs {
  readonly region: MemoryRegion;
  /** The module's dso handle for __cxa_finalize. */
  readonly dsoHandle: bigint;
  readonly addresses: ReadonlyMap<string, bigint>;
}

function le64(value: bigint): number[] {
  const out: number[] = [];
  for (let i = 0n; i < 8n; i++) out.push(Number((value >> (8n * i)) & 0xffn));
  return out;
}

function le32(words: readonly number[]): number[] {
  return words.flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff]);
}

/** SysV argument registers rdi, rsi, rdx, rcx as the B8+r register of `movabs` (with REX.W). */
const X64_ARG_REG = [7, 6, 2, 1];

/** One wrapper's bytes (at most STUB_SIZE), for `arch`. */
export function wrapperCode(arch: 'x64' | 'arm64', name: string, dsoHandle: bigint, target: bigint): number[] {
  const w = WRAPPERS[name]!;
  if (arch === 'x64') {
    return [
      ...(name === 'atexit' ? [0x31, 0xf6] : []), // xor esi, esi: no argument for the handler
      0x48, 0xb8 + X64_ARG_REG[w.dsoArg]!, ...le64(dsoHandle), // movabs <dso register>, dso
      0x48, 0xb8, ...le64(target), // movabs rax, target
      0xff, 0xe0, // jmp rax
    ];
  }
  // Arm ARM C6.2: ORR (shifted register) as MOV, LDR (literal) with imm19 = words ahead, BR.
  return [
    ...le32([
      name === 'atexit' ? 0xaa1f03e1 : 0xd503201f, // mov x1, xzr | nop
      0x58000060 | w.dsoArg, //                        ldr x<dsoArg>, .+12 (the dso literal at +16)
      0x58000090, //                                   ldr x16, .+16 (the target literal at +24)
      0xd61f0200, //                                   br x16
    ]),
    ...le64(dsoHandle),
    ...le64(target),
  ];
}

const STUB_SIZE = 32;

/** Builds the wrappers for `names` (each must satisfy isNonsharedLibcFunction); null when their targets are missing from the process. */
export function buildNonsharedStubs(names: readonly string[]): NonsharedStubs | null {
  const region = new MemoryRegion(STUB_SIZE * names.length);
  const dsoHandle = region.address;
  const addresses = new Map<string, bigint>();
  const code = new Uint8Array(region.size);
  for (const [i, name] of names.entries()) {
    const target = lookupProcessSymbol(WRAPPERS[name]!.target);
    if (target === null) {
      region.free();
      return null;
    }
    code.set(wrapperCode(process.arch === 'arm64' ? 'arm64' : 'x64', name, dsoHandle, target), i * STUB_SIZE);
    addresses.set(name, dsoHandle + BigInt(i * STUB_SIZE));
  }
  region.write(0, code);
  region.protect(0, region.size, 'rx');
  region.finish();
  flushInstructionCache(region.address, region.size);
  return { region, dsoHandle, addresses };
}
