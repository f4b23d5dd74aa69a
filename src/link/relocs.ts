// Relocation arithmetic: patch one field of a section's bytes, given the
// addresses the relocation formula needs. Shared by the loader (which links
// at the real page addresses of a mapped module) and a future static linker.
//
// Input: the section bytes, the field offset, the ELF relocation type and a
// `RelocValues` record holding S, A, P, GOT, G and L as absolute addresses.
// Output: the bytes patched in place, and a `RelocOutcome` saying whether the
// value fitted. Nothing here throws for bad input: an unsupported type, a
// field outside the section or a value out of range comes back as data, and
// the caller turns it into an error that names section, offset and symbol.
//
// Invariants: pure functions over a byte array and bigints, no native
// memory, no knowledge of layout policy (which symbols get GOT slots or call
// stubs is the caller's decision; here a missing slot is an outcome).
//
// AArch64 lives in relocs-aarch64.ts. x86-64 formulas: System V AMD64 psABI
// §4.4.1, table 4.10, where
//   S = symbol address, A = addend, P = address of the field,
//   GOT = address of the GOT, G = offset of the symbol's slot in the GOT,
//   L = address of the symbol's PLT entry (our call stub), Z = symbol size.

import {
  type Machine,
  R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_8, R_X86_64_GOT32, R_X86_64_GOT64,
  R_X86_64_GOTOFF64, R_X86_64_GOTPC32, R_X86_64_GOTPC64, R_X86_64_GOTPCREL, R_X86_64_GOTPCREL64, R_X86_64_GOTPCRELX,
  R_X86_64_GOTPLT64, R_X86_64_PLTOFF64,
  R_X86_64_NONE, R_X86_64_PC16, R_X86_64_PC32, R_X86_64_PC64, R_X86_64_PC8,
  R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX, R_X86_64_SIZE32, R_X86_64_SIZE64,
} from './object.js';
import { aarch64RelocIsCall, aarch64RelocUsesGotSlot, applyAarch64Reloc } from './relocs-aarch64.js';

/** Everything a relocation formula may read, as absolute addresses. */
export interface RelocValues {
  /** S: the symbol's address (0 for an undefined weak symbol). */
  readonly symbol: bigint;
  /** Z: the symbol's size in bytes. */
  readonly symbolSize: bigint;
  /** A: the addend from the RELA entry. */
  readonly addend: bigint;
  /** P: the address the patched field will have at run time. */
  readonly place: bigint;
  /** GOT: the address of the global offset table, or null when there is none. */
  readonly gotBase: bigint | null;
  /** GOT + G: the address of the symbol's GOT slot, or null when it has none. */
  readonly gotSlot: bigint | null;
  /** L: the address of the symbol's call stub, or null when it has none. */
  readonly stub: bigint | null;
}

/** How the field is checked before it is written. */
type FieldCheck = 'signed' | 'unsigned' | 'either' | 'none';

export type RelocOutcome =
  | { readonly kind: 'ok' }
  /** The value does not fit the field; `field` describes the field, e.g. 'signed 32-bit'. */
  | { readonly kind: 'overflow'; readonly value: bigint; readonly field: string }
  /** A relocation type this module does not implement. */
  | { readonly kind: 'unsupported' }
  /** The formula needs a GOT, a GOT slot or a stub and the caller provided none. */
  | { readonly kind: 'missing'; readonly what: 'GOT' | 'GOT slot' }
  /** The field lies (partly) outside the section. */
  | { readonly kind: 'out-of-section' };

const OK: RelocOutcome = { kind: 'ok' };

/** Patches one relocation for `machine`; see `applyX64Reloc`. */
export function applyReloc(machine: Machine, bytes: Uint8Array, offset: number, type: number, v: RelocValues): RelocOutcome {
  switch (machine) {
    case 'x86_64': return applyX64Reloc(bytes, offset, type, v);
    case 'aarch64': return applyAarch64Reloc(bytes, offset, type, v);
  }
}

/** True if relocations of this type read the symbol's GOT slot (so the layout must give it one). */
export function relocUsesGotSlot(machine: Machine, type: number): boolean {
  if (machine === 'aarch64') return aarch64RelocUsesGotSlot(type);
  return type === R_X86_64_GOTPCREL || type === R_X86_64_GOTPCRELX || type === R_X86_64_REX_GOTPCRELX || type === R_X86_64_GOT32
    || type === R_X86_64_GOT64 || type === R_X86_64_GOTPCREL64 || type === R_X86_64_GOTPLT64;
}

/** True if relocations of this type read the GOT base address (so the layout must have a GOT). */
export function relocUsesGotBase(machine: Machine, type: number): boolean {
  if (machine === 'aarch64') return false; // AArch64 GOT relocations address slots, never the GOT itself
  return relocUsesGotSlot(machine, type) || type === R_X86_64_GOTOFF64 || type === R_X86_64_GOTPC32
    || type === R_X86_64_GOTPC64 || type === R_X86_64_PLTOFF64;
}

/** True if relocations of this type refer to a function's PLT entry (our call stub) when the function is external. */
export function relocIsCall(machine: Machine, type: number): boolean {
  if (machine === 'aarch64') return aarch64RelocIsCall(type);
  return type === R_X86_64_PLT32 || type === R_X86_64_PLTOFF64;
}

/**
 * Patches the field at `offset` for an x86-64 relocation (psABI table 4.10).
 * R_X86_64_PLT32 calls S directly when the displacement fits, and L (the
 * call stub, which jumps through a 64-bit GOT slot) otherwise: JIT memory is
 * usually more than 2 GiB away from the shared libraries it calls.
 */
export function applyX64Reloc(bytes: Uint8Array, offset: number, type: number, v: RelocValues): RelocOutcome {
  const { symbol: S, addend: A, place: P } = v;
  switch (type) {
    case R_X86_64_NONE: return OK;
    case R_X86_64_64: return write(bytes, offset, 8, S + A, 'none');
    case R_X86_64_PC64: return write(bytes, offset, 8, S + A - P, 'none');
    case R_X86_64_32: return write(bytes, offset, 4, S + A, 'unsigned');
    case R_X86_64_32S: return write(bytes, offset, 4, S + A, 'signed');
    case R_X86_64_16: return write(bytes, offset, 2, S + A, 'either');
    case R_X86_64_8: return write(bytes, offset, 1, S + A, 'either');
    case R_X86_64_PC32: return write(bytes, offset, 4, S + A - P, 'signed');
    case R_X86_64_PC16: return write(bytes, offset, 2, S + A - P, 'signed');
    case R_X86_64_PC8: return write(bytes, offset, 1, S + A - P, 'signed');
    case R_X86_64_PLT32: {
      const direct = S + A - P;
      if (fits(direct, 4, 'signed') || v.stub === null) return write(bytes, offset, 4, direct, 'signed');
      return write(bytes, offset, 4, v.stub + A - P, 'signed');
    }
    // GOTPCRELX / REX_GOTPCRELX allow the linker to relax the load into a
    // lea; we keep the GOT load, which is always correct (psABI §B.2).
    case R_X86_64_GOTPCREL:
    case R_X86_64_GOTPCRELX:
    case R_X86_64_REX_GOTPCRELX:
      if (v.gotSlot === null) return { kind: 'missing', what: 'GOT slot' };
      return write(bytes, offset, 4, v.gotSlot + A - P, 'signed');
    case R_X86_64_GOT32:
      if (v.gotSlot === null || v.gotBase === null) return { kind: 'missing', what: 'GOT slot' };
      return write(bytes, offset, 4, v.gotSlot - v.gotBase + A, 'signed');
    case R_X86_64_GOTOFF64:
      if (v.gotBase === null) return { kind: 'missing', what: 'GOT' };
      return write(bytes, offset, 8, S + A - v.gotBase, 'none');
    case R_X86_64_GOTPC32:
      if (v.gotBase === null) return { kind: 'missing', what: 'GOT' };
      return write(bytes, offset, 4, v.gotBase + A - P, 'signed');
    // Large code model: 64-bit GOT-relative fields.
    case R_X86_64_GOT64:
    case R_X86_64_GOTPLT64:
      if (v.gotSlot === null || v.gotBase === null) return { kind: 'missing', what: 'GOT slot' };
      return write(bytes, offset, 8, v.gotSlot - v.gotBase + A, 'none');
    case R_X86_64_GOTPCREL64:
      if (v.gotSlot === null) return { kind: 'missing', what: 'GOT slot' };
      return write(bytes, offset, 8, v.gotSlot + A - P, 'none');
    case R_X86_64_GOTPC64:
      if (v.gotBase === null) return { kind: 'missing', what: 'GOT' };
      return write(bytes, offset, 8, v.gotBase + A - P, 'none');
    case R_X86_64_PLTOFF64:
      // L - GOT + A, where a function defined in the module is its own PLT entry.
      if (v.gotBase === null) return { kind: 'missing', what: 'GOT' };
      return write(bytes, offset, 8, (v.stub ?? S) - v.gotBase + A, 'none');
    case R_X86_64_SIZE32: return write(bytes, offset, 4, v.symbolSize + A, 'unsigned');
    case R_X86_64_SIZE64: return write(bytes, offset, 8, v.symbolSize + A, 'none');
    default: return { kind: 'unsupported' };
  }
}

/** Does `value` fit a field of `width` bytes under `check`? */
export function fits(value: bigint, width: 1 | 2 | 4 | 8, check: FieldCheck): boolean {
  const bits = BigInt(width * 8);
  const min = -(1n << (bits - 1n));
  const maxSigned = (1n << (bits - 1n)) - 1n;
  const maxUnsigned = (1n << bits) - 1n;
  switch (check) {
    case 'signed': return value >= min && value <= maxSigned;
    case 'unsigned': return value >= 0n && value <= maxUnsigned;
    case 'either': return value >= min && value <= maxUnsigned;
    case 'none': return true;
  }
}

function describeField(width: number, check: FieldCheck): string {
  const kind = check === 'either' ? '' : `${check} `;
  return `${kind}${width * 8}-bit`;
}

/** Writes the low `width` bytes of `value`, little-endian (psABI §3.1.2: x86-64 is little-endian). */
function write(bytes: Uint8Array, offset: number, width: 1 | 2 | 4 | 8, value: bigint, check: FieldCheck): RelocOutcome {
  if (!Number.isInteger(offset) || offset < 0 || offset + width > bytes.length) return { kind: 'out-of-section' };
  if (!fits(value, width, check)) return { kind: 'overflow', value, field: describeField(width, check) };
  let v = BigInt.asUintN(width * 8, value);
  for (let i = 0; i < width; i++) {
    bytes[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return OK;
}
