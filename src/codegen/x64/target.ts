// The x86-64 target record: IR module → ELF relocatable object, or → GNU
// assembler text.
//
// Input: an IrModule (already optimised) and CodegenOptions.
// Output: an ObjectFile (`.text` with every function at a 16-byte aligned
// start, data sections, `.note.GNU-stack`, symbols, relocations, the C
// signatures copied from the module), or assembler text that `as`
// assembles to the equivalent object.
//
// core/driver.ts assembles the object; this file supplies the per-function
// path. Per function: lower.ts (instruction selection) → core/regalloc.ts →
// emit.ts (apply the allocation, frame, branch layout) → encode.ts or
// print.ts. Relocations (System V AMD64 psABI §4.4): calls R_X86_64_PLT32,
// module-defined addresses R_X86_64_PC32, external data through the GOT
// with R_X86_64_REX_GOTPCRELX, `DataItem.addr` R_X86_64_64.

import type { IrFunction, IrModule } from '../../ir/ir.js';
import type { ObjectFile } from '../../link/object.js';
import { R_X86_64_32, R_X86_64_64, R_X86_64_PLT32 } from '../../link/object.js';
import { assert } from '../../diagnostics.js';
import { checkAllocation } from '../core/check-alloc.js';
import { CodeBuffer } from '../core/code-buffer.js';
import { printGlobalsAsm } from '../core/data-layout.js';
import type { ModuleFacts } from '../core/driver.js';
import { compileModuleWith, moduleFacts } from '../core/driver.js';
import { symbolDirectives } from '../core/symbol-binding.js';
import { legalizeForSelection } from '../core/legalize.js';
import { printMir } from '../core/mach.js';
import { allocateRegisters } from '../core/regalloc.js';
import type { CodegenOptions, Target } from '../core/target.js';
import type { FinalFunction, FinalItem } from './emit.js';
import { emitFunction } from './emit.js';
import type { X64Fixup } from './encode.js';
import { encodeInst, padWithNops, patchX64 } from './encode.js';
import { x64InstInfo } from './inst.js';
import { lowerFunction } from './lower.js';
import { printFinalFunction, printMirInst } from './print.js';
import { x64Registers } from './regs.js';
import { assembleBlock, copyInto } from './asm/assemble.js';

/** One function through selection, allocation and emission. */
export function compileFunction(fn: IrFunction, facts: ModuleFacts): FinalFunction {
  const lowered = lowerFunction(legalizeForSelection(fn), facts);
  const alloc = allocateRegisters(lowered.mf, x64InstInfo, x64Registers);
  if (process.env.CC_VERIFY) {
    const problems = checkAllocation(lowered.mf, x64InstInfo, alloc, x64Registers);
    assert(problems.length === 0, `register allocation is wrong:\n${problems.join('\n')}`);
  }
  return emitFunction(lowered, alloc);
}

/** Machine IR of one function before register allocation, for dumps. */
export function printFunctionMir(fn: IrFunction, module: IrModule): string {
  return printMir(lowerFunction(legalizeForSelection(fn), moduleFacts(module)).mf, printMirInst);
}

function isLabelJump(item: FinalItem): boolean {
  return item.kind === 'inst' && (item.inst.op === 'jcc' || item.inst.op === 'jmp') && item.inst.ops[0]?.kind === 'label';
}

function itemSize(item: FinalItem, offset: number, scratch: CodeBuffer<X64Fixup>): number {
  switch (item.kind) {
    case 'label': return 0;
    case 'align': return (item.align - (offset % item.align)) % item.align;
    case 'bytes': return item.bytes.length;
    case 'table-entry': return 4;
    case 'inst': {
      // Measured by encoding into a scratch buffer whose fixups are never resolved.
      const start = scratch.offset;
      encodeInst(scratch, item.inst);
      return scratch.offset - start;
    }
  }
}

/**
 * Branch relaxation: every jump to a label starts short (rel8); a pass
 * measures the layout and lengthens (rel32) each short jump whose target is
 * out of reach, until nothing changes. Jumps only ever grow, so this ends.
 * Offsets are relative to the function start, which is 16-byte aligned, so
 * in-function alignment padding measures the same as in the real buffer.
 */
function relaxBranches(items: readonly FinalItem[]): FinalItem[] {
  const isLong = new Set<number>();
  const scratch = new CodeBuffer<X64Fixup>(patchX64);
  const fixedSizes = items.map((item) => (item.kind === 'inst' && !isLabelJump(item) ? itemSize(item, 0, scratch) : -1));
  const withShortness = (): FinalItem[] => items.map((item, n) =>
    item.kind === 'inst' && isLabelJump(item) ? { kind: 'inst', inst: { ...item.inst, isShort: !isLong.has(n) } } : item);
  for (;;) {
    const current = withShortness();
    const offsets: number[] = [];
    const labelAt = new Map<number, number>();
    let offset = 0;
    current.forEach((item, n) => {
      offsets.push(offset);
      if (item.kind === 'label') labelAt.set(item.label, offset);
      offset += fixedSizes[n]! >= 0 ? fixedSizes[n]! : itemSize(item, offset, scratch);
    });
    let isChanged = false;
    current.forEach((item, n) => {
      if (item.kind !== 'inst' || !isLabelJump(item) || isLong.has(n)) return;
      const target = labelAt.get((item.inst.ops[0] as { label: number }).label)!;
      const end = offsets[n]! + 2;
      if (target - end < -128 || target - end > 127) { isLong.add(n); isChanged = true; }
    });
    if (!isChanged) return current;
  }
}

function encodeFunction(buf: CodeBuffer<X64Fixup>, f: FinalFunction): void {
  buf.resetLabels();
  for (const item of relaxBranches(f.items)) {
    switch (item.kind) {
      case 'label': buf.bindLabel(item.label); break;
      case 'inst':
        if (item.inst.loc !== undefined) buf.markSource(item.inst.loc);
        encodeInst(buf, item.inst);
        break;
      case 'align': padWithNops(buf, item.align); break;
      case 'bytes':
        buf.markData(buf.offset, item.bytes.length);
        buf.bytesOf([...item.bytes]);
        break;
      case 'table-entry':
        buf.markData(buf.offset, 4);
        buf.addFixup('table32', item.target, item.table);
        buf.int(0, 4);
        break;
    }
  }
}

function compileModule(module: IrModule, opts: CodegenOptions): ObjectFile {
  const debug = opts.debug ? { sourceFile: opts.sourceFile ?? 'input.c', compDir: opts.compDir ?? '/' } : null;
  return compileModuleWith(module, {
    machine: 'x86_64',
    absReloc64: R_X86_64_64,
    absReloc32: R_X86_64_32,
    symbolRelocs: new Set([R_X86_64_PLT32]),
    newBuffer: () => new CodeBuffer<X64Fixup>(patchX64),
    alignFunction: (buf, align) => padWithNops(buf, Math.max(16, align ?? 16)),
    encodeFunction: (fn, facts, buf) => encodeFunction(buf, compileFunction(fn, facts)),
    encodeFileAsm: (block, buf) => {
      const assembled = assembleBlock(block.text, block.loc, 'file');
      copyInto(buf, assembled);
      return assembled.symbols;
    },
  }, debug, opts.pic, opts.functionSections);
}

function printAssembly(module: IrModule, opts: CodegenOptions): string {
  const facts = moduleFacts(module, opts.pic);
  const lines: string[] = ['\t.intel_syntax prefix', '\t.text'];
  module.functions.forEach((fn, index) => {
    const f = compileFunction(fn, facts);
    const name = (label: number): string => `.Lf${index}_${label}`;
    lines.push(...symbolDirectives(fn));
    lines.push(`\t.type ${fn.name}, @function`, `\t.p2align ${Math.log2(Math.max(16, fn.align ?? 16))}`, `${fn.name}:`);
    lines.push(...printFinalFunction(f, name));
    lines.push(`\t.size ${fn.name}, .-${fn.name}`);
  });
  for (const block of module.fileAsm ?? []) {
    // gcc prints file-scope asm verbatim between #APP and #NO_APP; ours is AT&T.
    lines.push('\t.text', '#APP', '\t.att_syntax', block.text, '\t.intel_syntax prefix', '#NO_APP');
  }
  lines.push(...printGlobalsAsm(module.globals, opts.pic));
  lines.push('\t.section .note.GNU-stack,"",@progbits');
  return lines.join('\n') + '\n';
}

export const x64Target: Target = {
  name: 'x86_64',
  machine: 'x86_64',
  compileModule,
  printAssembly,
  printMachineIr: (module) => module.functions.map((fn) => printFunctionMir(fn, module)).join('\n'),
};

export { moduleFacts };
