// Lowering one function definition: its IR signature, a stack slot per
// parameter and local, and the state statements need (jump targets for
// break/continue, blocks for labels and case labels).
//
// Input: a TFunction. Output: an IrFunction built through FunctionBuilder.
//
// ABI shape in the IR (the backend maps it onto SysV/AAPCS64):
//  - scalar parameters and results travel as IR values;
//  - an aggregate parameter travels as a ptr to a copy the caller made (the
//    callee may use it as the variable's storage);
//  - an aggregate result is written through a hidden first ptr parameter
//    (like SysV's sret in %rdi), and the IR function returns void.
// Locals live in slots whose addresses are taken once in the entry block and
// accessed only by load/store of their IR type (what mem2reg promotes).

import { assert } from '../../diagnostics.js';
import { FunctionBuilder } from '../../ir/builder.js';
import { globalOperand, intOperand, floatOperand, type Block, type IrFunction, type IrType, type Operand } from '../../ir/ir.js';
import { alignOf, sizeOf, type CType, type TargetInfo } from '../sema/types.js';
import type { TFunction, VarSym } from '../sema/typed.js';
import type { StringPool } from './lower-global.js';
import { lowerStmt } from './lower-stmt.js';
import { irTypeOf, isAggregateType } from './ir-types.js';

/** Module-wide state the function lowerers share. */
export interface ModuleState {
  readonly target: TargetInfo;
  readonly strings: StringPool;
  /** Library functions the lowering itself calls (memcpy, memset). */
  readonly helpers: Set<string>;
}

/** The IR signature of a C function type. */
export function irSignature(t: Extract<CType, { kind: 'function' }>): { params: IrType[]; ret: IrType | 'void'; hasSret: boolean } {
  const hasSret = isAggregateType(t.ret);
  const params: IrType[] = hasSret ? ['ptr'] : [];
  for (const p of t.params) params.push(irTypeOf(p.type) ?? 'ptr');
  const ret = hasSret ? 'void' : (irTypeOf(t.ret) ?? 'void');
  return { params, ret, hasSret };
}

export class FnLowerer {
  readonly b: FunctionBuilder;
  readonly vars = new Map<VarSym, Operand>();
  readonly labelBlocks = new Map<number, Block>();
  readonly breakTargets: Block[] = [];
  readonly continueTargets: Block[] = [];
  readonly sret: Operand | null;
  readonly retType: CType;

  constructor(readonly module: ModuleState, readonly fn: TFunction) {
    const t = fn.sym.type;
    assert(t.kind === 'function', 'function definition without function type');
    const sig = irSignature(t);
    this.retType = t.ret;
    const isExported = fn.sym.linkage === 'external' && !fn.sym.isInline;
    this.b = new FunctionBuilder(fn.sym.irName, isExported ? 'export' : 'local', sig.params, sig.ret, t.isVariadic);
    this.b.fn.loc = fn.loc;
    const args = this.b.params;
    this.sret = sig.hasSret ? { kind: 'value', id: args[0]! } : null;
    const first = sig.hasSret ? 1 : 0;
    fn.params.forEach((p, i) => {
      const arg: Operand = { kind: 'value', id: args[first + i]! };
      const ty = irTypeOf(p.type);
      if (ty === null) {
        this.vars.set(p, arg);
        return;
      }
      const slot = this.b.slot(sizeOf(p.type), alignOf(p.type), this.slotName(p.name));
      this.b.store(ty, arg, slot);
      this.vars.set(p, slot);
    });
  }

  private readonly slotNames = new Map<string, number>();

  /** A slot name unique in this function (`i`, `i.1`, …) so dumps are unambiguous. */
  slotName(name: string): string {
    const n = this.slotNames.get(name) ?? 0;
    this.slotNames.set(name, n + 1);
    return n === 0 ? name : `${name}.${n}`;
  }

  get target(): TargetInfo {
    return this.module.target;
  }

  /** The storage of a local (slot) or static object (global symbol). */
  addressOf(sym: VarSym): Operand {
    if (sym.storage === 'static' || sym.storage === 'extern') return globalOperand(sym.irName);
    let a = this.vars.get(sym);
    if (!a) {
      a = this.b.slot(Math.max(sizeOf(sym.type), 1), Math.max(alignOf(sym.type), sym.explicitAlign, 1), this.slotName(sym.name));
      this.vars.set(sym, a);
    }
    return a;
  }

  /** A fresh unnamed stack temporary (struct call results, argument copies). */
  temp(t: CType): Operand {
    return this.b.slot(Math.max(sizeOf(t), 1), Math.max(alignOf(t), 1));
  }

  callHelper(name: string, args: Operand[], argTys: IrType[]): void {
    this.module.helpers.add(name);
    this.b.call('ptr', globalOperand(name), args, argTys);
  }

  lower(): IrFunction {
    lowerStmt(this, this.fn.body);
    if (!this.b.isTerminated) this.b.ret(this.defaultReturn());
    return this.b.finish();
  }

  /** Falling off the end: `main` returns 0 (5.1.2.2.3); elsewhere the value is unspecified, 0 is as good as any. */
  private defaultReturn(): Operand | null {
    const ret = this.b.fn.ret;
    if (ret === 'void') return null;
    return ret === 'f32' || ret === 'f64' ? floatOperand(0) : intOperand(0);
  }
}
