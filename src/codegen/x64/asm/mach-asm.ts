// The machine form of an inline asm statement: an `asm` X64Inst whose
// operands are the asm's operands in gcc order, with the allocator roles
// they play and what the template needs to print them.
//
// Input: built by lower-asm.ts. Output: read by inst.ts (allocator roles),
// emission (the generic operand mapping turns vregs into pregs), and
// template.ts/assemble.ts (text substitution and encoding).
// Invariant: `roles` has one entry per `X64Inst.ops` element; template
// operand k is ops[k] for k < operands.length; later ops are allocator-only
// uses of clobbered registers (kept out of the inputs' way, see lower-asm.ts).

import type { SourceLoc } from '../../../diagnostics.js';
import type { OpSize } from '../inst.js';

/** 'none': printed by the template but already accounted for (a tied input shares its output's register). */
export type AsmRole = 'r' | 'w' | 'rw' | 'none';

export interface MachAsmOperand {
  /** Register width for `%N` without a modifier, or the memory object's width. */
  readonly size: OpSize;
  readonly name: string | null;
}

export interface MachAsm {
  readonly template: string;
  /** Basic asm: the template is used verbatim (`%` is not special). */
  readonly isBasic: boolean;
  readonly operands: readonly MachAsmOperand[];
  readonly roles: readonly AsmRole[];
  /** Unique per asm statement instance in the module, for `%=`. */
  readonly instance: number;
  readonly loc?: SourceLoc;
}
