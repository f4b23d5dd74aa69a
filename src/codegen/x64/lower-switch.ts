// Instruction selection for `switch`: a jump table when the cases are
// dense, a chain of compares otherwise.
//
// Input: a switch terminator and the X64Lowering of its function.
// Output: machine instructions ending the current block; jump tables are
// registered with the lowering and emitted after the function's code as
// 32-bit offsets relative to the table (position-independent, no relocs).
//
// Cases are compared as unsigned values of the switch's width, so a single
// unsigned bounds check (`cmp idx, span-1; ja default`) covers both ends.

import type { Block, IrType } from '../../ir/ir.js';
import { fitsInt32, imm, label, mem, reg } from './inst.js';
import type { X64Lowering } from './lower.js';
import { exactSize, intSize } from './lower.js';

/**
 *   switch v, default D, c1: L1, …
 * Dense (≥ 4 cases, span ≤ 3 × count): bounds check and a jump table of
 * 32-bit offsets relative to the table (position-independent, no relocs);
 * sparse: a binary tree of compares (see compareTree).
 */
export function lowerSwitch(lw: X64Lowering, t: Extract<Block['term'], { kind: 'switch' }>): void {
  const width = BigInt(exactSize(t.ty) * 8);
  const cases = t.cases.map((c) => ({ key: BigInt.asUintN(Number(width), c.value), target: c.target }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const defaultLabel = lw.edgeLabel(t.default);
  const caseLabels = cases.map((c) => lw.edgeLabel(c.target));
  const v = lw.regOf(t.value, t.ty);
  const size = intSize(t.ty);
  const span = cases.length > 0 ? cases[cases.length - 1]!.key - cases[0]!.key + 1n : 0n;
  if (cases.length >= 4 && span <= BigInt(cases.length) * 3n && span < 1n << 16n) {
    // Zero-extend narrow values so the bounds check is one unsigned compare.
    const idx = lw.temp('int');
    if (t.ty === 'i8' || t.ty === 'i16') lw.emit('movzx', 4, [reg(idx), reg(v)], { srcSize: exactSize(t.ty) });
    else lw.emit('mov', size, [reg(idx), reg(v)]);
    const min = cases[0]!.key;
    if (min !== 0n) {
      const m = BigInt.asIntN(size * 8, min);
      if (fitsInt32(m)) lw.emit('sub', size, [reg(idx), imm(m)]);
      else lw.emit('sub', size, [reg(idx), reg(lw.regOf({ kind: 'int', value: m }, 'i64'))]);
    }
    lw.emit('cmp', size, [reg(idx), imm(span - 1n)]);
    lw.emit('jcc', 8, [label(defaultLabel)], { cc: 7 }); // ja: above the span, unsigned
    const targets: number[] = [];
    for (let k = 0n, c = 0; k < span; k++) {
      if (cases[c]!.key - min === k) targets.push(caseLabels[c++]!);
      else targets.push(defaultLabel);
    }
    const tableLabel = lw.addJumpTable(targets);
    const base = lw.temp('int');
    const off = lw.temp('int');
    lw.emit('lea', 8, [reg(base), { ...mem(null, 0), label: tableLabel }]);
    lw.emit('movsxd', 8, [reg(off), mem(base, 0, idx, 4)]);
    lw.emit('add', 8, [reg(off), reg(base)]);
    lw.emit('jmp', 8, [reg(off)], { table: [...new Set(targets)] });
    return;
  }
  compareTree(lw, v, t.ty, cases.map((c, i) => ({ key: c.key, label: caseLabels[i]! })), defaultLabel);
}

/**
 * Sparse cases, sorted by unsigned key: up to three are tested in a row
 * (`cmp v, c; je L`); more are split at the middle case —
 * `cmp v, mid; je Lmid; ja right` — so the depth is logarithmic as in gcc.
 */
function compareTree(lw: X64Lowering, v: number, ty: IrType, cases: { key: bigint; label: number }[], defaultLabel: number): void {
  const width = exactSize(ty) * 8;
  const compareWith = (key: bigint): void => {
    const k = BigInt.asIntN(width, key);
    if (fitsInt32(k)) lw.emit('cmp', exactSize(ty), [reg(v), imm(k)]);
    else lw.emit('cmp', 8, [reg(v), reg(lw.regOf({ kind: 'int', value: k }, 'i64'))]);
  };
  if (cases.length <= 3) {
    for (const c of cases) {
      compareWith(c.key);
      lw.emit('jcc', 8, [label(c.label)], { cc: 4 }); // je
    }
    lw.emit('jmp', 8, [label(defaultLabel)]);
    return;
  }
  const mid = cases.length >> 1;
  const rightLabel = lw.newLabel();
  compareWith(cases[mid]!.key);
  lw.emit('jcc', 8, [label(cases[mid]!.label)], { cc: 4 }); // je
  lw.emit('jcc', 8, [label(rightLabel)], { cc: 7 }); // ja: unsigned above
  compareTree(lw, v, ty, cases.slice(0, mid), defaultLabel);
  lw.startBlock(rightLabel);
  compareTree(lw, v, ty, cases.slice(mid + 1), defaultLabel);
}
