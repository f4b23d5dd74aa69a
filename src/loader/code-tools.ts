// The tools that work on loaded code but live outside the loader (src/jit/:
// disassembly, the GDB JIT interface, jitdump files, crash reports). The
// loader cannot import them (imports go one way, STYLE §1) and must not
// load them on the default path (start-up time), so index.ts provides them
// here as a getter the loader calls only when a module uses one.
//
// Input: the provider, set once by index.ts. Output: `codeTools()`.

import type { FfiFunctionType } from '../link/ctypes.js';
import type { CodeInfo } from './code-info.js';
import type { CFunction, LoadedModule } from './module.js';
import { LoadError } from './errors.js';

export interface DisassemblyOptions {
  readonly bytes?: boolean;
  readonly lines?: boolean;
}

/** What a module asked to be registered with when it was loaded. */
export interface CodeRegistrations {
  /** The GDB JIT interface (in-memory ELF with symbols and line tables). */
  readonly gdb: boolean;
  /** perf's jitdump file: a directory for jit-<pid>.dump, or null for none. */
  readonly jitdump: string | null;
  /** Print the C function and line of a fault in this module's code. */
  readonly crashReports: boolean;
}

/** Reading this process's memory and symbols (ffi.ts), handed to the tools so they need no FFI of their own. */
export interface ProcessMemory {
  read(address: bigint, size: number): Uint8Array;
  /** The process symbol (libc, libm…) containing an address, as `name+0x10`, or null. */
  symbolAt(address: bigint): string | null;
}

export interface CodeTools {
  disassemble(code: CodeInfo, process: ProcessMemory, name: string | undefined, options: DisassemblyOptions): string;
  /** Registers freshly loaded code; returns what undoes it (called before the code is unmapped). */
  register(code: CodeInfo, what: CodeRegistrations): () => void;
  /** Compiles and loads `name` with parameters bound to `values` (origin: how `module` was compiled). */
  specialize(module: LoadedModule, origin: unknown, name: string, values: unknown, specName: string): { module: LoadedModule; fn: CFunction };
  /** `generic`, which at its first call specializes itself on the values of `params` and then guards on them. */
  promoteOnFirstCall(module: LoadedModule, name: string, type: FfiFunctionType, params: readonly string[], generic: CFunction): CFunction;
}

let provider: (() => CodeTools) | null = null;

export function provideCodeTools(get: () => CodeTools): void {
  provider = get;
}

export function codeTools(what: string): CodeTools {
  if (provider === null) throw new LoadError(`${what} needs jitcc's code tools, which only the package entry point provides`);
  return provider();
}
