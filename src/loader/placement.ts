// Placement: choosing where in the address space to map a module so that
// its 32-bit relocations can reach their targets.
//
// Why: code compiled the usual way (gcc's default -fPIE) reads external
// data such as libc's `stdout` with a 32-bit PC-relative displacement
// (R_X86_64_PC32), counting on a copy relocation in the executable; and
// -fno-pic code uses 32-bit absolute addresses (R_X86_64_32/32S). Anonymous
// mmap memory in a Node process usually lands more than 2 GiB from libc and
// far above 4 GiB, so such fields would overflow. On AArch64, -fno-pic code
// reaches external data with ADRP (R_AARCH64_ADR_PREL_PG_HI21, ±4 GiB by
// pages; AAELF64 §5.7.9) and, rarely, ADR or LDR (literal) (±1 MiB). Calls
// are not a concern: they go through call stubs and 64-bit GOT slots.
//
// Input: the object, its layout, the addresses of its externals, and the
// process's current mappings (text of /proc/self/maps). Output: an address
// window the image must lie in, and a free, page-aligned base inside it (or
// null: map anywhere and let the relocation report the overflow).
// Invariants: pure apart from `currentMappings`; the chosen range overlaps
// no existing mapping at the time the maps were read (the mmap itself uses
// MAP_FIXED_NOREPLACE, so a race is detected, never a clobber).

import { readFileSync } from 'node:fs';
import type { ObjectFile } from '../link/object.js';
import {
  R_AARCH64_ADR_PREL_LO21, R_AARCH64_ADR_PREL_PG_HI21, R_AARCH64_LD_PREL_LO19, R_X86_64_32, R_X86_64_32S, R_X86_64_PC32,
  type Machine,
} from '../link/object.js';
import { indexSymbols, isDefined } from '../link/symbols.js';
import type { ModuleLayout } from './layout.js';

/** The image [base, base + size) must satisfy lo <= base and base + size <= hi. */
export interface AddressWindow {
  readonly lo: bigint;
  readonly hi: bigint;
}

export interface Mapping {
  readonly start: bigint;
  readonly end: bigint;
}

const TWO_GIB = 1n << 31n;
/** ADRP counts pages, so a byte distance of up to 4 GiB less one page always fits its ±2^20 pages. */
const ADRP_REACH = (1n << 32n) - 4096n;

/** How far a PC-relative field to external data reaches (|S + A - P| below this always fits), or null for other types. */
function pcRelativeReach(machine: Machine, type: number): bigint | null {
  if (machine === 'x86_64') return type === R_X86_64_PC32 ? TWO_GIB : null;
  if (type === R_AARCH64_ADR_PREL_PG_HI21) return ADRP_REACH;
  if (type === R_AARCH64_ADR_PREL_LO21 || type === R_AARCH64_LD_PREL_LO19) return 1n << 20n;
  return null;
}
/** Stay clear of the zero page and the low megabyte (vm.mmap_min_addr, NULL-pointer safety). */
const LOWEST = 1n << 20n;
/**
 * Top of the user address space: 47 bits on x86-64 (4-level paging), 48 on
 * AArch64 Linux (48-bit VA; a 52-bit kernel maps above only on request),
 * where libc and mmap memory live just below 2^48.
 */
function userTop(machine: Machine): bigint {
  return machine === 'x86_64' ? 1n << 47n : 1n << 48n;
}
/** The highest top of any machine, for the free-gap search (the window bounds it further). */
const HIGHEST = 1n << 48n;

/**
 * The window that makes every 32-bit field of the object fit, or null if the
 * object has none (the common case: map anywhere). An empty window (lo > hi)
 * means no placement can satisfy all fields.
 */
export function requiredWindow(obj: ObjectFile, layout: ModuleLayout, externals: ReadonlyMap<string, bigint>): AddressWindow | null {
  const index = indexSymbols(obj);
  let lo = LOWEST;
  let hi = userTop(obj.machine);
  let isConstrained = false;
  obj.sections.forEach((sec, i) => {
    if (layout.sectionOffsets[i] === null) return;
    for (const r of sec.relocs) {
      const sym = index.lookup(r.symbol);
      const isExternal = sym !== undefined && !isDefined(sym);
      const reach = isExternal ? pcRelativeReach(obj.machine, r.type) : null;
      if (reach !== null) {
        const target = externals.get(r.symbol);
        if (target === undefined || target === 0n) continue;
        // P ranges over the image: need target + A - P in [-reach, reach).
        const t = target + r.addend;
        lo = max(lo, t - reach + 1n);
        hi = min(hi, t + reach);
        isConstrained = true;
      } else if (obj.machine === 'x86_64' && (r.type === R_X86_64_32 || r.type === R_X86_64_32S) && !isExternal) {
        // S + A must fit an unsigned / sign-extended 32-bit field; S lies in the image.
        hi = min(hi, (r.type === R_X86_64_32 ? 1n << 32n : TWO_GIB) - max(0n, r.addend));
        isConstrained = true;
      }
    }
  });
  if (!isConstrained) return null;
  return { lo, hi };
}

/** Parses /proc/self/maps text into sorted address ranges. */
export function parseMappings(text: string): Mapping[] {
  const out: Mapping[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)\s/.exec(line);
    if (m) out.push({ start: BigInt('0x' + m[1]), end: BigInt('0x' + m[2]) });
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The process's mappings, or [] where /proc is unavailable (then no placement is attempted). */
export function currentMappings(): Mapping[] {
  try {
    return parseMappings(readFileSync('/proc/self/maps', 'utf8'));
  } catch {
    return [];
  }
}

/**
 * A free page-aligned base for `size` bytes inside `window`, leaving a guard
 * page to both neighbours, or null. Among the candidates it takes the one
 * closest to the middle of the window, which leaves the most reach both ways.
 */
export function findFreeBase(mappings: readonly Mapping[], size: number, window: AddressWindow, pageSize: number): bigint | null {
  if (mappings.length === 0) return null;
  const page = BigInt(pageSize);
  const need = BigInt(size);
  const lo = alignUp(max(window.lo, LOWEST), page);
  const hi = min(window.hi, HIGHEST);
  if (lo + need > hi) return null;
  const middle = (lo + hi - need) / 2n / page * page;
  let best: bigint | null = null;
  const consider = (gapStart: bigint, gapEnd: bigint): void => {
    const from = alignUp(max(gapStart + page, lo), page);
    const to = min(gapEnd - page, hi) - need; // last allowed base
    if (from > to) return;
    const candidate = middle < from ? from : middle > to ? alignDown(to, page) : middle;
    if (candidate < from) return;
    if (best === null || abs(candidate - middle) < abs(best - middle)) best = candidate;
  };
  let prevEnd = 0n;
  for (const m of mappings) {
    if (m.start > prevEnd) consider(prevEnd, m.start);
    prevEnd = max(prevEnd, m.end);
  }
  consider(prevEnd, HIGHEST);
  return best;
}

function alignUp(n: bigint, a: bigint): bigint {
  return (n + a - 1n) / a * a;
}
function alignDown(n: bigint, a: bigint): bigint {
  return n / a * a;
}
function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}
