// Test helper: builds x86-64 ObjectFiles by hand from machine code, so the
// loader can be tested without the compiler or the ELF reader.
//
// Each function is hex bytes plus relocations at offsets within the
// function; `buildObject` concatenates them into .text and records symbols
// and C signatures (parsed from prototype strings). The bytes come from GNU
// as: `as fx.s -o fx.o && objdump -d -r -M intel fx.o`, with the assembly
// quoted next to each function in the tests.

import type { FfiFunctionType } from '../../src/link/ctypes.js';
import type { ObjSymbol, ObjectFile, Reloc, Section, SectionKind } from '../../src/link/object.js';
import { parsePrototype } from '../../src/loader/prototype.js';

export interface AsmReloc {
  /** Offset of the field within the function's code. */
  readonly at: number;
  readonly type: number;
  readonly symbol: string;
  readonly addend?: bigint;
}

export interface AsmFunction {
  /** C prototype, e.g. 'int add2(int a, int b)'; its name is the symbol name. */
  readonly proto: string;
  /** Machine code as hex, whitespace ignored. */
  readonly code: string;
  readonly relocs?: readonly AsmReloc[];
  readonly binding?: 'global' | 'local';
}

export interface ObjectSpec {
  readonly functions: readonly AsmFunction[];
  readonly rodata?: Uint8Array;
  readonly data?: Uint8Array;
  /** Objects defined in .data / .rodata / .bss. */
  readonly objects?: readonly { name: string; section: '.data' | '.rodata' | '.bss'; offset: number; size: number }[];
  readonly bssSize?: number;
  /** Extra sections, e.g. .init_array with its relocations. */
  readonly sections?: readonly Section[];
  /** Extra symbols (undefined references, COMMONs, weak references). */
  readonly symbols?: readonly ObjSymbol[];
  /** Prototypes of external functions (for JS imports). */
  readonly declarations?: readonly string[];
}

export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function section(name: string, kind: SectionKind, bytes: Uint8Array, relocs: Reloc[] = [], align = 16, size = bytes.length): Section {
  return { name, kind, align, bytes, size, relocs };
}

export function buildObject(spec: ObjectSpec): ObjectFile {
  const code: number[] = [];
  const textRelocs: Reloc[] = [];
  const symbols: ObjSymbol[] = [];
  const signatures = new Map<string, FfiFunctionType>();
  for (const f of spec.functions) {
    const { name, fn } = parsePrototype(f.proto);
    const bytes = hex(f.code);
    const start = code.length;
    code.push(...bytes);
    while (code.length % 16 !== 0) code.push(0xcc);
    symbols.push({ name, binding: f.binding ?? 'global', kind: 'func', section: '.text', value: start, size: bytes.length });
    signatures.set(name, fn);
    for (const r of f.relocs ?? []) textRelocs.push({ offset: start + r.at, type: r.type, symbol: r.symbol, addend: r.addend ?? -4n });
  }
  const sections: Section[] = [section('.text', 'text', new Uint8Array(code), textRelocs)];
  if (spec.rodata) sections.push(section('.rodata', 'rodata', spec.rodata, [], 8));
  if (spec.data) sections.push(section('.data', 'data', spec.data, [], 8));
  if (spec.bssSize) sections.push(section('.bss', 'bss', new Uint8Array(0), [], 8, spec.bssSize));
  sections.push(...(spec.sections ?? []));
  for (const o of spec.objects ?? []) {
    symbols.push({ name: o.name, binding: 'global', kind: 'object', section: o.section, value: o.offset, size: o.size });
  }
  for (const s of sections) symbols.push({ name: s.name, binding: 'local', kind: 'section', section: s.name, value: 0, size: 0 });
  symbols.push(...(spec.symbols ?? []));
  // Undefined references for every relocation target nobody defines.
  const known = new Set(symbols.map((s) => s.name));
  for (const s of sections) {
    for (const r of s.relocs) {
      if (!known.has(r.symbol)) {
        symbols.push({ name: r.symbol, binding: 'global', kind: 'notype', section: null, value: 0, size: 0 });
        known.add(r.symbol);
      }
    }
  }
  for (const d of spec.declarations ?? []) {
    const { name, fn } = parsePrototype(d);
    signatures.set(name, fn);
  }
  return { machine: 'x86_64', sections, symbols, signatures };
}

export function cString(s: string): Uint8Array {
  return new TextEncoder().encode(s + '\0');
}
