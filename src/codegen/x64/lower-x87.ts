// Instruction selection for long double: the IR's memory-to-memory long
// double operations (ops.ts 'ldmem' and 'ldcmp' shapes; on x86-64 the
// format is x87 80-bit extended) as x87 instructions.
//
// Input: an ld* IR instruction whose operands are pointers to 16-byte long
// double objects (10 value bytes, SysV §3.1.2) or, for ldext/ldtrunc,
// to the integer or float on the other side.
// Output: a self-contained x87 sequence: every rule pushes what it needs
// from memory, computes, and pops everything back to memory or flags, so
// the x87 register stack is empty between IR instructions and at calls
// (SysV §3.2.1 requires it empty at calls unless it returns a value), and
// the register allocator never has to know about it.
//
// Conversions to integers use FISTTP (SSE3, Intel SDM vol. 2 "FISTTP"),
// which truncates whatever the rounding mode, as C11 6.3.1.4p1 asks;
// every x86-64 processor since 2005 has it, and it spares the
// fnstcw/fldcw dance of changing the control word.

import { assert } from '../../diagnostics.js';
import type { Inst, Operand } from '../../ir/ir.js';
import { isFloatType } from '../../ir/ir.js';
import type { CmpCond } from '../../ir/ops.js';
import type { MemOperand, OpSize, X64Op } from './inst.js';
import { CC, mem } from './inst.js';
import type { X64Lowering } from './lower.js';
import { exactSize } from './lower.js';
import type { FlagCond } from './lower-compare.js';

/** The memory an x87 operand points at. */
function at(lw: X64Lowering, p: Operand): MemOperand {
  return mem(lw.regOf(p, 'ptr'), 0);
}

const STACK_OP: Partial<Record<Inst['op'], X64Op>> = { ldadd: 'faddp', ldsub: 'fsubp', ldmul: 'fmulp', lddiv: 'fdivp' };

/**
 *   ldadd d, a, b    → fld tbyte [a]; fld tbyte [b]; faddp st(1), st; fstp tbyte [d]   (sub/mul/div: st(1) op st)
 *   ldneg d, a       → fld tbyte [a]; fchs; fstp tbyte [d]
 *   ldext T d, s     → fild|fld T [s]; fstp tbyte [d]
 *   ldtrunc T d, s   → fld tbyte [s]; fisttp|fstp T [d]
 */
export function lowerX87(lw: X64Lowering, i: Inst): void {
  const [dst, a, b] = i.args as [Operand, Operand, Operand | undefined];
  switch (i.op) {
    case 'ldadd': case 'ldsub': case 'ldmul': case 'lddiv': {
      const ma = at(lw, a);
      const mb = at(lw, b!);
      const md = at(lw, dst);
      lw.emit('fldt', 8, [ma]);
      lw.emit('fldt', 8, [mb]);
      lw.emit(STACK_OP[i.op]!, 8, []);
      lw.emit('fstpt', 8, [md]);
      return;
    }
    case 'ldneg': {
      const ma = at(lw, a);
      const md = at(lw, dst);
      lw.emit('fldt', 8, [ma]);
      lw.emit('fchs', 8, []);
      lw.emit('fstpt', 8, [md]);
      return;
    }
    case 'ldext': {
      const ty = i.opTy!;
      const ms = at(lw, a);
      const md = at(lw, dst);
      lw.emit(isFloatType(ty) ? 'fld' : 'fild', exactSize(ty) as OpSize, [ms]);
      lw.emit('fstpt', 8, [md]);
      return;
    }
    case 'ldtrunc': {
      const ty = i.opTy!;
      const ms = at(lw, a);
      const md = at(lw, dst);
      lw.emit('fldt', 8, [ms]);
      lw.emit(isFloatType(ty) ? 'fstp' : 'fisttp', exactSize(ty) as OpSize, [md]);
      return;
    }
    default:
      assert(false, `'${i.op}' is not a long double operation`);
  }
}

/**
 *   ldcmp c a, b  → fld tbyte [b]; fld tbyte [a]; fucomip st, st(1); fstp st(0)
 * FUCOMIP sets ZF/PF/CF exactly as `ucomisd a, b` would (SDM vol. 2
 * "FCOMI/FUCOMI"), so the conditions are those of lower-compare.ts with
 * `<`/`<=` done as `b > a` by loading in the other order.
 */
export function emitX87Compare(lw: X64Lowering, i: Inst): FlagCond {
  let [a, b] = i.args as [Operand, Operand];
  const cond: CmpCond = i.cond!;
  if (cond === 'olt' || cond === 'ole') [a, b] = [b, a];
  const ma = at(lw, a);
  const mb = at(lw, b);
  lw.emit('fldt', 8, [mb]);
  lw.emit('fldt', 8, [ma]);
  lw.emit('fucomip', 8, []);
  lw.emit('fpop', 8, []);
  switch (cond) {
    case 'ogt': case 'olt': return { kind: 'cc', cc: CC.a };
    case 'oge': case 'ole': return { kind: 'cc', cc: CC.ae };
    case 'oeq': return { kind: 'oeq' };
    case 'une': return { kind: 'une' };
    case 'uno': return { kind: 'cc', cc: CC.p };
    case 'ord': return { kind: 'cc', cc: CC.np };
    default:
      assert(false, `ldcmp with integer condition '${cond}'`);
  }
}
