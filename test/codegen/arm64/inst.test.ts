// What the register allocator sees of A64 instructions: operand roles
// through `a64InstInfo.operands`, copies, branch targets and terminators.

import test from 'ava';
import { FIRST_VREG } from '../../../src/codegen/core/mach.js';
import type { A64Inst } from '../../../src/codegen/arm64/inst.js';
import { a64InstInfo, COND, imm, inst, label, lane, mem, memIndex, reg, shifted, zr } from '../../../src/codegen/arm64/inst.js';
import { CALLER_SAVED, a64Registers, LR, SP, X0, X1, X2, vreg } from '../../../src/codegen/arm64/regs.js';

const V = (n: number): number => FIRST_VREG + n;

function roles(i: A64Inst): string[] {
  const out: string[] = [];
  a64InstInfo.operands(i, {
    use: (r) => out.push(`use ${r}`),
    def: (r) => out.push(`def ${r}`),
    useDef: (r) => out.push(`usedef ${r}`),
    clobber: (r) => out.push(`clobber ${r}`),
  });
  return out;
}

test('roles: defs, uses, read-modify-write and writeback', (t) => {
  t.deepEqual(roles(inst('add', 8, [reg(V(0)), reg(V(1)), shifted(V(2), 'lsl', 3)])), [`def ${V(0)}`, `use ${V(1)}`, `use ${V(2)}`]);
  t.deepEqual(roles(inst('movk', 8, [reg(V(0)), imm(1), imm(16)])), [`usedef ${V(0)}`]);
  t.deepEqual(roles(inst('str', 8, [reg(V(0)), memIndex(V(1), V(2))])), [`use ${V(0)}`, `use ${V(1)}`, `use ${V(2)}`]);
  t.deepEqual(roles(inst('ldr', 8, [reg(V(0)), mem(V(1), 8, 'post')])), [`def ${V(0)}`, `usedef ${V(1)}`]);
  t.deepEqual(roles(inst('cmp', 8, [reg(V(0)), imm(3)])), [`use ${V(0)}`]);
  t.deepEqual(roles(inst('csel', 4, [reg(V(0)), reg(V(1)), zr()], { cond: COND.eq })), [`def ${V(0)}`, `use ${V(1)}`]);
  t.deepEqual(roles(inst('ins', 8, [lane(V(3), 1), reg(V(4))])), [`usedef ${V(3)}`, `use ${V(4)}`]);
  // x29 and sp are the frame's own registers, untracked (only x30 is reported).
  t.deepEqual(roles(inst('stp', 8, [reg(29), reg(LR), mem(SP, -16, 'pre')])), [`use ${LR}`]);
  t.deepEqual(roles(inst('bl', 8, [{ kind: 'sym', name: 'f', addend: 0 }], { implicitUses: [X0], implicitDefs: [X0], clobbers: [X1] })),
    [`use ${X0}`, `def ${X0}`, `clobber ${X1}`]);
});

test('copies, branch targets and terminators', (t) => {
  t.deepEqual(a64InstInfo.copyOf(inst('mov', 8, [reg(V(0)), reg(V(1))])), [V(0), V(1)]);
  t.is(a64InstInfo.copyOf(inst('mov', 4, [reg(V(0)), reg(V(1))])), null, 'a 32-bit mov zero-extends');
  t.is(a64InstInfo.copyOf(inst('mov', 8, [reg(X0), reg(SP)])), null);
  t.deepEqual(a64InstInfo.copyOf(inst('fmov', 8, [reg(vreg(1)), reg(vreg(2))])), [vreg(1), vreg(2)]);
  t.deepEqual(a64InstInfo.branchTargets(inst('tbz', 4, [reg(X0), imm(3), label(7)])), [7]);
  t.deepEqual(a64InstInfo.branchTargets(inst('bcond', 8, [label(2)], { cond: COND.lt })), [2]);
  t.deepEqual(a64InstInfo.branchTargets(inst('bl', 8, [label(2)])), []);
  t.true(a64InstInfo.isTerminal(inst('ret', 8, [])));
  t.false(a64InstInfo.isTerminal(inst('cbz', 8, [reg(X2), label(1)])));
});

test('the register file follows AAPCS64', (t) => {
  t.false(a64Registers.allocatable.int.includes(16) || a64Registers.allocatable.int.includes(17) || a64Registers.allocatable.int.includes(18));
  t.false(a64Registers.allocatable.int.includes(29) || a64Registers.allocatable.int.includes(SP));
  t.true(a64Registers.calleeSaved.has(19) && a64Registers.calleeSaved.has(28) && a64Registers.calleeSaved.has(vreg(8)));
  t.false(a64Registers.calleeSaved.has(vreg(16)));
  t.true(CALLER_SAVED.includes(LR) && CALLER_SAVED.includes(vreg(31)));
  t.is(a64Registers.regName(vreg(5)), 'd5');
  t.is(a64Registers.regName(SP), 'sp');
});
