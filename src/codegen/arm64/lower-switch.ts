// Instruction selection for `switch` on AArch64: a jump table when the
// cases are dense, a tree of compares otherwise (the same choice as
// x64/lower-switch.ts).
//
// Input: a switch terminator and the A64Lowering of its function.
// Output: instructions ending the current block; jump tables are emitted
// after the function's code as 32-bit offsets relative to the table
// (position-independent, no relocations):
//   adr x, table; ldrsw y, [x, idx, lsl #2]; add x, x, y; br x
//
// Cases are compared as unsigned values of the switch's width, so one
// unsigned bounds check (`cmp idx, #span-1; b.hi default`) covers both ends.

import type { Block } from '../../ir/ir.js';
import { COND, imm, label, memIndex, reg } from './inst.js';
import { encodeAddImmediate } from './immediates.js';
import type { A64Lowering } from './lower.js';
import { exactSize, intSize } from './lower.js';
import { extendedReg } from './lower-int-arith.js';

export function lowerSwitch(lw: A64Lowering, t: Extract<Block['term'], { kind: 'switch' }>): void {
  const width = exactSize(t.ty) * 8;
  const cases = t.cases.map((c) => ({ key: BigInt.asUintN(width, c.value), target: c.target }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const defaultLabel = lw.edgeLabel(t.default);
  const caseLabels = cases.map((c) => lw.edgeLabel(c.target));
  // Narrow values zero-extended to 32 bits: unsigned compares see the value's own width.
  const v = extendedReg(lw, t.value, t.ty, false);
  const size = intSize(t.ty);
  const span = cases.length > 0 ? cases[cases.length - 1]!.key - cases[0]!.key + 1n : 0n;
  if (cases.length >= 4 && span <= BigInt(cases.length) * 3n && span < 1n << 16n) {
    const min = cases[0]!.key;
    let idx = v;
    if (min !== 0n) {
      idx = lw.temp('int');
      if (encodeAddImmediate(min) !== null) lw.emit('sub', size, [reg(idx), reg(v), imm(min)]);
      else lw.emit('sub', size, [reg(idx), reg(v), reg(lw.regOf({ kind: 'int', value: min }, size === 8 ? 'i64' : 'i32'))]);
    }
    compareWith(lw, idx, size, span - 1n);
    lw.emit('bcond', 8, [label(defaultLabel)], { cond: COND.hi });
    const targets: number[] = [];
    for (let k = 0n, c = 0; k < span; k++) {
      if (cases[c]!.key - min === k) targets.push(caseLabels[c++]!);
      else targets.push(defaultLabel);
    }
    const tableLabel = lw.addJumpTable(targets);
    // A 32-bit index was zero-extended to 64 bits by the w-register operation that produced it.
    let idx64 = idx;
    if (size === 4 && idx === v && exactSize(t.ty) === 4) {
      idx64 = lw.temp('int');
      lw.emit('mov', 4, [reg(idx64), reg(idx)]);
    }
    const base = lw.temp('int');
    const off = lw.temp('int');
    const dest = lw.temp('int');
    lw.emit('adr', 8, [reg(base), label(tableLabel)]);
    lw.emit('ldrs', 8, [reg(off), memIndex(base, idx64, 'lsl', true)], { srcSize: 4 });
    lw.emit('add', 8, [reg(dest), reg(base), reg(off)]);
    lw.emit('br', 8, [reg(dest)], { table: [...new Set(targets)] });
    return;
  }
  compareTree(lw, v, size, cases.map((c, i) => ({ key: c.key, label: caseLabels[i]! })), defaultLabel);
}

function compareWith(lw: A64Lowering, v: number, size: 4 | 8, key: bigint): void {
  if (encodeAddImmediate(key) !== null) lw.emit('cmp', size, [reg(v), imm(key)]);
  else lw.emit('cmp', size, [reg(v), reg(lw.regOf({ kind: 'int', value: key }, size === 8 ? 'i64' : 'i32'))]);
}

/**
 * Sparse cases, sorted by unsigned key: up to three are tested in a row
 * (`cmp v, #c; b.eq L`); more are split at the middle case —
 * `cmp v, #mid; b.eq Lmid; b.hi right` — so the depth is logarithmic.
 */
function compareTree(lw: A64Lowering, v: number, size: 4 | 8, cases: { key: bigint; label: number }[], defaultLabel: number): void {
  if (cases.length <= 3) {
    for (const c of cases) {
      compareWith(lw, v, size, c.key);
      lw.emit('bcond', 8, [label(c.label)], { cond: COND.eq });
    }
    lw.emit('b', 8, [label(defaultLabel)]);
    return;
  }
  const mid = cases.length >> 1;
  const rightLabel = lw.newLabel();
  compareWith(lw, v, size, cases[mid]!.key);
  lw.emit('bcond', 8, [label(cases[mid]!.label)], { cond: COND.eq });
  lw.emit('bcond', 8, [label(rightLabel)], { cond: COND.hi });
  compareTree(lw, v, size, cases.slice(0, mid), defaultLabel);
  lw.startBlock(rightLabel);
  compareTree(lw, v, size, cases.slice(mid + 1), defaultLabel);
}

