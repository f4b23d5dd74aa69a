// Instruction selection for 16-byte IR vectors (ir.ts VectorType) on SSE2:
// what the loop vectorizer (ir/passes/vectorize.ts) makes.
//
// Input: one IR instruction whose type is a vector (or a store of one)
// through the function's X64Lowering. Output: x64 instructions appended to
// the current block:
//   load / store        movups (no alignment is assumed)
//   fadd … fdiv         movaps d, a; addpd|addps … d, b (lane by lane: the
//                       scalar addsd/addss on each lane, same rounding)
//   add / sub           paddd|paddq / psubd|psubq; and/or/xor: andps/orps/xorps
//   splat               the scalar into the low lane, then pshufd (32-bit
//                       lanes) or movlhps (64-bit lanes) copies it across

import { InternalCompilerError } from '../../diagnostics.js';
import type { Inst, IrType, Operand } from '../../ir/ir.js';
import { isFloatType, laneType, type VectorType } from '../../ir/ir.js';
import type { X64Lowering } from './lower.js';
import type { X64Op } from './inst.js';
import { imm, reg } from './inst.js';

const OPS: Readonly<Record<string, Partial<Record<IrType, X64Op>>>> = {
  fadd: { f64: 'addpd', f32: 'addps' },
  fsub: { f64: 'subpd', f32: 'subps' },
  fmul: { f64: 'mulpd', f32: 'mulps' },
  fdiv: { f64: 'divpd', f32: 'divps' },
  add: { i32: 'paddd', i64: 'paddq' },
  sub: { i32: 'psubd', i64: 'psubq' },
  and: { i32: 'andps', i64: 'andps' },
  or: { i32: 'orps', i64: 'orps' },
  xor: { i32: 'xorps', i64: 'xorps' },
};

/** Lowers `i` (ty a vector type, or a store of one); d is its result vreg (-1 for a store). */
export function lowerVector(lw: X64Lowering, i: Inst, d: number, vty: VectorType): void {
  const lane = laneType(vty);
  switch (i.op) {
    case 'load':
      lw.emit('movups', 8, [reg(d), lw.addressMem(lw.plan.addresses.get(i)!)]);
      return;
    case 'store': {
      const src = vectorReg(lw, i.args[0]!);
      lw.emit('movups', 8, [lw.addressMem(lw.plan.addresses.get(i)!), reg(src)]);
      return;
    }
    case 'splat': {
      const s = i.args[0]!;
      if (isFloatType(lane)) {
        lw.materializeInto(d, s, lane);
      } else {
        const g = lw.regOf(s, lane);
        lw.emit(lane === 'i64' ? 'movq' : 'movd', 8, [reg(d), reg(g)]);
      }
      if (lane === 'f32' || lane === 'i32') lw.emit('pshufd', 8, [reg(d), reg(d), imm(0)]);
      else lw.emit('movlhps', 8, [reg(d), reg(d)]);
      return;
    }
    default: {
      const op = OPS[i.op]?.[lane];
      if (op === undefined) throw new InternalCompilerError(`no SSE2 selection for '${i.op}' on ${vty}`, i.loc ?? null);
      const a = vectorReg(lw, i.args[0]!), b = vectorReg(lw, i.args[1]!);
      lw.emit('movaps', 8, [reg(d), reg(a)]);
      lw.emit(op, 8, [reg(d), reg(b)]);
    }
  }
}

/** A vector operand's vreg: vectors are never constants (verify.ts). */
function vectorReg(lw: X64Lowering, o: Operand): number {
  if (o.kind !== 'value') throw new InternalCompilerError('a vector operand that is not a value');
  return lw.vreg(o.id);
}
