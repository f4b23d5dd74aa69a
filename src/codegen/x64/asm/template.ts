// Template substitution for an allocated asm instruction (gcc manual
// "Extended Asm", "Output Template", "x86 Operand Modifiers").
//
// Input: the MachAsm and its operands after allocation (pregs, resolved
// memory operands). Output: AT&T text for the assembler and for `-S`.
//   %N, %[name]   the operand: %reg at its width, $imm, disp(%base,%index,scale)
//   %bN %wN %kN %qN   the register at 8/16/32/64 bits;  %hN  ah..dh
//   %cN %PN       an immediate without `$`;  %zN  the size suffix b/w/l/q
//   %%  a percent sign;  %=  a number unique to this asm instance
// Basic asm (no operands section) is verbatim.

import type { SourceLoc } from '../../../diagnostics.js';
import type { OpSize, X64Operand } from '../inst.js';
import { asmError } from './errors.js';
import type { MachAsm } from './mach-asm.js';
import { asmRegName } from './registers.js';

const SIZE_MODIFIER: Readonly<Record<string, OpSize>> = { b: 1, w: 2, k: 4, q: 8 };

export function substituteTemplate(asm: MachAsm, ops: readonly X64Operand[]): string {
  if (asm.isBasic) return asm.template;
  const t = asm.template;
  const loc = asm.loc;
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c !== '%') { out += c; continue; }
    const next = t[i + 1];
    if (next === '%') { out += '%'; i++; continue; }
    if (next === '=') { out += String(asm.instance); i++; continue; }
    if (next === '{' || next === '|' || next === '}') { i++; continue; } // dialect alternatives: we are AT&T
    let j = i + 1;
    let modifier = '';
    if (j < t.length && /[a-zA-Z]/.test(t[j]!)) modifier = t[j++]!;
    let index: number;
    if (t[j] === '[') {
      const end = t.indexOf(']', j);
      if (end < 0) asmError(loc, `missing ']' in asm template`);
      const name = t.slice(j + 1, end);
      index = asm.operands.findIndex((o) => o.name === name);
      if (index < 0) asmError(loc, `undefined named operand '${name}'`);
      j = end + 1;
    } else if (/[0-9]/.test(t[j] ?? '')) {
      let k = j;
      while (k < t.length && /[0-9]/.test(t[k]!)) k++;
      index = Number(t.slice(j, k));
      j = k;
    } else {
      asmError(loc, `invalid 'asm': operand number missing after %-letter`);
    }
    if (index >= asm.operands.length) asmError(loc, `invalid 'asm': operand number out of range`);
    out += operandText(ops[index]!, asm.operands[index]!.size, modifier, loc);
    i = j - 1;
  }
  return out;
}

function operandText(o: X64Operand, size: OpSize, modifier: string, loc: SourceLoc | undefined): string {
  switch (o.kind) {
    case 'reg': {
      if (modifier === 'z') return suffix(size);
      if (modifier === 'h') {
        if (o.reg > 3) asmError(loc, `invalid 'asm': '%h' needs a register that has a high byte (a, b, c or d)`);
        return `%${asmRegName(o.reg, 1, true)}`;
      }
      const width = SIZE_MODIFIER[modifier] ?? (modifier === '' || modifier === 'c' || modifier === 'P' ? size : null);
      if (width === null) asmError(loc, `invalid 'asm': operand modifier '${modifier}' is not supported`);
      return `%${asmRegName(o.reg, o.reg >= 16 ? 16 : width)}`;
    }
    case 'imm':
      if (modifier === 'z') return suffix(size);
      if (modifier === 'c' || modifier === 'P' || modifier === 'n') return (modifier === 'n' ? -o.value : o.value).toString();
      if (modifier !== '') asmError(loc, `invalid 'asm': operand modifier '${modifier}' is not supported for an immediate`);
      return `$${o.value}`;
    case 'mem': {
      if (modifier === 'z') return suffix(size);
      if (modifier !== '' && modifier !== 'P' && modifier !== 'a') asmError(loc, `invalid 'asm': operand modifier '${modifier}' is not supported for a memory operand`);
      if (o.sym !== undefined || o.label !== undefined || o.seg !== undefined) asmError(loc, 'symbolic memory operands are not supported in asm statements');
      const disp = o.disp === 0 && o.base !== null ? '' : String(o.disp);
      const base = o.base === null ? '' : `%${asmRegName(o.base, 8)}`;
      const index = o.index === null ? '' : `,%${asmRegName(o.index, 8)},${o.scale}`;
      return `${disp}(${base}${index})`;
    }
    default:
      return asmError(loc, 'label operands are not supported in asm statements');
  }
}

function suffix(size: OpSize): string {
  return { 1: 'b', 2: 'w', 4: 'l', 8: 'q' }[size];
}
