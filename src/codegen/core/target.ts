// The target interface: what a backend folder (x64/, arm64/) provides to the
// target-independent core. `codegen/core` never imports a target; targets are
// listed once in `codegen/targets.ts`.

import type { IrModule } from '../../ir/ir.js';
import type { Machine, ObjectFile } from '../../link/object.js';

export type TargetName = 'x86_64' | 'aarch64';

export interface CodegenOptions {
  /** 0: no IR-level optimisation was run; backends may still do cheap local work. */
  readonly optLevel: number;
  /** Emit debug information (-g): DWARF line tables and functions. */
  readonly debug?: boolean;
  /**
   * -fPIC: the object may go into a shared library, so a global that another
   * module could preempt (external linkage, default visibility) is reached
   * through the GOT even when this module defines it (psABI §9.4 / ELF gABI
   * symbol preemption); hidden, internal and local symbols stay direct.
   */
  readonly pic?: boolean;
  /** -ffunction-sections: each function in its own `.text.<name>` section (so `ld --gc-sections` can drop it). */
  readonly functionSections?: boolean;
  /** The translation unit's file name and the directory it is relative to, for the debug information. */
  readonly sourceFile?: string;
  readonly compDir?: string;
}

export interface Target {
  readonly name: TargetName;
  readonly machine: Machine;
  /** Compiles an IR module (already optimised) into a relocatable object. */
  compileModule(module: IrModule, opts: CodegenOptions): ObjectFile;
  /** The same code as GNU assembler text that `as` accepts (for `jitcc -S`). */
  printAssembly(module: IrModule, opts: CodegenOptions): string;
  /** Each function's machine IR after instruction selection, before register allocation (core/mach.ts `printMir`; `jitcc --dump=mir`). */
  printMachineIr(module: IrModule, opts: CodegenOptions): string;
}
