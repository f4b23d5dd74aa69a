// Lowering one function definition: its IR signature, a stack slot per
// parameter and local, and the state statements need (jump targets for
// break/continue, blocks for labels and case labels).
//
// Input: a TFunction. Output: an IrFunction built through FunctionBuilder.
//
// How parameters and results travel is the calling convention's choice
// (abi/convention.ts, reached through ModuleState.convention); this file
// turns its ParamShape/ReturnShape into the IR signature:
//  - scalar parameters and results travel as IR values;
//  - a 'pieces' parameter travels as its register pieces (IR parameters
//    annotated `part i of n`), stored by the callee into a padded slot that
//    is the variable's storage;
//  - a 'byval' parameter is a ptr annotated `byval`: the backend copies it
//    into the stack argument area, and the callee uses that copy as the
//    variable's storage; an 'indirect' one is a plain ptr to the caller's
//    copy, used the same way;
//  - a 'pieces' result: the IR function returns a ptr to a padded buffer
//    (`IrFunction.retAbi`) whose pieces the backend loads into the return
//    registers; the caller passes a `retbuf` ptr the backend stores them into;
//  - an 'sret' result is written through a hidden first ptr parameter
//    annotated `sret`, which the function returns again when the convention
//    asks for that.
// Locals live in slots whose addresses are taken once in the entry block and
// accessed only by load/store of their IR type (what mem2reg promotes).

import { assert, unreachable } from '../../diagnostics.js';
import { FunctionBuilder } from '../../ir/builder.js';
import { globalOperand, intOperand, floatOperand, type ArgAbi, type Block, type IrFunction, type IrType, type Operand, type RegPiece } from '../../ir/ir.js';
import { alignOf, sizeOf, type CType, type TargetInfo } from '../sema/types.js';
import type { TFunction, VarSym } from '../sema/typed.js';
import type { StringPool } from './lower-global.js';
import { dispatchBlock, lowerStmt } from './lower-stmt.js';
import { irTypeOf } from './ir-types.js';
import { pieceIrType, pieceOffsets, piecesBytes, type CallingConvention, type ParamShape } from './abi/convention.js';

/** Module-wide state the function lowerers share. */
export interface ModuleState {
  readonly target: TargetInfo;
  /** The target's calling convention: how values cross calls, and va_arg. */
  readonly convention: CallingConvention;
  readonly strings: StringPool;
  /** Library functions the lowering itself calls (memcpy, memset). */
  readonly helpers: Set<string>;
  /** The dialect lets floating-point expressions contract (IrFunction.allowsContraction). */
  readonly allowsContraction?: boolean;
}

export interface IrSignature {
  readonly params: IrType[];
  readonly paramAbi: (ArgAbi | null)[];
  readonly shapes: ParamShape[];
  readonly ret: IrType | 'void';
  /** Set for results returned in register pieces: the IR function returns a ptr to the padded value. */
  readonly retAbi: readonly RegPiece[] | undefined;
  /** Result through memory: hidden first ptr parameter (IR 'sret'). */
  readonly hasSret: boolean;
}

/** Bytes of a value's padded copy its register pieces are read from or written to. */
export function paddedSize(t: CType, pieces: readonly RegPiece[]): number {
  return Math.max(sizeOf(t), piecesBytes(pieces));
}

/** The IR signature of a C function type, as the convention passes its parameters and result. */
export function irSignature(conv: CallingConvention, t: Extract<CType, { kind: 'function' }>): IrSignature {
  const params: IrType[] = [];
  const paramAbi: (ArgAbi | null)[] = [];
  let ret: IrType | 'void' = 'void';
  let retAbi: RegPiece[] | undefined;
  let hasSret = false;
  const r = conv.returnShape(t.ret);
  switch (r.kind) {
    case 'scalar': ret = r.ty; break;
    case 'pieces': retAbi = [...r.pieces]; ret = 'ptr'; break;
    case 'sret':
      hasSret = true;
      params.push('ptr');
      paramAbi.push({ kind: 'sret' });
      ret = r.isReturned ? 'ptr' : 'void';
      break;
    default: unreachable(r, 'return shape');
  }
  const shapes = t.params.map((p) => conv.paramShape(p.type));
  shapes.forEach((s, i) => {
    switch (s.kind) {
      case 'scalar': params.push(s.ty); paramAbi.push(null); break;
      case 'pieces':
        s.pieces.forEach((piece, index) => { params.push(pieceIrType(piece)); paramAbi.push(partAbi(s, index)); });
        break;
      case 'byval': params.push('ptr'); paramAbi.push({ kind: 'byval', size: sizeOf(t.params[i]!.type), align: alignOf(t.params[i]!.type) }); break;
      case 'indirect': params.push('ptr'); paramAbi.push(null); break;
      case 'empty': break;
      default: unreachable(s, 'parameter shape');
    }
  });
  return { params, paramAbi, shapes, ret, retAbi, hasSret };
}

/** The 'part' annotation of piece `index` of a pieces-shaped value. */
export function partAbi(s: Extract<ParamShape, { kind: 'pieces' }>, index: number): ArgAbi {
  const count = s.pieces.length;
  const isUpper = s.pieces[index] === 'up';
  const align = index === 0 ? s.align : undefined;
  return { kind: 'part', index, count, ...(isUpper ? { isUpper } : {}), ...(align !== undefined ? { align } : {}) };
}

export class FnLowerer {
  readonly b: FunctionBuilder;
  readonly vars = new Map<VarSym, Operand>();
  readonly labelBlocks = new Map<number, Block>();
  /** The block holding the function's one indirect branch (`goto *p` jumps there with p), once made. */
  dispatch: Block | null = null;
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
    const sig = irSignature(module.convention, t);
    this.retType = t.ret;
    const isExported = fn.sym.linkage === 'external' && !fn.sym.isInline;
    this.b = new FunctionBuilder(fn.sym.irName, isExported ? 'export' : 'local', sig.params, sig.ret, t.isVariadic);
    this.b.fn.loc = fn.loc;
    if ((fn.sym.explicitAlign ?? 0) > 1) this.b.fn.align = fn.sym.explicitAlign;
    if (fn.sym.inlining) this.b.fn.inlining = fn.sym.inlining;
    if (sig.paramAbi.some((a) => a !== null)) this.b.fn.paramAbi = sig.paramAbi;
    if (sig.retAbi) this.b.fn.retAbi = sig.retAbi;
    if (module.allowsContraction) this.b.fn.allowsContraction = true;
    const args = this.b.params;
    this.sret = sig.hasSret ? { kind: 'value', id: args[0]! } : null;
    this.isSretReturned = sig.hasSret && sig.ret === 'ptr';
    this.retBuf = sig.retAbi ? this.b.slot(paddedSize(t.ret, sig.retAbi), Math.max(8, alignOf(t.ret)), 'retval') : null;
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
        case 'pieces': {
          if (irTypeOf(p.type) === 'i128') {
            // An __int128 in two halves, low first: joined into one value for the parameter's slot.
            const lo = this.b.convert('zext', 'i128', 'i64', { kind: 'value', id: args[next++]! });
            const hi = this.b.convert('zext', 'i128', 'i64', { kind: 'value', id: args[next++]! });
            const slot = this.b.slot(16, alignOf(p.type), this.slotName(p.name));
            this.b.store('i128', this.b.binary('or', 'i128', lo, this.b.binary('shl', 'i128', hi, intOperand(64))), slot);
            this.vars.set(p, slot);
            return;
          }
          // The pieces arrive in registers (or stack words): store them into padded storage.
          const slot = this.b.slot(paddedSize(p.type, shape.pieces), Math.max(8, alignOf(p.type)), this.slotName(p.name));
          const offsets = pieceOffsets(shape.pieces);
          shape.pieces.forEach((piece, k) => {
            const arg: Operand = { kind: 'value', id: args[next++]! };
            this.b.store(pieceIrType(piece), arg, k === 0 ? slot : this.b.binary('add', 'ptr', slot, intOperand(offsets[k]!)));
          });
          this.vars.set(p, slot);
          return;
        }
        case 'byval': case 'indirect':
          // The caller's copy (in the stack argument area, or wherever it made it) is the variable's storage.
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

  /** The hidden result pointer is also the function's IR result (the convention returns it). */
  readonly isSretReturned: boolean;

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
    // Label addresses taken without a computed goto still name a symbol (at the function's start: no jump reaches them).
    if (this.fn.addressedLabels !== undefined) dispatchBlock(this);
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
