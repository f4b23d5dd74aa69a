// Instruction selection for comparisons: icmp / fcmp → EFLAGS, and flags →
// a 0/1 value.
//
// Input: a compare instruction (possibly fused into a branch or select by
// lower-plan.ts) and the X64Lowering it is being lowered by.
// Output: the instructions that set EFLAGS, and the FlagCond that tests
// them; `materializeBool` turns a FlagCond into 0/1 in a register.
//
// Float compares use ucomisd/ucomiss (SDM vol. 2, "UCOMISD"): unordered sets
// ZF=PF=CF=1, less sets CF, equal sets ZF. So `a > b` is `ja` and `a >= b`
// is `jae` (false on NaN, as C requires); `<`, `<=` swap the operands. `==`
// needs ZF=1 and PF=0, and `!=` is ZF=0 or PF=1: two flags, the compound
// conditions 'oeq' / 'une'.

import { unreachable } from '../../diagnostics.js';
import type { Inst, Operand } from '../../ir/ir.js';
import type { CmpCond } from '../../ir/ops.js';
import { swapCond } from '../../ir/ops.js';
import type { Cc, X64Operand } from './inst.js';
import { CC, imm, reg } from './inst.js';
import type { X64Lowering } from './lower.js';
import { exactSize } from './lower.js';

export type FlagCond =
  | { readonly kind: 'cc'; readonly cc: Cc }
  | { readonly kind: 'oeq' }
  | { readonly kind: 'une' };

const INT_CC: Partial<Record<CmpCond, Cc>> = {
  eq: CC.e, ne: CC.ne, slt: CC.l, sle: CC.le, sgt: CC.g, sge: CC.ge, ult: CC.b, ule: CC.be, ugt: CC.a, uge: CC.ae,
};

/**
 *   icmp cc a, 0    → test a, a
 *   icmp cc a, C    → cmp a, C
 *   icmp cc C, b    → cmp b, C  with the condition swapped
 *   icmp cc a, b    → cmp a, b
 *   fcmp ogt/oge a, b → ucomisd a, b (ja/jae);  olt/ole → ucomisd b, a
 */
export function emitCompare(lw: X64Lowering, i: Inst): FlagCond {
  let [a, b] = i.args as [Operand, Operand];
  let cond = i.cond!;
  const ty = i.opTy!;
  if (i.op === 'icmp') {
    const remTest = lw.plan.remainderTests.get(i);
    if (remTest) {
      // icmp eq (rem x, 2^k), 0 → test x, 2^k−1; je
      lw.emit('test', exactSize(ty), [reg(lw.regOf(remTest.x, ty)), imm(remTest.mask)]);
      return { kind: 'cc', cc: cond === 'eq' ? CC.e : CC.ne };
    }
    const folded = lw.foldedLoad(i);
    if (folded) {
      // icmp cc a, (load p) → cmp a, [address(p)];  load first: cmp b, [p] with cc swapped
      if (lw.plan.foldedLoads.get(i)!.index === 0) cond = swapCond(cond);
      lw.emit('cmp', exactSize(ty), [reg(lw.regOf(folded[0], ty)), folded[1]]);
      return { kind: 'cc', cc: INT_CC[cond]! };
    }
    if (a.kind !== 'value' && b.kind === 'value') { [a, b] = [b, a]; cond = swapCond(cond); }
    const size = exactSize(ty);
    const ra = lw.regOf(a, ty);
    const c = lw.imm32(b, ty);
    if (c === 0n) lw.emit('test', size, [reg(ra), reg(ra)]);
    else lw.emit('cmp', size, [reg(ra), c !== null ? imm(c) : reg(lw.regOf(b, ty))]);
    const cc = INT_CC[cond];
    if (cc === undefined) throw new Error(`icmp with float condition '${cond}'`);
    return { kind: 'cc', cc };
  }
  const isSwapped = cond === 'olt' || cond === 'ole';
  if (isSwapped) [a, b] = [b, a];
  const ra = lw.regOf(a, ty);
  const rb: X64Operand = b.kind === 'float' ? lw.floatConst(b.value, ty) : reg(lw.regOf(b, ty));
  lw.emit(ty === 'f32' ? 'ucomiss' : 'ucomisd', 8, [reg(ra), rb]);
  switch (cond) {
    case 'ogt': case 'olt': return { kind: 'cc', cc: CC.a };
    case 'oge': case 'ole': return { kind: 'cc', cc: CC.ae };
    case 'oeq': return { kind: 'oeq' };
    case 'une': return { kind: 'une' };
    case 'uno': return { kind: 'cc', cc: CC.p };
    case 'ord': return { kind: 'cc', cc: CC.np };
    case 'eq': case 'ne': case 'slt': case 'sle': case 'sgt': case 'sge': case 'ult': case 'ule': case 'ugt': case 'uge':
      throw new Error(`fcmp with integer condition '${cond}'`);
    default:
      return unreachable(cond, 'condition');
  }
}

/** dst ← flags ? 1 : 0:  setcc dst; movzx dst, dst (oeq/une combine two setcc). */
export function materializeBool(lw: X64Lowering, fc: FlagCond, dst: number): void {
  switch (fc.kind) {
    case 'cc':
      lw.emit('setcc', 1, [reg(dst)], { cc: fc.cc });
      break;
    case 'oeq': case 'une': {
      const t = lw.temp('int');
      lw.emit('setcc', 1, [reg(dst)], { cc: fc.kind === 'oeq' ? CC.e : CC.ne });
      lw.emit('setcc', 1, [reg(t)], { cc: fc.kind === 'oeq' ? CC.np : CC.p });
      lw.emit(fc.kind === 'oeq' ? 'and' : 'or', 4, [reg(dst), reg(t)]);
      break;
    }
  }
  lw.emit('movzx', 4, [reg(dst), reg(dst)], { srcSize: 1 });
}
