// Global variables → data sections, symbols and relocations (for objects),
// and the same data as GNU assembler directives (for `-S`).
//
// Input: the module's GlobalVars; the target's 64-bit absolute relocation
// type (R_X86_64_64, R_AARCH64_ABS64).
// Output: `.data` / `.rodata` / `.bss` / `.tdata` / `.tbss` sections with
// `object` (or `tls`) symbols; `DataItem.addr` becomes 8 bytes plus a
// relocation; `DataItem.labelDiff` the distance between two label symbols
// the code defined (both in one section, so no relocation, as GNU as
// resolves `.long .L1-.L2`); assembler text with .quad/.byte/.zero.
//
// Invariant: each global starts at a multiple of its alignment and its
// items add up to its size (checked: a mismatch is a frontend bug).

import { assert } from '../../diagnostics.js';
import { sizeOfType, type DataItem, type GlobalVar } from '../../ir/ir.js';
import type { ObjSymbol, Section, SectionKind } from '../../link/object.js';
import { symbolBinding, symbolDirectives } from './symbol-binding.js';


interface SectionSpec {
  readonly name: string;
  readonly kind: SectionKind;
}

/**
 * Read-only data holding addresses goes to `.data.rel.ro` under -fPIC, as
 * gcc puts it: in a shared library the dynamic linker must write those
 * addresses before the pages become read-only (RELRO), and `.rodata` would
 * need text relocations.
 */
export function sectionFor(g: GlobalVar, pic = false): SectionSpec {
  if (g.isThreadLocal) return g.init === null ? { name: '.tbss', kind: 'tbss' } : { name: '.tdata', kind: 'tdata' };
  if (g.section !== undefined) {
    // GNU `section`: gcc gives a zero-initialised object a NOBITS section only when the name says bss.
    if (g.init === null && /^\.bss(\.|$)/.test(g.section)) return { name: g.section, kind: 'bss' };
    return { name: g.section, kind: g.isConst ? 'rodata' : 'data' };
  }
  if (g.init === null) return { name: '.bss', kind: 'bss' };
  if (g.isConst && pic && g.init.some((item) => item.kind === 'addr')) return { name: '.data.rel.ro', kind: 'data' };
  return g.isConst ? { name: '.rodata', kind: 'rodata' } : { name: '.data', kind: 'data' };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / Math.max(a, 1)) * Math.max(a, 1);
}

function itemSize(item: DataItem): number {
  switch (item.kind) {
    case 'int': return sizeOfType(item.ty);
    case 'float': return item.ty === 'f32' ? 4 : 8;
    case 'bytes': return item.bytes.length;
    case 'zero': return item.size;
    case 'addr': return 8;
    case 'labelDiff': return sizeOfType(item.ty);
  }
}

/** Where the code put a symbol (a taken label's local symbol), or undefined. */
export type SymbolPlace = (name: string) => { readonly section: string; readonly value: number } | undefined;

function labelDistance(item: Extract<DataItem, { kind: 'labelDiff' }>, place: SymbolPlace, global: string): bigint {
  const plus = place(item.plus);
  const minus = place(item.minus);
  assert(plus !== undefined && minus !== undefined, `global '${global}': label symbol '${plus === undefined ? item.plus : item.minus}' is not defined by the code`);
  assert(plus.section === minus.section, `global '${global}': labels '${item.plus}' and '${item.minus}' are in different sections`);
  return BigInt(plus.value - minus.value + item.offset);
}

export function layoutGlobals(globals: readonly GlobalVar[], absReloc64: number, pic = false, place: SymbolPlace = () => undefined): { sections: Section[]; symbols: ObjSymbol[] } {
  // Two passes: where each global goes, then each section's bytes made once
  // with every global written in place. A `zero` item writes nothing, so a
  // huge mostly-zero object costs one zero-filled allocation, not copies of it.
  const sections = new Map<string, Section>();
  const symbols: ObjSymbol[] = [];
  const placed: { g: GlobalVar; sec: Section; start: number }[] = [];
  for (const g of globals) {
    const spec = sectionFor(g, pic);
    let sec = sections.get(spec.name);
    if (!sec) {
      sec = { name: spec.name, kind: spec.kind, align: 1, bytes: new Uint8Array(0), size: 0, relocs: [] };
      sections.set(spec.name, sec);
    }
    sec.align = Math.max(sec.align, g.align);
    const start = alignUp(sec.size, g.align);
    if (spec.kind !== 'bss' && spec.kind !== 'tbss') placed.push({ g, sec, start });
    sec.size = start + g.size;
    symbols.push({
      name: g.name,
      ...symbolBinding(g),
      kind: g.isThreadLocal ? 'tls' : 'object',
      section: spec.name,
      value: start,
      size: g.size,
    });
  }
  for (const sec of sections.values()) if (sec.kind !== 'bss' && sec.kind !== 'tbss') sec.bytes = new Uint8Array(sec.size);
  for (const { g, sec, start } of placed) {
    const bytes = sec.bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let off = 0;
    for (const item of g.init ?? []) {
      assert(off + itemSize(item) <= g.size, `global '${g.name}': initializer is larger than its size ${g.size}`);
      const at = start + off;
      switch (item.kind) {
        case 'int': case 'labelDiff': {
          const size = itemSize(item);
          let v = BigInt.asUintN(size * 8, item.kind === 'int' ? item.value : labelDistance(item, place, g.name));
          for (let i = 0; i < size; i++) { bytes[at + i] = Number(v & 0xffn); v >>= 8n; }
          break;
        }
        case 'float':
          if (item.ty === 'f32') view.setFloat32(at, item.value, true); else view.setFloat64(at, item.value, true);
          break;
        case 'bytes': bytes.set(item.bytes, at); break;
        case 'zero': break;
        case 'addr':
          sec.relocs.push({ offset: at, type: absReloc64, symbol: item.name, addend: BigInt(item.offset) });
          break;
      }
      off += itemSize(item);
    }
    assert(off === g.size || g.init === null, `global '${g.name}': initializer is ${off} bytes, size is ${g.size}`);
  }
  return { sections: [...sections.values()], symbols };
}

/**
 * GNU as directives for the globals (section switch, alignment, symbol type
 * and size, contents); `typePrefix` starts section and symbol types ('@', or
 * '%' in Arm syntax).
 */
export function printGlobalsAsm(globals: readonly GlobalVar[], pic = false, typePrefix: '@' | '%' = '@'): string[] {
  const lines: string[] = [];
  const t = typePrefix;
  for (const g of globals) {
    const spec = sectionFor(g, pic);
    const flags = spec.kind === 'tdata' ? `,"awT",${t}progbits` : spec.kind === 'tbss' ? `,"awT",${t}nobits` : spec.name === '.data.rel.ro' ? ',"aw"' : '';
    lines.push(`\t.section ${spec.name}${flags}`);
    if (g.align > 1) lines.push(`\t.p2align ${Math.log2(g.align)}`);
    lines.push(...symbolDirectives(g));
    lines.push(`\t.type ${g.name}, ${t}${g.isThreadLocal ? 'tls_object' : 'object'}`, `\t.size ${g.name}, ${g.size}`, `${g.name}:`);
    if (g.init === null) {
      lines.push(`\t.zero ${g.size}`);
      continue;
    }
    for (const item of g.init) lines.push(`\t${printDataItem(item)}`);
  }
  return lines;
}

function printDataItem(item: DataItem): string {
  switch (item.kind) {
    case 'int': {
      const size = itemSize(item);
      // GNU as has `.octa` for 16 bytes.
      const dir = size === 1 ? '.byte' : size === 2 ? '.short' : size === 4 ? '.long' : size === 8 ? '.quad' : '.octa';
      return `${dir} ${BigInt.asUintN(size * 8, item.value)}`;
    }
    case 'float': {
      const buf = new DataView(new ArrayBuffer(8));
      if (item.ty === 'f32') { buf.setFloat32(0, item.value, true); return `.long ${buf.getUint32(0, true)}`; }
      buf.setFloat64(0, item.value, true);
      return `.quad ${buf.getBigUint64(0, true)}`;
    }
    case 'bytes': return item.bytes.length === 0 ? '.zero 0' : `.byte ${[...item.bytes].join(', ')}`;
    case 'zero': return `.zero ${item.size}`;
    case 'addr': return `.quad ${item.name}${item.offset === 0 ? '' : item.offset > 0 ? `+${item.offset}` : item.offset}`;
    case 'labelDiff': {
      const size = itemSize(item);
      const dir = size === 1 ? '.byte' : size === 2 ? '.short' : size === 4 ? '.long' : '.quad';
      return `${dir} ${item.plus}-${item.minus}${item.offset === 0 ? '' : item.offset > 0 ? `+${item.offset}` : item.offset}`;
    }
  }
}
