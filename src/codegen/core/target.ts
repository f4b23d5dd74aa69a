// The target interface: what a backend folder (x64/, arm64/) provides to the
// target-independent core, and what the core gives back. `codegen/core`
// never imports a target; targets are listed once in `codegen/targets.ts`.
//
// A folder describes its ISA in a TargetDescription — its machine
// instructions' facts for the allocator, its register file, instruction
// selection (on core/lowering.ts), frame and jump rules for emission
// (core/emit.ts), an encoder and a printer — and `defineTarget` (pipeline.ts)
// turns the description into the Target the driver calls: the lower →
// allocate → check → emit → relax → encode pipeline is the core's.

import type { IrFunction, IrModule } from '../../ir/ir.js';
import type { AsmDialect } from '../../ir/asm.js';
import type { Machine, ObjectFile } from '../../link/object.js';
import type { CodeBuffer, CodePart } from './code-buffer.js';
import type { FileAsmSymbol, ModuleFacts } from './driver.js';
import type { EmitRules, FinalFunction } from './emit.js';
import type { LoweredFunction } from './lowering.js';
import type { MachInstInfo, RegisterFile } from './mach.js';

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
  /** A function's code made already (on another thread): appended instead of compiled here. */
  readonly partOf?: (fn: IrFunction) => CodePart | undefined;
  /** The translation unit's file name and the directory it is relative to, for the debug information. */
  readonly sourceFile?: string;
  readonly compDir?: string;
}

/**
 * Whether functions may omit the frame pointer: from -O1 up, as gcc. Not
 * with -g (and so not under gdb, jitdump or crash reports): we emit no
 * call-frame information, so debuggers and profilers walk the rbp chain.
 */
export function omitsFramePointer(opts: Pick<CodegenOptions, 'optLevel' | 'debug'>): boolean {
  return opts.optLevel >= 1 && opts.debug !== true;
}

/** A target as the driver uses it. */
export interface Target {
  readonly name: TargetName;
  readonly machine: Machine;
  /** Inline-asm constraint letters and register names, handed to the frontend too (absent: no inline asm yet). */
  readonly asmDialect?: AsmDialect;
  /** Compiles an IR module (already optimised) into a relocatable object. */
  compileModule(module: IrModule, opts: CodegenOptions): ObjectFile;
  /** One function selected, allocated and encoded into a buffer of its own (what `partOf` hands compileModule; driver/parallel-codegen.ts). */
  compileFunctionPart(fn: IrFunction, facts: ModuleFacts): CodePart;
  /** The same code as GNU assembler text that `as` accepts (for `jitcc -S`). */
  printAssembly(module: IrModule, opts: CodegenOptions): string;
  /** Machine IR of one function after instruction selection, before register allocation (dumps, tests). */
  printMir(fn: IrFunction, module: IrModule): string;
  /** Each function's machine IR after instruction selection, with its register allocation (core/mach.ts `printMir`; `jitcc --dump=mir`). */
  printMachineIr(module: IrModule, opts: CodegenOptions): string;
}

/**
 * Branches whose encoding depends on the distance to their label (x86 rel8
 * or rel32 jumps; AArch64 conditional branches beyond ±1 MiB). Relaxation
 * starts with every such branch short and lengthens those that do not reach.
 */
export interface BranchRelaxation<I> {
  /** The label of a branch with a short and a long form, else null. */
  labelOf(inst: I): number | null;
  /** The branch in its short or long form. */
  withForm(inst: I, isLong: boolean): I;
  /** Whether the short form at `offset`, `size` bytes long, reaches the label at `target`. */
  reaches(offset: number, size: number, target: number): boolean;
}

export interface Encoder<I, K extends string> {
  /** The 64-bit absolute relocation for data (R_X86_64_64, R_AARCH64_ABS64). */
  readonly absReloc64: number;
  /** The 32-bit absolute relocation (R_X86_64_32, R_AARCH64_ABS32): offsets between debug sections. */
  readonly absReloc32: number;
  /** Relocation types that must keep naming their symbol (calls through the PLT). */
  readonly symbolRelocs: ReadonlySet<number>;
  /** Where functions start by default (bytes; `aligned(N)` may ask for more). */
  readonly functionAlign: number;
  newBuffer(): CodeBuffer<K>;
  /** Pads to a multiple of `align` bytes with the target's no-ops. */
  pad(buf: CodeBuffer<K>, align: number): void;
  encodeInst(buf: CodeBuffer<K>, inst: I): void;
  /** A jump-table entry: the 32-bit offset of label `target` from label `table`. */
  encodeTableEntry(buf: CodeBuffer<K>, table: number, target: number): void;
  readonly relaxation?: BranchRelaxation<I>;
  /** Assembles a file-scope asm block at the buffer's end; returns the symbols its labels define (offsets from its start). */
  encodeFileAsm?(block: NonNullable<IrModule['fileAsm']>[number], buf: CodeBuffer<K>): readonly FileAsmSymbol[];
}

export interface Printer<I, F> {
  /** One machine instruction over vregs, for machine-IR dumps. */
  printMirInst(inst: I): string;
  /** Directives that open the file (syntax, section). */
  readonly header: readonly string[];
  /** The type prefix of `.type` directives: '@' (x86) or '%' (Arm, where '@' starts a comment on 32-bit). */
  readonly typePrefix: '@' | '%';
  /** A function's body as assembler lines; `name` gives each label its text. */
  printFunction(f: FinalFunction<I, F>, name: (label: number) => string): string[];
  /** A file-scope asm block as lines. */
  printFileAsm?(block: NonNullable<IrModule['fileAsm']>[number]): string[];
}

/** What a target folder provides (I: its machine instruction, K: its fixup kinds, F: its frame layout). */
export interface TargetDescription<I, K extends string, F> {
  readonly name: TargetName;
  readonly machine: Machine;
  readonly instInfo: MachInstInfo<I>;
  readonly registers: RegisterFile;
  /** Instruction selection: one function to machine IR over vregs. */
  lower(fn: IrFunction, facts: ModuleFacts): LoweredFunction<I>;
  readonly emit: EmitRules<I, F>;
  readonly encoder: Encoder<I, K>;
  readonly printer: Printer<I, F>;
  readonly asmDialect?: AsmDialect;
}
