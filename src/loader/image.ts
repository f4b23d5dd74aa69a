// Builds a module's memory image in a JS byte array, linked at the address
// it will be copied to: section contents, GOT slots, call stubs, and every
// relocation applied. The ppci codepage recipe: link at the real page
// addresses first, then copy and flip the protections (load.ts).
//
// Input: the object, its layout, the image base address and the addresses of
// the external symbols. Output: the image bytes (bss left zero) and the
// absolute address of every symbol the object defines.
// Invariants: pure (no native memory), so tests can link at any pretend base;
// relocations in sections that are not loaded (debug info, notes) are not
// applied; every failure names the section, offset, symbol and relocation type.

import type { ObjSymbol, ObjectFile, Section } from '../link/object.js';
import { relocTypeName } from '../link/elf/reloc-names.js';
import { applyReloc, type RelocOutcome } from '../link/relocs.js';
import { indexSymbols, isCommon } from '../link/symbols.js';
import { LoadError, RelocationError } from './errors.js';
import { GOT_SLOT_SIZE, GOT_SYMBOL, type ModuleLayout } from './layout.js';

export interface LinkedImage {
  /** The image from the base up to `layout.contentSize`. */
  readonly bytes: Uint8Array;
  /** Address of each symbol the object defines (functions, objects, COMMONs); globals win over locals of the same name. */
  readonly definitions: ReadonlyMap<string, bigint>;
  /** The subset of `definitions` visible to other modules (global and weak bindings). */
  readonly exports: ReadonlyMap<string, bigint>;
}

/**
 * @param externals address of each undefined symbol the object references;
 *   a name missing here resolves to 0 (only legal for weak references, which
 *   load.ts has already checked).
 */
export function linkImage(obj: ObjectFile, layout: ModuleLayout, base: bigint, externals: ReadonlyMap<string, bigint>): LinkedImage {
  // Only the part with contents: a large .bss stays in (zeroed) mmap pages, never in a JS array.
  const bytes = new Uint8Array(layout.contentSize);
  const index = indexSymbols(obj);
  const sectionIndex = new Map<string, number>();
  obj.sections.forEach((s, i) => {
    if (!sectionIndex.has(s.name)) sectionIndex.set(s.name, i);
  });

  obj.sections.forEach((sec, i) => {
    const at = layout.sectionOffsets[i];
    if (at !== null && at !== undefined && sec.kind !== 'bss') bytes.set(sec.bytes.subarray(0, sec.size), at);
  });

  const addressOf = (sym: ObjSymbol, where: string): bigint => {
    if (isCommon(sym)) return base + BigInt(layout.commons.get(sym.name) ?? 0);
    if (sym.section === null && sym.name === GOT_SYMBOL && layout.gotOffset !== null) return base + BigInt(layout.gotOffset);
    if (sym.section === null) return externals.get(sym.name) ?? 0n;
    const i = sectionIndex.get(sym.section);
    const at = i === undefined ? null : layout.sectionOffsets[i];
    if (at === null || at === undefined) {
      throw new LoadError(`${where}: symbol '${sym.name}' is defined in section '${sym.section}', which is not loaded`);
    }
    const size = obj.sections[i!]!.size;
    if (!Number.isSafeInteger(sym.value) || sym.value < 0 || sym.value > size) {
      throw new LoadError(`${where}: symbol '${sym.name}' at offset ${sym.value} lies outside its ${size}-byte section '${sym.section}'`);
    }
    return base + BigInt(at + sym.value);
  };

  const definitions = new Map<string, bigint>();
  const exports = new Map<string, bigint>();
  for (const [name, sym] of index.defined) {
    const i = sym.section === null ? undefined : sectionIndex.get(sym.section);
    if (i !== undefined && layout.sectionOffsets[i] === null) continue; // defined in a section we do not load
    const addr = addressOf(sym, `symbol '${name}'`);
    definitions.set(name, addr);
    if (sym.binding !== 'local') exports.set(name, addr);
  }

  // GOT slots hold the symbols' absolute addresses, as the dynamic linker would fill them (psABI "Global Offset Table").
  for (const [name, off] of layout.gotSlots) {
    const sym = index.lookup(name);
    const addr = sym ? addressOf(sym, `GOT slot of '${name}'`) : externals.get(name) ?? 0n;
    writeU64(bytes, off, addr);
  }
  for (const [name, off] of layout.stubs) {
    const slot = layout.gotSlots.get(name);
    if (slot === undefined) throw new LoadError(`call stub for '${name}' without a GOT slot`);
    if (obj.machine === 'x86_64') writeX64Stub(bytes, off, slot);
    else writeAarch64Stub(bytes, off, slot);
  }

  obj.sections.forEach((sec, i) => {
    const at = layout.sectionOffsets[i];
    if (at === null || at === undefined || sec.relocs.length === 0) return;
    applySectionRelocs(obj, sec, at, base, layout, bytes, (name, where) => {
      const sym = index.lookup(name);
      if (sym === undefined) throw new LoadError(`${where}: relocation names unknown symbol '${name}'`);
      return { address: addressOf(sym, where), size: BigInt(sym.size) };
    });
  });
  return { bytes, definitions, exports };
}

type SymbolResolver = (name: string, where: string) => { address: bigint; size: bigint };

function applySectionRelocs(
  obj: ObjectFile, sec: Section, at: number, base: bigint, layout: ModuleLayout, bytes: Uint8Array, resolve: SymbolResolver,
): void {
  if (sec.kind === 'bss') throw new LoadError(`section '${sec.name}' has no contents but has relocations`);
  const view = bytes.subarray(at, at + sec.size);
  const gotBase = layout.gotOffset === null ? null : base + BigInt(layout.gotOffset);
  for (const r of sec.relocs) {
    const where = `${sec.name}+0x${r.offset.toString(16)}`;
    const { address, size } = resolve(r.symbol, where);
    const slot = layout.gotSlots.get(r.symbol);
    const stub = layout.stubs.get(r.symbol);
    const outcome = applyReloc(obj.machine, view, r.offset, r.type, {
      symbol: address,
      symbolSize: size,
      addend: r.addend,
      place: base + BigInt(at + r.offset),
      gotBase,
      gotSlot: slot === undefined ? null : base + BigInt(slot),
      stub: stub === undefined ? null : base + BigInt(stub),
    });
    if (outcome.kind !== 'ok') throw relocError(obj, r.type, r.symbol, where, outcome);
  }
}

function relocError(obj: ObjectFile, type: number, symbol: string, where: string, o: Exclude<RelocOutcome, { kind: 'ok' }>): RelocationError {
  const what = `${relocTypeName(obj.machine, type)} against '${symbol}' at ${where}`;
  switch (o.kind) {
    case 'unsupported': return new RelocationError(`unsupported relocation ${what}`);
    case 'out-of-section': return new RelocationError(`relocation ${what} lies outside its section`);
    case 'missing': return new RelocationError(`relocation ${what} needs a ${o.what}, and the layout has none (loader bug)`);
    case 'overflow': {
      const value = o.value < 0n ? `-0x${(-o.value).toString(16)}` : `0x${o.value.toString(16)}`;
      return new RelocationError(
        `relocation ${what} out of range: value ${value} does not fit a ${o.field} field`
        + ' (the module is mapped at an arbitrary address; compile with -fPIC, or -mcmodel=large for absolute addresses)',
      );
    }
  }
}

function writeU64(bytes: Uint8Array, off: number, value: bigint): void {
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < GOT_SLOT_SIZE; i++) {
    bytes[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * `jmp qword ptr [rip + disp32]` (opcode FF /4, ModRM 0x25 = RIP-relative;
 * Intel SDM vol. 2 "JMP"), disp32 measured from the end of the 6-byte
 * instruction to the GOT slot, then two int3 (CC) bytes of padding.
 */
function writeX64Stub(bytes: Uint8Array, off: number, slot: number): void {
  const disp = slot - (off + 6);
  bytes.set([0xff, 0x25, disp & 0xff, (disp >> 8) & 0xff, (disp >> 16) & 0xff, (disp >>> 24) & 0xff, 0xcc, 0xcc], off);
}

/**
 * `adrp x16, slot; ldr x16, [x16, :lo12:slot]; br x16; brk #0` (Arm ARM
 * C6.2 ADRP, LDR (immediate), BR, BRK). x16 (IP0) is the register AAPCS64
 * §6.1.1 reserves for such veneers. Offsets are from the page-aligned
 * base, so page arithmetic on them equals page arithmetic on addresses.
 */
function writeAarch64Stub(bytes: Uint8Array, off: number, slot: number): void {
  const pages = (Math.floor(slot / 4096) - Math.floor(off / 4096)) & 0x1fffff;
  const adrp = 0x90000010 | ((pages & 3) << 29) | ((pages >>> 2) << 5);
  const ldr = 0xf9400210 | (((slot & 0xfff) >>> 3) << 10);
  const view = new DataView(bytes.buffer, bytes.byteOffset + off, 16);
  [adrp >>> 0, ldr >>> 0, 0xd61f0200, 0xd4200000].forEach((word, i) => view.setUint32(i * 4, word, true));
}

/** Reads the 8-byte entries of a loaded .init_array / .fini_array section from the linked image. */
export function readPointerArray(bytes: Uint8Array, at: number, size: number): bigint[] {
  const out: bigint[] = [];
  for (let off = at; off + 8 <= at + size; off += 8) {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[off + i]!);
    out.push(v);
  }
  return out;
}
