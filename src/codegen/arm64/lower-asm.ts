// Inline assembly for AArch64, the operand-less subset: there is no A64
// assembler here yet (the x86-64 backend has an AT&T one), but a barrier
// needs none. `__sync_synchronize()` reaches the backend as
// `asm volatile("dmb ish" ::: "memory")` (sema/check-builtins.ts), and C
// code writes `asm volatile("" ::: "memory")` as a compiler barrier.
//
// Input: an IR `asm` instruction. Output: its machine instructions, or a C
// error at the asm's position for anything outside the subset (operands, or
// a template other than empty / nop / dmb <option>).
//
// The memory clobber needs nothing here: the IR already treats every asm as
// a barrier for memory (ir/asm.ts), and machine code is not reordered
// across it.

import type { Inst } from '../../ir/ir.js';
import { BARRIER_OPTIONS, imm } from './inst.js';
import type { A64Lowering } from './lower.js';
import { unsupported } from './lower.js';

export function lowerAsm(lw: A64Lowering, i: Inst): void {
  const spec = i.asm;
  if (spec === undefined) return unsupported(i.loc, 'an asm without its payload');
  if (spec.operands.length > 0) return unsupported(i.loc, 'inline assembly with operands');
  // Statements are separated by newlines or ';', as GNU as reads them.
  for (const line of spec.template.split(/[\n;]/)) {
    const words = line.trim().toLowerCase().split(/[\s,]+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    if (words.length === 1 && words[0] === 'nop') {
      // `hint #0` is nop's encoding; the 'nop' op itself is a placeholder emit.ts drops.
      lw.emit('hint', 8, [imm(0)]);
      continue;
    }
    const option = words.length === 2 && words[0] === 'dmb' ? BARRIER_OPTIONS.indexOf(words[1]!) : -1;
    if (option < 0) return unsupported(i.loc, `inline assembly other than a barrier ('${line.trim()}')`);
    lw.emit('dmb', 8, [imm(option)]);
  }
}
