// Machine IR: the target-independent shell around target instructions.
//
// Input: built by a target's `lower.ts` from one IrFunction.
// Output: read (never rewritten) by liveness, the register allocator, frame
// layout and emission.
//
// A `MachFunction<I>` is a list of blocks in layout order; each block is a
// list of target instructions `I` over registers. Register numbers below
// FIRST_VREG are physical registers (pregs, target numbering); numbers from
// FIRST_VREG up are virtual registers (vregs). Machine IR is *not* SSA: block
// parameters were lowered into copies on edges, so a vreg may be defined on
// several paths (the allocator computes liveness by data flow, not by
// dominance).
//
// The allocator sees an instruction only through `MachInstInfo.operands`,
// which reports each register operand with its constraint:
//   use      the register is read at the instruction
//   def      the register is written (after all uses were read)
//   useDef   read and written in place: the x86 two-address `reuse(0)` form
//   clobber  a preg destroyed by the instruction (calls)
// Fixed-register constraints (`fixed("rax")`) are pregs appearing directly
// as operands; the allocator keeps every vreg out of a preg while that preg
// holds a value.

import type { SourceLoc } from '../../diagnostics.js';

/**
 * 'vec' holds a 16-byte IR vector (ir.ts VectorType) in the float/vector
 * registers: the same pregs as 'float', but spilled as 16 bytes (two
 * consecutive spill slots, the edit naming the first) and moved whole.
 */
export type RegClass = 'int' | 'float' | 'vec';

/** Registers numbered below this are physical; the rest are virtual. */
export const FIRST_VREG = 64;

export function isVreg(reg: number): boolean {
  return reg >= FIRST_VREG;
}

export interface MachBlock<I> {
  /** Label id, unique in the function; also used for branch targets. */
  readonly label: number;
  readonly insts: I[];
  /** Loop nesting depth (0 outside loops), for spill weights. */
  loopDepth: number;
}

export interface MachFunction<I> {
  readonly name: string;
  readonly blocks: MachBlock<I>[];
  /** Register class of each vreg, indexed by vreg - FIRST_VREG. */
  readonly vregClasses: RegClass[];
  /** IR stack slots (`slotaddr`), laid out in the frame. */
  readonly slots: readonly { readonly size: number; readonly align: number }[];
  /** Bytes of outgoing stack arguments needed by the largest call. */
  outgoingArgBytes: number;
  /** The function moves rsp at run time (variable length arrays, alloca): the frame is addressed from rbp only. */
  hasDynamicStack?: boolean;
  /** The frame is addressed from the stack pointer and the frame pointer (RegisterFile.framePointer) is allocatable. */
  omitsFramePointer?: boolean;
  /** Next free label id (labels past the blocks: jump tables, constants). */
  nextLabel: number;
}

export interface OperandVisitor {
  use(reg: number, cls: RegClass): void;
  def(reg: number, cls: RegClass): void;
  useDef(reg: number, cls: RegClass): void;
  clobber(preg: number): void;
}

/** What the core needs to know about a target's machine instructions. */
export interface MachInstInfo<I> {
  operands(inst: I, visit: OperandVisitor): void;
  /** A plain register-to-register move of one class, as [dst, src]; null otherwise. */
  copyOf(inst: I): readonly [number, number] | null;
  /** Labels this instruction may branch to (empty for non-branches). */
  branchTargets(inst: I): readonly number[];
  /** True if control never falls through past this instruction (jmp, ret, jump table). */
  isTerminal(inst: I): boolean;
  /** The C statement the instruction implements, for -g line tables (none in prologues and epilogues). */
  sourceOf?(inst: I): SourceLoc | undefined;
  /**
   * The instruction's only register operand is its result, computed from
   * constants (an immediate, a symbol's address, a constant-pool load):
   * running it again anywhere gives the same value, so the allocator may
   * repeat it instead of spilling and reloading (rematerialization).
   */
  isRematerializable?(inst: I): boolean;
}

export function newVreg<I>(fn: MachFunction<I>, cls: RegClass): number {
  fn.vregClasses.push(cls);
  return FIRST_VREG + fn.vregClasses.length - 1;
}

export function vregClass<I>(fn: MachFunction<I>, reg: number): RegClass {
  return fn.vregClasses[reg - FIRST_VREG]!;
}

/** Spill code the allocator inserts around an instruction: a load from or a store to a spill slot. */
export type SlotEdit =
  | { readonly kind: 'reload'; readonly preg: number; readonly spillSlot: number; readonly cls: RegClass }
  | { readonly kind: 'spill'; readonly preg: number; readonly spillSlot: number; readonly cls: RegClass };

/**
 * An edit: slot traffic, or `remat` — the vreg's defining instruction
 * (`inst`, a layout index; MachInstInfo.isRematerializable) run again with
 * `preg` as its result, instead of a reload (a constant, an address).
 */
export type Edit =
  | SlotEdit
  | { readonly kind: 'remat'; readonly preg: number; readonly vreg: number; readonly inst: number; readonly cls: RegClass };

/** One stretch of a vreg's life in one preg: instructions `from` to `to` inclusive (layout indices). */
export interface Assignment {
  readonly from: number;
  readonly to: number;
  readonly preg: number;
}

/**
 * The allocator's answer, as data. Instructions are numbered in layout
 * order (block by block, 0-based) — `instIndex` below.
 */
export interface Allocation {
  /** Per vreg, where it is at each instruction that mentions it: disjoint assignments sorted by `from`. */
  readonly assignments: ReadonlyMap<number, readonly Assignment[]>;
  /** Spill code to run before / after an instruction. */
  readonly editsBefore: ReadonlyMap<number, readonly Edit[]>;
  readonly editsAfter: ReadonlyMap<number, readonly Edit[]>;
  /** Number of 8-byte spill slots used ('vec' values take two, see RegClass). */
  readonly spillSlots: number;
  /** Callee-saved pregs written by the function (the prologue saves them). */
  readonly usedCalleeSaved: readonly number[];
}

/** The preg holding `vreg` at instruction `instIndex` (binary search of its assignments); undefined when it has none there. */
export function regAt(alloc: Allocation, vreg: number, instIndex: number): number | undefined {
  const list = alloc.assignments.get(vreg);
  if (list === undefined) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.to < instIndex) lo = mid + 1; else hi = mid;
  }
  const a = list[lo];
  return a !== undefined && a.from <= instIndex ? a.preg : undefined;
}

/** Register file facts the allocator needs. */
export interface RegisterFile {
  /** Allocatable pregs per class, in preference order. */
  readonly allocatable: Readonly<Record<RegClass, readonly number[]>>;
  readonly calleeSaved: ReadonlySet<number>;
  /** A callee-saved register listed in `allocatable` that only functions omitting the frame pointer (MachFunction.omitsFramePointer) may use. */
  readonly framePointer?: number;
  regName(preg: number): string;
}

/**
 * Machine IR as text, for dumps and tests. `printInst` prints one
 * instruction. With an allocation, every vreg operand shows its preg
 * (`%v3:rcx`) and the edits appear as lines of their own around the
 * instruction: `reload rcx, [spill 0]`, `spill [spill 0], rcx`,
 * `remat rcx, %v3 @12` (instruction 12 run again into rcx).
 */
export function printMir<I>(fn: MachFunction<I>, printInst: (inst: I) => string, alloc?: Allocation, regs?: RegisterFile): string {
  const lines: string[] = [`mfunc ${fn.name} {`];
  const pregName = (p: number): string => regs?.regName(p) ?? `p${p}`;
  const edit = (e: Edit): string => {
    switch (e.kind) {
      case 'reload': return `  reload ${pregName(e.preg)}, [spill ${e.spillSlot}]`;
      case 'spill': return `  spill [spill ${e.spillSlot}], ${pregName(e.preg)}`;
      case 'remat': return `  remat ${pregName(e.preg)}, ${vregName(e.vreg)} @${e.inst}`;
    }
  };
  let k = 0;
  for (const blk of fn.blocks) {
    lines.push(`.L${blk.label}:${blk.loopDepth > 0 ? `  ; loop depth ${blk.loopDepth}` : ''}`);
    for (const inst of blk.insts) {
      if (alloc === undefined) { lines.push(`  ${printInst(inst)}`); continue; }
      const at = k;
      for (const e of alloc.editsBefore.get(at) ?? []) lines.push(edit(e));
      const text = printInst(inst).replace(/%v(\d+)/g, (m, n: string) => {
        const p = regAt(alloc, Number(n) + FIRST_VREG, at);
        return p === undefined ? m : `${m}:${pregName(p)}`;
      });
      lines.push(`  ${text}`);
      for (const e of alloc.editsAfter.get(at) ?? []) lines.push(edit(e));
      k++;
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function vregName(reg: number): string {
  return `%v${reg - FIRST_VREG}`;
}
