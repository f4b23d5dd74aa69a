// Page-granular native memory for one loaded module, with W^X enforced.
//
// A `MemoryRegion` is one anonymous mapping. It starts readable and
// writable; the loader copies the fully relocated image in, then narrows
// page ranges to r-x (code) or r-- (constants, GOT). Writable and executable
// are never both set on a page: `protect` refuses 'rwx' by construction and
// `write` refuses pages that are no longer writable (writing would fault).
//
// Input: sizes, offsets and bytes. Output: native pages. Invariants: offsets
// and lengths given to `protect` are page-aligned; after `free()` every
// method throws, so a double free cannot unmap someone else's pages.
// On macOS arm64 the mapping is MAP_JIT (platform.ts): there W^X holds per
// thread, not per page, and code pages are never mprotect'ed.
// Where the kernel refuses PROT_EXEC on anonymous memory, or with the
// `codeMemory: 'memfd'` option, the pages come from a memfd mapped twice
// instead (memfd-region.ts); `finish()` ends the writing phase there.

import { assert } from '../diagnostics.js';
import { MemfdPages } from './memfd-region.js';
import { copyToNative, isJitMapped, tryProtectPages, mapPages, pageSize, PROT_EXEC, PROT_READ, PROT_WRITE, protectPages, unmapPages } from './ffi.js';

export type Protection = 'rx' | 'r' | 'rw';

/** Where code memory comes from: anonymous pages, falling back to a memfd when refused ('auto'), or always a memfd. */
export type CodeMemory = 'auto' | 'memfd';

/** Set once the kernel refused an anonymous r-x mapping: later regions start as memfds. */
let isAnonymousExecRefused = false;

/**
 * Test hook, like JITCC_TEST_ICE: `JITCC_TEST_DENY_ANON_EXEC=1` makes the
 * first mprotect to r-x of anonymous memory fail with EACCES, as SELinux's
 * execmem denial does, so tests exercise the fallback on any kernel.
 */
function isAnonExecDeniedForTest(): boolean {
  return process.env.JITCC_TEST_DENY_ANON_EXEC === '1';
}

const EACCES = 13;
const EPERM = 1;

function protBits(p: Protection): number {
  switch (p) {
    case 'rx': return PROT_READ | PROT_EXEC;
    case 'r': return PROT_READ;
    case 'rw': return PROT_READ | PROT_WRITE;
  }
}

export class MemoryRegion {
  readonly address: bigint;
  readonly size: number;
  private readonly pageBytes: number;
  /** Current protection of each page, to check writes before they fault. */
  private readonly pages: Protection[];
  private isFreedFlag = false;
  /** The memfd backing, when the pages come from one (memfd-region.ts). */
  private memfd: MemfdPages | null = null;

  /** Maps `size` bytes (rounded up to whole pages), zero-filled and RW, at `preferredBase` if that is free. */
  constructor(size: number, preferredBase: bigint | null = null, private readonly codeMemory: CodeMemory = 'auto') {
    assert(Number.isInteger(size) && size > 0, `bad region size ${size}`);
    this.pageBytes = pageSize();
    this.size = Math.ceil(size / this.pageBytes) * this.pageBytes;
    if (codeMemory === 'memfd' || isAnonymousExecRefused) {
      this.memfd = MemfdPages.create(this.size, this.pageBytes, preferredBase);
      this.address = this.memfd.address;
    } else {
      this.address = mapPages(this.size, preferredBase);
    }
    this.pages = new Array<Protection>(this.size / this.pageBytes).fill('rw');
  }

  /** Whether the pages come from a memfd mapped twice rather than anonymous memory. */
  get isMemfd(): boolean {
    return this.memfd !== null;
  }

  get isFreed(): boolean {
    return this.isFreedFlag;
  }

  /** Copies `bytes` to `offset`; every page touched must still be writable. */
  write(offset: number, bytes: Uint8Array): void {
    this.checkLive();
    assert(offset >= 0 && offset + bytes.length <= this.size, `write of ${bytes.length} bytes at ${offset} outside a ${this.size}-byte region`);
    if (bytes.length === 0) return;
    const first = Math.floor(offset / this.pageBytes);
    const last = Math.floor((offset + bytes.length - 1) / this.pageBytes);
    for (let p = first; p <= last; p++) assert(this.pages[p] === 'rw', `write to page ${p} after it became ${this.pages[p]}`);
    if (this.memfd !== null) this.memfd.write(offset, bytes);
    else copyToNative(this.address + BigInt(offset), bytes);
  }

  /** Sets the protection of whole pages [offset, offset + length). */
  protect(offset: number, length: number, protection: Protection): void {
    this.checkLive();
    assert(offset % this.pageBytes === 0 && length % this.pageBytes === 0, 'protect needs page-aligned ranges');
    assert(offset >= 0 && offset + length <= this.size, 'protect outside the region');
    if (length === 0) return;
    // MAP_JIT memory (macOS on arm64) is executable already for every thread whose
    // JIT write protection is on, the default; copyToNative lifts it only while it copies.
    if (this.memfd !== null) this.memfd.protect(offset, length, protection);
    else if (protection === 'rx' && this.codeMemory === 'auto' && !isJitMapped()) this.protectExecutable(offset, length);
    else if (!(protection === 'rx' && isJitMapped())) protectPages(this.address + BigInt(offset), length, protBits(protection));
    for (let p = offset / this.pageBytes; p < (offset + length) / this.pageBytes; p++) this.pages[p] = protection;
  }

  /**
   * mprotect to r-x; when the kernel refuses it for anonymous memory
   * (EACCES, EPERM), the region moves to a memfd at the same address and
   * every later region starts as one.
   */
  private protectExecutable(offset: number, length: number): void {
    const denied = isAnonExecDeniedForTest() && !isAnonymousExecRefused;
    const errno = denied ? EACCES : tryProtectPages(this.address + BigInt(offset), length, protBits('rx'));
    if (errno === 0) return;
    if (errno !== EACCES && errno !== EPERM) {
      protectPages(this.address + BigInt(offset), length, protBits('rx')); // reports the error
      return;
    }
    isAnonymousExecRefused = true;
    this.memfd = MemfdPages.adopt(this.address, this.size, this.pageBytes, this.pages);
    this.memfd.protect(offset, length, 'rx');
  }

  /** Writing is over: a memfd region drops its writable view (a no-op for anonymous memory). */
  finish(): void {
    this.checkLive();
    this.memfd?.finish();
  }

  /** Unmaps the region. Idempotent. */
  free(): void {
    if (this.isFreedFlag) return;
    this.isFreedFlag = true;
    if (this.memfd !== null) this.memfd.free();
    else unmapPages(this.address, this.size);
  }

  private checkLive(): void {
    assert(!this.isFreedFlag, 'use of a freed memory region');
  }
}
