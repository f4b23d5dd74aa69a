// GNU assembler text for x86-64, in Intel syntax with `%` register prefixes
// (`.intel_syntax prefix`), so C symbols named like registers (`ax`, `cl`,
// `si`) cannot be mistaken for them.
//
// Input: X64Inst (over pregs for `-S`, over vregs for machine-IR dumps) and
// FinalFunction streams; module-level directives come from target.ts.
// Output: text that `as` assembles to the same code the encoder produces
// (up to encoding choices such as short jumps).
//
// Operand widths follow the instruction: `size` for the main operands,
// `srcSize` for the source of movzx/movsx/cvtsi2sd; memory operands carry an
// explicit `byte/word/dword/qword/xmmword ptr` so nothing is ambiguous.

import { isVreg, vregName } from '../core/mach.js';
import type { FinalFunction } from './emit.js';
import type { MemOperand, OpSize, X64Inst, X64Operand } from './inst.js';
import { CC_NAMES } from './inst.js';
import { RCX, regName } from './regs.js';
import { asmInstText } from './asm/assemble.js';

/**
 * An asm statement as gcc prints it: the substituted template between
 * #APP and #NO_APP, in AT&T syntax (the rest of our output is Intel).
 */
function printAsmLines(i: X64Inst): string[] {
  const text = asmInstText(i);
  if (i.asm?.instance === -1) return [];
  return ['#APP', '\t.att_syntax', ...text.split('\n').map((l) => `\t${l.trim()}`), '\t.intel_syntax prefix', '#NO_APP'];
}

const PTR: Record<number, string> = { 1: 'byte ptr ', 2: 'word ptr ', 4: 'dword ptr ', 8: 'qword ptr ', 10: 'tbyte ptr ', 16: 'xmmword ptr ' };

export type LabelNamer = (label: number) => string;

export function mnemonic(i: X64Inst): string {
  const cc = i.cc === undefined ? '' : CC_NAMES[i.cc]!;
  switch (i.op) {
    case 'jcc': return `j${cc}`;
    case 'setcc': return `set${cc}`;
    case 'cmovcc': return `cmov${cc}`;
    case 'imul3': case 'imul1': return 'imul';
    case 'fldt': return 'fld';
    case 'fstpt': return 'fstp';
    // x87 stack forms print their implicit operands, as GNU as reads them in Intel syntax.
    case 'faddp': case 'fsubp': case 'fmulp': case 'fdivp': return `${i.op} %st(1), %st`;
    case 'fucomip': return 'fucomip %st, %st(1)';
    case 'fpop': return 'fstp %st(0)';
    case 'repmovsb': return 'rep movsb';
    default: return i.op;
  }
}

/** The width (bytes) of operand `n`, for register names and `ptr` sizes. */
function operandSize(i: X64Inst, n: number): number {
  switch (i.op) {
    case 'movzx': case 'movsx': return n === 0 ? i.size : i.srcSize ?? 1;
    case 'movsxd': return n === 0 ? 8 : 4;
    case 'setcc': return 1;
    case 'cvtsi2sd': case 'cvtsi2ss': return n === 1 ? i.srcSize ?? 8 : 8;
    case 'movq': return 8;
    case 'movd': return 4;
    case 'movss': case 'addss': case 'subss': case 'mulss': case 'divss': case 'sqrtss': case 'ucomiss': case 'cvtss2sd':
    case 'minss': case 'maxss': case 'cmpss': case 'roundss': return 4;
    case 'movsd': case 'addsd': case 'subsd': case 'mulsd': case 'divsd': case 'sqrtsd': case 'ucomisd': case 'cvtsd2ss':
    case 'minsd': case 'maxsd': case 'cmpsd': case 'roundsd': return 8;
    case 'cvttss2si': return n === 0 ? i.size : 4;
    case 'cvttsd2si': return n === 0 ? i.size : 8;
    case 'xorpd': case 'xorps': case 'andpd': case 'andps': case 'movaps': case 'movlhps': case 'movhlps': case 'movups':
    case 'orpd': case 'orps': case 'andnpd': case 'andnps': return 16;
    case 'call': case 'jmp': case 'push': case 'pop': return 8;
    case 'fldt': case 'fstpt': return 10;
    default: return i.size;
  }
}

function printReg(r: number, size: number, isShiftCount: boolean): string {
  if (isVreg(r)) return vregName(r);
  if (isShiftCount && r === RCX) return '%cl';
  return `%${regName(r, (size >= 8 ? 8 : size) as OpSize)}`;
}

function printMem(m: MemOperand, size: number | null, name: LabelNamer): string {
  const ptr = size === null ? '' : PTR[size] ?? '';
  const dispText = (d: number): string => (d === 0 ? '' : d > 0 ? ` + ${d}` : ` - ${-d}`);
  if (m.seg !== undefined) return `${ptr}%${m.seg}:[${m.disp}]`;
  if (m.sym !== undefined) return `${ptr}[%rip + ${m.sym}${m.isGot ? '@GOTPCREL' : m.isTlsGot ? '@GOTTPOFF' : ''}${m.disp === 0 ? '' : m.disp > 0 ? `+${m.disp}` : m.disp}]`;
  if (m.label !== undefined) return `${ptr}[%rip + ${name(m.label)}]`;
  const parts: string[] = [];
  if (m.frame) parts.push(`${m.frame.kind}${m.frame.kind === 'incoming' ? m.frame.offset : m.frame.kind === 'dynamic' ? '' : m.frame.index}`);
  if (m.base !== null) parts.push(printReg(m.base, 8, false));
  if (m.index !== null) parts.push(`${printReg(m.index, 8, false)}${m.scale === 1 ? '' : `*${m.scale}`}`);
  return `${ptr}[${parts.join(' + ')}${dispText(m.disp)}]`;
}

export function printOperand(i: X64Inst, o: X64Operand, n: number, name: LabelNamer): string {
  switch (o.kind) {
    case 'reg': return printReg(o.reg, operandSize(i, n), n === 1 && (i.op === 'shl' || i.op === 'shr' || i.op === 'sar'));
    case 'imm': return o.value.toString();
    case 'mem': return printMem(o, i.op === 'lea' ? null : operandSize(i, n), name);
    case 'label': return name(o.label);
    case 'sym': return `${o.name}@PLT`;
  }
}

export function printInst(i: X64Inst, name: LabelNamer): string {
  const ops = i.ops.map((o, n) => printOperand(i, o, n, name));
  if (i.op === 'args') return `; args ${(i.implicitDefs ?? []).map((r) => printReg(r, 8, false)).join(', ')}`;
  if (i.op === 'asm') return `asm ${JSON.stringify(i.asm?.template ?? '')}${ops.length > 0 ? ` ${ops.join(', ')}` : ''}`;
  return ops.length === 0 ? mnemonic(i) : `${mnemonic(i)} ${ops.join(', ')}`;
}

/** Machine IR dump form of one instruction (vregs as %vN, labels as .LN). */
export function printMirInst(i: X64Inst): string {
  return printInst(i, (l) => `.L${l}`);
}

/** The function body as assembler lines (no section or symbol directives). */
export function printFinalFunction(f: FinalFunction, name: LabelNamer): string[] {
  const lines: string[] = [];
  let bytesLine: number[] = [];
  const flushBytes = (): void => {
    if (bytesLine.length > 0) lines.push(`\t.byte ${bytesLine.join(', ')}`);
    bytesLine = [];
  };
  // Only labels something refers to are printed (block labels that are only
  // fallen into would be noise in `-S` output).
  const used = new Set<number>();
  // Labels whose address the code takes carry their symbol beside them.
  for (const l of f.labelSymbols) if (l.label !== null) used.add(l.label);
  for (const item of f.items) {
    if (item.kind === 'table-entry') used.add(item.target).add(item.table);
    if (item.kind !== 'inst') continue;
    for (const o of item.inst.ops) {
      if (o.kind === 'label') used.add(o.label);
      if (o.kind === 'mem' && o.label !== undefined) used.add(o.label);
    }
  }
  for (const item of f.items) {
    if (item.kind !== 'bytes') flushBytes();
    switch (item.kind) {
      case 'label': if (used.has(item.label)) lines.push(`${name(item.label)}:`); break;
      case 'inst':
        if (item.inst.op === 'asm') lines.push(...printAsmLines(item.inst));
        else lines.push(`\t${printInst(item.inst, name)}`);
        break;
      case 'align': lines.push(`\t.p2align ${Math.log2(item.align)}`); break;
      case 'bytes': bytesLine.push(...item.bytes); break;
      case 'table-entry': lines.push(`\t.long ${name(item.target)}-${name(item.table)}`); break;
    }
  }
  flushBytes();
  return lines;
}
