// Instruction selection for integer arithmetic on AArch64.
//
// Input: an IR add/sub/mul/smulh/umulh/div/rem/logic/shift/neg/not and the A64Lowering.
// Output: A64 data-processing instructions at the type's register width
// (w for i8–i32, x for i64/ptr). Narrow operands are extended first only
// where the upper bits would change the result: division, remainder and
// right shifts of i8/i16 (lower.ts invariant).

import type { Inst, IrType, Operand } from '../../ir/ir.js';
import type { A64Inst } from './inst.js';
import { imm, reg } from './inst.js';
import { encodeAddImmediate } from './immediates.js';
import type { A64Lowering } from './lower.js';
import { exactSize, intSize, signedOfType } from './lower.js';

/**
 * Whether value `id` of type `ty` already has zeros above its width in its
 * register: a narrow load (ldrb/ldrh/ldr w zero-extend, Arm ARM C6.2.*) or
 * a compare result (cset).
 */
export function isKnownZeroExtended(lw: A64Lowering, id: number, ty: IrType): boolean {
  const def = lw.plan.defs.get(id);
  if (!def || lw.plan.skipped.has(def) || lw.plan.fusedCompares.has(id)) return false;
  if (def.op === 'load') return (ty === 'i8' || ty === 'i16' || ty === 'i32') && def.ty === ty;
  return def.op === 'icmp' || def.op === 'fcmp';
}

/** A narrow operand sign- or zero-extended to 32 bits (i32/i64 operands as they are). */
export function extendedReg(lw: A64Lowering, op: Operand, ty: IrType, isSigned: boolean): number {
  const size = exactSize(ty);
  if (op.kind === 'int') {
    const v = isSigned ? signedOfType(op.value, ty) : BigInt.asUintN(size * 8, op.value);
    return lw.regOf({ kind: 'int', value: v }, size === 8 ? 'i64' : 'i32');
  }
  const r = lw.regOf(op, ty);
  if (size >= 4 || (!isSigned && op.kind === 'value' && isKnownZeroExtended(lw, op.id, ty))) return r;
  const t = lw.temp('int');
  const op2: A64Inst['op'] = isSigned ? (size === 1 ? 'sxtb' : 'sxth') : size === 1 ? 'uxtb' : 'uxth';
  lw.emit(op2, 4, [reg(t), reg(r)]);
  return t;
}

export function lowerIntArith(lw: A64Lowering, i: Inst, d: number): void {
  const ty = i.ty!;
  const size = intSize(ty);
  const [a, b] = i.args as [Operand, Operand];
  switch (i.op) {
    case 'add': case 'sub': {
      // d = add a, #c → add|sub d, a, #|c|;  d = add a, b → add d, a, b;  d = sub 0, b → neg d, b
      let [x, y] = [a, b];
      if (i.op === 'add' && x.kind === 'int' && y.kind !== 'int') [x, y] = [y, x];
      if (i.op === 'sub' && x.kind === 'int' && signedOfType(x.value, ty) === 0n) {
        lw.emit('neg', size, [reg(d), reg(lw.regOf(y, ty))]);
        return;
      }
      const rx = lw.regOf(x, ty);
      if (y.kind === 'int') {
        const v = signedOfType(y.value, ty);
        const flip = i.op === 'add' ? 'sub' : 'add';
        if (encodeAddImmediate(v) !== null) { lw.emit(i.op, size, [reg(d), reg(rx), imm(v)]); return; }
        if (encodeAddImmediate(-v) !== null) { lw.emit(flip, size, [reg(d), reg(rx), imm(-v)]); return; }
      }
      lw.emit(i.op, size, [reg(d), reg(rx), reg(lw.regOf(y, ty))]);
      return;
    }
    case 'mul': {
      // d = mul a, 2^k+1 → add d, a, a, lsl #k (one cycle, no constant to build); else mul d, a, b
      let [x, y] = [a, b];
      if (x.kind === 'int' && y.kind !== 'int') [x, y] = [y, x];
      const c = y.kind === 'int' ? BigInt.asUintN(size * 8, y.value) - 1n : 0n;
      if (x.kind !== 'int' && c > 1n && (c & (c - 1n)) === 0n) {
        const rx = lw.regOf(x, ty);
        lw.emit('add', size, [reg(d), reg(rx), { kind: 'shifted', reg: rx, shift: 'lsl', amount: c.toString(2).length - 1 }]);
        return;
      }
      lw.emit('mul', size, [reg(d), reg(lw.regOf(x, ty)), reg(lw.regOf(y, ty))]);
      return;
    }
    case 'sdiv': case 'udiv': case 'srem': case 'urem': {
      // d = sdiv a, b → sdiv d, a, b;  d = srem a, b → sdiv q, a, b; msub d, q, b, a
      const isSigned = i.op === 'sdiv' || i.op === 'srem';
      const ra = extendedReg(lw, a, ty, isSigned);
      const rb = extendedReg(lw, b, ty, isSigned);
      const div = isSigned ? 'sdiv' : 'udiv';
      if (i.op === 'sdiv' || i.op === 'udiv') {
        lw.emit(div, size, [reg(d), reg(ra), reg(rb)]);
        return;
      }
      const q = lw.temp('int');
      lw.emit(div, size, [reg(q), reg(ra), reg(rb)]);
      lw.emit('msub', size, [reg(d), reg(q), reg(rb), reg(ra)]);
      return;
    }
    case 'and': case 'or': case 'xor': {
      // d = and a, #mask → and d, a, #mask (a logical immediate) | and d, a, b
      const op = i.op === 'and' ? 'and' : i.op === 'or' ? 'orr' : 'eor';
      let [x, y] = [a, b];
      if (x.kind === 'int' && y.kind !== 'int') [x, y] = [y, x];
      const rx = lw.regOf(x, ty);
      lw.emit(op, size, [reg(d), reg(rx), lw.logicalImmOrReg(y, ty)]);
      return;
    }
    case 'shl': case 'lshr': case 'ashr': {
      // Constant amounts: lsl #n; ubfx/sbfx for narrow right shifts (extract the bits that remain).
      const bits = exactSize(ty) * 8;
      const op = i.op === 'shl' ? 'lsl' : i.op === 'lshr' ? 'lsr' : 'asr';
      if (b.kind === 'int') {
        const n = Number(BigInt.asUintN(6, b.value)) % (size * 8);
        const ra = lw.regOf(a, ty);
        if (i.op !== 'shl' && bits < 32) {
          if (n >= bits) {
            // Shifted past the value's width (undefined in C): keep it defined as gcc's result would be.
            lw.emit(i.op === 'lshr' ? 'mov' : 'sbfx', 4, i.op === 'lshr' ? [reg(d), { kind: 'zr' }] : [reg(d), reg(ra), imm(bits - 1), imm(1)]);
            return;
          }
          lw.emit(i.op === 'lshr' ? 'ubfx' : 'sbfx', 4, [reg(d), reg(ra), imm(n), imm(bits - n)]);
          return;
        }
        lw.emit(op, size, [reg(d), reg(ra), imm(n)]);
        return;
      }
      const ra = i.op === 'shl' ? lw.regOf(a, ty) : extendedReg(lw, a, ty, i.op === 'ashr');
      lw.emit(op, size, [reg(d), reg(ra), reg(lw.regOf(b, ty))]);
      return;
    }
    case 'smulh': case 'umulh': {
      // The high half of the product at the type's width:
      //   i64:     smulh|umulh xD, xA, xB
      //   i8–i32:  operands extended to 32 bits, smull|umull xD, wA, wB (exact), then asr|lsr #width
      const isSigned = i.op === 'smulh';
      if (size === 8) {
        lw.emit(i.op, 8, [reg(d), reg(lw.regOf(a, ty)), reg(lw.regOf(b, ty))]);
        return;
      }
      const t = lw.temp('int');
      lw.emit(isSigned ? 'smull' : 'umull', 8, [reg(t), reg(extendedReg(lw, a, ty, isSigned)), reg(extendedReg(lw, b, ty, isSigned))]);
      lw.emit(isSigned ? 'asr' : 'lsr', 8, [reg(d), reg(t), imm(exactSize(ty) * 8)]);
      return;
    }
    case 'neg':
      lw.emit('neg', size, [reg(d), reg(lw.regOf(a, ty))]);
      return;
    case 'not':
      lw.emit('mvn', size, [reg(d), reg(lw.regOf(a, ty))]);
      return;
    default:
      throw new Error(`not an integer arithmetic op: ${i.op}`);
  }
}

