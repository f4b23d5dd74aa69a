// What a loaded module remembers about its machine code for the tools that
// look at it later: disassembly, debuggers (the GDB JIT interface), perf's
// jitdump and the crash reporter (src/jit/).
//
// Input (from load.ts): the object, its layout and base address, and the
// addresses of its symbols. Output: a `CodeInfo` — the functions with their
// absolute ranges, the code sections, the data placed among instructions,
// and, for objects with debug information, the .debug_* sections relocated
// to the addresses the code really has (computed on first use, since most
// modules never need them).
//
// Invariants: everything is plain data; nothing here reads native memory.
// Only debug sections are kept from the object (and the symbols their
// relocations name), so a module without -g retains no object bytes.

import type { Machine, ObjectFile, Reloc, Section } from '../link/object.js';
import { applyReloc } from '../link/relocs.js';
import { indexSymbols } from '../link/symbols.js';
import type { ModuleLayout } from './layout.js';

export interface CodeFunction {
  readonly name: string;
  readonly address: bigint;
  readonly size: number;
  readonly isGlobal: boolean;
}

export interface CodeRange {
  readonly address: bigint;
  readonly size: number;
}

/** A named address range, for naming branch targets and data references. */
export interface CodeSymbol {
  readonly name: string;
  readonly address: bigint;
  readonly size: number;
}

export interface CodeInfo {
  readonly machine: Machine;
  /** Everything with a name in the image: functions, data, call stubs (`name@plt`) and GOT slots (`name@got`), by address. */
  readonly symbols: readonly CodeSymbol[];
  /** Function symbols in executable sections, by address. */
  readonly functions: readonly CodeFunction[];
  /** The loaded executable sections. */
  readonly text: readonly (CodeRange & { readonly name: string })[];
  /** Constant pools and jump tables among the instructions (objects from our code generator only). */
  readonly dataInCode: readonly CodeRange[];
  /** True when the object carries DWARF line tables. */
  readonly hasLineInfo: boolean;
  /** The object's .debug_* sections by name (`1:.debug_line` for a merged object's second unit…), relocated for the load address (empty without -g). */
  debugSections(): ReadonlyMap<string, Uint8Array>;
  /** The object file's name for tools that show one (e.g. the in-memory ELF gdb reads). */
  readonly objectName: string;
}

export function buildCodeInfo(obj: ObjectFile, layout: ModuleLayout, base: bigint, definitions: ReadonlyMap<string, bigint>, objectName: string): CodeInfo {
  const sectionAddress = new Map<string, bigint>();
  obj.sections.forEach((s, i) => {
    const at = layout.sectionOffsets[i];
    if (at !== null && at !== undefined && !sectionAddress.has(s.name)) sectionAddress.set(s.name, base + BigInt(at));
  });
  const textNames = new Set(obj.sections.filter((s) => s.kind === 'text').map((s) => s.name));
  const functions: CodeFunction[] = [];
  for (const s of obj.symbols) {
    if (s.kind !== 'func' || s.section === null || !textNames.has(s.section)) continue;
    const sectionAt = sectionAddress.get(s.section);
    if (sectionAt === undefined) continue;
    const address = s.binding === 'local' ? sectionAt + BigInt(s.value) : definitions.get(s.name) ?? sectionAt + BigInt(s.value);
    functions.push({ name: s.name, address, size: s.size, isGlobal: s.binding !== 'local' });
  }
  functions.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const text = obj.sections
    .filter((s) => s.kind === 'text' && sectionAddress.has(s.name) && s.size > 0)
    .map((s) => ({ name: s.name, address: sectionAddress.get(s.name)!, size: s.size }));
  const dataInCode = (obj.dataInCode ?? []).flatMap((d) => {
    const at = sectionAddress.get(d.section);
    return at === undefined ? [] : [{ address: at + BigInt(d.offset), size: d.size }];
  });
  const symbols: CodeSymbol[] = [];
  for (const s of obj.symbols) {
    if (s.section === null || s.kind === 'section' || s.kind === 'file' || s.name === '') continue;
    const sectionAt = sectionAddress.get(s.section);
    if (sectionAt !== undefined) symbols.push({ name: s.name, address: sectionAt + BigInt(s.value), size: s.size });
  }
  for (const [name, off] of layout.stubs) symbols.push({ name: `${name}@plt`, address: base + BigInt(off), size: 8 });
  for (const [name, off] of layout.gotSlots) symbols.push({ name: `${name}@got`, address: base + BigInt(off), size: 8 });
  symbols.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  // Merged objects (merge.ts) name the sections of their later units `1:.debug_line`…
  const debug = obj.sections.filter((s) => /^(\d+:)?\.debug_/.test(s.name));
  let relocated: Map<string, Uint8Array> | null = debug.length === 0 ? new Map() : null;
  // Keep only what relocating the debug sections needs; the rest of the object can be collected.
  const symbolIndex = debug.length === 0 ? null : indexSymbols(obj);
  const machine = obj.machine;
  return {
    machine, symbols, functions, text, dataInCode, objectName,
    hasLineInfo: debug.some((s) => /^(\d+:)?\.debug_line$/.test(s.name)),
    debugSections() {
      if (relocated === null) {
        relocated = new Map();
        for (const sec of debug) {
          relocated.set(sec.name, relocateDebugSection(machine, sec, (name) => {
            const sym = symbolIndex!.lookup(name);
            if (sym === undefined || sym.section === null) return definitions.get(name) ?? 0n;
            // Debug sections are not loaded: offsets into them stay section-relative (address 0).
            const at = sectionAddress.get(sym.section) ?? 0n;
            return sym.kind === 'section' ? at : (sym.binding === 'local' ? at + BigInt(sym.value) : definitions.get(name) ?? at + BigInt(sym.value));
          }));
        }
      }
      return relocated;
    },
  };
}

/**
 * A copy of a debug section with its relocations applied: addresses of code
 * become absolute, offsets into other debug sections stay offsets. A
 * relocation that cannot be applied (an unusual type) leaves its field as
 * the object had it; debug information is advisory and must not fail a load.
 */
function relocateDebugSection(machine: Machine, sec: Section, addressOf: (symbol: string) => bigint): Uint8Array {
  const bytes = sec.bytes.slice(0, sec.size);
  for (const r of sec.relocs as readonly Reloc[]) {
    applyReloc(machine, bytes, r.offset, r.type, {
      symbol: addressOf(r.symbol), symbolSize: 0n, addend: r.addend, place: BigInt(r.offset), gotBase: null, gotSlot: null, stub: null,
    });
  }
  return bytes;
}

/** The function containing `address`, by binary search over `functions` (sorted by address). */
export function functionAt(functions: readonly CodeFunction[], address: bigint): CodeFunction | null {
  let lo = 0, hi = functions.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (functions[mid]!.address <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return null;
  const f = functions[found]!;
  return address < f.address + BigInt(Math.max(f.size, 1)) ? f : null;
}

/** Names `address` as `symbol` or `symbol+0x10` from a list sorted by address (the nearest symbol at or before it that contains it). */
export function symbolize(symbols: readonly CodeSymbol[], address: bigint): string | null {
  let lo = 0, hi = symbols.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (symbols[mid]!.address <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  // Several symbols may share an address; prefer one whose range contains the address.
  for (let i = found; i >= 0 && i > found - 8; i--) {
    const s = symbols[i]!;
    if (address < s.address + BigInt(Math.max(s.size, 1))) {
      const off = address - s.address;
      return off === 0n ? s.name : `${s.name}+0x${off.toString(16)}`;
    }
  }
  return null;
}
