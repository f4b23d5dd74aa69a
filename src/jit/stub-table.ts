// The indirection a tiered module's functions are reached through
// (tier.ts): per function a stub — a jump through a slot — and the slot, an
// 8-byte code address. Switching a function to new code is one aligned
// 8-byte store into its slot: any thread either jumps to the old code or
// to the new, never elsewhere, and no code page is ever written (W^X
// holds; the stubs are r-x from the start, the slots are data).
//
//   x86-64:  jmp qword ptr [rip + slot]    FF 25 disp32, then 2 bytes of int3
//            (Intel SDM vol. 2 "JMP": FF /4 with RIP-relative ModRM 0x25)
//   AArch64: ldr x16, slot ; br x16        LDR (literal) 0x58000010 | imm19 << 5,
//            BR 0xd61f0200 (x16 is IP0, the register AAPCS64 §6.1.1 leaves
//            to veneers such as this)
//
// Input: the function names and the machine. Output: a region of stubs
// (r-x) followed by the slots (rw-), stub addresses by name, and `set`.

import type { Machine } from '../link/object.js';
import { copyToNative, flushInstructionCache, pageSize } from '../loader/ffi.js';
import { MemoryRegion } from '../loader/memory.js';

const STUB_SIZE = 8;

function stubBytes(machine: Machine, stubAt: number, slotAt: number): Uint8Array {
  const out = new Uint8Array(STUB_SIZE);
  const view = new DataView(out.buffer);
  if (machine === 'x86_64') {
    out.set([0xff, 0x25]);
    view.setInt32(2, slotAt - (stubAt + 6), true);
    out.set([0xcc, 0xcc], 6);
  } else {
    const imm19 = ((slotAt - stubAt) / 4) & 0x7ffff;
    view.setUint32(0, (0x58000010 | (imm19 << 5)) >>> 0, true);
    view.setUint32(4, 0xd61f0200, true);
  }
  return out;
}

export class StubTable {
  readonly region: MemoryRegion;
  private readonly index = new Map<string, number>();
  private readonly slotsAt: number;

  constructor(readonly machine: Machine, names: readonly string[]) {
    const page = pageSize();
    const codeBytes = Math.max(1, names.length) * STUB_SIZE;
    this.slotsAt = Math.ceil(codeBytes / page) * page;
    this.region = new MemoryRegion(this.slotsAt + Math.ceil((Math.max(1, names.length) * 8) / page) * page);
    const code = new Uint8Array(this.slotsAt);
    names.forEach((name, i) => {
      this.index.set(name, i);
      code.set(stubBytes(machine, i * STUB_SIZE, this.slotsAt + i * 8), i * STUB_SIZE);
    });
    this.region.write(0, code);
    this.region.protect(0, this.slotsAt, 'rx');
    this.region.finish();
    flushInstructionCache(this.region.address, this.slotsAt);
  }

  /** The stub of `name`: the address every caller and function pointer uses. */
  stubOf(name: string): bigint | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.region.address + BigInt(i * STUB_SIZE);
  }

  get names(): readonly string[] {
    return [...this.index.keys()];
  }

  /** Points `name`'s stub at `target` (one 8-byte store into its slot, on a page that is data, not code). */
  set(name: string, target: bigint): void {
    const i = this.index.get(name);
    if (i === undefined) return;
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, target, true);
    copyToNative(this.region.address + BigInt(this.slotsAt + i * 8), bytes);
  }
}
