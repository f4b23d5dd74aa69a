// Builds AArch64 relocatable objects from hand-written A64Inst lists with
// our encoder and code buffer — what the ARM64 backend will do once
// instruction selection exists — so the ELF writer, GNU ld and our loader
// can be tested on AArch64 code today.
//
// Input: functions (instructions, labels by instruction index, an optional C
// signature for `.jitcc.sigs`) and data objects (bytes plus relocations).
// Output: an ObjectFile: `.text` with each function 4-byte aligned, one
// section per data kind, global symbols for everything defined, the
// relocations the encoder asked for, and an undefined global for each name
// they refer to that nothing defines (STT_TLS when a TLS relocation names
// it: GNU ld refuses a NOTYPE reference to a thread-local definition).

import { CodeBuffer } from '../../../src/codegen/core/code-buffer.js';
import type { A64Fixup } from '../../../src/codegen/arm64/encode.js';
import { encodeInst, patchA64 } from '../../../src/codegen/arm64/encode.js';
import type { A64Inst } from '../../../src/codegen/arm64/inst.js';
import type { FfiFunctionType } from '../../../src/link/ctypes.js';
import {
  emptyObject, type ObjectFile, R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC,
  R_AARCH64_TLSLE_ADD_TPREL_HI12, R_AARCH64_TLSLE_ADD_TPREL_LO12_NC, type Reloc, type Section,
} from '../../../src/link/object.js';

export interface HandFunction {
  readonly name: string;
  readonly insts: readonly A64Inst[];
  /** Label id → index of the instruction it is bound before (the length binds it at the end). */
  readonly labels?: Readonly<Record<number, number>>;
  readonly signature?: FfiFunctionType;
  readonly isLocal?: boolean;
}

export interface HandData {
  readonly name: string;
  readonly section: '.data' | '.rodata' | '.bss' | '.tdata' | '.tbss';
  readonly align: number;
  /** Contents (for .bss/.tbss only the length counts). */
  readonly bytes: Uint8Array;
  readonly relocs?: readonly HandReloc[];
}

export interface HandReloc {
  /** Offset within this object's bytes. */
  readonly at: number;
  readonly type: number;
  readonly symbol: string;
  readonly addend: bigint;
}

/** Relocations that name a thread-local symbol: an undefined symbol they name must be STT_TLS, or GNU ld refuses the link. */
const TLS_RELOCS = new Set([
  R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC, R_AARCH64_TLSLE_ADD_TPREL_HI12, R_AARCH64_TLSLE_ADD_TPREL_LO12_NC,
]);

const KIND: Record<HandData['section'], Section['kind']> = { '.data': 'data', '.rodata': 'rodata', '.bss': 'bss', '.tdata': 'tdata', '.tbss': 'tbss' };

export function buildA64Object(functions: readonly HandFunction[], data: readonly HandData[] = []): ObjectFile {
  const obj = emptyObject('aarch64');
  const buf = new CodeBuffer<A64Fixup>(patchA64);
  for (const fn of functions) {
    buf.resetLabels();
    const start = buf.offset;
    fn.insts.forEach((i, n) => {
      for (const [l, at] of Object.entries(fn.labels ?? {})) if (at === n) buf.bindLabel(Number(l));
      encodeInst(buf, i);
    });
    for (const [l, at] of Object.entries(fn.labels ?? {})) if (at === fn.insts.length) buf.bindLabel(Number(l));
    obj.symbols.push({ name: fn.name, binding: fn.isLocal ? 'local' : 'global', kind: 'func', section: '.text', value: start, size: buf.offset - start });
    if (fn.signature) obj.signatures.set(fn.name, fn.signature);
  }
  const { bytes, relocs } = buf.finish();
  obj.sections.push({ name: '.text', kind: 'text', align: 4, bytes, size: bytes.length, relocs });

  for (const name of ['.data', '.rodata', '.bss', '.tdata', '.tbss'] as const) {
    const items = data.filter((d) => d.section === name);
    if (items.length === 0) continue;
    const isNobits = name === '.bss' || name === '.tbss';
    const chunks: number[] = [];
    const sectionRelocs: Reloc[] = [];
    let align = 1;
    for (const d of items) {
      while (chunks.length % d.align !== 0) chunks.push(0);
      align = Math.max(align, d.align);
      const at = chunks.length;
      chunks.push(...d.bytes);
      for (const r of d.relocs ?? []) sectionRelocs.push({ offset: at + r.at, type: r.type, symbol: r.symbol, addend: r.addend });
      obj.symbols.push({ name: d.name, binding: 'global', kind: name.startsWith('.t') ? 'tls' : 'object', section: name, value: at, size: d.bytes.length });
    }
    obj.sections.push({
      name, kind: KIND[name], align,
      bytes: isNobits ? new Uint8Array(0) : new Uint8Array(chunks), size: chunks.length, relocs: sectionRelocs,
    });
  }
  const known = new Set(obj.symbols.map((s) => s.name));
  for (const r of obj.sections.flatMap((s) => s.relocs)) {
    if (known.has(r.symbol)) continue;
    known.add(r.symbol);
    obj.symbols.push({ name: r.symbol, binding: 'global', kind: TLS_RELOCS.has(r.type) ? 'tls' : 'notype', section: null, value: 0, size: 0 });
  }
  obj.sections.push({ name: '.note.GNU-stack', kind: 'other', align: 1, bytes: new Uint8Array(0), size: 0, relocs: [] });
  return obj;
}

/** Little-endian bytes of 64-bit values (data contents). */
export function u64s(...values: (bigint | number)[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, n) => view.setBigUint64(n * 8, BigInt.asUintN(64, BigInt(v)), true));
  return out;
}
