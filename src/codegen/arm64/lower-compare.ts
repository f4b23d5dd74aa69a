// Instruction selection for comparisons on AArch64: integer compares set
// the flags with `cmp`/`cmn`/`tst`, floating-point ones with `fcmp`; the
// result is the condition to test (b.cond, cset, csel).
//
// Input: an icmp/fcmp IR instruction (or a remainder test planned by
// core/lower-plan.ts) and the A64Lowering.
// Output: the flag-setting instructions; returns the A64 condition.
//
// After `fcmp` an unordered result sets C and V (Arm ARM C1.2.4, table
// C1-1), so each of C's float conditions is one A64 condition, and its
// inverse (the low bit flipped) is exactly "not that", NaN included:
//   oeq eq · une ne · olt mi · ole ls · ogt gt · oge ge · uno vs · ord vc

import type { Inst, Operand } from '../../ir/ir.js';
import type { CmpCond } from '../../ir/ops.js';
import { swapCond } from '../../ir/ops.js';
import type { Cond } from './inst.js';
import { COND, imm, reg } from './inst.js';
import { encodeAddImmediate } from './immediates.js';
import type { A64Lowering } from './lower.js';
import { exactSize, intSize, signedOfType } from './lower.js';
import { extendedReg } from './lower-int-arith.js';

const CONDS: Readonly<Record<CmpCond, Cond>> = {
  eq: COND.eq, ne: COND.ne, slt: COND.lt, sle: COND.le, sgt: COND.gt, sge: COND.ge,
  ult: COND.lo, ule: COND.ls, ugt: COND.hi, uge: COND.hs,
  oeq: COND.eq, une: COND.ne, olt: COND.mi, ole: COND.ls, ogt: COND.gt, oge: COND.ge, uno: COND.vs, ord: COND.vc,
};

function isSignedCond(c: CmpCond): boolean {
  return c === 'slt' || c === 'sle' || c === 'sgt' || c === 'sge';
}

export function emitCompare(lw: A64Lowering, i: Inst): Cond {
  const rem = lw.plan.remainderTests.get(i);
  if (rem !== undefined) {
    // icmp eq|ne (rem x, 2^k), 0 → tst x, #2^k−1
    const ty = i.opTy!;
    lw.emit('tst', intSize(ty), [reg(lw.regOf(rem.x, ty)), imm(rem.mask)]);
    return i.cond === 'eq' ? COND.eq : COND.ne;
  }
  let [a, b] = i.args as [Operand, Operand];
  let cond = i.cond!;
  const ty = i.opTy!;
  if (i.op === 'fcmp') {
    // fcmp a, b | fcmp a, #0.0
    const size = ty === 'f32' ? 4 : 8;
    if (a.kind === 'float' && b.kind !== 'float') { [a, b] = [b, a]; cond = swapCond(cond); }
    const ra = lw.regOf(a, ty);
    if (b.kind === 'float' && Object.is(b.value, 0)) lw.emit('fcmp', size, [reg(ra), { kind: 'fimm', value: 0 }]);
    else lw.emit('fcmp', size, [reg(ra), reg(lw.regOf(b, ty))]);
    return CONDS[cond];
  }
  // Integers: constants on the right, where cmp/cmn take an immediate.
  if (a.kind === 'int' && b.kind !== 'int') { [a, b] = [b, a]; cond = swapCond(cond); }
  const size = intSize(ty);
  const isSigned = isSignedCond(cond);
  const ra = extendedReg(lw, a, ty, isSigned);
  if (b.kind === 'int') {
    const bits = exactSize(ty) * 8;
    // The constant as the extended operand reads it.
    const v = isSigned || bits === 64 || bits === 32 ? signedOfType(b.value, ty) : BigInt.asUintN(bits, b.value);
    const v32 = size === 4 ? BigInt.asIntN(32, v) : v;
    if (v32 >= 0n && encodeAddImmediate(v32) !== null) { lw.emit('cmp', size, [reg(ra), imm(v32)]); return CONDS[cond]; }
    if (v32 < 0n && encodeAddImmediate(-v32) !== null) { lw.emit('cmn', size, [reg(ra), imm(-v32)]); return CONDS[cond]; }
  }
  const rb = extendedReg(lw, b, ty, isSigned);
  lw.emit('cmp', size, [reg(ra), reg(rb)]);
  return CONDS[cond];
}
