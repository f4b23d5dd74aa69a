// Instruction selection for 16-byte IR vectors (ir.ts VectorType) on
// Advanced SIMD (NEON): what the loop vectorizer (ir/passes/vectorize.ts)
// makes.
//
// Input: one IR instruction whose type is a vector (or a store of one)
// through the function's A64Lowering. Output: A64 instructions appended to
// the current block:
//   load / store        ldr / str qN (no alignment is assumed)
//   fadd … fdiv         fadd vD.2d|4s, vA, vB … (lane by lane: the scalar
//                       operation on each lane, same rounding)
//   add / sub           add / sub vD.4s|2d; and/or/xor: and/orr/eor .16b
//   splat               the scalar into a general register, then dup
// Where the function allows contraction, the scalar loop's fadd/fsub of a
// single-use fmul is one fused fmadd/fmsub/fnmsub (lower.ts); the vector
// loop must round the same way, so the same pattern becomes fmla / fmls
// (fnmsub: n·m − a as fmla onto −a), rounded once per lane.

import { InternalCompilerError } from '../../diagnostics.js';
import type { Inst, Operand } from '../../ir/ir.js';
import { isFloatType, laneType, type VectorType } from '../../ir/ir.js';
import type { A64Lowering } from './lower.js';
import type { A64Op, Arrangement } from './inst.js';
import { reg } from './inst.js';

const INT_OPS: Readonly<Record<string, A64Op>> = { add: 'add', sub: 'sub', and: 'and', or: 'orr', xor: 'eor' };

/** Lowers `i` (ty a vector type, or a store of one); d is its result vreg (-1 for a store). */
export function lowerVector(lw: A64Lowering, i: Inst, d: number, vty: VectorType): void {
  const lane = laneType(vty);
  const arr: Arrangement = lane === 'f64' || lane === 'i64' ? '2d' : '4s';
  switch (i.op) {
    case 'load':
      lw.emit('ldr', 16, [reg(d), lw.addressMem(lw.plan.addresses.get(i)!, 16)]);
      return;
    case 'store':
      lw.emit('str', 16, [reg(vectorReg(lw, i.args[0]!)), lw.addressMem(lw.plan.addresses.get(i)!, 16)]);
      return;
    case 'splat': {
      const size = lane === 'f64' || lane === 'i64' ? 8 : 4;
      let g: number;
      if (isFloatType(lane)) {
        g = lw.temp('int');
        lw.emit('fmov', size, [reg(g), reg(lw.regOf(i.args[0]!, lane))]);
      } else {
        g = lw.regOf(i.args[0]!, lane);
      }
      lw.emit('dup', 16, [reg(d), reg(g)], { arrangement: arr });
      return;
    }
    case 'fadd': case 'fsub': case 'fmul': case 'fdiv': {
      if (lw.contractedMuls.has(i)) return;
      const c = lw.contractions.get(i);
      if (c !== undefined) {
        const [x, y] = c.mul.args as [Operand, Operand];
        const other = vectorReg(lw, i.args[1 - c.index]!);
        const nx = vectorReg(lw, x), ny = vectorReg(lw, y);
        if (i.op === 'fsub' && c.index === 0) {
          // n·m − a, rounded once: −a + n·m.
          lw.emit('fneg', 16, [reg(d), reg(other)], { arrangement: arr });
          lw.emit('fmla', 16, [reg(d), reg(nx), reg(ny)], { arrangement: arr });
          return;
        }
        lw.emit('orr', 16, [reg(d), reg(other), reg(other)], { arrangement: '16b' });
        lw.emit(i.op === 'fadd' ? 'fmla' : 'fmls', 16, [reg(d), reg(nx), reg(ny)], { arrangement: arr });
        return;
      }
      lw.emit(i.op, 16, [reg(d), reg(vectorReg(lw, i.args[0]!)), reg(vectorReg(lw, i.args[1]!))], { arrangement: arr });
      return;
    }
    default: {
      const op = INT_OPS[i.op];
      if (op === undefined) throw new InternalCompilerError(`no NEON selection for '${i.op}' on ${vty}`, i.loc ?? null);
      const isBitwise = op === 'and' || op === 'orr' || op === 'eor';
      lw.emit(op, 16, [reg(d), reg(vectorReg(lw, i.args[0]!)), reg(vectorReg(lw, i.args[1]!))], { arrangement: isBitwise ? '16b' : arr });
    }
  }
}

/** A vector operand's vreg: vectors are never constants (verify.ts). */
function vectorReg(lw: A64Lowering, o: Operand): number {
  if (o.kind !== 'value') throw new InternalCompilerError('a vector operand that is not a value');
  return lw.vreg(o.id);
}
