// Lowering one function definition: its IR signature, a stack slot per
// parameter and local, and the state statements need (jump targets for
// break/continue, blocks for labels and case labels).
//
// Input: a TFunction. Output: an IrFunction built through FunctionBuilder.
//
// ABI shape in the IR (SysV AMD64 §3.2.3; classification in abi-classify.ts):
//  - scalar parameters and results travel as IR values;
//  - a register-class aggregate parameter travels as its 1–2 eightbytes
//    (i64/f64 IR parameters annotated `part i of n`), stored by the callee
//    into an eightbyte-padded slot that is the variable's storage;
//  - a MEMORY-class aggregate parameter is a ptr annotated `byval`: the
//    backend copies it into the stack argument area, and the callee uses
//    that copy as the variable's storage;
//  - a register-class aggregate result: the IR function returns a ptr to a
//    padded buffer (`IrFunction.retAbi`), the backend loads rax/rdx/xmm0/xmm1;
//    the caller passes a `retbuf` ptr the backend stores them into;
//  - a MEMORY-class result is written through a hidden first ptr parameter
//    (sret, %rdi) which the function returns again (rax), as the ABI asks.
// Locals live in slots whose addresses are taken once in the entry block and
// accessed only by load/store of their IR type (what mem2reg promotes).

import { assert, unreachable } from '../../diagnostics.js';
import { FunctionBuilder } from '../../ir/builder.js';
import { globalOperand, intOperand, floatOperand, type AbiClass, type ArgAbi, type Block, type IrFunction, type IrType, type Operand } from '../../ir/ir.js';
import { classifyAggregate } from './abi-classify.js';
import { alignOf, sizeOf, type CType, type TargetInfo } from '../sema/types.js';
import type { TFunction, VarSym } from '../sema/typed.js';
import type { StringPool } from './lower-global.js';
import { lowerStmt } from './lower-stmt.js';
import { irTypeOf, isAggregateType } from './ir-types.js';
import { isLoneLongDouble, isLongDouble } from './lower-x87.js';

/** Module-wide state the function lowerers share. */
export interface ModuleState {
  readonly target: TargetInfo;
  readonly strings: StringPool;
  /** Library functions the lowering itself calls (memcpy, memset). */
  readonly helpers: Set<string>;
}

/** How one C parameter travels in the IR (see the header). */
export type ParamShape =
  | { readonly kind: 'scalar'; readonly ty: IrType }
  /** A register-class aggregate split into eightbyte words (i64/f64), one IR parameter each; `hasUpper`: the second is SSEUP. */
  | { readonly kind: 'words'; readonly tys: readonly IrType[]; readonly hasUpper: boolean }
  /** A MEMORY-class aggregate: one ptr IR parameter annotated byval. */
  | { readonly kind: 'byval' }
  /** An empty GNU struct: nothing is passed. */
  | { readonly kind: 'empty' };

export interface IrSignature {
  readonly params: IrType[];
  readonly paramAbi: (ArgAbi | null)[];
  readonly shapes: ParamShape[];
  readonly ret: IrType | 'void';
  /** Set for aggregates returned in registers: the IR function returns a ptr to the padded value. */
  readonly retAbi: readonly AbiClass[] | undefined;
  /** MEMORY-class result: hidden first ptr parameter, returned again (in rax) as the ABI asks. */
  readonly hasSret: boolean;
}

/** Bytes of an aggregate's eightbyte-padded copy (what word loads and stores may touch). */
export function paddedSize(t: CType): number {
  return Math.max(8, Math.ceil(sizeOf(t) / 8) * 8);
}

/** The IR signature of a C function type (SysV §3.2.3 for aggregates). */
export function irSignature(t: Extract<CType, { kind: 'function' }>): IrSignature {
  const params: IrType[] = [];
  const paramAbi: (ArgAbi | null)[] = [];
  let ret: IrType | 'void' = irTypeOf(t.ret) ?? 'void';
  let retAbi: AbiClass[] | undefined;
  let hasSret = false;
  if (isLongDouble(t.ret) || isLoneLongDouble(t.ret)) {
    // §3.2.3: class X87 is returned in %st0; the IR returns a ptr to the value.
    retAbi = ['x87'];
    ret = 'ptr';
  } else if (isAggregateType(t.ret)) {
    const c = classifyAggregate(t.ret);
    if (c.kind === 'memory') {
      hasSret = true;
      params.push('ptr');
      paramAbi.push(null);
      ret = 'ptr';
    } else if (c.kind === 'regs') {
      retAbi = [...c.classes];
      ret = 'ptr';
    }
  }
  const shapes = t.params.map((p) => paramShape(p.type));
  for (const s of shapes) {
    switch (s.kind) {
      case 'scalar': params.push(s.ty); paramAbi.push(null); break;
      case 'words':
        s.tys.forEach((ty, index) => { params.push(ty); paramAbi.push(partAbi(s, index)); });
        break;
      case 'byval': params.push('ptr'); paramAbi.push(null); break;
      case 'empty': break;
      default: unreachable(s, 'parameter shape');
    }
  }
  // byval annotations carry the size and alignment of the parameter type.
  let k = hasSret ? 1 : 0;
  t.params.forEach((p, i) => {
    const s = shapes[i]!;
    if (s.kind === 'byval') paramAbi[k] = { kind: 'byval', size: sizeOf(p.type), align: alignOf(p.type) };
    k += s.kind === 'words' ? s.tys.length : s.kind === 'empty' ? 0 : 1;
  });
  return { params, paramAbi, shapes, ret, retAbi, hasSret };
}

/** The 'part' annotation of eightbyte `index` of a words-shaped aggregate. */
export function partAbi(s: Extract<ParamShape, { kind: 'words' }>, index: number): ArgAbi {
  return s.hasUpper && index === 1 ? { kind: 'part', index, count: s.tys.length, isUpper: true } : { kind: 'part', index, count: s.tys.length };
}

export function paramShape(t: CType): ParamShape {
  const ty = irTypeOf(t);
  if (ty !== null) return { kind: 'scalar', ty };
  if (isLongDouble(t)) return { kind: 'byval' }; // class X87: in memory (§3.2.3)
  if (!isAggregateType(t)) return { kind: 'scalar', ty: 'ptr' };
  const c = classifyAggregate(t);
  switch (c.kind) {
    case 'regs': return { kind: 'words', tys: c.classes.map((cl) => (cl === 'int' ? 'i64' : 'f64')), hasUpper: c.classes[1] === 'sseup' };
    case 'memory': return { kind: 'byval' };
    case 'empty': return { kind: 'empty' };
  }
}

export class FnLowerer {
  readonly b: FunctionBuilder;
  readonly vars = new Map<VarSym, Operand>();
  readonly labelBlocks = new Map<number, Block>();
  readonly breakTargets: Block[] = [];
  readonly continueTargets: Block[] = [];
  /** VLA block stack saves, innermost last, and their count when each break/continue target was pushed (lower-vla.ts). */
  readonly vlaSaves: Operand[] = [];
  readonly breakVlaDepths: number[] = [];
  readonly continueVlaDepths: number[] = [];
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
    if ((fn.sym.explicitAlign ?? 0) > 1) this.b.fn.align = fn.sym.explicitAlign;
    if (fn.sym.inlining) this.b.fn.inlining = fn.sym.inlining;
    if (sig.paramAbi.some((a) => a !== null)) this.b.fn.paramAbi = sig.paramAbi;
    if (sig.retAbi) this.b.fn.retAbi = sig.retAbi;
    const args = this.b.params;
    this.sret = sig.hasSret ? { kind: 'value', id: args[0]! } : null;
    this.retBuf = sig.retAbi ? this.b.slot(paddedSize(t.ret), Math.max(8, alignOf(t.ret)), 'retval') : null;
    let next = sig.hasSret ? 1 : 0;
    fn.params.forEach((p, i) => {
      const shape = sig.shapes[i]!;
      switch (shape.kind) {
        case 'scalar': {
          const arg: Operand = { kind: 'value', id: args[next++]! };
          const ty = irTypeOf(p.type);
          if (ty === null) {
            this.vars.set(p, arg);
            return;
          }
          const slot = this.b.slot(sizeOf(p.type), alignOf(p.type), this.slotName(p.name));
          this.b.store(ty, arg, slot);
          this.vars.set(p, slot);
          return;
        }
        case 'words': {
          // The eightbytes arrive in registers (or stack words): store them into padded storage.
          const slot = this.b.slot(paddedSize(p.type), Math.max(8, alignOf(p.type)), this.slotName(p.name));
          shape.tys.forEach((ty, k) => {
            const arg: Operand = { kind: 'value', id: args[next++]! };
            this.b.store(ty, arg, k === 0 ? slot : this.b.binary('add', 'ptr', slot, intOperand(8 * k)));
          });
          this.vars.set(p, slot);
          return;
        }
        case 'byval':
          // The caller's copy in the stack argument area is the variable's storage.
          this.vars.set(p, { kind: 'value', id: args[next++]! });
          return;
        case 'empty': {
          this.vars.set(p, this.b.slot(1, Math.max(1, alignOf(p.type)), this.slotName(p.name)));
          return;
        }
        default: unreachable(shape, 'parameter shape');
      }
    });
  }

  /** For aggregates returned in registers: the padded buffer `ret` points the backend at. */
  readonly retBuf: Operand | null;

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
    if (this.sret) return this.sret;
    if (this.retBuf) return this.retBuf;
    return ret === 'f32' || ret === 'f64' ? floatOperand(0) : intOperand(0);
  }
}
