// perf's jitdump files: what `perf inject --jit` reads to give JIT code
// names, bytes and source lines in `perf report` and `perf annotate`
// (the format of linux tools/perf/Documentation/jitdump-specification.txt).
//
// Input: loaded modules (CodeInfo: functions, line table) and their bytes.
// Output: `<dir>/jit-<pid>.dump`, one per process: a file header, then per
// function a JIT_CODE_DEBUG_INFO record (its line table, when the module
// has one) followed by its JIT_CODE_LOAD record (name, address, bytes).
// Timestamps are CLOCK_MONOTONIC nanoseconds (process.hrtime is libuv's
// uv_hrtime, that clock), as `perf record -k 1` (`-k mono`) samples.
//
// perf finds the file through the process's memory map: the spec asks the
// JIT to mmap it with PROT_EXEC, which makes perf record an MMAP event
// naming jit-<pid>.dump; `perf inject --jit` then reads it. The mapping is
// one read-only page and stays for the life of the process.
//
// Records are little-endian on the hosts we run on (the spec says native
// order; the magic tells a reader which). Code addresses are never
// unregistered: jitdump has no unload record, and perf orders reuse of an
// address by the records' timestamps.

import { closeSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodeFunction, CodeInfo } from '../loader/code-info.js';
import type { LineRow } from '../link/dwarf/read-line.js';
import { mapFile, pageSize, PROT_EXEC, PROT_READ } from '../loader/ffi.js';
import type { Machine } from '../link/object.js';
import { lineRowsOf } from './line-info.js';

export const JITDUMP_MAGIC = 0x4a695444; // 'JiTD'
export const JITDUMP_VERSION = 1;
export const JIT_CODE_LOAD = 0;
export const JIT_CODE_MOVE = 1;
export const JIT_CODE_DEBUG_INFO = 2;
export const JIT_CODE_CLOSE = 3;
const FILE_HEADER_SIZE = 40;
/** ELF e_machine values (ELF gABI; psABIs): what the header's elf_mach names. */
export const ELF_MACHINE: Readonly<Record<Machine, number>> = { x86_64: 62, aarch64: 183 };

/** A growable little-endian byte writer. */
class Writer {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes);
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u32(v: number): void { this.room(4); this.view.setUint32(this.length, v >>> 0, true); this.length += 4; }
  u64(v: bigint): void { this.room(8); this.view.setBigUint64(this.length, BigInt.asUintN(64, v), true); this.length += 8; }
  raw(b: Uint8Array): void { this.room(b.length); this.bytes.set(b, this.length); this.length += b.length; }
  cstring(s: string): void { this.raw(new TextEncoder().encode(s)); this.raw(new Uint8Array([0])); }
  patchU32(at: number, v: number): void { this.view.setUint32(at, v >>> 0, true); }
  finish(): Uint8Array { return this.bytes.slice(0, this.length); }
}

export function encodeFileHeader(machine: Machine, pid: number, timestamp: bigint): Uint8Array {
  const w = new Writer();
  w.u32(JITDUMP_MAGIC);
  w.u32(JITDUMP_VERSION);
  w.u32(FILE_HEADER_SIZE);
  w.u32(ELF_MACHINE[machine]);
  w.u32(0); // pad1
  w.u32(pid);
  w.u64(timestamp);
  w.u64(0n); // flags: no JITDUMP_FLAGS_ARCH_TIMESTAMP, so timestamps are the monotonic clock
  return w.finish();
}

function record(id: number, timestamp: bigint, body: (w: Writer) => void): Uint8Array {
  const w = new Writer();
  w.u32(id);
  w.u32(0); // total_size, patched below
  w.u64(timestamp);
  body(w);
  w.patchU32(4, w.length);
  return w.finish();
}

export interface CodeLoad {
  readonly pid: number;
  readonly tid: number;
  readonly address: bigint;
  readonly code: Uint8Array;
  readonly index: bigint;
  readonly name: string;
}

/** JIT_CODE_LOAD: pid, tid, vma, code_addr, code_size, code_index, name, then the code bytes. */
export function encodeCodeLoad(load: CodeLoad, timestamp: bigint): Uint8Array {
  return record(JIT_CODE_LOAD, timestamp, (w) => {
    w.u32(load.pid);
    w.u32(load.tid);
    w.u64(load.address); // vma
    w.u64(load.address); // code_addr
    w.u64(BigInt(load.code.length));
    w.u64(load.index);
    w.cstring(load.name);
    w.raw(load.code);
  });
}

export interface DebugEntry {
  readonly address: bigint;
  readonly line: number;
  readonly file: string;
}

/** JIT_CODE_DEBUG_INFO: code_addr, nr_entry, then per entry its address, line, discriminator and file name. */
export function encodeDebugInfo(codeAddress: bigint, entries: readonly DebugEntry[], timestamp: bigint): Uint8Array {
  return record(JIT_CODE_DEBUG_INFO, timestamp, (w) => {
    w.u64(codeAddress);
    w.u64(BigInt(entries.length));
    for (const e of entries) {
      w.u64(e.address);
      w.u32(e.line);
      w.u32(0); // discriminator
      w.cstring(e.file);
    }
  });
}

export function encodeClose(timestamp: bigint): Uint8Array {
  return record(JIT_CODE_CLOSE, timestamp, () => {});
}

/**
 * The line rows inside one function, as jitdump entries (one per change of
 * line), plus one at the function's end repeating the last line: perf's
 * `inject --jit` ends the line sequence it builds at the last entry, so
 * without it the last run of instructions would have no line.
 */
export function debugEntriesFor(f: CodeFunction, rows: readonly LineRow[]): DebugEntry[] {
  const end = f.address + BigInt(f.size);
  const out: DebugEntry[] = [];
  for (const r of rows) {
    if (r.isEndSequence || r.address < f.address || r.address >= end) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.line === r.line && last.file === r.file) continue;
    out.push({ address: r.address, line: r.line, file: r.file });
  }
  out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const last = out[out.length - 1];
  if (last !== undefined) out.push({ address: end, line: last.line, file: last.file });
  return out;
}

interface DumpFile {
  readonly path: string;
  readonly fd: number;
  nextIndex: bigint;
}

/** One dump file per process (perf reads one per pid), opened on first use. */
let dump: DumpFile | null = null;

function now(): bigint {
  return process.hrtime.bigint();
}

/** The path of this process's jitdump file in `dir`. */
export function jitdumpPath(dir: string, pid: number = process.pid): string {
  return join(resolve(dir), `jit-${pid}.dump`);
}

function openDump(dir: string, machine: Machine): DumpFile {
  if (dump !== null) return dump;
  const path = jitdumpPath(dir);
  const fd = openSync(path, 'w+', 0o644);
  writeSync(fd, encodeFileHeader(machine, process.pid, now()));
  // The marker perf looks for: an executable mapping of the file (it is never executed).
  mapFile(fd, 0, pageSize(), PROT_READ | PROT_EXEC, null);
  dump = { path, fd, nextIndex: 1n };
  process.once('exit', () => {
    if (dump === null) return;
    writeSync(dump.fd, encodeClose(now()));
    closeSync(dump.fd);
    dump = null;
  });
  return dump;
}

/**
 * Appends the records for every function of a freshly loaded module.
 * `dir` is where the file goes; a later call with another directory keeps
 * writing the first file (one per process).
 */
export function writeJitdump(dir: string, code: CodeInfo, readCode: (address: bigint, size: number) => Uint8Array): string {
  const file = openDump(dir, code.machine);
  const lines = lineRowsOf(code);
  const tid = process.pid; // JS runs on the main thread; its tid is the pid
  for (const f of code.functions) {
    if (f.size === 0) continue;
    const timestamp = now();
    if (lines !== null) {
      const entries = debugEntriesFor(f, lines.rows);
      if (entries.length > 0) writeSync(file.fd, encodeDebugInfo(f.address, entries, timestamp));
    }
    writeSync(file.fd, encodeCodeLoad({ pid: process.pid, tid, address: f.address, code: readCode(f.address, f.size), index: file.nextIndex++, name: f.name }, timestamp));
  }
  return file.path;
}
