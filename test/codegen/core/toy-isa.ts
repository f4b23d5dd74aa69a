// A toy instruction set for testing the target-independent register
// allocator on machine IR written as text (and generated at random),
// without any real target's selection in the way.
//
// Registers: r0–r3 allocatable (r2, r3 callee-saved), r4/r5 fixed-only
// (`arg`/`ret` name them), %vN the vregs (all of class int). Syntax, one
// instruction per line:
//   %v1 = const 5        result from an immediate (rematerializable)
//   %v2 = add %v0, %v1   result from uses
//   %v2 += %v1           %v2 read and written in place (two-address)
//   %v3 = mov %v2        a copy (allocation hint)
//   args r4, r5          the incoming argument registers (entry only)
//   %v0 = arg r4         a copy from a fixed register
//   out r4, %v1          a copy into a fixed register
//   call r0, r4          reads the listed (argument) registers, returns in
//                        r0, destroys r1, r4, r5 (caller-saved like r0)
//   br %v1, .L2          conditional branch (falls through otherwise)
//   jmp .L3              unconditional, ends the block
//   ret %v1              uses, ends the function

import type { MachFunction, MachInstInfo, RegisterFile } from '../../../src/codegen/core/mach.js';
import { FIRST_VREG } from '../../../src/codegen/core/mach.js';

export interface ToyInst {
  readonly op: 'args' | 'const' | 'add' | 'acc' | 'mov' | 'arg' | 'out' | 'call' | 'br' | 'jmp' | 'ret';
  readonly defs: readonly number[];
  readonly uses: readonly number[];
  readonly imm?: number;
  readonly target?: number;
}

/** Destroyed by a call besides r0, its result. */
const CLOBBERED = [1, 4, 5];

export const toyRegisters: RegisterFile = {
  allocatable: { int: [0, 1, 2, 3], float: [], vec: [] },
  calleeSaved: new Set([2, 3]),
  regName: (p) => `r${p}`,
};

export const toyInfo: MachInstInfo<ToyInst> = {
  operands(i, visit) {
    if (i.op === 'acc') {
      visit.useDef(i.defs[0]!, 'int');
      for (const u of i.uses) visit.use(u, 'int');
      return;
    }
    for (const u of i.uses) visit.use(u, 'int');
    for (const d of i.defs) visit.def(d, 'int');
    if (i.op === 'call') for (const r of CLOBBERED) visit.clobber(r);
  },
  copyOf: (i) => (i.op === 'mov' || i.op === 'arg' || i.op === 'out' ? [i.defs[0]!, i.uses[0]!] : null),
  branchTargets: (i) => (i.target === undefined ? [] : [i.target]),
  isTerminal: (i) => i.op === 'jmp' || i.op === 'ret',
  isRematerializable: (i) => i.op === 'const',
};

const reg = (r: number): string => (r >= FIRST_VREG ? `%v${r - FIRST_VREG}` : `r${r}`);

export function printToy(i: ToyInst): string {
  const [d] = i.defs;
  switch (i.op) {
    case 'args': return `args ${i.defs.map(reg).join(', ')}`;
    case 'const': return `${reg(d!)} = const ${i.imm}`;
    case 'add': return `${reg(d!)} = add ${i.uses.map(reg).join(', ')}`;
    case 'acc': return `${reg(d!)} += ${i.uses.map(reg).join(', ')}`;
    case 'mov': return `${reg(d!)} = mov ${reg(i.uses[0]!)}`;
    case 'arg': return `${reg(d!)} = arg ${reg(i.uses[0]!)}`;
    case 'out': return `out ${reg(d!)}, ${reg(i.uses[0]!)}`;
    case 'call': return i.uses.length === 0 ? 'call' : `call ${i.uses.map(reg).join(', ')}`;
    case 'br': return `br ${reg(i.uses[0]!)}, .L${i.target}`;
    case 'jmp': return `jmp .L${i.target}`;
    case 'ret': return `ret ${i.uses.map(reg).join(', ')}`;
  }
}

function parseReg(text: string, maxVreg: { n: number }): number {
  const v = /^%v(\d+)$/.exec(text);
  if (v) {
    const n = Number(v[1]);
    maxVreg.n = Math.max(maxVreg.n, n);
    return FIRST_VREG + n;
  }
  const r = /^r(\d)$/.exec(text);
  if (r) return Number(r[1]);
  throw new Error(`toy MIR: bad register '${text}'`);
}

/** Parses `mfunc name { … }` (comments after `;`). */
export function parseToy(text: string): MachFunction<ToyInst> {
  const lines = text.split('\n').map((l) => l.replace(/;.*$/, '').trim()).filter((l) => l !== '');
  const head = /^mfunc (\S+) \{$/.exec(lines[0] ?? '');
  if (!head || lines[lines.length - 1] !== '}') throw new Error('toy MIR: expected mfunc NAME { … }');
  const maxVreg = { n: -1 };
  const fn: MachFunction<ToyInst> = { name: head[1]!, blocks: [], vregClasses: [], slots: [], outgoingArgBytes: 0, nextLabel: 0 };
  const r = (t: string) => parseReg(t.trim(), maxVreg);
  const label = (t: string) => {
    const m = /^\.L(\d+)$/.exec(t.trim());
    if (!m) throw new Error(`toy MIR: bad label '${t}'`);
    return Number(m[1]);
  };
  for (const line of lines.slice(1, -1)) {
    const lbl = /^\.L(\d+):$/.exec(line);
    if (lbl) {
      fn.blocks.push({ label: Number(lbl[1]), insts: [], loopDepth: 0 });
      fn.nextLabel = Math.max(fn.nextLabel, Number(lbl[1]) + 1);
      continue;
    }
    const blk = fn.blocks[fn.blocks.length - 1];
    if (!blk) throw new Error('toy MIR: instruction before the first label');
    let m: RegExpExecArray | null;
    let inst: ToyInst;
    if ((m = /^args (.+)$/.exec(line))) inst = { op: 'args', defs: m[1]!.split(',').map(r), uses: [] };
    else if ((m = /^(\S+) = const (-?\d+)$/.exec(line))) inst = { op: 'const', defs: [r(m[1]!)], uses: [], imm: Number(m[2]) };
    else if ((m = /^(\S+) = add (.+)$/.exec(line))) inst = { op: 'add', defs: [r(m[1]!)], uses: m[2]!.split(',').map(r) };
    else if ((m = /^(\S+) \+= (.+)$/.exec(line))) inst = { op: 'acc', defs: [r(m[1]!)], uses: m[2]!.split(',').map(r) };
    else if ((m = /^(\S+) = (mov|arg) (\S+)$/.exec(line))) inst = { op: m[2] as 'mov' | 'arg', defs: [r(m[1]!)], uses: [r(m[3]!)] };
    else if ((m = /^out (\S+), (\S+)$/.exec(line))) inst = { op: 'out', defs: [r(m[1]!)], uses: [r(m[2]!)] };
    else if ((m = /^call(.*)$/.exec(line))) inst = { op: 'call', defs: [0], uses: m[1]!.trim() === '' ? [] : m[1]!.split(',').map(r) };
    else if ((m = /^br (\S+), (\S+)$/.exec(line))) inst = { op: 'br', defs: [], uses: [r(m[1]!)], target: label(m[2]!) };
    else if ((m = /^jmp (\S+)$/.exec(line))) inst = { op: 'jmp', defs: [], uses: [], target: label(m[1]!) };
    else if ((m = /^ret(.*)$/.exec(line))) inst = { op: 'ret', defs: [], uses: m[1]!.trim() === '' ? [] : m[1]!.split(',').map(r) };
    else throw new Error(`toy MIR: cannot parse '${line}'`);
    blk.insts.push(inst);
  }
  for (let n = 0; n <= maxVreg.n; n++) fn.vregClasses.push('int');
  return fn;
}
