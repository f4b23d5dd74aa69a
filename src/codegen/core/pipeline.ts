// The per-function pipeline and the Target it makes of a description:
//
//   IrFunction ─lower→ MachFunction<I> over vregs ─allocate→ Allocation
//     ─check (CC_VERIFY=1)→ ─emit→ FinalFunction<I> ─relax→ ─encode→ bytes
//                                                    └─print→ assembler text
//
// Input: a TargetDescription (target.ts) and IR modules. Output: the Target
// record — objects through driver.ts, `-S` text, machine-IR dumps.
// Nothing here knows an ISA: instruction selection, frames, encodings and
// syntax come from the description.

import { assert, type SourceLoc } from '../../diagnostics.js';
import type { IrFunction, IrModule } from '../../ir/ir.js';
import type { ObjectFile } from '../../link/object.js';
import { checkAllocation } from './check-alloc.js';
import type { CodeBuffer, CodePart } from './code-buffer.js';
import { printGlobalsAsm } from './data-layout.js';
import { compileModuleWith, moduleFacts, type LabelSymbolAt, type ModuleFacts } from './driver.js';
import { legalizeForSelection } from './legalize.js';
import { emitFunction, type FinalFunction, type FinalItem } from './emit.js';
import { printMir } from './mach.js';
import { symbolDirectives } from './symbol-binding.js';
import { allocateRegisters } from './regalloc.js';
import { timed } from '../../time-report.js';
import { omitsFramePointer, type CodegenOptions, type Encoder, type Target, type TargetDescription } from './target.js';

/** One function through selection, allocation and emission. */
export function compileFunction<I, K extends string, F>(d: TargetDescription<I, K, F>, fn: IrFunction, facts: ModuleFacts): FinalFunction<I, F> {
  const lowered = timed('isel', () => d.lower(legalizeForSelection(fn), facts));
  const alloc = timed('regalloc', () => allocateRegisters(lowered.mf, d.instInfo, d.registers));
  if (process.env.CC_VERIFY) {
    const problems = checkAllocation(lowered.mf, d.instInfo, alloc, d.registers);
    assert(problems.length === 0, `register allocation is wrong:\n${problems.join('\n')}`);
  }
  return timed('emit', () => emitFunction(lowered, alloc, d.emit));
}

/** Bytes an item takes at `offset` (instructions measured by encoding into a scratch buffer whose fixups are never resolved). */
function itemSize<I, K extends string>(enc: Encoder<I, K>, item: FinalItem<I>, offset: number, scratch: CodeBuffer<K>): number {
  switch (item.kind) {
    case 'label': return 0;
    case 'align': return (item.align - (offset % item.align)) % item.align;
    case 'bytes': return item.bytes.length;
    case 'table-entry': return 4;
    case 'inst': {
      const start = scratch.offset;
      enc.encodeInst(scratch, item.inst);
      return scratch.offset - start;
    }
  }
}

/**
 * Branch relaxation: every relaxable branch starts short; a pass measures
 * the layout and lengthens each short branch whose label is out of reach,
 * until nothing changes. Branches only ever grow, so this ends. Offsets are
 * relative to the function start, which is aligned at least as much as any
 * alignment inside it, so in-function padding measures the same as in the
 * real buffer. Each instruction is measured once (a branch in both forms):
 * the rounds are arithmetic over those sizes, and the branches get their
 * forms once at the end.
 */
export function relaxBranches<I, K extends string>(enc: Encoder<I, K>, items: readonly FinalItem<I>[]): readonly FinalItem<I>[] {
  const relax = enc.relaxation;
  if (relax === undefined) return items;
  const scratch = enc.newBuffer();
  const n = items.length;
  // Per item: its size (an alignment: -align; a branch: its short size), the long size of a branch (else -1), its label.
  const sizes = new Int32Array(n);
  const longSizes = new Int32Array(n).fill(-1);
  const targets = new Int32Array(n).fill(-1);
  let branches = 0;
  for (let k = 0; k < n; k++) {
    const item = items[k]!;
    if (item.kind === 'align') { sizes[k] = -item.align; continue; }
    if (item.kind !== 'inst') { sizes[k] = itemSize(enc, item, 0, scratch); continue; }
    const label = relax.labelOf(item.inst);
    if (label === null) { sizes[k] = itemSize(enc, item, 0, scratch); continue; }
    sizes[k] = itemSize(enc, { kind: 'inst', inst: relax.withForm(item.inst, false) }, 0, scratch);
    longSizes[k] = itemSize(enc, { kind: 'inst', inst: relax.withForm(item.inst, true) }, 0, scratch);
    targets[k] = label;
    branches++;
  }
  const isLong = new Uint8Array(n);
  if (branches > 0) {
    const offsets = new Int32Array(n + 1);
    const labelAt = new Map<number, number>();
    for (let isChanged = true; isChanged;) {
      let offset = 0;
      for (let k = 0; k < n; k++) {
        offsets[k] = offset;
        const item = items[k]!;
        if (item.kind === 'label') labelAt.set(item.label, offset);
        const size = sizes[k]!;
        offset += size < 0 ? (-size - (offset % -size)) % -size : isLong[k] === 1 ? longSizes[k]! : size;
      }
      offsets[n] = offset;
      isChanged = false;
      for (let k = 0; k < n; k++) {
        if (targets[k] === -1 || isLong[k] === 1) continue;
        if (!relax.reaches(offsets[k]!, offsets[k + 1]! - offsets[k]!, labelAt.get(targets[k]!)!)) { isLong[k] = 1; isChanged = true; }
      }
    }
  }
  return branches === 0 ? items : items.map((item, k) => (targets[k] !== -1 ? { kind: 'inst', inst: relax.withForm((item as Extract<FinalItem<I>, { kind: 'inst' }>).inst, isLong[k] === 1) } : item));
}

/**
 * Encodes one function; returns the local symbols at its labels (absolute offsets in the buffer).
 *
 * Most functions need no long branch, so the first try encodes every
 * relaxable branch short, straight into the buffer, and checks afterwards
 * that each reaches its label: that is the layout `relaxBranches` settles
 * on when nothing needs lengthening, got with one encoding of each
 * instruction instead of two (measuring, then emitting). Only when some
 * branch falls short is the try undone and the layout relaxed first.
 */
function encodeFunction<I, K extends string, F>(enc: Encoder<I, K>, buf: CodeBuffer<K>, f: FinalFunction<I, F>, sourceOf: (inst: I) => SourceLoc | undefined): LabelSymbolAt[] {
  const start = buf.offset;
  buf.resetLabels();
  const relax = enc.relaxation;
  let isDone = false;
  if (relax !== undefined) {
    const mark = buf.mark();
    const branches: { offset: number; size: number; label: number }[] = [];
    const items = f.items.map((item): FinalItem<I> => {
      if (item.kind !== 'inst' || relax.labelOf(item.inst) === null) return item;
      return { kind: 'inst', inst: relax.withForm(item.inst, false) };
    });
    encodeItems(enc, buf, items, sourceOf, (inst, offset, size) => {
      const label = relax.labelOf(inst);
      if (label !== null) branches.push({ offset, size, label });
    });
    isDone = branches.every((b) => relax.reaches(b.offset, b.size, buf.labelOffset(b.label)!));
    if (!isDone) buf.rollback(mark);
  }
  if (!isDone) encodeItems(enc, buf, relaxBranches(enc, f.items), sourceOf);
  return f.labelSymbols.map((s) => ({ name: s.name, offset: s.label === null ? start : buf.labelOffset(s.label)! }));
}

/** Emits items into the buffer; `onInst` hears where each instruction went. */
function encodeItems<I, K extends string>(
  enc: Encoder<I, K>, buf: CodeBuffer<K>, items: readonly FinalItem<I>[], sourceOf: (inst: I) => SourceLoc | undefined,
  onInst?: (inst: I, offset: number, size: number) => void,
): void {
  for (const item of items) {
    switch (item.kind) {
      case 'label': buf.bindLabel(item.label); break;
      case 'inst': {
        const loc = sourceOf(item.inst);
        if (loc !== undefined) buf.markSource(loc);
        const at = buf.offset;
        enc.encodeInst(buf, item.inst);
        onInst?.(item.inst, at, buf.offset - at);
        break;
      }
      case 'align': enc.pad(buf, item.align); break;
      // Data inside the code (constants, jump tables) is marked, so a disassembler does not decode it.
      case 'bytes':
        buf.markData(buf.offset, item.bytes.length);
        buf.bytesOf([...item.bytes]);
        break;
      case 'table-entry':
        buf.markData(buf.offset, 4);
        enc.encodeTableEntry(buf, item.table, item.target);
        break;
    }
  }
}

/** The Target record of a description: the pipeline above, driver.ts for objects, the printer for text. */
export function defineTarget<I, K extends string, F>(d: TargetDescription<I, K, F>): Target {
  const enc = d.encoder;
  const sourceOf = (inst: I) => d.instInfo.sourceOf?.(inst);
  const compileModule = (module: IrModule, opts: CodegenOptions): ObjectFile => {
    const debug = opts.debug ? { sourceFile: opts.sourceFile ?? 'input.c', compDir: opts.compDir ?? '/' } : null;
    return compileModuleWith(module, {
      machine: d.machine,
      absReloc64: enc.absReloc64,
      absReloc32: enc.absReloc32,
      symbolRelocs: enc.symbolRelocs,
      newBuffer: () => enc.newBuffer(),
      alignFunction: (buf, align) => enc.pad(buf, Math.max(enc.functionAlign, align ?? enc.functionAlign)),
      encodeFunction: (fn, facts, buf) => {
        const part = opts.partOf?.(fn);
        if (part !== undefined) {
          buf.resetLabels(); // the previous function's label fixups, as encodeFunction does
          const base = buf.offset;
          buf.appendPart(part);
          return (part.labels ?? []).map((l) => ({ name: l.name, offset: base + l.offset }));
        }
        const f = compileFunction(d, fn, facts);
        return timed('encode', () => encodeFunction(enc, buf, f, sourceOf));
      },
      ...(enc.encodeFileAsm ? { encodeFileAsm: enc.encodeFileAsm } : {}),
    }, debug, opts.pic, opts.functionSections, omitsFramePointer(opts));
  };
  const compileFunctionPart = (fn: IrFunction, facts: ModuleFacts): CodePart => {
    const buf = enc.newBuffer();
    const f = compileFunction(d, fn, facts);
    // The buffer starts at 0, so the label symbols' offsets are from the function's start.
    const labels = timed('encode', () => encodeFunction(enc, buf, f, sourceOf));
    return { ...buf.takePart(), ...(labels.length > 0 ? { labels } : {}) };
  };
  const printAssembly = (module: IrModule, opts: CodegenOptions): string => {
    const p = d.printer;
    const facts = moduleFacts(module, opts.pic, omitsFramePointer(opts));
    const lines: string[] = [...p.header];
    module.functions.forEach((fn, index) => {
      const f = compileFunction(d, fn, facts);
      const name = (label: number): string => `.Lf${index}_${label}`;
      lines.push(...symbolDirectives(fn));
      lines.push(`\t.type ${fn.name}, ${p.typePrefix}function`, `\t.p2align ${Math.log2(Math.max(enc.functionAlign, fn.align ?? enc.functionAlign))}`, `${fn.name}:`);
      lines.push(...f.labelSymbols.filter((s) => s.label === null).map((s) => `${s.name}:`));
      // Taken label addresses: a symbol beside the label (or at the function's start, its block gone).
      const symbolsAt = new Map<string, string[]>();
      for (const s of f.labelSymbols) {
        const at = s.label === null ? `${fn.name}:` : `${name(s.label)}:`;
        symbolsAt.set(at, [...(symbolsAt.get(at) ?? []), `${s.name}:`]);
      }
      for (const line of p.printFunction(f, name)) lines.push(line, ...(symbolsAt.get(line) ?? []));
      lines.push(`\t.size ${fn.name}, .-${fn.name}`);
    });
    for (const block of module.fileAsm ?? []) {
      assert(p.printFileAsm !== undefined, `file-scope asm is not supported for ${d.machine}`);
      lines.push(...p.printFileAsm(block));
    }
    lines.push(...printGlobalsAsm(module.globals, opts.pic, p.typePrefix));
    lines.push(`\t.section .note.GNU-stack,"",${p.typePrefix}progbits`);
    return lines.join('\n') + '\n';
  };
  // The machine IR with its register allocation: each vreg operand with its preg, spill code as lines of its own.
  const printMirOf = (fn: IrFunction, module: IrModule, opts?: CodegenOptions): string => {
    const lowered = d.lower(legalizeForSelection(fn), moduleFacts(module, opts?.pic, opts === undefined ? false : omitsFramePointer(opts)));
    const alloc = allocateRegisters(lowered.mf, d.instInfo, d.registers);
    return printMir(lowered.mf, (i) => d.printer.printMirInst(i), alloc, d.registers);
  };
  const printMachineIr = (module: IrModule, opts: CodegenOptions): string => module.functions.map((fn) => printMirOf(fn, module, opts)).join('\n');
  return { name: d.name, machine: d.machine, ...(d.asmDialect ? { asmDialect: d.asmDialect } : {}), compileModule, compileFunctionPart, printAssembly, printMir: (fn, module) => printMirOf(fn, module), printMachineIr };
}
