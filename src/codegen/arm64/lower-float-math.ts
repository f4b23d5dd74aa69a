// Instruction selection for the IR's C-library math operations (fsqrt,
// fabs, fcopysign, fmin, fmax, ffloor, fceil, ftrunc; their meaning is in
// ir/float-math.ts) on AArch64, where each rounding is one FRINT* (Arm ARM
// C7.2: frintm toward −∞, frintp toward +∞, frintz toward zero; none raises
// inexact, as C's floor must not).
//
// Input: one IR instruction through the function's A64Lowering. Output:
// A64 instructions appended to the current block.

import type { Inst, Operand } from '../../ir/ir.js';
import { COND, imm, reg } from './inst.js';
import type { A64Lowering } from './lower.js';

const ONE: Readonly<Record<string, 'fsqrt' | 'fabs' | 'frintm' | 'frintp' | 'frintz'>> = {
  fsqrt: 'fsqrt', fabs: 'fabs', ffloor: 'frintm', fceil: 'frintp', ftrunc: 'frintz',
};

export function lowerFloatMath(lw: A64Lowering, i: Inst, d: number): void {
  const ty = i.ty!;
  const size = ty === 'f32' ? 4 : 8;
  const [a, b] = i.args as [Operand, Operand];
  const single = ONE[i.op];
  if (single !== undefined) {
    // d = ffloor a → frintm d, a
    lw.emit(single, size, [reg(d), reg(lw.regOf(a, ty))]);
    return;
  }
  const ra = lw.regOf(a, ty);
  const rb = lw.regOf(b, ty);
  if (i.op === 'fcopysign') {
    // d = fcopysign a, b → the magnitude bits of a and the sign bit of b, in general registers:
    //   fmov x, a; fmov y, b; and x, x, #~sign; and y, y, #sign; orr x, x, y; fmov d, x
    const sign = size === 8 ? 1n << 63n : 1n << 31n;
    const x = lw.temp('int');
    const y = lw.temp('int');
    lw.emit('fmov', size, [reg(x), reg(ra)]);
    lw.emit('fmov', size, [reg(y), reg(rb)]);
    lw.emit('and', size, [reg(x), reg(x), imm(sign - 1n)]);
    lw.emit('and', size, [reg(y), reg(y), imm(sign)]);
    lw.emit('orr', size, [reg(x), reg(x), reg(y)]);
    lw.emit('fmov', size, [reg(d), reg(x)]);
    return;
  }
  // d = fmin a, b (glibc's result, ir/float-math.ts: b when a is NaN or the two are equal, a when b is NaN):
  //   fcmp a, b; fcsel t, a, b, mi|gt; fcmp b, b; fcsel d, a, t, vs
  const t = lw.temp('float');
  lw.emit('fcmp', size, [reg(ra), reg(rb)]);
  lw.emit('fcsel', size, [reg(t), reg(ra), reg(rb)], { cond: i.op === 'fmin' ? COND.mi : COND.gt });
  lw.emit('fcmp', size, [reg(rb), reg(rb)]);
  lw.emit('fcsel', size, [reg(d), reg(ra), reg(t)], { cond: COND.vs });
}
