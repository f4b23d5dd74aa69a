// The lowering driver: one IrFunction → machine IR over vregs, with the
// target's instruction selection plugged in.
//
// Input: an IrFunction (SSA with block parameters), module facts, and a
// target subclass that selects instructions for each IR instruction and
// terminator (`lowerInst`, `lowerTerminator`), receives the incoming
// arguments (`lowerEntry`), and knows how to move a value into a register
// (`materializeInto`) and jump (`makeJump`).
// Output: a LoweredFunction — the MachFunction plus its constant pool and
// jump tables (which the target emits after the function's code).
//
// What every target shares lives here: blocks in reverse postorder (the
// layout the allocator sees, loop headers rotated to the bottom by
// layout.ts), IR value → vreg and block → label maps, the selection plan
// (lower-plan.ts, under the target's PlanRules), block parameters lowered
// into parallel copies on edges (sequentialised with a temporary per cycle),
// critical edges split into blocks of their own when they carry copies,
// the constant pool (equal bytes share one entry), and jump tables.

import type { SourceLoc } from '../../diagnostics.js';
import type { Block, BlockCall, Inst, IrFunction, IrType, Operand } from '../../ir/ir.js';
import { isFloatType, isVectorType } from '../../ir/ir.js';
import { computeCfg } from '../../ir/analysis/cfg.js';
import type { ModuleFacts } from './driver.js';
import { rotateLoops } from './layout.js';
import type { LowerPlan, PlanRules } from './lower-plan.js';
import { planLowering } from './lower-plan.js';
import type { MachBlock, MachFunction, MachInstInfo, RegClass } from './mach.js';
import { newVreg, vregClass } from './mach.js';
import { sequentializeCopies } from './parallel-copy.js';

export interface PoolConstant {
  readonly label: number;
  readonly bytes: Uint8Array;
  readonly align: number;
}

export interface JumpTable {
  readonly label: number;
  readonly targets: readonly number[];
}

export interface LoweredFunction<I> {
  readonly fn: IrFunction;
  readonly mf: MachFunction<I>;
  readonly consts: PoolConstant[];
  readonly tables: JumpTable[];
  /** IrFunction.labelAddresses with each block's label (null: the block was unreachable and is gone). */
  readonly labelSymbols: readonly LabelSymbol[];
}

/** A local symbol naming a point in the function's code: a label, or the function's start when null. */
export interface LabelSymbol {
  readonly name: string;
  readonly label: number | null;
}

/** A source of an edge copy: an IR operand, or a register holding a value already. */
export type CopySource = Operand | { readonly kind: 'temp'; readonly reg: number };

/** Blocks reachable from the entry, in reverse postorder (successors in terminator order). */
export function reversePostorder(fn: IrFunction): Block[] {
  const cfg = computeCfg(fn);
  return cfg.rpo.map((i) => cfg.blocks[i]!);
}

export abstract class MachLowering<I> {
  readonly mf: MachFunction<I>;
  readonly consts: PoolConstant[] = [];
  readonly tables: JumpTable[] = [];
  plan!: LowerPlan;
  protected cur!: MachBlock<I>;
  /** The source position of the IR instruction being lowered (carried to the line table with -g). */
  protected sourceLoc: SourceLoc | undefined;
  /** The IR block being lowered is marked cold (IR Block.isCold): a target may make its calls keep every register. */
  isColdBlock = false;
  private readonly constKeys = new Map<string, number>();
  private readonly vregs = new Map<number, number>();
  private readonly labels = new Map<number, number>();
  private splits: MachBlock<I>[] = [];
  private readonly blocksById: ReadonlyMap<number, Block>;

  /** The target's instruction facts (branches for loop rotation) and what its instructions absorb. */
  protected abstract readonly instInfo: MachInstInfo<I>;
  protected abstract readonly planRules: PlanRules;

  constructor(
    readonly fn: IrFunction,
    readonly facts: ModuleFacts,
    frame: { readonly slots: readonly { readonly size: number; readonly align: number }[]; readonly hasDynamicStack: boolean },
  ) {
    this.blocksById = new Map(fn.blocks.map((b) => [b.id, b]));
    this.mf = { name: fn.name, blocks: [], vregClasses: [], slots: frame.slots, outgoingArgBytes: 0, nextLabel: 0, hasDynamicStack: frame.hasDynamicStack };
  }

  // ---- what a target supplies --------------------------------------------

  /** Moves the incoming arguments into the entry block's parameter vregs (in the current, pre-entry block). */
  protected abstract lowerEntry(entry: Block): void;
  /** Runs after the pre-entry block, before the first IR block (e.g. allocations every path needs). */
  protected afterEntry(): void {}
  protected abstract lowerInst(i: Inst): void;
  protected abstract lowerTerminator(blk: Block): void;
  /** dst ← src, for any operand kind; dst may be a vreg or a preg. */
  abstract materializeInto(dst: number, src: CopySource, ty: IrType): void;
  /** An unconditional jump to a label. */
  abstract makeJump(label: number): I;

  // ---- the driver --------------------------------------------------------

  run(): LoweredFunction<I> {
    const order = reversePostorder(this.fn);
    this.plan = planLowering(this.fn, order, this.planRules);
    for (const blk of order) this.labels.set(blk.id, this.newLabel());
    this.startBlock(this.newLabel());
    this.lowerEntry(order[0]!);
    this.afterEntry();
    for (const blk of order) {
      this.startBlock(this.labels.get(blk.id)!);
      this.isColdBlock = blk.isCold === true;
      for (const i of blk.insts) {
        if (this.plan.skipped.has(i)) continue;
        this.sourceLoc = i.loc ?? this.sourceLoc;
        this.lowerInst(i);
      }
      this.sourceLoc = blk.termLoc ?? this.sourceLoc;
      this.lowerTerminator(blk);
      for (const s of this.splits) this.mf.blocks.push(s);
      this.splits = [];
    }
    // Jumps that loop rotation adds belong to no statement.
    this.sourceLoc = undefined;
    rotateLoops(this.mf, this.instInfo, (l) => this.makeJump(l));
    const labelSymbols = (this.fn.labelAddresses ?? []).map((l) => ({ name: l.name, label: this.labels.get(l.block) ?? null }));
    return { fn: this.fn, mf: this.mf, consts: this.consts, tables: this.tables, labelSymbols };
  }

  // ---- plumbing ----------------------------------------------------------

  newLabel(): number {
    return this.mf.nextLabel++;
  }

  startBlock(lbl: number): void {
    this.cur = { label: lbl, insts: [], loopDepth: 0 };
    this.mf.blocks.push(this.cur);
  }

  /** Appends an instruction to the current block. */
  push(inst: I): void {
    this.cur.insts.push(inst);
  }

  temp(cls: RegClass): number {
    return newVreg(this.mf, cls);
  }

  /** The vreg of an IR value (one per value, created on first use). */
  vreg(id: number): number {
    let v = this.vregs.get(id);
    if (v === undefined) {
      const ty = this.fn.values[id]!.ty;
      v = newVreg(this.mf, isVectorType(ty) ? 'vec' : isFloatType(ty) ? 'float' : 'int');
      this.vregs.set(id, v);
    }
    return v;
  }

  tyOf(id: number): IrType {
    return this.fn.values[id]!.ty;
  }

  /** The label of an IR block. */
  blockLabel(id: number): number {
    return this.labels.get(id)!;
  }

  /** A constant in the function's pool (after its code); equal bytes share one entry. Returns its label. */
  poolLabel(bytes: Uint8Array, align: number): number {
    const key = `${align}:${[...bytes].join(',')}`;
    let lbl = this.constKeys.get(key);
    if (lbl === undefined) {
      lbl = this.newLabel();
      this.constKeys.set(key, lbl);
      this.consts.push({ label: lbl, bytes, align });
    }
    return lbl;
  }

  /** A jump table (after the function's code) of label-relative entries; returns its label. */
  addJumpTable(targets: readonly number[]): number {
    const label = this.newLabel();
    this.tables.push({ label, targets });
    return label;
  }

  // ---- blocks and edges --------------------------------------------------

  /** Parallel copy of an edge's arguments into the target's parameters. */
  emitEdgeCopies(call: BlockCall): void {
    const target = this.blocksById.get(call.block)!;
    const copies = target.params.map((p, i) => ({ dst: this.vreg(p), src: call.args[i]! as CopySource }));
    const tyOfReg = new Map<number, IrType>(target.params.map((p) => [this.vreg(p), this.tyOf(p)]));
    const seq = sequentializeCopies<CopySource>(
      copies,
      (s) => (s.kind === 'value' ? this.vreg(s.id) : s.kind === 'temp' ? s.reg : null),
      (r) => ({ kind: 'temp', reg: r }),
      (like) => {
        const t = this.temp(vregClass(this.mf, like));
        tyOfReg.set(t, tyOfReg.get(like)!);
        return t;
      },
    );
    for (const c of seq) this.materializeInto(c.dst, c.src, tyOfReg.get(c.dst)!);
  }

  /** An edge that ends a block: its copies, then a jump to the target. */
  jumpAlong(call: BlockCall): void {
    this.emitEdgeCopies(call);
    this.push(this.makeJump(this.blockLabel(call.block)));
  }

  /**
   * The label to branch to for an edge leaving a multi-way terminator: the
   * target itself, or (when the edge carries copies, a critical edge) a
   * block of its own that makes them and jumps on.
   */
  edgeLabel(call: BlockCall): number {
    const target = this.blockLabel(call.block);
    if (this.blocksById.get(call.block)!.params.length === 0) return target;
    const saved = this.cur;
    this.cur = { label: this.newLabel(), insts: [], loopDepth: 0 };
    this.splits.push(this.cur);
    this.emitEdgeCopies(call);
    this.push(this.makeJump(target));
    const split = this.cur.label;
    this.cur = saved;
    return split;
  }
}
