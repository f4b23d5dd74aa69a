// The GDB JIT interface ("JIT Compilation Interface" in the gdb manual):
// how a process tells a debugger about code it generated. The process
// keeps a list of in-memory symbol files in `__jit_debug_descriptor` and
// calls the empty function `__jit_debug_register_code` after each change;
// gdb finds both by name in the symbol tables of the loaded objects, sets
// a breakpoint on the function, and on each hit reads the entry named by
// `relevant_entry` and `action_flag` (register / unregister).
//
//   struct jit_code_entry { jit_code_entry *next, *prev; const char *symfile_addr; uint64_t symfile_size; };
//   struct jit_descriptor { uint32_t version; uint32_t action_flag; jit_code_entry *relevant_entry, *first_entry; };
//
// Where the two symbols come from: a Node process has none (node is not
// built with V8's gdbjit), and a native addon or a system C compiler at
// run time are not available to us. So jitcc writes a tiny shared object
// defining them (link/elf/write-dso.ts: a `ret` and 24 zero bytes) into a
// memfd and dlopens it as /proc/<pid>/fd/<n> — a path gdb, which reads
// the inferior's link map, can open as well, with nothing written to disk
// (a private temporary directory where memfd_create is missing). When the
// process already defines the symbols (another JIT loaded them: LLVM,
// a node built with gdbjit), those are used, as the protocol wants one
// descriptor per process.
//
// Input: a loaded module's CodeInfo. Output: its symbol files registered;
// the returned function unregisters them (before the code is unmapped).

import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeInfo } from '../loader/code-info.js';
import { LoadError } from '../loader/errors.js';
import { bindFunction, copyToNative, createMemfd, lookupProcessSymbol, mapPages, openSharedLibrary, pageSize, readNative, unmapPages } from '../loader/ffi.js';
import { writeSharedObject } from '../link/elf/write-dso.js';
import type { Machine } from '../link/object.js';
import { buildSymbolFiles } from './gdb-symfile.js';

const JIT_NOACTION = 0;
const JIT_REGISTER_FN = 1;
const JIT_UNREGISTER_FN = 2;
const ENTRY_SIZE = 32;

/** The body of __jit_debug_register_code: a return (x86-64 `ret`, AArch64 `ret`). */
const RETURN: Readonly<Record<Machine, readonly number[]>> = {
  x86_64: [0xc3],
  aarch64: [0xc0, 0x03, 0x5f, 0xd6],
};

interface Interface {
  readonly descriptor: bigint;
  readonly notify: () => void;
}

let gdbInterface: Interface | null = null;

/** The process's descriptor and notification function: existing ones, or ours, loaded on first use. */
function jitInterface(machine: Machine): Interface {
  if (gdbInterface !== null) return gdbInterface;
  let descriptor = lookupProcessSymbol('__jit_debug_descriptor');
  let notifyAt = lookupProcessSymbol('__jit_debug_register_code');
  if (descriptor === null || notifyAt === null) {
    openSharedLibrary(writeInterfaceLibrary(machine));
    descriptor = lookupProcessSymbol('__jit_debug_descriptor');
    notifyAt = lookupProcessSymbol('__jit_debug_register_code');
    if (descriptor === null || notifyAt === null) throw new LoadError('gdb: the JIT interface library loaded but does not define its symbols');
  }
  const fn = bindFunction(notifyAt, '__jit_debug_register_code', { ret: { kind: 'void' }, params: [], isVariadic: false });
  // version 1; a descriptor another JIT set up keeps its list.
  if (readU32(descriptor) === 0) writeU32(descriptor, 1);
  gdbInterface = { descriptor, notify: () => { fn(); } };
  return gdbInterface;
}

/** Writes the interface library where the dynamic linker and gdb can both open it; returns its path. */
function writeInterfaceLibrary(machine: Machine): string {
  const bytes = writeSharedObject({
    machine, soname: 'libjitcc-gdb-jit.so', pageSize: pageSize(),
    text: { bytes: new Uint8Array(RETURN[machine]), symbols: [{ name: '__jit_debug_register_code', offset: 0, size: RETURN[machine].length }] },
    data: { size: 24, symbols: [{ name: '__jit_debug_descriptor', offset: 0, size: 24 }] },
  });
  try {
    const fd = createMemfd('libjitcc-gdb-jit.so', bytes.length);
    writeSync(fd, bytes, 0, bytes.length, 0);
    // The descriptor stays open for the life of the process: gdb may attach (and open the path) at any time.
    return `/proc/${process.pid}/fd/${fd}`;
  } catch {
    const path = join(mkdtempSync(join(tmpdir(), 'jitcc-gdb-')), 'libjitcc-gdb-jit.so');
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, bytes);
    closeSync(fd);
    return path;
  }
}

function readU32(address: bigint): number {
  return new DataView(readNative(address, 4).buffer).getUint32(0, true);
}
function readU64(address: bigint): bigint {
  return new DataView(readNative(address, 8).buffer).getBigUint64(0, true);
}
function writeU32(address: bigint, value: number): void {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value, true);
  copyToNative(address, b);
}
function writeU64(address: bigint, value: bigint): void {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, value, true);
  copyToNative(address, b);
}

/** An entry and its symbol file, in one mapping of their own. */
interface Entry {
  readonly address: bigint;
  readonly mapped: number;
}

function addEntry(gdb: Interface, symfile: Uint8Array): Entry {
  const mapped = Math.ceil((ENTRY_SIZE + symfile.length) / pageSize()) * pageSize();
  const address = mapPages(mapped);
  const first = readU64(gdb.descriptor + 16n);
  const header = new Uint8Array(ENTRY_SIZE);
  const view = new DataView(header.buffer);
  view.setBigUint64(0, first, true); // next
  view.setBigUint64(8, 0n, true); // prev
  view.setBigUint64(16, address + BigInt(ENTRY_SIZE), true); // symfile_addr
  view.setBigUint64(24, BigInt(symfile.length), true); // symfile_size
  copyToNative(address, header);
  copyToNative(address + BigInt(ENTRY_SIZE), symfile);
  if (first !== 0n) writeU64(first + 8n, address); // first->prev
  writeU64(gdb.descriptor + 16n, address); // first_entry
  writeU64(gdb.descriptor + 8n, address); // relevant_entry
  writeU32(gdb.descriptor + 4n, JIT_REGISTER_FN);
  gdb.notify();
  writeU32(gdb.descriptor + 4n, JIT_NOACTION);
  return { address, mapped };
}

function removeEntry(gdb: Interface, entry: Entry): void {
  const next = readU64(entry.address);
  const prev = readU64(entry.address + 8n);
  if (prev === 0n) writeU64(gdb.descriptor + 16n, next);
  else writeU64(prev, next);
  if (next !== 0n) writeU64(next + 8n, prev);
  writeU64(gdb.descriptor + 8n, entry.address);
  writeU32(gdb.descriptor + 4n, JIT_UNREGISTER_FN);
  gdb.notify();
  writeU32(gdb.descriptor + 4n, JIT_NOACTION);
  writeU64(gdb.descriptor + 8n, 0n);
  unmapPages(entry.address, entry.mapped);
}

/** Registers the module's symbol files with the debugger; the result unregisters them. */
export function registerWithGdb(code: CodeInfo): () => void {
  const gdb = jitInterface(code.machine);
  const entries = buildSymbolFiles(code, pageSize()).map((file) => addEntry(gdb, file));
  return () => {
    for (const e of entries.splice(0).reverse()) removeEntry(gdb, e);
  };
}

/** For tests: the symbol files currently registered in this process's descriptor (walked from first_entry). */
export function registeredSymbolFiles(): Uint8Array[] {
  if (gdbInterface === null) return [];
  const out: Uint8Array[] = [];
  for (let e = readU64(gdbInterface.descriptor + 16n); e !== 0n; e = readU64(e)) {
    out.push(readNative(readU64(e + 16n), Number(readU64(e + 24n))));
  }
  return out;
}

export { JIT_REGISTER_FN, JIT_UNREGISTER_FN };
