// Instruction selection for conversions on AArch64 (sext zext trunc sitofp
// uitofp fptosi fptoui fpext fptrunc ptrtoint inttoptr bitcast).
//
// Input: a conversion IR instruction, its destination vreg and operand.
// Output: A64 instructions: sxtb/sxth/sxtw and uxtb/uxth/`mov wD, wS` for
// extensions; a plain copy where the bits stay (trunc, ptrtoint, bitcast
// within a register file); scvtf/ucvtf and fcvtzs/fcvtzu (which round
// toward zero, as C's conversions to integer do, C11 6.3.1.4p1) between
// integers and floats; fcvt between float widths; fmov across files.

import type { Inst, IrType, Operand } from '../../ir/ir.js';
import { isFloatType } from '../../ir/ir.js';
import type { A64Inst } from './inst.js';
import { reg } from './inst.js';
import type { A64Lowering } from './lower.js';
import { exactSize, intSize } from './lower.js';
import { extendedReg, isKnownZeroExtended } from './lower-int-arith.js';

function extend(lw: A64Lowering, isSigned: boolean, d: number, a: Operand, from: IrType, to: IrType): void {
  const fromSize = exactSize(from);
  if (fromSize >= exactSize(to)) {
    lw.materializeInto(d, a, from);
    return;
  }
  if (a.kind === 'int') {
    const bits = fromSize * 8;
    lw.materializeInto(d, { kind: 'int', value: isSigned ? BigInt.asIntN(bits, a.value) : BigInt.asUintN(bits, a.value) }, to);
    return;
  }
  const r = lw.regOf(a, from);
  const toSize = intSize(to);
  if (fromSize === 4) {
    // i32 → i64: sxtw xD, wS | mov wD, wS (a 32-bit move clears the upper half)
    if (isSigned) lw.emit('sxtw', 8, [reg(d), reg(r)]);
    else lw.emit('mov', 4, [reg(d), reg(r)]);
    return;
  }
  const op: A64Inst['op'] = isSigned ? (fromSize === 1 ? 'sxtb' : 'sxth') : fromSize === 1 ? 'uxtb' : 'uxth';
  // uxtb/uxth exist only at 32 bits, which zero the upper half anyway.
  lw.emit(op, isSigned ? toSize : 4, [reg(d), reg(r)]);
}

export function lowerConvert(lw: A64Lowering, i: Inst, d: number, a: Operand): void {
  const from = i.opTy!;
  const to = i.ty!;
  switch (i.op) {
    case 'sext': return extend(lw, true, d, a, from, to);
    case 'zext':
      // Already zero-extended: narrow loads and compare results.
      if (a.kind === 'value' && isKnownZeroExtended(lw, a.id, from)) lw.materializeInto(d, a, 'i64');
      else extend(lw, false, d, a, from, to);
      return;
    case 'trunc': case 'ptrtoint':
      lw.materializeInto(d, a, from);
      return;
    case 'inttoptr':
      if (exactSize(from) === 8) lw.materializeInto(d, a, from);
      else extend(lw, false, d, a, from, 'i64');
      return;
    case 'bitcast':
      if (isFloatType(from) === isFloatType(to)) lw.materializeInto(d, a, from);
      else lw.emit('fmov', exactSize(to) === 8 ? 8 : 4, [reg(d), reg(lw.regOf(a, from))]);
      return;
    case 'sitofp': case 'uitofp': {
      // d = sitofp i32 a → scvtf sD|dD, wA (narrow sources extended to 32 bits first)
      const src = extendedReg(lw, a, from, i.op === 'sitofp');
      lw.emit(i.op === 'sitofp' ? 'scvtf' : 'ucvtf', exactSize(to) as 4 | 8, [reg(d), reg(src)], { srcSize: intSize(from) });
      return;
    }
    case 'fptosi': case 'fptoui':
      // d = fptosi f64 a → fcvtzs wD|xD, dA
      lw.emit(i.op === 'fptosi' ? 'fcvtzs' : 'fcvtzu', intSize(to), [reg(d), reg(lw.regOf(a, from))], { srcSize: exactSize(from) as 4 | 8 });
      return;
    case 'fpext': case 'fptrunc':
      lw.emit('fcvt', exactSize(to) as 4 | 8, [reg(d), reg(lw.regOf(a, from))], { srcSize: exactSize(from) as 4 | 8 });
      return;
    default:
      throw new Error(`not a conversion: ${i.op}`);
  }
}
