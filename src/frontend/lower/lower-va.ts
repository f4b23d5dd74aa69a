// Variadic functions: va_start, va_arg, va_copy, va_end (C11 7.16) over the
// SysV AMD64 va_list (psABI §3.5.7):
//
//   typedef struct { unsigned gp_offset;        // +0: next rdi…r9 slot, 0..48
//                    unsigned fp_offset;        // +4: next xmm slot, 48..176
//                    void *overflow_arg_area;   // +8: next stack argument
//                    void *reg_save_area; }     // +16: rdi…r9, then xmm0–7 (16 bytes each)
//           va_list[1];
//
// Input: a typed `vaBuiltin` expression. Output: IR. va_start is the IR
// `vastart` op (the backend owns the register save area and knows how many
// registers the named parameters used); va_arg is the ABI's algorithm in
// plain IR loads, compares and branches; va_copy copies the 24 bytes;
// va_end does nothing.
//
// Invariant: va_arg of an aggregate yields the address of its bytes (the
// lowering's representation of aggregate values): the overflow area itself
// for stack-passed values, a padded temporary gathered from the register
// save area otherwise.

import { unreachable } from '../../diagnostics.js';
import { intOperand, type AbiClass, type IrType, type Operand } from '../../ir/ir.js';
import { alignOf, sizeOf, type CType } from '../sema/types.js';
import type { TExpr } from '../sema/typed.js';
import { classifyAggregate } from './abi-classify.js';
import { lowerEffect, lowerValue } from './lower-expr.js';
import { paddedSize, type FnLowerer } from './lower-function.js';
import { addIndex, addOffset, copyBytes } from './lower-memory.js';
import { irTypeOf } from './ir-types.js';

const GP_OFFSET = 0;
const FP_OFFSET = 4;
const OVERFLOW_ARG_AREA = 8;
const REG_SAVE_AREA = 16;
/** Bytes of general-purpose registers in the save area (6 × 8). */
const GP_BYTES = 48;
/** End of the vector register part of the save area (48 + 8 × 16). */
const FP_END = 176;
const VA_LIST_BYTES = 24;

const UNUSED: Operand = { kind: 'int', value: 0n };

export function lowerVaBuiltin(fl: FnLowerer, e: Extract<TExpr, { kind: 'vaBuiltin' }>): Operand {
  switch (e.name) {
    case 'start': {
      const ap = lowerValue(fl, e.args[0]!);
      lowerEffect(fl, e.args[1]!);
      fl.b.emit({ op: 'vastart', result: null, ty: null, args: [ap] });
      return UNUSED;
    }
    case 'end':
      lowerEffect(fl, e.args[0]!);
      return UNUSED;
    case 'copy': {
      const dst = lowerValue(fl, e.args[0]!);
      const src = lowerValue(fl, e.args[1]!);
      copyBytes(fl, dst, src, VA_LIST_BYTES);
      return UNUSED;
    }
    case 'arg':
      return lowerVaArg(fl, lowerValue(fl, e.args[0]!), e.type);
    default: return unreachable(e.name, 'va builtin');
  }
}

/** §3.5.7 "The va_arg Macro": registers while the save area has room for the whole value, else the overflow area. */
function lowerVaArg(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const b = fl.b;
  const scalar = irTypeOf(t);
  // long double (class X87) always comes from the overflow area, 16-byte aligned (§3.5.7).
  if (t.kind === 'float' && t.name === 'ldouble') return overflowAddress(fl, ap, t);
  let classes: readonly AbiClass[];
  if (scalar !== null) {
    classes = [scalar === 'f32' || scalar === 'f64' ? 'sse' : 'int'];
  } else {
    const c = classifyAggregate(t);
    if (c.kind !== 'regs') return fromOverflow(fl, ap, t);
    classes = c.classes;
  }
  const needInt = classes.filter((c) => c === 'int').length;
  // An SSEUP eightbyte is the upper half of the previous SSE register's 16-byte save slot.
  const needSse = classes.filter((c) => c === 'sse').length;
  const gp = b.load('i32', addOffset(fl, ap, GP_OFFSET));
  const fp = b.load('i32', addOffset(fl, ap, FP_OFFSET));
  let fits: Operand | null = null;
  if (needInt > 0) fits = b.compare('icmp', 'ule', 'i32', gp, intOperand(GP_BYTES - 8 * needInt));
  if (needSse > 0) {
    const fpFits = b.compare('icmp', 'ule', 'i32', fp, intOperand(FP_END - 16 * needSse));
    fits = fits === null ? fpFits : b.binary('and', 'i32', fits, fpFits);
  }
  const inRegs = b.newBlock();
  const onStack = b.newBlock();
  const join = b.newBlock();
  const addr = b.addParam(join, 'ptr');
  b.br(fits!, inRegs, onStack);

  b.setBlock(inRegs);
  const rsa = b.load('ptr', addOffset(fl, ap, REG_SAVE_AREA));
  const at = (off: Operand) => addIndex(fl, rsa, b.convert('zext', 'i64', 'i32', off));
  let regAddr: Operand;
  if (scalar !== null) {
    regAddr = at(needInt > 0 ? gp : fp);
  } else {
    // The eightbytes sit apart (general and vector parts): gather them.
    regAddr = b.slot(paddedSize(t), Math.max(8, alignOf(t)));
    let ints = 0;
    let sses = 0;
    classes.forEach((c, k) => {
      const ty: IrType = c === 'int' ? 'i64' : 'f64';
      const src = c === 'int'
        ? addOffset(fl, at(gp), 8 * ints++)
        : c === 'sseup' ? addOffset(fl, at(fp), 16 * (sses - 1) + 8)
        : addOffset(fl, at(fp), 16 * sses++);
      b.store(ty, b.load(ty, src), addOffset(fl, regAddr, 8 * k));
    });
  }
  if (needInt > 0) b.store('i32', b.binary('add', 'i32', gp, intOperand(8 * needInt)), addOffset(fl, ap, GP_OFFSET));
  if (needSse > 0) b.store('i32', b.binary('add', 'i32', fp, intOperand(16 * needSse)), addOffset(fl, ap, FP_OFFSET));
  b.jmp(join, [regAddr]);

  b.setBlock(onStack);
  b.jmp(join, [overflowAddress(fl, ap, t)]);

  b.setBlock(join);
  const result: Operand = { kind: 'value', id: addr };
  return scalar !== null ? b.load(scalar, result) : result;
}

/** A value passed on the stack: its address in the overflow area. */
function fromOverflow(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const a = overflowAddress(fl, ap, t);
  const scalar = irTypeOf(t);
  return scalar !== null ? fl.b.load(scalar, a) : a;
}

/** overflow_arg_area, aligned to 16 for types aligned beyond 8, then advanced past the value's eightbytes. */
function overflowAddress(fl: FnLowerer, ap: Operand, t: CType): Operand {
  const b = fl.b;
  const slot = addOffset(fl, ap, OVERFLOW_ARG_AREA);
  let area = b.load('ptr', slot);
  if (alignOf(t) > 8) {
    const raw = b.convert('ptrtoint', 'i64', 'ptr', area);
    const rounded = b.binary('and', 'i64', b.binary('add', 'i64', raw, intOperand(15)), intOperand(-16));
    area = b.convert('inttoptr', 'ptr', 'i64', rounded);
  }
  b.store('ptr', addOffset(fl, area, Math.ceil(sizeOf(t) / 8) * 8), slot);
  return area;
}
