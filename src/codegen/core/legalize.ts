// What every target's instruction selection may assume of a function beyond
// the verifier's rules: no value wider than a general register. The IR
// keeps `__int128` as one i128 value through optimisation; here, just before
// selection, it becomes pairs of i64 (ir/passes/legalize-i128.ts), so no
// target implements register pairs.
//
// Input: an optimised IrFunction. Output: the same function, edited in place
// (idempotent: a legal function is left alone).

import type { IrFunction } from '../../ir/ir.js';
import { legalizeI128Values } from '../../ir/passes/legalize-i128.js';

export function legalizeForSelection(fn: IrFunction): IrFunction {
  legalizeI128Values(fn);
  return fn;
}
