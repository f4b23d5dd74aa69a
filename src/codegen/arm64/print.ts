// GNU assembler text for AArch64 (`jitcc -S`, machine-IR dumps).
//
// Input: A64Inst over pregs (or over vregs for dumps, printed %vN).
// Output: one line of GNU as syntax (Arm ARM operand order, `#` before
// immediates, `:lo12:`-style relocation operators) that
// `aarch64-linux-gnu-as` assembles to exactly the word encode.ts produces —
// test/codegen/arm64/encode.test.ts checks that on a large generated set.
//
// Register names follow the instruction (see inst.ts for the width rules):
// wN/xN by operation width, bN…qN by access or FP width, vN.<T> for
// vectors; register 31 prints as sp/wsp and the zero register as xzr/wzr.
// Mnemonics are chosen here from op and width: ldrb/ldrsh/…, ldur/stur when
// the offset needs the unscaled form (as encode.ts chooses), b.<cond>.

import type { FinalFunction as CoreFinalFunction } from '../core/emit.js';
import { isVreg, vregName } from '../core/mach.js';
import { invertBranch, isScaledOffset } from './encode.js';
import type { A64Inst, A64Operand, MemOperand, SymRef } from './inst.js';
import { BARRIER_OPTIONS, COND_NAMES, mem } from './inst.js';
import { isFpr, regName, X16 } from './regs.js';

export type LabelNamer = (label: number) => string;

/** How a register operand is named: a general register at 4 or 8 bytes, an FP view, or a vector. */
type View = { readonly kind: 'gpr'; readonly size: 4 | 8 } | { readonly kind: 'fp'; readonly size: 1 | 2 | 4 | 8 | 16 } | { readonly kind: 'vec' };

const W: View = { kind: 'gpr', size: 4 };
const X: View = { kind: 'gpr', size: 8 };
const gprOf = (size: number): View => (size === 8 ? X : W);
const fpOf = (size: number): View => ({ kind: 'fp', size: size as 1 | 2 | 4 | 8 | 16 });

const LONG_MULTIPLIES = new Set(['smull', 'umull', 'smaddl', 'umaddl']);
const EXTENDS = new Set(['sxtb', 'sxth', 'sxtw', 'uxtb', 'uxth']);
const WITH_COND = new Set(['csel', 'csinc', 'csinv', 'csneg', 'cset', 'csetm', 'cinc', 'cinv', 'cneg', 'ccmp', 'ccmn', 'fcsel']);
const LOGICAL = new Set(['and', 'ands', 'orr', 'eor', 'tst']);

/** The view of register operand `n` of `i` whose register is `r`. */
function viewOf(i: A64Inst, n: number, r: number): View {
  const isFp = isFpr(r);
  if (i.arrangement !== undefined) return i.op === 'dup' && n === 1 ? gprOf(i.arrangement === '2d' ? 8 : 4) : { kind: 'vec' };
  switch (i.op) {
    case 'ins': case 'umov': return gprOf(i.size);
    case 'ldr': case 'str': case 'ldp': case 'stp':
      return isFp ? fpOf(i.size) : gprOf(i.size);
    case 'ldrs': return gprOf(i.size);
    case 'scvtf': case 'ucvtf': return n === 0 ? fpOf(i.size) : gprOf(i.srcSize ?? 8);
    case 'fcvtzs': case 'fcvtzu': return n === 0 ? gprOf(i.size) : fpOf(i.srcSize ?? 8);
    case 'fcvt': return fpOf(n === 0 ? i.size : i.srcSize ?? 8);
    case 'br': case 'blr': case 'ret': case 'mrs': case 'adr': case 'adrp': return X;
    case 'tbz': case 'tbnz': {
      const bit = i.ops[1];
      return bit?.kind === 'imm' && bit.value >= 32n ? X : W;
    }
    default:
      if (LONG_MULTIPLIES.has(i.op)) return n === 1 || n === 2 ? W : X;
      if (EXTENDS.has(i.op)) return n === 0 ? gprOf(i.size) : W;
      if (isFp || i.op.startsWith('f')) return isFp ? fpOf(i.size) : gprOf(i.size);
      return gprOf(i.size);
  }
}

function printReg(r: number, view: View, arrangement?: string): string {
  if (isVreg(r)) return vregName(r);
  if (view.kind === 'vec') return `v${r - 32}.${arrangement}`;
  if (isFpr(r)) return regName(r, view.size);
  return regName(r, view.kind === 'gpr' ? view.size : 8);
}

function zrName(view: View): string {
  return view.kind === 'gpr' && view.size === 4 ? 'wzr' : 'xzr';
}

function symText(s: SymRef): string {
  const name = s.addend === 0 ? s.name : `${s.name}${s.addend > 0 ? '+' : ''}${s.addend}`;
  switch (s.mod) {
    case undefined: case 'page': return name;
    case 'tprel_hi12': return `:tprel_hi12:${name}, lsl #12`;
    default: return `:${s.mod}:${name}`;
  }
}

const ELEM_LETTER: Record<number, string> = { 1: 'b', 2: 'h', 4: 's', 8: 'd' };

/** The access width of a load/store (what scales its offsets). */
function accessSize(i: A64Inst): number {
  return i.op === 'ldrs' ? i.srcSize ?? 1 : i.size;
}

function printMem(i: A64Inst, m: MemOperand): string {
  const base = isVreg(m.base) ? vregName(m.base) : regName(m.base, 8);
  if (m.frame !== undefined) {
    const f = m.frame;
    const what = f.kind === 'incoming' ? `incoming${f.offset}` : f.kind === 'dynamic' ? 'dynamic' : `${f.kind}${f.index}`;
    return `[${what}${m.offset === 0 ? '' : `, #${m.offset}`}]`;
  }
  if (m.sym !== undefined) return `[${base}, ${symText(m.sym)}]`;
  if (m.index !== undefined) {
    const extend = m.extend ?? 'lsl';
    const index = isVreg(m.index) ? vregName(m.index) : regName(m.index, extend === 'uxtw' || extend === 'sxtw' ? 4 : 8);
    const amount = m.isScaled ? ` #${Math.log2(accessSize(i))}` : '';
    if (extend === 'lsl') return m.isScaled ? `[${base}, ${index}, lsl${amount}]` : `[${base}, ${index}]`;
    return `[${base}, ${index}, ${extend}${amount}]`;
  }
  switch (m.mode) {
    case 'offset': return m.offset === 0 ? `[${base}]` : `[${base}, #${m.offset}]`;
    case 'pre': return `[${base}, #${m.offset}]!`;
    case 'post': return `[${base}], #${m.offset}`;
  }
}

function printImm(i: A64Inst, value: bigint): string {
  if (LOGICAL.has(i.op)) return `#0x${BigInt.asUintN(i.size * 8, value).toString(16)}`;
  return `#${value}`;
}

function printFimm(v: number): string {
  const text = String(v);
  return `#${/[.e]/.test(text) ? text : `${text}.0`}`;
}

export function printOperand(i: A64Inst, o: A64Operand, n: number, name: LabelNamer): string {
  switch (o.kind) {
    case 'reg': return i.op === 'ld1' || i.op === 'st1' ? `{${printReg(o.reg, { kind: 'vec' }, i.arrangement)}}` : printReg(o.reg, viewOf(i, n, o.reg), i.arrangement);
    case 'zr': return zrName(viewOf(i, n, 0));
    case 'imm': return printImm(i, o.value);
    case 'fimm': return printFimm(o.value);
    case 'shifted': return `${printReg(o.reg, viewOf(i, n, o.reg))}, ${o.shift} #${o.amount}`;
    case 'extended': {
      const r = printReg(o.reg, o.extend === 'uxtx' || o.extend === 'sxtx' ? X : W);
      return `${r}, ${o.extend}${o.amount === 0 ? '' : ` #${o.amount}`}`;
    }
    case 'lane': return isVreg(o.reg) ? `${vregName(o.reg)}[${o.index}]` : `v${o.reg - 32}.${ELEM_LETTER[i.size]}[${o.index}]`;
    case 'mem': return printMem(i, o);
    case 'label': return name(o.label);
    case 'sym': return symText(o);
  }
}

/** The unscaled forms (ldur/stur) are a separate mnemonic in GNU as only when the offset demands them. */
function isUnscaled(i: A64Inst): boolean {
  const m = i.ops[1];
  return m?.kind === 'mem' && m.mode === 'offset' && m.index === undefined && m.sym === undefined && m.frame === undefined
    && !isScaledOffset(m.offset, accessSize(i));
}

export function mnemonic(i: A64Inst): string {
  switch (i.op) {
    case 'bcond': return `b.${COND_NAMES[i.cond ?? 14]}`;
    case 'ldr': case 'str': case 'ldrs': {
      const rt = i.ops[0];
      const isFp = rt?.kind === 'reg' && isFpr(rt.reg);
      const access = accessSize(i);
      const suffix = isFp ? '' : access === 1 ? 'b' : access === 2 ? 'h' : i.op === 'ldrs' ? 'w' : '';
      const stem = isUnscaled(i) ? (i.op === 'str' ? 'stur' : 'ldur') : i.op === 'str' ? 'str' : 'ldr';
      return `${stem}${i.op === 'ldrs' ? 's' : ''}${suffix}`;
    }
    default: return i.op;
  }
}

export function printInst(i: A64Inst, name: LabelNamer): string {
  if (i.isLong && (i.op === 'adr' || i.op === 'ldr' || i.op === 'ldrs')) {
    // The encoder's adr + add #H, lsl #12 needs the final distance; as text the
    // page form says the same and GNU as relocates it (ADR_PREL_PG_HI21 + LO12).
    const target = printOperand(i, i.ops[i.ops.length - 1]!, i.ops.length - 1, name);
    const rd = i.op === 'adr' ? printOperand(i, i.ops[0]!, 0, name) : 'x16';
    const page = `adrp\t${rd}, ${target}\n\tadd\t${rd}, ${rd}, :lo12:${target}`;
    return i.op === 'adr' ? page : `${page}\n\t${printInst({ ...i, isLong: false, ops: [i.ops[0]!, mem(X16)] }, name)}`;
  }
  if (i.isLong) {
    // The relaxed form (encode.ts): the inverted branch over an unconditional one, to a local numeric label.
    const skip = printInst({ ...invertBranch(i), isLong: false, ops: [...i.ops.slice(0, -1), { kind: 'sym', name: '1f', addend: 0 }] }, name);
    return `${skip}\n\tb\t${printOperand(i, i.ops[i.ops.length - 1]!, i.ops.length - 1, name)}\n1:`;
  }
  const ops = i.ops.map((o, n) => printOperand(i, o, n, name));
  if (i.op === 'mrs') ops.push('tpidr_el0');
  if (i.op === 'dmb' && i.ops[0]?.kind === 'imm') ops[0] = BARRIER_OPTIONS[Number(i.ops[0].value)] ?? ops[0]!;
  if ((i.op === 'movz' || i.op === 'movn' || i.op === 'movk') && ops.length === 3) {
    const by = ops.pop()!;
    if (by !== '#0') ops.push(`lsl ${by}`);
  }
  if (WITH_COND.has(i.op)) ops.push(COND_NAMES[i.cond ?? 14]!);
  if (i.op === 'fcmp' || i.op === 'fcmpe') {
    const z = i.ops[1];
    if (z?.kind === 'fimm') ops[1] = '#0.0';
  }
  return ops.length === 0 ? mnemonic(i) : `${mnemonic(i)}\t${ops.join(', ')}`;
}

/** Machine IR dump form of one instruction (vregs as %vN, labels as .LN). */
export function printMirInst(i: A64Inst): string {
  return printInst(i, (l) => `.L${l}`).replace('\t', ' ');
}

/** A function's final items as assembler lines (labels only where something refers to them). */
export function printFinalFunction(f: CoreFinalFunction<A64Inst, unknown>, name: LabelNamer): string[] {
  const lines: string[] = [];
  const used = new Set<number>();
  // Labels whose address the code takes carry their symbol beside them.
  for (const l of f.labelSymbols) if (l.label !== null) used.add(l.label);
  for (const item of f.items) {
    if (item.kind === 'table-entry') used.add(item.target).add(item.table);
    if (item.kind !== 'inst') continue;
    for (const o of item.inst.ops) if (o.kind === 'label') used.add(o.label);
  }
  for (const item of f.items) {
    switch (item.kind) {
      case 'label': if (used.has(item.label)) lines.push(`${name(item.label)}:`); break;
      case 'inst': lines.push(`\t${printInst(item.inst, name)}`); break;
      case 'align': lines.push(`\t.p2align ${Math.log2(item.align)}`); break;
      case 'bytes': lines.push(`\t.byte ${[...item.bytes].join(', ')}`); break;
      case 'table-entry': lines.push(`\t.word ${name(item.target)}-${name(item.table)}`); break;
    }
  }
  return lines;
}
