// The x86-64 target: the description the core's pipeline (core/pipeline.ts)
// runs — IR module → ELF relocatable object, or → GNU assembler text.
//
// Per function: lower.ts (instruction selection on core/lowering.ts) →
// core/regalloc.ts over x64InstInfo and x64Registers → core/emit.ts with
// emit.ts's rules (frame from abi.ts, jumps, a peephole) → encode.ts or
// print.ts. Relocations (System V AMD64 psABI §4.4): calls R_X86_64_PLT32,
// module-defined addresses R_X86_64_PC32, external data through the GOT
// with R_X86_64_REX_GOTPCRELX, `DataItem.addr` R_X86_64_64. Branches to
// labels start as rel8 and relax to rel32 when they do not reach.

import type { IrFunction, IrModule } from '../../ir/ir.js';
import { R_X86_64_32, R_X86_64_64, R_X86_64_PLT32 } from '../../link/object.js';
import { CodeBuffer } from '../core/code-buffer.js';
import type { ModuleFacts } from '../core/driver.js';
import { moduleFacts } from '../core/driver.js';
import { compileFunction as compileWith, defineTarget } from '../core/pipeline.js';
import type { TargetDescription } from '../core/target.js';
import type { FrameLayout } from './abi.js';
import type { FinalFunction } from './emit.js';
import { x64EmitRules } from './emit.js';
import type { X64Fixup } from './encode.js';
import { encodeInst, padWithNops, patchX64 } from './encode.js';
import type { X64Inst } from './inst.js';
import { x64InstInfo } from './inst.js';
import { lowerFunction } from './lower.js';
import { printFinalFunction, printMirInst } from './print.js';
import { x64Registers } from './regs.js';
import { assembleBlock, copyInto } from './asm/assemble.js';
import { x64AsmDialect } from './asm/constraints.js';

/** rel8 reaches −128…127 bytes from the end of the jump. */
function isShortReach(offset: number, size: number, target: number): boolean {
  const disp = target - (offset + size);
  return disp >= -128 && disp <= 127;
}

export const x64: TargetDescription<X64Inst, X64Fixup, FrameLayout> = {
  name: 'x86_64',
  machine: 'x86_64',
  instInfo: x64InstInfo,
  registers: x64Registers,
  lower: lowerFunction,
  emit: x64EmitRules,
  encoder: {
    absReloc64: R_X86_64_64,
    absReloc32: R_X86_64_32,
    symbolRelocs: new Set([R_X86_64_PLT32]),
    functionAlign: 16,
    newBuffer: () => new CodeBuffer<X64Fixup>(patchX64),
    pad: padWithNops,
    encodeInst,
    encodeTableEntry: (buf, table, target) => {
      buf.addFixup('table32', target, table);
      buf.int(0, 4);
    },
    relaxation: {
      labelOf: (i) => ((i.op === 'jcc' || i.op === 'jmp') && i.ops[0]?.kind === 'label' ? i.ops[0].label : null),
      withForm: (i, isLong) => ({ ...i, isShort: !isLong }),
      reaches: isShortReach,
    },
    encodeFileAsm: (block, buf) => {
      const assembled = assembleBlock(block.text, block.loc, 'file');
      copyInto(buf, assembled);
      return assembled.symbols;
    },
  },
  printer: {
    printMirInst,
    header: ['\t.intel_syntax prefix', '\t.text'],
    typePrefix: '@',
    printFunction: printFinalFunction,
    // gcc prints file-scope asm verbatim between #APP and #NO_APP; ours is AT&T.
    printFileAsm: (block) => ['\t.text', '#APP', '\t.att_syntax', block.text, '\t.intel_syntax prefix', '#NO_APP'],
  },
  asmDialect: x64AsmDialect,
};

export const x64Target = defineTarget(x64);

/** One function through selection, allocation and emission (tests look at the result). */
export function compileFunction(fn: IrFunction, facts: ModuleFacts): FinalFunction {
  return compileWith(x64, fn, facts);
}

/** Machine IR of one function before register allocation, for dumps. */
export function printFunctionMir(fn: IrFunction, module: IrModule): string {
  return x64Target.printMir(fn, module);
}

export { moduleFacts };
