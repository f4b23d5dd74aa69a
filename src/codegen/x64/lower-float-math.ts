// Instruction selection for the IR's C-library math operations (fsqrt,
// fabs, fcopysign, fmin, fmax, ffloor, fceil, ftrunc; their meaning is in
// ir/float-math.ts) on SSE2, plus SSE4.1 for the roundings.
//
// Input: one IR instruction through the function's X64Lowering. Output:
// x64 instructions appended to the current block. Sign masks come from the
// constant pool (16-byte aligned, as andpd's memory operand requires).

import type { Inst, IrType, Operand } from '../../ir/ir.js';
import type { X64Lowering } from './lower.js';
import type { MemOperand, X64Op } from './inst.js';
import { imm, reg } from './inst.js';
import { assert } from '../../diagnostics.js';

/** SSE4.1 ROUNDSD immediate: bits 0–1 the mode (1 down, 2 up, 3 toward zero), bit 3 suppresses the inexact exception (C's floor does not raise it). */
const ROUND_MODE: Readonly<Record<string, number>> = { ffloor: 0b1001, fceil: 0b1010, ftrunc: 0b1011 };
/** CMPSD predicate 3: unordered (SDM "CMPSD", table 3-1). */
const CMP_UNORD = 3;

function ops(ty: IrType): { sd: (op: string) => X64Op; pd: (op: string) => X64Op } {
  const isF32 = ty === 'f32';
  return { sd: (op) => `${op}${isF32 ? 'ss' : 'sd'}` as X64Op, pd: (op) => `${op}${isF32 ? 'ps' : 'pd'}` as X64Op };
}

/** A 16-byte constant: the lane's mask in the low element (sign bit only, or everything else). */
function signMask(lw: X64Lowering, ty: IrType, isSignOnly: boolean): MemOperand {
  const bytes = new Uint8Array(16);
  const n = ty === 'f32' ? 4 : 8;
  for (let k = 0; k < n; k++) bytes[k] = isSignOnly ? 0 : 0xff;
  bytes[n - 1] = isSignOnly ? 0x80 : 0x7f;
  return lw.poolConst(bytes, 16);
}

export function lowerFloatMath(lw: X64Lowering, i: Inst, d: number): void {
  const ty = i.ty!;
  const { sd, pd } = ops(ty);
  const [a, b] = i.args as [Operand, Operand];
  switch (i.op) {
    case 'fsqrt':
      // d = fsqrt a  →  sqrtsd d, a
      lw.emit(sd('sqrt'), 8, [reg(d), reg(lw.regOf(a, ty))]);
      return;
    case 'fabs':
      // d = fabs a  →  movaps d, a; andpd d, [all but the sign]
      lw.materializeInto(d, a, ty);
      lw.emit(pd('and'), 8, [reg(d), signMask(lw, ty, false)]);
      return;
    case 'fcopysign': {
      // d = fcopysign a, b  →  movaps d, a; andpd d, [~sign]; movaps t, b; andpd t, [sign]; orpd d, t
      const t = lw.temp('float');
      lw.materializeInto(t, b, ty);
      lw.emit(pd('and'), 8, [reg(t), signMask(lw, ty, true)]);
      lw.materializeInto(d, a, ty);
      lw.emit(pd('and'), 8, [reg(d), signMask(lw, ty, false)]);
      lw.emit(pd('or'), 8, [reg(d), reg(t)]);
      return;
    }
    case 'fmin': case 'fmax': {
      // glibc: b NaN → a; else minsd a, b (= a < b ? a : b, NaN a → b).
      //   movaps t, a; minsd t, b; movaps m, b; cmpunordsd m, m; movaps d, a; andpd d, m; andnpd m, t; orpd d, m
      const rb = lw.regOf(b, ty);
      const t = lw.temp('float');
      lw.materializeInto(t, a, ty);
      lw.emit(sd(i.op === 'fmin' ? 'min' : 'max'), 8, [reg(t), reg(rb)]);
      const m = lw.temp('float');
      lw.emit('movaps', 8, [reg(m), reg(rb)]);
      lw.emit(sd('cmp'), 8, [reg(m), reg(m), imm(CMP_UNORD)]);
      lw.materializeInto(d, a, ty);
      lw.emit(pd('and'), 8, [reg(d), reg(m)]);
      lw.emit(pd('andn'), 8, [reg(m), reg(t)]);
      lw.emit(pd('or'), 8, [reg(d), reg(m)]);
      return;
    }
    case 'ffloor': case 'fceil': case 'ftrunc':
      // d = ffloor a  →  roundsd d, a, 9   (SSE4.1; math-builtins only creates these when the target has it)
      lw.emit(sd('round'), 8, [reg(d), reg(lw.regOf(a, ty)), imm(ROUND_MODE[i.op]!)]);
      return;
    default:
      assert(false, `lowerFloatMath: '${i.op}' is not a math operation`);
  }
}
