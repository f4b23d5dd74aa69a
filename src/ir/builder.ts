// A small builder for IR functions: blocks, block parameters, instructions
// with fresh values, terminators and stack slots. The frontend's lowering
// builds all IR through it.
//
// Input: calls in program order. Output: an IrFunction (via `finish`).
// Invariants:
//  - every block gets exactly one terminator: emitting into a block that
//    already ended starts a fresh block nobody branches to, and `finish`
//    removes blocks unreachable from the entry (their code is dead);
//  - value ids are dense and assigned in creation order (stable printing);
//  - slot addresses are emitted once, in the entry block (the pattern the
//    mem2reg pass promotes).

import type { SourceLoc } from '../diagnostics.js';
import {
  successors, valueOperand, type Block, type BlockCall, type Inst, type IrFunction, type IrType, type Linkage, type Operand,
  type Terminator,
} from './ir.js';
import type { CmpCond, Opcode } from './ops.js';

export class FunctionBuilder {
  readonly fn: IrFunction;
  private current: Block;
  private readonly terminated = new Set<number>();
  private nextBlockId = 0;
  /** Slot address instructions, kept at the top of the entry block. */
  private entrySlotInsts = 0;
  /** Location attached to emitted instructions. */
  loc: SourceLoc | undefined;

  constructor(name: string, linkage: Linkage, params: IrType[], ret: IrType | 'void', isVariadic: boolean) {
    this.fn = { name, linkage, params, ret, isVariadic, slots: [], blocks: [], values: [] };
    this.current = this.newBlock('entry');
    for (const ty of params) this.addParam(this.current, ty);
  }

  get entry(): Block {
    return this.fn.blocks[0]!;
  }

  get currentBlock(): Block {
    return this.current;
  }

  /** True when the current block already has its terminator (code here would be dead). */
  get isTerminated(): boolean {
    return this.terminated.has(this.current.id);
  }

  newBlock(name?: string): Block {
    const blk: Block = { id: this.nextBlockId++, params: [], insts: [], term: { kind: 'unreachable' } };
    if (name !== undefined) blk.name = name;
    this.fn.blocks.push(blk);
    return blk;
  }

  setBlock(blk: Block): void {
    this.current = blk;
  }

  newValue(ty: IrType, name?: string): number {
    const id = this.fn.values.length;
    this.fn.values.push(name === undefined ? { ty } : { ty, name });
    return id;
  }

  addParam(blk: Block, ty: IrType, name?: string): number {
    const id = this.newValue(ty, name);
    blk.params.push(id);
    return id;
  }

  /** The entry block's parameter values (the function's arguments). */
  get params(): number[] {
    return this.entry.params;
  }

  // ------------------------------------------------------------ instructions

  private ensureOpen(): void {
    if (this.isTerminated) this.current = this.newBlock();
  }

  /** Appends `inst` (taking ownership of the object) to the current block. */
  emit(inst: Omit<Inst, 'loc'>): Inst {
    this.ensureOpen();
    const full = inst as Inst;
    if (this.loc) full.loc = this.loc;
    this.current.insts.push(full);
    return full;
  }

  private valueInst(op: Opcode, ty: IrType, args: Operand[], extra?: Partial<Inst>): Operand {
    const result = this.newValue(ty);
    const inst: Omit<Inst, 'loc'> = { op, result, ty, args };
    if (extra) Object.assign(inst, extra);
    this.emit(inst);
    return valueOperand(result);
  }

  binary(op: Opcode, ty: IrType, a: Operand, b: Operand): Operand {
    return this.valueInst(op, ty, [a, b]);
  }

  unary(op: 'neg' | 'not' | 'fneg', ty: IrType, a: Operand): Operand {
    return this.valueInst(op, ty, [a]);
  }

  /** A comparison producing i32 0/1. */
  compare(op: 'icmp' | 'fcmp', cond: CmpCond, opTy: IrType, a: Operand, b: Operand): Operand {
    return this.valueInst(op, 'i32', [a, b], { opTy, cond });
  }

  convert(op: Opcode, to: IrType, from: IrType, a: Operand): Operand {
    return this.valueInst(op, to, [a], { opTy: from });
  }

  copy(ty: IrType, a: Operand): Operand {
    return this.valueInst('copy', ty, [a]);
  }

  select(condTy: IrType, ty: IrType, c: Operand, a: Operand, b: Operand): Operand {
    return this.valueInst('select', ty, [c, a, b], { opTy: condTy });
  }

  load(ty: IrType, addr: Operand, isVolatile = false): Operand {
    return this.valueInst('load', ty, [addr], isVolatile ? { isVolatile } : undefined);
  }

  store(ty: IrType, value: Operand, addr: Operand, isVolatile = false): void {
    this.emit({ op: 'store', result: null, ty, args: [value, addr], ...(isVolatile ? { isVolatile } : {}) });
  }

  /** A call; returns the result operand, or null for a void call. */
  call(ret: IrType | 'void', callee: Operand, args: Operand[], argTys: IrType[], fixedArgs?: number): Operand | null {
    const extra: Partial<Inst> = { argTys };
    if (fixedArgs !== undefined) extra.fixedArgs = fixedArgs;
    if (ret === 'void') {
      this.emit({ op: 'call', result: null, ty: null, args: [callee, ...args], ...extra });
      return null;
    }
    return this.valueInst('call', ret, [callee, ...args], extra);
  }

  /**
   * A new stack slot and its address, computed once at the top of the entry
   * block so that it dominates every use.
   */
  slot(size: number, align: number, name?: string): Operand {
    const index = this.fn.slots.length;
    this.fn.slots.push(name === undefined ? { size, align } : { size, align, name });
    const result = this.newValue('ptr');
    const inst: Inst = { op: 'slotaddr', result, ty: 'ptr', args: [], slot: index };
    this.entry.insts.splice(this.entrySlotInsts++, 0, inst);
    return valueOperand(result);
  }

  // ------------------------------------------------------------ terminators

  private terminate(term: Terminator): void {
    this.ensureOpen();
    this.current.term = term;
    if (this.loc) this.current.termLoc = this.loc;
    this.terminated.add(this.current.id);
  }

  jmp(target: Block, args: Operand[] = []): void {
    this.terminate({ kind: 'jmp', target: { block: target.id, args } });
  }

  br(cond: Operand, then: Block, els: Block, thenArgs: Operand[] = [], elseArgs: Operand[] = []): void {
    this.terminate({ kind: 'br', cond, then: { block: then.id, args: thenArgs }, else: { block: els.id, args: elseArgs } });
  }

  switch(ty: IrType, value: Operand, cases: { value: bigint; target: Block }[], dflt: Block): void {
    this.terminate({
      kind: 'switch', ty, value,
      cases: cases.map((c): { value: bigint; target: BlockCall } => ({ value: c.value, target: { block: c.target.id, args: [] } })),
      default: { block: dflt.id, args: [] },
    });
  }

  ret(value: Operand | null): void {
    this.terminate({ kind: 'ret', value });
  }

  /** goto *value: to one of `targets`, blocks whose address the function takes (they have no parameters). */
  ijmp(value: Operand, targets: readonly Block[]): void {
    this.terminate({ kind: 'ijmp', value, targets: targets.map((t) => ({ block: t.id, args: [] })) });
  }

  unreachable(): void {
    this.terminate({ kind: 'unreachable' });
  }

  /** Ends the current block with a jump to `target` unless it already ended; then continues in `target`. */
  fallInto(target: Block): void {
    if (!this.isTerminated) this.jmp(target);
    this.setBlock(target);
  }

  /** Removes blocks unreachable from the entry and returns the function. */
  finish(): IrFunction {
    const byId = new Map(this.fn.blocks.map((b) => [b.id, b]));
    const seen = new Set<number>();
    const work = [this.entry.id];
    while (work.length > 0) {
      const id = work.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const s of successors(byId.get(id)!.term)) work.push(s.block);
    }
    this.fn.blocks = this.fn.blocks.filter((b) => seen.has(b.id));
    return this.fn;
  }
}
