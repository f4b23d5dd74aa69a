// Instruction selection for conversions (sext zext trunc sitofp uitofp
// fptosi fptoui fpext fptrunc ptrtoint inttoptr bitcast).
//
// Input: one conversion Inst, its result vreg and source operand.
// Output: machine instructions appended by the X64Lowering.
//
// x86-64 has only signed integer ↔ float conversions (cvtsi2sd, cvttsd2si),
// so the unsigned 64-bit cases are built from them without branches:
//   u64 → f64: for x ≥ 2^63 convert (x >> 1) | (x & 1) — the low bit kept as
//              a sticky bit so rounding is still correct — and double it.
//   f64 → u64: t1 = cvt(x), t2 = cvt(x − 2^63); t1 is 0x8000…0 exactly when
//              x ≥ 2^63, so (t1 >> 63 arithmetic) masks in t2: t1 | (t2 & mask).

import type { Inst, IrType, Operand } from '../../ir/ir.js';
import { isFloatType } from '../../ir/ir.js';
import type { X64Op } from './inst.js';
import { CC, imm, reg } from './inst.js';
import type { X64Lowering } from './lower.js';
import { exactSize, intSize } from './lower.js';

export function lowerConvert(lw: X64Lowering, i: Inst, d: number, a: Operand): void {
  const from = i.opTy!;
  const to = i.ty!;
  switch (i.op) {
    case 'sext': return extend(lw, 'movsx', d, a, from, to);
    case 'zext':
      // Already zero-extended: narrow loads (movzx) and compare results (0/1).
      if (a.kind === 'value' && isKnownZeroExtended(lw, a.id, from)) lw.materializeInto(d, a, 'i64');
      else extend(lw, 'movzx', d, a, from, to);
      return;
    case 'trunc': case 'ptrtoint':
      lw.materializeInto(d, a, from);
      return;
    case 'inttoptr':
      if (from === 'i64' || from === 'ptr') lw.materializeInto(d, a, from);
      else extend(lw, 'movzx', d, a, from, 'i64');
      return;
    case 'bitcast':
      if (isFloatType(from) === isFloatType(to)) lw.materializeInto(d, a, from);
      else lw.emit(exactSize(to) === 8 ? 'movq' : 'movd', 8, [reg(d), reg(lw.regOf(a, from))]);
      return;
    case 'sitofp': {
      // d = sitofp i32 a → cvtsi2sd d, a (i8/i16 sign-extended to 32 first)
      const [src, srcSize] = widenInt(lw, a, from, true);
      lw.emit(to === 'f32' ? 'cvtsi2ss' : 'cvtsi2sd', 8, [reg(d), reg(src)], { srcSize });
      return;
    }
    case 'uitofp': return unsignedToFloat(lw, d, a, from, to);
    case 'fptosi':
      // d = fptosi a → cvttsd2si d, a (truncating, as C requires)
      lw.emit(from === 'f32' ? 'cvttss2si' : 'cvttsd2si', intSize(to), [reg(d), reg(lw.regOf(a, from))]);
      return;
    case 'fptoui': return floatToUnsigned(lw, d, a, from, to);
    case 'fpext':
      lw.emit('cvtss2sd', 8, [reg(d), reg(lw.regOf(a, from))]);
      return;
    case 'fptrunc':
      lw.emit('cvtsd2ss', 8, [reg(d), reg(lw.regOf(a, from))]);
      return;
    default:
      throw new Error(`not a conversion: ${i.op}`);
  }
}

/** True if value `id` of type `from` is known to have all upper register bits zero. */
function isKnownZeroExtended(lw: X64Lowering, id: number, from: IrType): boolean {
  const def = lw.plan.defs.get(id);
  if (!def || lw.plan.skipped.has(def) || lw.plan.fusedCompares.has(id)) return false;
  if (def.op === 'load') return (from === 'i8' || from === 'i16' || from === 'i32') && def.ty === from;
  return def.op === 'icmp' || def.op === 'fcmp';
}

/** d = sext/zext a: movsx/movzx from i8/i16, movsxd / 32-bit mov from i32. */
function extend(lw: X64Lowering, op: 'movsx' | 'movzx', d: number, a: Operand, from: IrType, to: IrType): void {
  const src = lw.regOf(a, from);
  if (from === 'i8' || from === 'i16') {
    lw.emit(op, op === 'movsx' ? intSize(to) : 4, [reg(d), reg(src)], { srcSize: exactSize(from) });
  } else if (from === 'i32' && intSize(to) === 8) {
    // movsxd sign-extends; a 32-bit mov zero-extends (SDM vol. 1 §3.4.1.1).
    if (op === 'movsx') lw.emit('movsxd', 8, [reg(d), reg(src)]);
    else lw.emit('mov', 4, [reg(d), reg(src)]);
  } else {
    lw.emit('mov', 8, [reg(d), reg(src)]);
  }
}

/** The integer operand in a register of at least 32 significant bits, and that width. */
function widenInt(lw: X64Lowering, a: Operand, from: IrType, isSigned: boolean): [number, 4 | 8] {
  const src = lw.regOf(a, from);
  if (from !== 'i8' && from !== 'i16') return [src, intSize(from)];
  const t = lw.temp('int');
  lw.emit(isSigned ? 'movsx' : 'movzx', 4, [reg(t), reg(src)], { srcSize: exactSize(from) });
  return [t, 4];
}

function unsignedToFloat(lw: X64Lowering, d: number, a: Operand, from: IrType, to: IrType): void {
  const cvt: X64Op = to === 'f32' ? 'cvtsi2ss' : 'cvtsi2sd';
  if (from !== 'i64' && from !== 'ptr') {
    // Zero-extended to 64 bits, every u8/u16/u32 is a non-negative i64.
    const src = lw.regOf(a, from);
    const t = lw.temp('int');
    if (from === 'i32') lw.emit('mov', 4, [reg(t), reg(src)]);
    else lw.emit('movzx', 4, [reg(t), reg(src)], { srcSize: exactSize(from) });
    lw.emit(cvt, 8, [reg(d), reg(t)], { srcSize: 8 });
    return;
  }
  const x = lw.regOf(a, from);
  const half = lw.temp('int');
  const low = lw.temp('int');
  lw.emit('mov', 8, [reg(half), reg(x)]);
  lw.emit('shr', 8, [reg(half), imm(1)]);
  lw.emit('mov', 8, [reg(low), reg(x)]);
  lw.emit('and', 8, [reg(low), imm(1)]);
  lw.emit('or', 8, [reg(half), reg(low)]);
  const src = lw.temp('int');
  lw.emit('mov', 8, [reg(src), reg(x)]);
  lw.emit('test', 8, [reg(src), reg(src)]);
  lw.emit('cmovcc', 8, [reg(src), reg(half)], { cc: CC.s });
  lw.emit(cvt, 8, [reg(d), reg(src)], { srcSize: 8 });
  // factor = 1.0 + (x >> 63): exact, so d * factor doubles only the halved case.
  const top = lw.temp('int');
  lw.emit('mov', 8, [reg(top), reg(x)]);
  lw.emit('shr', 8, [reg(top), imm(63)]);
  const factor = lw.temp('float');
  lw.emit(cvt, 8, [reg(factor), reg(top)], { srcSize: 8 });
  lw.emit(to === 'f32' ? 'addss' : 'addsd', 8, [reg(factor), lw.floatConst(1, to)]);
  lw.emit(to === 'f32' ? 'mulss' : 'mulsd', 8, [reg(d), reg(factor)]);
}

function floatToUnsigned(lw: X64Lowering, d: number, a: Operand, from: IrType, to: IrType): void {
  const cvt: X64Op = from === 'f32' ? 'cvttss2si' : 'cvttsd2si';
  const x = lw.regOf(a, from);
  if (to !== 'i64' && to !== 'ptr') {
    // Every u32 value is a non-negative i64: convert at 64 bits, keep the low half.
    lw.emit(cvt, to === 'i32' ? 8 : 4, [reg(d), reg(x)]);
    return;
  }
  const t1 = lw.temp('int');
  lw.emit(cvt, 8, [reg(t1), reg(x)]);
  const shifted = lw.temp('float');
  lw.emit('movaps', 8, [reg(shifted), reg(x)]);
  lw.emit(from === 'f32' ? 'subss' : 'subsd', 8, [reg(shifted), lw.floatConst(2 ** 63, from)]);
  const t2 = lw.temp('int');
  lw.emit(cvt, 8, [reg(t2), reg(shifted)]);
  const mask = lw.temp('int');
  lw.emit('mov', 8, [reg(mask), reg(t1)]);
  lw.emit('sar', 8, [reg(mask), imm(63)]);
  lw.emit('and', 8, [reg(t2), reg(mask)]);
  lw.emit('mov', 8, [reg(d), reg(t1)]);
  lw.emit('or', 8, [reg(d), reg(t2)]);
}
