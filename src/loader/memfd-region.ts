// Code memory for kernels that refuse PROT_EXEC on anonymous memory
// (SELinux with `execmem` denied, PaX/grsecurity MPROTECT, other hardened
// setups): the image lives in a memfd — an anonymous file — mapped twice.
// A writer view, shared and read-write, receives the bytes; the run view,
// at the address the image was linked for, maps each range of the same
// file with its final protection — r-x for code, r-- for constants, rw-
// for data — created that way by mmap, so no mapping ever turns from
// writable to executable. The writer view is unmapped and the descriptor
// closed as soon as the image is complete (`finish`), so afterwards no
// writable view of the code remains.
//
// Input: sizes, offsets, bytes and protections from MemoryRegion
// (memory.ts), which picks this backing when the `codeMemory: 'memfd'`
// option asks for it or when the kernel refused an anonymous r-x mapping.
// Invariants: the run view's address never changes (relocations point
// into it); before `finish` the run view's unprotected pages are a
// PROT_NONE reservation (or the anonymous pages being replaced, `adopt`).

import { assert } from '../diagnostics.js';
import { closeFd, copyNativeToNative, copyToNative, createMemfd, mapFile, PROT_EXEC, PROT_READ, PROT_WRITE, reserveAddressRange, unmapPages } from './ffi.js';

import type { Protection } from './memory.js';

function protBits(p: Protection): number {
  switch (p) {
    case 'rx': return PROT_READ | PROT_EXEC;
    case 'r': return PROT_READ;
    case 'rw': return PROT_READ | PROT_WRITE;
  }
}

export class MemfdPages {
  private fd: number;
  private writer: bigint | null;
  /** Pages of the run view already mapped from the file with their final protection. */
  private readonly isMapped: boolean[];

  private constructor(readonly address: bigint, readonly size: number, private readonly pageBytes: number, fd: number, writer: bigint) {
    this.fd = fd;
    this.writer = writer;
    this.isMapped = new Array<boolean>(size / pageBytes).fill(false);
  }

  /** `size` bytes (whole pages) at `preferredBase` if free: the run view reserved, the writer view mapped. */
  static create(size: number, pageBytes: number, preferredBase: bigint | null): MemfdPages {
    const fd = createMemfd('jitcc-code', size);
    let address: bigint | null = null;
    try {
      address = reserveAddressRange(size, preferredBase);
      const writer = mapFile(fd, 0, size, PROT_READ | PROT_WRITE, null);
      return new MemfdPages(address, size, pageBytes, fd, writer);
    } catch (e) {
      if (address !== null) unmapPages(address, size);
      closeFd(fd);
      throw e;
    }
  }

  /**
   * Takes over an anonymous region that was written but could not be made
   * executable: its bytes are copied into a memfd, and the pages already
   * given a protection are mapped from the file over the anonymous ones
   * (MAP_FIXED replaces them in one step, so the address stays ours).
   */
  static adopt(address: bigint, size: number, pageBytes: number, protections: readonly Protection[]): MemfdPages {
    const fd = createMemfd('jitcc-code', size);
    let writer: bigint | null = null;
    try {
      writer = mapFile(fd, 0, size, PROT_READ | PROT_WRITE, null);
      copyNativeToNative(writer, address, size);
      const pages = new MemfdPages(address, size, pageBytes, fd, writer);
      pages.forRuns(protections, (offset, length, p) => { if (p !== 'rw') pages.protect(offset, length, p); });
      return pages;
    } catch (e) {
      if (writer !== null) unmapPages(writer, size);
      closeFd(fd);
      throw e;
    }
  }

  write(offset: number, bytes: Uint8Array): void {
    assert(this.writer !== null, 'write to a memfd region after it was finished');
    copyToNative(this.writer + BigInt(offset), bytes);
  }

  /** Maps [offset, offset + length) of the run view from the file with protection `p`. */
  protect(offset: number, length: number, p: Protection): void {
    if (length === 0) return;
    mapFile(this.fd, offset, length, protBits(p), this.address + BigInt(offset));
    for (let i = offset / this.pageBytes; i < (offset + length) / this.pageBytes; i++) this.isMapped[i] = true;
  }

  /** The image is complete: the remaining pages become rw- data, the writer view and the descriptor go. */
  finish(): void {
    if (this.writer === null) return;
    const rest = this.isMapped.map((m): Protection | null => (m ? null : 'rw'));
    this.forRuns(rest, (offset, length) => this.protect(offset, length, 'rw'));
    unmapPages(this.writer, this.size);
    this.writer = null;
    this.closeFile();
  }

  free(): void {
    if (this.writer !== null) unmapPages(this.writer, this.size);
    this.writer = null;
    unmapPages(this.address, this.size);
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd >= 0) closeFd(this.fd);
    this.fd = -1;
  }

  /** Calls `f` for each maximal run of pages with the same non-null protection. */
  private forRuns(protections: readonly (Protection | null)[], f: (offset: number, length: number, p: Protection) => void): void {
    let start = 0;
    for (let i = 1; i <= protections.length; i++) {
      if (i < protections.length && protections[i] === protections[start]) continue;
      const p = protections[start];
      if (p !== null && p !== undefined) f(start * this.pageBytes, (i - start) * this.pageBytes, p);
      start = i;
    }
  }
}
