// Post-allocation legalization: instructions whose frame offset or
// immediate became known only at emission and does not fit the
// instruction's field get the value built in x16 (IP0, which AAPCS64
// §6.1.1 leaves to exactly this kind of scratch use and the allocator never
// hands out).
//
// Input: instructions over pregs with frame references resolved.
// Output: the same instructions, each replaced by a legal sequence:
//   ldr/str rt, [base, #big]       → mov x16, #big; ldr/str rt, [base, x16]
//   ldp/stp r1, r2, [base, #big]   → mov x16, #big; add x16, base, x16; ldp/stp r1, r2, [x16]
//   add/sub rd, rn, #big           → sub/add rd, rn, #-big when that fits, else
//                                    mov x16, #big; add/sub rd, rn, x16

import type { A64Inst, MemOperand } from './inst.js';
import { imm, inst, mem, reg } from './inst.js';
import { encodeAddImmediate } from './immediates.js';
import { isScaledOffset } from './encode.js';
import { intConstantInsts } from './int-constant.js';
import { X16 } from './regs.js';

function fitsLoadStore(m: MemOperand, access: number): boolean {
  if (m.index !== undefined || m.sym !== undefined) return true;
  if (m.mode !== 'offset') return m.offset >= -256 && m.offset <= 255;
  return isScaledOffset(m.offset, access) || (m.offset >= -256 && m.offset <= 255);
}

function fitsPair(m: MemOperand, size: number): boolean {
  return m.offset % size === 0 && m.offset / size >= -64 && m.offset / size <= 63;
}

export function legalize(i: A64Inst): A64Inst[] {
  const extra = i.loc === undefined ? {} : { loc: i.loc };
  switch (i.op) {
    case 'ldr': case 'str': case 'ldrs': {
      const m = i.ops[1];
      const access = i.op === 'ldrs' ? i.srcSize ?? 1 : i.size;
      if (m?.kind !== 'mem' || fitsLoadStore(m, access)) return [i];
      const indexed: MemOperand = { kind: 'mem', base: m.base, mode: 'offset', offset: 0, index: X16, extend: 'lsl', isScaled: false };
      return [...intConstantInsts(X16, BigInt(m.offset), 8, extra), { ...i, ops: [i.ops[0]!, indexed] }];
    }
    case 'ldp': case 'stp': {
      const m = i.ops[2];
      if (m?.kind !== 'mem' || m.mode !== 'offset' || fitsPair(m, i.size)) return [i];
      return [
        ...intConstantInsts(X16, BigInt(m.offset), 8, extra),
        inst('add', 8, [reg(X16), reg(m.base), reg(X16)], extra),
        { ...i, ops: [i.ops[0]!, i.ops[1]!, mem(X16, 0)] },
      ];
    }
    case 'add': case 'sub': {
      const v = i.ops[2];
      if (v?.kind !== 'imm' || encodeAddImmediate(v.value) !== null) return [i];
      if (encodeAddImmediate(-v.value) !== null) return [{ ...i, op: i.op === 'add' ? 'sub' : 'add', ops: [i.ops[0]!, i.ops[1]!, imm(-v.value)] }];
      return [...intConstantInsts(X16, v.value, 8, extra), { ...i, ops: [i.ops[0]!, i.ops[1]!, reg(X16)] }];
    }
    default:
      return [i];
  }
}

export function legalizeAll(body: readonly A64Inst[]): A64Inst[] {
  return body.flatMap(legalize);
}
