// A minimal ELF shared object: code and zero-initialized data with global
// symbols, loadable by the dynamic linker (dlopen) and readable by
// debuggers — no relocations, no dependencies, no initializers. What the
// GDB JIT interface needs: gdb looks `__jit_debug_register_code` and
// `__jit_debug_descriptor` up by name in the symbol tables of the loaded
// objects, and a Node process has no object defining them (jit/gdb-jit.ts).
//
// Input: the machine, a soname, the code bytes and the data size with the
// symbols in each, and the page size. Output: the file's bytes.
// Layout (ELF-64 gABI "Dynamic Section", "Hash Table"): one r-x PT_LOAD
// holding the headers, .hash, .dynsym, .dynstr and .text; one rw- PT_LOAD
// on the next page holding .dynamic and .data; PT_DYNAMIC; PT_GNU_STACK
// without PF_X, so loading it never asks for an executable stack.
// .symtab repeats the dynamic symbols for tools that read only it.

import { ByteSink } from './byte-sink.js';
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_DYNAMIC, SHT_DYNSYM, SHT_HASH, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STT_FUNC, STT_OBJECT, SYMBOL_SIZE } from './constants.js';
import { ET_DYN, PF_R, PF_W, PF_X, PT_DYNAMIC, PT_GNU_STACK, PT_LOAD, StringTableBuilder, symbolTableBytes, writeImage, type ImageSection, type ImageSymbol } from './write-image.js';
import type { Machine } from '../object.js';

export interface DsoSymbol {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

export interface DsoSpec {
  readonly machine: Machine;
  readonly soname: string;
  readonly pageSize: number;
  readonly text: { readonly bytes: Uint8Array; readonly symbols: readonly DsoSymbol[] };
  readonly data: { readonly size: number; readonly symbols: readonly DsoSymbol[] };
}

// Dynamic tags (gABI "Dynamic Section").
const DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10, DT_SYMENT = 11, DT_SONAME = 14;
const PROGRAM_HEADERS = 4;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** A SysV hash table with one bucket chaining every symbol (1…n): lookups stay correct, and n is tiny. */
function hashTable(symbolCount: number): Uint8Array {
  const out = new ByteSink();
  out.u32(1); // nbucket
  out.u32(symbolCount + 1); // nchain: one per symbol table entry, the null one included
  out.u32(symbolCount > 0 ? 1 : 0); // bucket[0]
  for (let i = 0; i <= symbolCount; i++) out.u32(i === 0 || i === symbolCount ? 0 : i + 1);
  return out.finish();
}

export function writeSharedObject(spec: DsoSpec): Uint8Array {
  const TEXT = 4, DATA = 6; // 1-based section indexes in the list below
  const symbols: ImageSymbol[] = [
    ...spec.text.symbols.map((s) => ({ name: s.name, info: (STB_GLOBAL << 4) | STT_FUNC, section: TEXT, value: BigInt(s.offset), size: s.size })),
    ...spec.data.symbols.map((s) => ({ name: s.name, info: (STB_GLOBAL << 4) | STT_OBJECT, section: DATA, value: BigInt(s.offset), size: s.size })),
  ];
  // First pass: addresses, with symbol values still relative to their sections.
  const dynstr = new StringTableBuilder();
  const soname = dynstr.add(spec.soname);
  const hash = hashTable(symbols.length);
  const dynsymSize = (symbols.length + 1) * SYMBOL_SIZE;
  for (const s of symbols) dynstr.add(s.name);
  const dynstrBytes = dynstr.finish();
  let at = 64 + PROGRAM_HEADERS * 56;
  const hashAt = alignUp(at, 8); at = hashAt + hash.length;
  const dynsymAt = alignUp(at, 8); at = dynsymAt + dynsymSize;
  const dynstrAt = at; at += dynstrBytes.length;
  const textAt = alignUp(at, 16); at = textAt + spec.text.bytes.length;
  const dynamicAt = alignUp(at, spec.pageSize);
  const dynamicSize = 7 * 16;
  const dataAt = alignUp(dynamicAt + dynamicSize, 16);
  const placed = symbols.map((s) => ({ ...s, value: s.value + BigInt(s.section === TEXT ? textAt : dataAt) }));

  const dynamic = new ByteSink();
  for (const [tag, value] of [[DT_HASH, hashAt], [DT_STRTAB, dynstrAt], [DT_SYMTAB, dynsymAt], [DT_STRSZ, dynstrBytes.length], [DT_SYMENT, SYMBOL_SIZE], [DT_SONAME, soname], [DT_NULL, 0]] as const) {
    dynamic.u64(tag);
    dynamic.u64(value);
  }
  // Every name is in `dynstr` already, so the symbol table adds none and the size stays as laid out.
  const dynsym = symbolTableBytes(placed, dynstr);
  const strtab = new StringTableBuilder();
  const symtab = symbolTableBytes(placed, strtab);
  const sections: ImageSection[] = [
    { name: '.hash', type: SHT_HASH, flags: SHF_ALLOC, address: BigInt(hashAt), bytes: hash, link: '.dynsym', align: 8, entsize: 4 },
    { name: '.dynsym', type: SHT_DYNSYM, flags: SHF_ALLOC, address: BigInt(dynsymAt), bytes: dynsym, link: '.dynstr', info: 1, align: 8, entsize: SYMBOL_SIZE },
    { name: '.dynstr', type: SHT_STRTAB, flags: SHF_ALLOC, address: BigInt(dynstrAt), bytes: dynstrBytes, align: 1 },
    { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, address: BigInt(textAt), bytes: spec.text.bytes, align: 16 },
    { name: '.dynamic', type: SHT_DYNAMIC, flags: SHF_ALLOC | SHF_WRITE, address: BigInt(dynamicAt), bytes: dynamic.finish(), link: '.dynstr', align: 8, entsize: 16 },
    { name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, address: BigInt(dataAt), bytes: new Uint8Array(spec.data.size), align: 16 },
    { name: '.symtab', type: SHT_SYMTAB, flags: 0n, address: 0n, bytes: symtab, link: '.strtab', info: 1, align: 8, entsize: SYMBOL_SIZE },
    { name: '.strtab', type: SHT_STRTAB, flags: 0n, address: 0n, bytes: strtab.finish(), align: 1 },
  ];
  return writeImage({
    type: ET_DYN, machine: spec.machine, sections, pageAlign: spec.pageSize,
    segments: [
      { type: PT_LOAD, flags: PF_R | PF_X, from: '.hash', to: '.text', withHeaders: true, align: spec.pageSize },
      { type: PT_LOAD, flags: PF_R | PF_W, from: '.dynamic', to: '.data', align: spec.pageSize },
      { type: PT_DYNAMIC, flags: PF_R | PF_W, from: '.dynamic', align: 8 },
      { type: PT_GNU_STACK, flags: PF_R | PF_W, align: 16 },
    ],
  });
}
