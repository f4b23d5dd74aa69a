// Module layout: where each allocated section, COMMON symbol, GOT slot and
// call stub of one object goes inside the module's memory image.
//
// Input: an ObjectFile and the page size. Output: a `ModuleLayout` of byte
// offsets from the (not yet known) image base. No native memory is touched,
// so layouts are unit-testable; load.ts maps `size` bytes and adds the base.
//
// The image has up to three page-aligned segments, in this order, so that
// each can get one protection and no page is ever writable and executable:
//   text   (r-x)  text sections, then the call stubs
//   rodata (r--)  rodata, .init_array/.fini_array, then the GOT
//   data   (rw-)  data, then bss and COMMON symbols (zero-filled by mmap)
// The GOT and the arrays are written while the image is still RW and become
// read-only with the rest of the segment (like a full-RELRO executable).
//
// Invariants: offsets honour each section's alignment (at most a page, since
// mmap only guarantees page alignment of the base); segments never share a
// page; every external symbol a call relocation names gets a stub, and every
// stub target or GOT-relocation symbol gets one 8-byte slot (psABI "Global
// Offset Table"; a stub is a psABI "Procedure Linkage Table" entry without
// lazy binding).
// Thread-local sections are refused: the loader has no TLS block to put them in.

import type { ObjectFile, Section } from '../link/object.js';
import { relocIsCall, relocUsesGotBase, relocUsesGotSlot } from '../link/relocs.js';
import { indexSymbols, isCommon, isDefined } from '../link/symbols.js';
import { LoadError } from './errors.js';

export type SegmentName = 'text' | 'rodata' | 'data';

export interface Segment {
  readonly name: SegmentName;
  /** Page-aligned offset from the image base. */
  readonly offset: number;
  /** Bytes, a multiple of the page size. */
  readonly size: number;
  /** Protection after relocation: text r-x, rodata r--, data rw-. */
  readonly protection: 'rx' | 'r' | 'rw';
}

export interface ModuleLayout {
  /** Total image bytes, a multiple of the page size (0 for an object with nothing to load). */
  readonly size: number;
  /** Bytes from the base that hold contents; everything after (bss, COMMONs, padding) is zero from mmap. */
  readonly contentSize: number;
  readonly segments: readonly Segment[];
  /** Offset of each section by its index in `obj.sections`, or null if it is not loaded. */
  readonly sectionOffsets: readonly (number | null)[];
  /** Offset of each COMMON symbol's storage. */
  readonly commons: ReadonlyMap<string, number>;
  /** Offset of the GOT, or null when nothing needs one. */
  readonly gotOffset: number | null;
  /** Offset of each symbol's 8-byte GOT slot, in slot order. */
  readonly gotSlots: ReadonlyMap<string, number>;
  /** Offset of each external symbol's call stub. */
  readonly stubs: ReadonlyMap<string, number>;
  /** Indexes of .init_array sections in the order their entries run. */
  readonly initArrays: readonly number[];
  /** Indexes of .fini_array sections in the order their entries run (reversed at exit). */
  readonly finiArrays: readonly number[];
}

/**
 * Bytes of one call stub (image.ts writes them): x86-64 `jmp [rip+slot]`
 * padded to 8; AArch64 `adrp x16; ldr x16; br x16` padded to 16.
 */
export function stubSize(machine: ObjectFile['machine']): number {
  return machine === 'x86_64' ? 8 : 16;
}
export const GOT_SLOT_SIZE = 8;
/** The linker-defined symbol naming the GOT's address (psABI §4.4.1, used by GOTPC32/GOTPC64 code). */
export const GOT_SYMBOL = '_GLOBAL_OFFSET_TABLE_';

/** Which segment a section kind is loaded into; null for sections that are not loaded. */
function segmentOf(sec: Section): SegmentName | null {
  switch (sec.kind) {
    case 'text': return 'text';
    case 'rodata': case 'init_array': case 'fini_array': return 'rodata';
    case 'data': case 'bss': return 'data';
    case 'tdata': case 'tbss': case 'other': return null;
  }
}

export function layoutModule(obj: ObjectFile, pageSize: number): ModuleLayout {
  refuseThreadLocals(obj);
  const symbols = indexSymbols(obj);
  const { gotNames, stubNames } = collectGotAndStubs(obj, symbols.lookup);

  const sectionOffsets: (number | null)[] = obj.sections.map(() => null);
  const commons = new Map<string, number>();
  const gotSlots = new Map<string, number>();
  const stubs = new Map<string, number>();
  const segments: Segment[] = [];
  let gotOffset: number | null = null;
  let cursor = 0;
  let contentSize = 0;

  const place = (size: number, align: number): number => {
    if (align > pageSize) throw new LoadError(`alignment ${align} exceeds the page size ${pageSize}`);
    if (!Number.isSafeInteger(size) || size < 0 || !Number.isSafeInteger(align) || align < 0) {
      throw new LoadError(`invalid size ${size} or alignment ${align} in the object`);
    }
    cursor = alignUp(cursor, Math.max(1, align));
    const at = cursor;
    cursor += size;
    return at;
  };
  const placeSections = (seg: SegmentName, kinds: readonly Section['kind'][]): void => {
    for (const kind of kinds) {
      obj.sections.forEach((sec, i) => {
        if (sec.kind === kind && segmentOf(sec) === seg) sectionOffsets[i] = place(sec.size, sec.align);
      });
    }
  };
  const segment = (name: SegmentName, protection: Segment['protection'], fill: () => void): void => {
    const start = cursor;
    fill();
    if (cursor === start) return;
    cursor = alignUp(cursor, pageSize);
    segments.push({ name, offset: start, size: cursor - start, protection });
  };

  segment('text', 'rx', () => {
    placeSections('text', ['text']);
    for (const name of stubNames) stubs.set(name, place(stubSize(obj.machine), stubSize(obj.machine)));
  });
  segment('rodata', 'r', () => {
    placeSections('rodata', ['rodata', 'init_array', 'fini_array']);
    if (gotNames.length > 0 || needsGotBase(obj)) {
      gotOffset = place(0, GOT_SLOT_SIZE);
      for (const name of gotNames) gotSlots.set(name, place(GOT_SLOT_SIZE, GOT_SLOT_SIZE));
      // A GOT with no slots still needs an address for GOTOFF64/GOTPC32; give it one slot of room.
      if (gotNames.length === 0) place(GOT_SLOT_SIZE, GOT_SLOT_SIZE);
    }
  });
  segment('data', 'rw', () => {
    placeSections('data', ['data']);
    contentSize = cursor;
    placeSections('data', ['bss']);
    for (const sym of obj.symbols) {
      if (isCommon(sym) && !commons.has(sym.name)) commons.set(sym.name, place(sym.size, sym.commonAlign ?? 1));
    }
  });

  return {
    size: cursor,
    contentSize,
    segments,
    sectionOffsets,
    commons,
    gotOffset,
    gotSlots,
    stubs,
    initArrays: orderedArrays(obj, 'init_array'),
    finiArrays: orderedArrays(obj, 'fini_array'),
  };
}

function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

function refuseThreadLocals(obj: ObjectFile): void {
  const tls = obj.sections.filter((s) => s.kind === 'tdata' || s.kind === 'tbss').map((s) => s.name);
  if (tls.length === 0) return;
  // Name a variable: not an AArch64 mapping symbol ($d, AAELF64 §5.5.4) or an assembler-local label (.LANCHOR0), a global first.
  const named = obj.symbols.filter((s) => s.section !== null && tls.includes(s.section) && s.kind !== 'section'
    && !s.name.startsWith('$') && !s.name.startsWith('.L'));
  const sym = named.find((s) => s.binding !== 'local') ?? named[0];
  const what = sym ? `symbol '${sym.name}'` : `section '${tls[0]}'`;
  throw new LoadError(`thread-local ${what} is not supported by the loader yet`);
}

function needsGotBase(obj: ObjectFile): boolean {
  return obj.sections.some((sec) => segmentOf(sec) !== null
    && sec.relocs.some((r) => relocUsesGotBase(obj.machine, r.type) || r.symbol === GOT_SYMBOL));
}

/**
 * The symbols that need a GOT slot (named by a GOT relocation, or the
 * target of a stub) and the external symbols that need a call stub, each in
 * first-reference order so layouts are deterministic.
 */
function collectGotAndStubs(
  obj: ObjectFile,
  lookup: ReturnType<typeof indexSymbols>['lookup'],
): { gotNames: string[]; stubNames: string[] } {
  const got = new Set<string>();
  const stubNames = new Set<string>();
  for (const sec of obj.sections) {
    if (segmentOf(sec) === null) continue;
    for (const r of sec.relocs) {
      if (relocUsesGotSlot(obj.machine, r.type)) got.add(r.symbol);
      if (relocIsCall(obj.machine, r.type)) {
        const sym = lookup(r.symbol);
        if ((sym === undefined || !isDefined(sym)) && r.symbol !== GOT_SYMBOL) {
          stubNames.add(r.symbol);
          got.add(r.symbol);
        }
      }
    }
  }
  return { gotNames: [...got], stubNames: [...stubNames] };
}

/**
 * `.init_array.NNNNN` sections (gcc's constructor priorities) run before the
 * plain `.init_array`, lower numbers first, as GNU ld's SORT_BY_INIT_PRIORITY
 * arranges them.
 */
function orderedArrays(obj: ObjectFile, kind: 'init_array' | 'fini_array'): number[] {
  const priority = (name: string): number => {
    const m = /\.(\d+)$/.exec(name);
    return m ? Number(m[1]) : 65536;
  };
  return obj.sections
    .map((sec, i) => ({ sec, i }))
    .filter(({ sec }) => sec.kind === kind)
    .sort((a, b) => priority(a.sec.name) - priority(b.sec.name) || a.i - b.i)
    .map(({ i }) => i);
}

/**
 * A readable listing of a layout, one placed item per line, in address
 * order under its segment (for tests and debugging dumps):
 *   segment text r-x 0x0-0x1000
 *     0x0     .text  size 0x24 align 16
 *     0x28    stub 'strlen' -> slot 0x1010
 */
export function printLayout(obj: ObjectFile, layout: ModuleLayout): string {
  const items: { offset: number; text: string }[] = [];
  const hex = (n: number) => `0x${n.toString(16)}`;
  obj.sections.forEach((sec, i) => {
    const at = layout.sectionOffsets[i];
    if (at !== null && at !== undefined) items.push({ offset: at, text: `${sec.name}  size ${hex(sec.size)} align ${sec.align}` });
  });
  for (const [name, at] of layout.commons) {
    const sym = obj.symbols.find((s) => s.name === name && isCommon(s));
    items.push({ offset: at, text: `common '${name}'  size ${hex(sym?.size ?? 0)} align ${sym?.commonAlign ?? 1}` });
  }
  for (const [name, at] of layout.stubs) items.push({ offset: at, text: `stub '${name}' -> slot ${hex(layout.gotSlots.get(name) ?? -1)}` });
  if (layout.gotOffset !== null) items.push({ offset: layout.gotOffset, text: 'got' });
  for (const [name, at] of layout.gotSlots) items.push({ offset: at, text: `slot '${name}'` });
  // Stable order: by offset, and the GOT header before its first slot.
  items.sort((a, b) => a.offset - b.offset || (a.text === 'got' ? -1 : b.text === 'got' ? 1 : 0));
  const lines: string[] = [];
  for (const seg of layout.segments) {
    lines.push(`segment ${seg.name} ${seg.protection === 'rx' ? 'r-x' : seg.protection === 'r' ? 'r--' : 'rw-'} ${hex(seg.offset)}-${hex(seg.offset + seg.size)}`);
    for (const item of items) {
      if (item.offset >= seg.offset && item.offset < seg.offset + seg.size) lines.push(`  ${hex(item.offset).padEnd(7)} ${item.text}`);
    }
  }
  const order = (name: string, list: readonly number[]) => (list.length ? [`${name} ${list.map((i) => obj.sections[i]!.name).join(', ')}`] : []);
  lines.push(...order('init order:', layout.initArrays), ...order('fini order:', layout.finiArrays));
  return lines.join('\n') + '\n';
}
