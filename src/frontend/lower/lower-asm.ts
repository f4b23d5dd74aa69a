// Lowering of a checked asm statement into one IR `asm` instruction
// (ir/asm.ts describes its operands).
//
// Input: a TAsmStmt (sema decided which operands live in memory). Output:
// the asm instruction plus the stores of its register outputs. The first
// register output is the instruction's result, stored to its lvalue like an
// assignment (bit-fields included); later register outputs go through a
// fresh stack slot the backend stores into, then to their lvalues the same
// way. Output lvalue addresses are computed before the asm, inputs after
// them, as gcc evaluates them.

import type { IrType, Operand } from '../../ir/ir.js';
import type { AsmOperandSpec } from '../../ir/asm.js';
import type { TAsmStmt } from '../sema/typed.js';
import { sizeOf, alignOf } from '../sema/types.js';
import type { CType } from '../sema/types.js';
import type { FnLowerer } from './lower-function.js';
import { lowerAddr, lowerValue, storeLvalue } from './lower-expr.js';
import { irTypeOf, scalarIrType, valueIrType } from './ir-types.js';

export function lowerAsm(fl: FnLowerer, s: TAsmStmt): void {
  const b = fl.b;
  const operands: AsmOperandSpec[] = [];
  const args: Operand[] = [];
  const outAddrs = s.outputs.map((o) => lowerAddr(fl, o.expr));
  let resultIndex = -1;
  const viaSlot: { index: number; slot: Operand; ty: IrType }[] = [];
  s.outputs.forEach((o, k) => {
    const base = { isOutput: true, constraint: o.constraint, name: o.name };
    if (o.isMem) {
      operands.push({ ...base, via: 'mem', ty: memType(o.expr.type) });
      args.push(outAddrs[k]!);
      return;
    }
    const ty = scalarIrType(o.expr.type);
    if (resultIndex < 0) {
      resultIndex = k;
      operands.push({ ...base, via: 'result', ty });
      return;
    }
    const slot = b.slot(Math.max(sizeOf(o.expr.type), 1), Math.max(alignOf(o.expr.type), 1), 'asm.out');
    viaSlot.push({ index: k, slot, ty });
    operands.push({ ...base, via: 'store', ty });
    args.push(slot);
  });
  for (const i of s.inputs) {
    const base = { isOutput: false, constraint: i.constraint, name: i.name };
    if (i.isMem) {
      operands.push({ ...base, via: 'mem', ty: memType(i.expr.type) });
      args.push(lowerAddr(fl, i.expr));
    } else {
      operands.push({ ...base, via: 'value', ty: valueIrType(i.expr.type) });
      args.push(lowerValue(fl, i.expr));
    }
  }
  const resultTy = resultIndex < 0 ? null : operands[resultIndex]!.ty;
  const result = resultTy === null ? null : b.newValue(resultTy);
  b.emit({
    op: 'asm', result, ty: resultTy, args,
    asm: { template: s.template, isBasic: s.isBasic, isVolatile: s.isVolatile, operands, clobbers: s.clobbers },
  });
  if (result !== null) storeLvalue(fl, s.outputs[resultIndex]!.expr, outAddrs[resultIndex]!, { kind: 'value', id: result });
  for (const v of viaSlot) storeLvalue(fl, s.outputs[v.index]!.expr, outAddrs[v.index]!, b.load(v.ty, v.slot));
}

/** The IR type describing a memory operand's width (for instruction suffixes): scalars as themselves, other objects by size. */
function memType(t: CType): IrType {
  const ty = irTypeOf(t);
  if (ty !== null) return ty;
  const size = sizeOf(t);
  return size === 1 ? 'i8' : size === 2 ? 'i16' : size === 4 ? 'i32' : 'i64';
}
