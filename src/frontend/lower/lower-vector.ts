// GNU vector operations as IR: element by element through memory.
//
// Input: `vector` typed nodes (typed.ts VectorOp, checked by sema/vector.ts).
// Output: IR operands. A vector value is, like a struct, the address of
// memory holding it (ir-types.ts); every operation loads the elements of its
// operands, applies the scalar operation and stores the results into a fresh
// stack temporary, whose address is the result.
//
// Invariants and choices:
//  - elements narrower than int are computed in int (sign- or
//    zero-extended as their type says) and truncated back, which gives the
//    element type's wrap-around results without i8/i16 arithmetic in the IR;
//  - a comparison element is 0 or -1 (all bits set), gcc's vector truth;
//  - results never alias their operands, so `v = v op w` and shuffles of
//    a vector into itself are safe;
//  - this is simple and correct rather than fast: packed vector
//    instructions are a later optimization of the backends, not of this
//    lowering.

import { unreachable } from '../../diagnostics.js';
import { intOperand, type IrType, type Operand } from '../../ir/ir.js';
import type { CmpCond } from '../../ir/ops.js';
import { promotedType } from '../sema/conversions.js';
import { INT, intSize, intNameOf, isInteger, isSignedType, LONG, sizeOf, type CType } from '../sema/types.js';
import type { BinaryOpName, CompareOpName, TExpr, VectorOp } from '../sema/typed.js';
import type { FnLowerer } from './lower-function.js';
import { lowerAddr, lowerBinary, lowerValue } from './lower-expr.js';
import { convertValue } from './lower-convert.js';
import { addIndex, addOffset, copyBytes } from './lower-memory.js';
import { scalarIrType } from './ir-types.js';

type VectorCType = Extract<CType, { kind: 'vector' }>;

function asVector(t: CType): VectorCType {
  if (t.kind !== 'vector') throw new Error(`lower-vector: not a vector type: ${t.kind}`);
  return t;
}

/** The value of a vector operation: the address of its result (or a scalar for a cast to a scalar type). */
export function lowerVector(fl: FnLowerer, e: Extract<TExpr, { kind: 'vector' }>): Operand {
  const op: VectorOp = e.op;
  switch (op.kind) {
    case 'binary': {
      const t = asVector(e.type);
      return elementWise(fl, t, [lowerValue(fl, op.left), lowerValue(fl, op.right)], ([a, b]) => binaryElement(fl, op.op, t.elem, a!, b!));
    }
    case 'compare': {
      const from = asVector(op.left.type);
      const to = asVector(e.type);
      const l = lowerValue(fl, op.left);
      const r = lowerValue(fl, op.right);
      return mapElements(fl, to, (i) => {
        const ct = computeType(from.elem);
        const a = convertValue(fl, loadElement(fl, from, l, i), from.elem, ct);
        const b = convertValue(fl, loadElement(fl, from, r, i), from.elem, ct);
        const truth = compareElement(fl, op.op, ct, a, b);
        // 0/1 to 0/-1, then to the result's element width.
        return convertValue(fl, fl.b.unary('neg', 'i32', truth), INT, to.elem);
      });
    }
    case 'unary': {
      const t = asVector(e.type);
      return elementWise(fl, t, [lowerValue(fl, op.operand)], ([a]) => unaryElement(fl, op.op, t.elem, a!));
    }
    case 'splat': {
      const t = asVector(e.type);
      const v = lowerValue(fl, op.operand);
      return mapElements(fl, t, () => v);
    }
    case 'bitcast': return lowerBitcast(fl, op.operand, e.type);
    case 'convert': {
      const from = asVector(op.operand.type);
      const to = asVector(e.type);
      const src = lowerValue(fl, op.operand);
      return mapElements(fl, to, (i) => convertValue(fl, loadElement(fl, from, src, i), from.elem, to.elem));
    }
    case 'shuffle': return lowerShuffle(fl, asVector(e.type), op);
    case 'compoundAssign': {
      const t = asVector(e.type);
      const addr = lowerAddr(fl, op.target);
      const result = elementWise(fl, t, [addr, lowerValue(fl, op.value)], ([a, b]) => binaryElement(fl, op.op, t.elem, a!, b!));
      let old: Operand | null = null;
      if (op.yieldsOld) {
        old = fl.temp(t);
        copyBytes(fl, old, addr, sizeOf(t));
      }
      copyBytes(fl, addr, result, sizeOf(t));
      return old ?? addr;
    }
    default: return unreachable(op, 'vector operation');
  }
}

function elementAddr(fl: FnLowerer, t: VectorCType, base: Operand, i: number): Operand {
  return addOffset(fl, base, i * sizeOf(t.elem));
}

function loadElement(fl: FnLowerer, t: VectorCType, base: Operand, i: number): Operand {
  return fl.b.load(scalarIrType(t.elem), elementAddr(fl, t, base, i));
}

/** A fresh temporary of type `t` whose element i is `f(i)`. */
function mapElements(fl: FnLowerer, t: VectorCType, f: (i: number) => Operand): Operand {
  const out = fl.temp(t);
  const ty = scalarIrType(t.elem);
  for (let i = 0; i < t.length; i++) fl.b.store(ty, f(i), elementAddr(fl, t, out, i));
  return out;
}

/** Applies `f` to the elements at one index of every operand (all of type `t`). */
function elementWise(fl: FnLowerer, t: VectorCType, operands: readonly Operand[], f: (elems: Operand[]) => Operand): Operand {
  return mapElements(fl, t, (i) => f(operands.map((base) => loadElement(fl, t, base, i))));
}

/** Element types narrower than int compute in int, as C would for the scalar (and truncate back). */
function computeType(elem: CType): CType {
  return isInteger(elem) && intSize(intNameOf(elem)) < 4 ? promotedType(elem) : elem;
}

function binaryElement(fl: FnLowerer, op: BinaryOpName, elem: CType, a: Operand, b: Operand): Operand {
  const ct = computeType(elem);
  if (ct === elem) return lowerBinary(fl, op, elem, a, b);
  // The signedness of a division or right shift is the element's, not int's.
  const wide = (v: Operand) => convertValue(fl, v, elem, ct);
  const r = lowerBinary(fl, op, ct, wide(a), wide(b));
  return convertValue(fl, r, ct, elem);
}

function unaryElement(fl: FnLowerer, op: 'neg' | 'bitNot', elem: CType, a: Operand): Operand {
  const ty = scalarIrType(elem);
  if (ty === 'f32' || ty === 'f64') return fl.b.unary('fneg', ty, a);
  const ct = computeType(elem);
  const cty = scalarIrType(ct);
  const r = fl.b.unary(op === 'neg' ? 'neg' : 'not', cty, convertValue(fl, a, elem, ct));
  return convertValue(fl, r, ct, elem);
}

const INT_CONDS: Record<CompareOpName, readonly [CmpCond, CmpCond]> = {
  lt: ['slt', 'ult'], gt: ['sgt', 'ugt'], le: ['sle', 'ule'], ge: ['sge', 'uge'], eq: ['eq', 'eq'], ne: ['ne', 'ne'],
};
const FLOAT_CONDS: Record<CompareOpName, CmpCond> = { lt: 'olt', gt: 'ogt', le: 'ole', ge: 'oge', eq: 'oeq', ne: 'une' };

/** i32 0/1. */
function compareElement(fl: FnLowerer, op: CompareOpName, elem: CType, a: Operand, b: Operand): Operand {
  const ty: IrType = scalarIrType(elem);
  if (ty === 'f32' || ty === 'f64') return fl.b.compare('fcmp', FLOAT_CONDS[op], ty, a, b);
  return fl.b.compare('icmp', INT_CONDS[op][isSignedType(elem, fl.target) ? 0 : 1], ty, a, b);
}

/** Same-size reinterpretation: vector ↔ vector shares the bytes; scalars go through memory. */
function lowerBitcast(fl: FnLowerer, operand: TExpr, to: CType): Operand {
  const v = lowerValue(fl, operand);
  const isFromVector = operand.type.kind === 'vector';
  if (isFromVector && to.kind === 'vector') {
    const out = fl.temp(to);
    copyBytes(fl, out, v, sizeOf(to));
    return out;
  }
  if (isFromVector) return fl.b.load(scalarIrType(to), v);
  const out = fl.temp(to);
  fl.b.store(scalarIrType(operand.type), v, out);
  return out;
}

/**
 * `__builtin_shuffle`: element i of the result is element (mask[i] mod n)
 * of `first`, or with two inputs element (mask[i] mod 2n) of first ++ second
 * (gcc: only the low bits of each mask element count). n is a power of two,
 * so the modulo is a mask; the inputs are copied first so the result may
 * overwrite neither.
 */
function lowerShuffle(fl: FnLowerer, t: VectorCType, op: Extract<VectorOp, { kind: 'shuffle' }>): Operand {
  const size = sizeOf(t);
  const maskType = asVector(op.mask.type);
  const inputs = fl.b.slot(op.second ? 2 * size : size, Math.min(sizeOf(t), 16));
  copyBytes(fl, inputs, lowerValue(fl, op.first), size);
  if (op.second) copyBytes(fl, addOffset(fl, inputs, size), lowerValue(fl, op.second), size);
  const mask = lowerValue(fl, op.mask);
  const count = op.second ? 2 * t.length : t.length;
  const elemSize = sizeOf(t.elem);
  return mapElements(fl, t, (i) => {
    const m = convertValue(fl, loadElement(fl, maskType, mask, i), maskType.elem, LONG);
    const index = fl.b.binary('and', 'i64', m, intOperand(count - 1));
    const offset = elemSize === 1 ? index : fl.b.binary('mul', 'i64', index, intOperand(elemSize));
    return fl.b.load(scalarIrType(t.elem), addIndex(fl, inputs, offset));
  });
}
