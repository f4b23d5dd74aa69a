// Instruction selection for an IR `asm`: operands placed per their
// constraints (gcc manual "Extended Asm", "Machine Constraints" for x86).
//
// Input: the IR instruction (ir/asm.ts). Output, in order:
//   1. inputs into their places: fixed registers (`a` → rax) by a move into
//      the preg, the way calls pin argument registers; tied inputs ("0",
//      "+r") moved into their output's register; `r` inputs stay in their
//      vregs; constants with `i`/`n`/`g` become immediates;
//   2. a pseudo asm (empty template) defining every early-clobber output and
//      clobbered register, so they are live during the asm's reads and the
//      allocator keeps inputs out of them;
//   3. the asm itself: outputs written (`w`), tied / early-clobber outputs
//      read-written (`rw`), clobbered pregs read here and clobbered after;
//   4. outputs out: the result copied to its vreg, `store` outputs stored.
// Memory operands (`m`) are `(reg)` with the address in a register.

import type { Inst, Operand } from '../../../ir/ir.js';
import { isFloatType } from '../../../ir/ir.js';
import { asmArgIndices, parseConstraint, tiedOutput } from '../../../ir/asm.js';
import { parseClobber, x64AsmDialect } from './constraints.js';
import type { ParsedConstraint } from '../../../ir/asm.js';
import type { ModuleFacts } from '../../core/driver.js';
import type { X64Operand } from '../inst.js';
import { imm, mem, reg } from '../inst.js';
import type { X64Lowering } from '../lower.js';
import { exactSize, signedOfType } from '../lower.js';
import { XMM0 } from '../regs.js';
import { regNumber } from './registers.js';
import { asmError } from './errors.js';
import type { AsmRole, MachAsmOperand } from './mach-asm.js';

/** The preg of a fixed-register constraint's 64-bit register name. */
function fixedPreg(name: string): number {
  const r = regNumber(name);
  if (r === null) throw new Error(`unknown register ${name}`);
  return r;
}

/** `%=` numbers: unique per asm instance in a module. */
const instanceCounters = new WeakMap<ModuleFacts, number>();

export function lowerAsm(lw: X64Lowering, i: Inst, d: number): void {
  const spec = i.asm!;
  const loc = i.loc;
  const argOf = asmArgIndices(spec);
  const n = spec.operands.length;
  const parsed: ParsedConstraint[] = spec.operands.map((o) => {
    const c = parseConstraint(o.constraint, x64AsmDialect);
    if (typeof c === 'string') asmError(loc, c);
    return c;
  });
  const arg = (k: number): Operand => i.args[argOf[k]!]!;
  const ops: X64Operand[] = new Array<X64Operand>(n);
  const roles: AsmRole[] = new Array<AsmRole>(n).fill('none');
  const sizes: MachAsmOperand[] = spec.operands.map((o) => ({ size: exactSize(o.ty), name: o.name }));
  const earlyDefs: number[] = [];
  const after: (() => void)[] = [];
  const tiedBy = new Map<number, number>();
  spec.operands.forEach((o, k) => {
    if (!o.isOutput) {
      const t = tiedOutput(spec, k);
      if (t !== null) tiedBy.set(t, k);
    }
  });

  // Outputs.
  spec.operands.forEach((o, k) => {
    if (!o.isOutput) return;
    const c = parsed[k]!;
    if (o.via === 'mem') {
      ops[k] = mem(lw.regOf(arg(k), 'ptr'));
      return;
    }
    const isFloat = c.regClass === 'float';
    const r = c.fixedReg !== null ? fixedPreg(c.fixedReg) : lw.temp(isFloat ? 'float' : 'int');
    ops[k] = reg(r);
    const tiedInput = tiedBy.get(k);
    if (tiedInput !== undefined) {
      lw.materializeInto(r, arg(tiedInput), spec.operands[tiedInput]!.ty);
      roles[k] = 'rw';
    } else if (c.isEarlyClobber) {
      earlyDefs.push(r);
      roles[k] = 'rw';
    } else {
      roles[k] = 'w';
    }
    if (o.via === 'result') {
      after.push(() => lw.materializeInto(d, { kind: 'temp', reg: r }, o.ty));
    } else {
      after.push(() => {
        const p = lw.regOf(arg(k), 'ptr');
        if (isFloatType(o.ty)) lw.emit(o.ty === 'f32' ? 'movss' : 'movsd', 8, [mem(p), reg(r)]);
        else lw.emit('mov', exactSize(o.ty), [mem(p), reg(r)]);
      });
    }
  });

  // Inputs.
  spec.operands.forEach((o, k) => {
    if (o.isOutput) return;
    const c = parsed[k]!;
    const tied = tiedOutput(spec, k);
    if (tied !== null) {
      if (tied >= n || !spec.operands[tied]!.isOutput) asmError(loc, `matching constraint references invalid operand number`);
      ops[k] = ops[tied]!;
      sizes[k] = { size: sizes[tied]!.size, name: o.name };
      return;
    }
    if (o.via === 'mem') {
      ops[k] = mem(lw.regOf(arg(k), 'ptr'));
      return;
    }
    const a = arg(k);
    if (a.kind === 'int' && c.allowsImm) {
      ops[k] = imm(signedOfType(a.value, o.ty));
      return;
    }
    if (!c.allowsReg) asmError(loc, `impossible constraint in 'asm'`);
    if (c.fixedReg !== null) {
      const preg = fixedPreg(c.fixedReg);
      lw.materializeInto(preg, a, o.ty);
      ops[k] = reg(preg);
    } else {
      ops[k] = reg(lw.regOf(a, o.ty));
    }
    roles[k] = 'r';
  });

  // Clobbers: a pseudo-def before the asm keeps inputs out of them.
  const usedPregs = new Set(ops.flatMap((op) => (op.kind === 'reg' && op.reg < 64 ? [op.reg] : [])));
  const clobbers: number[] = [];
  for (const name of spec.clobbers) {
    const canonical = parseClobber(name);
    if (canonical === null || canonical === 'cc' || canonical === 'memory' || canonical === 'ignored') continue;
    const preg = canonical.startsWith('xmm') ? XMM0 + Number(canonical.slice(3)) : regNumber(canonical);
    if (preg !== null && !usedPregs.has(preg) && !clobbers.includes(preg)) clobbers.push(preg);
  }
  const extraOps = clobbers.map((r) => reg(r));
  const instance = instanceCounters.get(lw.facts) ?? 0;
  instanceCounters.set(lw.facts, instance + 1);
  const preDefs = [...earlyDefs, ...clobbers];
  if (preDefs.length > 0) {
    lw.emit('asm', 8, preDefs.map((r) => reg(r)), {
      asm: { template: '', isBasic: true, operands: [], roles: preDefs.map(() => 'w'), instance: -1 },
    });
  }
  lw.emit('asm', 8, [...ops, ...extraOps], {
    asm: {
      template: spec.template, isBasic: spec.isBasic, operands: sizes,
      roles: [...roles, ...extraOps.map((): AsmRole => 'r')], instance, ...(loc ? { loc } : {}),
    },
    ...(clobbers.length > 0 ? { clobbers } : {}),
  });
  for (const f of after) f();
}
