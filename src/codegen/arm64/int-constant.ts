// Integer constants into a general register, in as few instructions as the
// value allows (as gcc chooses them):
//   0                           mov xd, xzr
//   one halfword (or its NOT)   movz / movn
//   a logical immediate         orr xd, xzr, #v  (GNU as: mov xd, #v; C6.2.192)
//   mostly 0x0000 halfwords     movz then movk for each other non-zero halfword
//   mostly 0xffff halfwords     movn then movk for each other non-0xffff halfword
//
// Input: a destination register (vreg or preg), the value, the width.
// Output: the instructions (over that register).

import type { A64Inst } from './inst.js';
import { imm, inst, reg, zr } from './inst.js';
import { isBitmaskImmediate } from './immediates.js';

export function intConstantInsts(dst: number, value: bigint, size: 4 | 8, extra: Partial<A64Inst> = {}): A64Inst[] {
  const bits = size * 8;
  const v = BigInt.asUintN(bits, value);
  if (v === 0n) return [inst('mov', size, [reg(dst), zr()], extra)];
  const halves = Array.from({ length: bits / 16 }, (_, k) => Number((v >> BigInt(16 * k)) & 0xffffn));
  const zeros = halves.filter((h) => h === 0).length;
  const ones = halves.filter((h) => h === 0xffff).length;
  const isInverted = ones > zeros;
  const skip = isInverted ? 0xffff : 0;
  const out: A64Inst[] = [];
  halves.forEach((h, k) => {
    if (h === skip) return;
    if (out.length === 0) {
      out.push(inst(isInverted ? 'movn' : 'movz', size, [reg(dst), imm(isInverted ? h ^ 0xffff : h), imm(16 * k)], extra));
    } else {
      out.push(inst('movk', size, [reg(dst), imm(h), imm(16 * k)], extra));
    }
  });
  // Every halfword equal to `skip`: all ones (movn #0).
  if (out.length === 0) out.push(inst('movn', size, [reg(dst), imm(0), imm(0)], extra));
  // One movz/movn is as short as it gets; else a logical immediate beats a movk chain.
  if (out.length > 1 && isBitmaskImmediate(v, size)) return [inst('orr', size, [reg(dst), zr(), imm(v)], extra)];
  return out;
}
