// The target-independent driver: IR module → relocatable ObjectFile.
//
// Input: an IrModule and a FunctionEncoder (the target's per-function path:
// selection, allocation, emission, encoding into the shared code buffer).
// Output: an ObjectFile with every function in `.text` (16-byte aligned
// starts, `func` symbols with sizes; `global` binding for linkage 'export',
// `local` otherwise), the data sections, an empty `.note.GNU-stack` (so ld
// does not assume an executable stack), undefined symbols for everything
// referenced but not defined, and the module's C signatures.
//
// Relocations against local symbols are rewritten to section symbol +
// offset, as GNU as does (the linker computes the same address), so our
// objects match `as` output exactly; call relocations keep their symbol.

import { checkDeadline } from '../../deadline.js';
import type { IrModule, SymbolAttrs } from '../../ir/ir.js';
import type { Machine, ObjSymbol, ObjectFile, Section } from '../../link/object.js';
import type { CodeBuffer } from './code-buffer.js';
import { layoutGlobals } from './data-layout.js';
import { aliasSymbols, startupSections, symbolBinding } from './symbol-binding.js';
import { buildDebugSections, type DebugFunction } from '../../link/dwarf/debug-sections.js';
import { assert } from '../../diagnostics.js';
import { timed } from '../../time-report.js';

/** Module facts instruction selection needs beyond the function itself. */
export interface ModuleFacts {
  /** True if the module defines `name` (function or global). */
  isDefined(name: string): boolean;
  /**
   * True if `name` is defined here and no other module can take its place,
   * so its address is PC-relative; false means through the GOT. Without
   * -fPIC every definition is final (an executable's symbols are not
   * preempted); with it, only local, hidden and internal ones are, and
   * protected functions (gABI symbol visibility).
   */
  isDirect(name: string): boolean;
  /** True if `name` is a thread-local variable defined here or declared `extern _Thread_local`. */
  isThreadLocal(name: string): boolean;
  readonly signatures: IrModule['signatures'];
  /** Functions may do without a frame pointer (target.ts `omitsFramePointer`: -O1 and up, no -g). */
  readonly omitFramePointer: boolean;
}

export function moduleFacts(module: IrModule, pic = false, omitFramePointer = false): ModuleFacts {
  const labels = module.functions.flatMap((f) => (f.labelAddresses ?? []).map((l) => l.name));
  const defined = new Set<string>([...module.functions.map((f) => f.name), ...module.globals.map((g) => g.name), ...(module.aliases ?? []).map((a) => a.name), ...labels]);
  const threadLocal = new Set([...module.globals.filter((g) => g.isThreadLocal).map((g) => g.name), ...(module.threadLocalExterns ?? [])]);
  const isFinal = (d: SymbolAttrs & { linkage: string }, isFunction: boolean) =>
    d.linkage === 'local' || d.visibility === 'hidden' || d.visibility === 'internal' || (isFunction && d.visibility === 'protected');
  const direct = pic
    ? new Set([
      ...module.functions.filter((f) => isFinal(f, true)).map((f) => f.name), ...module.globals.filter((g) => isFinal(g, false)).map((g) => g.name),
      ...(module.aliases ?? []).filter((a) => isFinal(a, module.functions.some((f) => f.name === a.target))).map((a) => a.name),
      ...labels,
    ])
    : new Set(defined);
  for (const name of module.nearExterns ?? []) direct.add(name);
  return {
    isDefined: (name) => defined.has(name), isDirect: (name) => direct.has(name),
    isThreadLocal: (name) => threadLocal.has(name), signatures: module.signatures, omitFramePointer,
  };
}


export interface FunctionEncoder<K extends string> {
  readonly machine: Machine;
  /** The 64-bit absolute relocation for data (R_X86_64_64, R_AARCH64_ABS64). */
  readonly absReloc64: number;
  /** Relocation types that must keep naming their symbol (calls through the PLT). */
  readonly symbolRelocs: ReadonlySet<number>;
  /** The 32-bit absolute relocation (R_X86_64_32, R_AARCH64_ABS32): offsets between debug sections. */
  readonly absReloc32: number;
  newBuffer(): CodeBuffer<K>;
  /** Pads the buffer (with the target's nops) to a function start, or to `align` bytes when a function asks for more. */
  alignFunction(buf: CodeBuffer<K>, align?: number): void;
  /** Encodes one function; returns the local symbols it defines inside its code (taken label addresses). */
  encodeFunction(fn: IrModule['functions'][number], facts: ModuleFacts, buf: CodeBuffer<K>): readonly LabelSymbolAt[];
  /** Assembles a file-scope asm block at the buffer's end; returns the symbols its labels define (offsets from its start). */
  encodeFileAsm?(block: NonNullable<IrModule['fileAsm']>[number], buf: CodeBuffer<K>): readonly FileAsmSymbol[];
}

/** A local symbol at an absolute offset of the function's section. */
export interface LabelSymbolAt {
  readonly name: string;
  readonly offset: number;
}

export interface FileAsmSymbol {
  readonly name: string;
  readonly offset: number;
  readonly isGlobal: boolean;
  readonly isFunction: boolean;
}

/** -g: describe the code for debuggers (DWARF, link/dwarf/). */
export interface DebugInfoOptions {
  readonly sourceFile: string;
  readonly compDir: string;
}

export function compileModuleWith<K extends string>(module: IrModule, target: FunctionEncoder<K>, debug: DebugInfoOptions | null = null, pic = false, functionSections = false, omitFramePointer = false): ObjectFile {
  const facts = moduleFacts(module, pic, omitFramePointer);
  // One code buffer per section: `.text`, GNU `section("x")`, `.text.<name>` under -ffunction-sections.
  // Calls between them are relocations already (R_X86_64_PLT32 keeps its symbol), so no fixup crosses buffers.
  const buffers = new Map<string, { buf: CodeBuffer<K>; align: number }>();
  const bufferFor = (name: string) => {
    let entry = buffers.get(name);
    if (entry === undefined) {
      entry = { buf: target.newBuffer(), align: 16 };
      buffers.set(name, entry);
    }
    return entry;
  };
  bufferFor('.text');
  const symbols: ObjSymbol[] = [];
  const debugFunctions: DebugFunction[] = [];
  for (const fn of module.functions) {
    checkDeadline();
    const section = fn.section ?? (functionSections ? `.text.${fn.name}` : '.text');
    const entry = bufferFor(section);
    const buf = entry.buf;
    target.alignFunction(buf, fn.align);
    entry.align = Math.max(entry.align, fn.align ?? 0);
    const start = buf.offset;
    buf.takeSourceRows(); // the alignment padding belongs to no statement
    const labelSymbols = target.encodeFunction(fn, facts, buf);
    const size = buf.offset - start;
    symbols.push({
      name: fn.name, ...symbolBinding(fn), kind: 'func', section, value: start, size,
    });
    for (const l of labelSymbols) symbols.push({ name: l.name, binding: 'local', kind: 'notype', section, value: l.offset, size: 0 });
    const rows = buf.takeSourceRows().map((r) => ({ offset: r.offset - start, file: r.loc.file, line: r.loc.line, col: r.loc.col }));
    // The debug information describes .text (one address range); code placed elsewhere has none yet.
    if (debug !== null && section === '.text') {
      const decl = fn.loc ?? { file: debug.sourceFile, line: rows[0]?.line ?? 1 };
      // The prologue has no statement of its own: debuggers expect it on the function's line (gcc does the same).
      if (rows[0]?.offset !== 0) rows.unshift({ offset: 0, file: decl.file, line: decl.line, col: 0 });
      debugFunctions.push({ name: fn.name, symbol: fn.name, start, size, isExternal: fn.linkage === 'export', declFile: decl.file, declLine: decl.line, rows });
    }
  }
  const textBuf = bufferFor('.text').buf;
  for (const block of module.fileAsm ?? []) {
    const encodeFileAsm = target.encodeFileAsm;
    assert(encodeFileAsm !== undefined, `file-scope asm is not supported for ${target.machine}`);
    target.alignFunction(textBuf);
    const start = textBuf.offset;
    for (const s of encodeFileAsm(block, textBuf)) {
      symbols.push({ name: s.name, binding: s.isGlobal ? 'global' : 'local', kind: s.isFunction ? 'func' : 'notype', section: '.text', value: start + s.offset, size: 0 });
    }
  }
  const sections: Section[] = [];
  for (const [name, { buf, align }] of buffers) {
    const code = buf.finish();
    if (name !== '.text' && code.bytes.length === 0) continue;
    sections.push({ name, kind: 'text', align, bytes: code.bytes, size: code.bytes.length, relocs: code.relocs });
  }
  // Label distances in data (GNU `&&a - &&b`) read the label symbols' places in the code laid out above.
  const labelPlaces = new Map(symbols.filter((s) => s.kind === 'notype' && s.section !== null).map((s) => [s.name, { section: s.section!, value: s.value }]));
  const data = timed('data', () => layoutGlobals(module.globals, target.absReloc64, pic, (name) => labelPlaces.get(name)));
  sections.push(...data.sections);
  sections.push(...startupSections(module, target.absReloc64));
  sections.push({ name: '.note.GNU-stack', kind: 'other', align: 1, bytes: new Uint8Array(0), size: 0, relocs: [] });
  if (debug !== null && debugFunctions.length > 0) {
    const unit = { producer: 'jitcc', compDir: debug.compDir, mainFile: debug.sourceFile, functions: debugFunctions };
    const dwarf = buildDebugSections(unit, { abs64: target.absReloc64, abs32: target.absReloc32 });
    sections.push(...dwarf.sections);
    symbols.push(...dwarf.symbols);
  }
  symbols.push(...data.symbols);
  symbols.push(...aliasSymbols(module, symbols));
  useSectionSymbolsForLocals(sections, symbols, target.symbolRelocs);
  // Every referenced symbol the module does not define is an undefined global (weak when declared so).
  const defined = new Set(symbols.map((s) => s.name));
  const weak = new Set(module.weakExterns ?? []);
  // An extern _Thread_local variable is an undefined STT_TLS symbol, or ld rejects its TLS relocations.
  const threadLocal = new Set(module.threadLocalExterns ?? []);
  const referenced = [...module.externs, ...sections.flatMap((s) => s.relocs.map((r) => r.symbol))];
  for (const name of referenced) {
    if (defined.has(name)) continue;
    defined.add(name);
    symbols.push({ name, binding: weak.has(name) ? 'weak' : 'global', kind: threadLocal.has(name) ? 'tls' : 'notype', section: null, value: 0, size: 0 });
  }
  const dataInCode = [...buffers].flatMap(([section, { buf }]) => buf.dataInCode.map((d) => ({ section, offset: d.offset, size: d.size })));
  return {
    machine: target.machine, sections, symbols, signatures: new Map(module.signatures),
    ...(module.globalTypes ? { globalTypes: new Map(module.globalTypes) } : {}),
    ...(dataInCode.length > 0 ? { dataInCode } : {}),
  };
}

function useSectionSymbolsForLocals(sections: Section[], symbols: ObjSymbol[], symbolRelocs: ReadonlySet<number>): void {
  const locals = new Map(symbols.filter((s) => s.binding === 'local' && s.section !== null && s.kind !== 'section').map((s) => [s.name, s]));
  const used = new Set<string>();
  for (const sec of sections) {
    for (const r of sec.relocs) {
      const def = locals.get(r.symbol);
      if (def === undefined || symbolRelocs.has(r.type)) continue;
      r.symbol = def.section!;
      r.addend += BigInt(def.value);
      used.add(def.section!);
    }
  }
  const sectionSyms: ObjSymbol[] = sections.filter((s) => used.has(s.name))
    .map((s) => ({ name: s.name, binding: 'local', kind: 'section', section: s.name, value: 0, size: 0 }));
  symbols.unshift(...sectionSyms);
}
