// The inline assembler's driver: AT&T text → bytes in the code buffer.
//
// Input: asm text (a substituted template, or a file-scope asm block), the
// source location of its asm statement. Output: bytes, relocations (calls
// to symbols, `sym(%rip)` operands) and, for file-scope blocks, the symbols
// its labels define.
// Labels are private to one block: numeric labels may repeat (`1b` is the
// nearest definition before, `1f` the nearest after, gas "Local Labels");
// named labels are unique. Jumps to labels start short (rel8) and grow to
// rel32 until every displacement fits, as gas relaxes them. The block is
// assembled into a private buffer, then copied, so its labels never meet
// the function's.

import type { SourceLoc } from '../../../diagnostics.js';
import { CodeBuffer } from '../../core/code-buffer.js';
import type { X64Buffer, X64Fixup } from '../encode.js';
import { patchX64 } from '../encode.js';
import type { X64Inst } from '../inst.js';
import { encodeStatement, isRelaxableJump } from './encode-att.js';
import type { InstStatement } from './encode-att.js';
import { asmError } from './errors.js';
import { evalExpr, parseAtt } from './parse-att.js';
import type { AsmStatement } from './parse-att.js';
import { substituteTemplate } from './template.js';

/** The text an allocated asm instruction stands for (what `-S` prints between #APP and #NO_APP). */
export function asmInstText(inst: X64Inst): string {
  return substituteTemplate(inst.asm!, inst.ops);
}

/** encode.ts hook: an allocated asm instruction. Empty templates (optimization barriers) emit nothing. */
export function encodeAsmInst(buf: X64Buffer, inst: X64Inst): void {
  const text = asmInstText(inst);
  if (text.trim() === '') return;
  const block = assembleBlock(text, inst.asm!.loc, 'function');
  copyInto(buf, block);
}

export interface AssembledBlock {
  readonly bytes: Uint8Array;
  readonly relocs: readonly { readonly offset: number; readonly type: number; readonly symbol: string; readonly addend: bigint }[];
  /** File-scope blocks: labels by byte offset, and which of them `.globl` exported. */
  readonly symbols: readonly { readonly name: string; readonly offset: number; readonly isGlobal: boolean; readonly isFunction: boolean }[];
}

/** Copies an assembled block into `buf`, relocations at their new offsets. */
export function copyInto(buf: X64Buffer, block: AssembledBlock): void {
  const relocs = [...block.relocs].sort((a, b) => a.offset - b.offset);
  let next = 0;
  block.bytes.forEach((b, i) => {
    while (next < relocs.length && relocs[next]!.offset === i) {
      const r = relocs[next++]!;
      buf.addReloc(r.type, r.symbol, r.addend);
    }
    buf.byte(b);
  });
}

const DATA_SIZES: Readonly<Record<string, 1 | 2 | 4 | 8>> = { '.byte': 1, '.word': 2, '.short': 2, '.value': 2, '.long': 4, '.int': 4, '.quad': 8 };
/** Directives that only describe symbols or sections we already are in. */
const IGNORED_TOP_LEVEL = new Set(['.type', '.size', '.text', '.file', '.ident', '.cfi_startproc', '.cfi_endproc']);

export function assembleBlock(text: string, loc: SourceLoc | undefined, mode: 'function' | 'file'): AssembledBlock {
  const statements = parseAtt(text, loc);
  // Label definitions: one id per definition, in order.
  const defs: { name: string; at: number; id: number }[] = [];
  statements.forEach((s, at) => {
    if (s.kind !== 'label') return;
    if (!/^[0-9]+$/.test(s.name) && defs.some((d) => d.name === s.name)) asmError(loc, `symbol '${s.name}' is already defined in asm statement`);
    defs.push({ name: s.name, at, id: defs.length });
  });
  const defAt = new Map(defs.map((d) => [d.at, d.id]));
  const resolverAt = (at: number) => (name: string): number | null => {
    const local = /^([0-9]+)([bf])$/.exec(name);
    if (local) {
      const matches = defs.filter((d) => d.name === local[1]);
      const d = local[2] === 'b' ? matches.filter((m) => m.at < at).pop() : matches.find((m) => m.at > at);
      return d?.id ?? null;
    }
    return defs.find((d) => d.name === name)?.id ?? null;
  };
  const globals = new Set<string>();
  const functions = new Set<string>();
  const isLong = new Set<number>();
  for (;;) {
    const buf = new CodeBuffer<X64Fixup>(patchX64);
    const starts: number[] = [];
    statements.forEach((s, at) => {
      starts.push(buf.offset);
      emitStatement(buf, s, at, defAt, resolverAt(at), !isLong.has(at), loc, mode, globals, functions);
    });
    // Relaxation: lengthen every short jump whose target is out of rel8 reach.
    let isChanged = false;
    statements.forEach((s, at) => {
      if (s.kind !== 'inst' || isLong.has(at) || !isRelaxableJump(s)) return;
      const id = resolverAt(at)((s.operands[0] as { name: string }).name);
      if (id === null) return;
      const target = buf.labelOffset(id)!;
      const end = (starts[at + 1] ?? buf.offset);
      if (target - end < -128 || target - end > 127) { isLong.add(at); isChanged = true; }
    });
    if (isChanged) continue;
    const { bytes, relocs } = buf.finish();
    const symbols = mode === 'file'
      ? defs.filter((d) => !/^[0-9]+$/.test(d.name)).map((d) => ({ name: d.name, offset: buf.labelOffset(d.id)!, isGlobal: globals.has(d.name), isFunction: functions.has(d.name) }))
      : [];
    for (const g of globals) if (!defs.some((d) => d.name === g)) asmError(loc, `'.globl ${g}' names a symbol this asm block does not define, which is not supported`);
    return { bytes, relocs: relocs.map((r) => ({ offset: r.offset, type: r.type, symbol: r.symbol, addend: r.addend })), symbols };
  }
}

function emitStatement(
  buf: X64Buffer, s: AsmStatement, at: number, defAt: ReadonlyMap<number, number>, resolve: (name: string) => number | null, isShort: boolean,
  loc: SourceLoc | undefined, mode: 'function' | 'file', globals: Set<string>, functions: Set<string>,
): void {
  switch (s.kind) {
    case 'label':
      buf.bindLabel(defAt.get(at)!);
      return;
    case 'inst':
      encodeStatement(buf, s as InstStatement, resolve, isShort, loc);
      return;
    case 'directive':
      emitDirective(buf, s, loc, mode, globals, functions);
      return;
  }
}

function emitDirective(
  buf: X64Buffer, s: Extract<AsmStatement, { kind: 'directive' }>, loc: SourceLoc | undefined, mode: 'function' | 'file',
  globals: Set<string>, functions: Set<string>,
): void {
  const size = DATA_SIZES[s.name];
  if (size !== undefined) {
    for (const a of s.args) {
      const v = evalExpr(a, loc);
      if (typeof v !== 'bigint') asmError(loc, `symbolic data in '${s.name}' is not supported in asm statements`);
      buf.int(v, size);
    }
    return;
  }
  if (s.name === '.ascii' || s.name === '.asciz' || s.name === '.string') {
    for (const a of s.args) {
      const m = /^"((?:\\.|[^"\\])*)"$/.exec(a);
      if (!m) asmError(loc, `expected a string after '${s.name}' in asm statement`);
      buf.bytesOf([...JSON.parse(`"${m[1]!.replace(/\\([0-7]{1,3})/g, (_x, o: string) => `\\u${parseInt(o, 8).toString(16).padStart(4, '0')}`)}"`) as string].map((c) => c.charCodeAt(0)));
      if (s.name !== '.ascii') buf.byte(0);
    }
    return;
  }
  if (mode === 'file') {
    if (s.name === '.globl' || s.name === '.global') { for (const a of s.args) globals.add(a.trim()); return; }
    if (s.name === '.type') {
      if (/function/.test(s.args[1] ?? '')) functions.add((s.args[0] ?? '').trim());
      return;
    }
    if (s.name === '.section' && /^\.text\b/.test(s.args[0] ?? '')) return;
    if (s.name === '.section' && /^\.note\.GNU-stack/.test(s.args[0] ?? '')) return;
    if (IGNORED_TOP_LEVEL.has(s.name)) return;
    if (s.name === '.p2align' || s.name === '.align' || s.name === '.balign') {
      const n = Number(evalExpr(s.args[0] ?? '0', loc));
      const align = s.name === '.p2align' ? 2 ** n : n;
      // The block starts 16-byte aligned in .text, so alignments up to 16 are exact.
      if (align > 16) asmError(loc, `alignment ${align} in file-scope asm is not supported`);
      while (buf.offset % align !== 0) buf.byte(0x90);
      return;
    }
  }
  asmError(loc, `unsupported directive '${s.name}' in asm statement`);
}
