// crashReports: true — a fault in jitted code names the C function and line
// before the process dies as it would have (the handler: crash-handler.c.ts).
//
// Input: loaded modules (CodeInfo: functions and line table). Output: the
// handler, compiled by jitcc and installed for SIGSEGV, SIGBUS, SIGFPE and
// SIGILL on first use (each keeps the action installed before it, V8's
// WebAssembly trap handler among them), and a lookup table in native memory
// of every registered function: its range, name and line rows.
//
// The table is immutable: each registration or disposal builds a new one in
// fresh pages and swaps the handler's pointer with one store, so a signal
// arriving at any moment — on any thread — sees a whole table. A replaced
// table is unmapped only two swaps later, when no handler can still be
// reading it (a handler runs for microseconds; swaps follow JS calls).

import { buildModuleObject } from '../cache/cached-build.js';
import type { CodeInfo } from '../loader/code-info.js';
import { LoadError } from '../loader/errors.js';
import { copyToNative, mapPages, pageSize, unmapPages } from '../loader/ffi.js';
import { loadObjectFile } from '../loader/load.js';
import type { LoadedModule } from '../loader/module.js';
import { CRASH_HANDLER_C } from './crash-handler.c.js';
import { baseName, lineRowsOf } from './line-info.js';

/** The signals whose faults are reported: SIGILL, SIGBUS, SIGFPE, SIGSEGV (Linux numbers, x86-64 and AArch64). */
export const REPORTED_SIGNALS = [4, 7, 8, 11] as const;

interface FunctionEntry {
  readonly start: bigint;
  readonly end: bigint;
  readonly name: string;
  readonly lines: readonly { readonly address: bigint; readonly file: string; readonly line: number }[];
}

interface Handler {
  readonly module: LoadedModule;
  readonly setTable: (address: bigint) => void;
}

let handler: Handler | null = null;
const registered = new Map<object, readonly FunctionEntry[]>();
let current: { address: bigint; size: number } | null = null;
const retired: { address: bigint; size: number }[] = [];

function installHandler(): Handler {
  if (handler !== null) return handler;
  if (process.platform !== 'linux') throw new LoadError(`crashReports: signal handling is implemented for Linux only, not ${process.platform}`);
  const object = buildModuleObject(CRASH_HANDLER_C, { file: 'jitcc-crash-handler.c', optimize: 1 }).object;
  const module = loadObjectFile(object, {});
  const install = module.fn('jitcc_crash_install') as (sig: number) => number;
  for (const sig of REPORTED_SIGNALS) {
    if (install(sig) !== 0) throw new LoadError(`crashReports: cannot install a handler for signal ${sig}`);
  }
  const set = module.fn('jitcc_crash_set_table') as (t: bigint) => void;
  handler = { module, setTable: (address) => { set(address); } };
  return handler;
}

/** The functions of a module with their line rows, for the table. */
function entriesOf(code: CodeInfo): FunctionEntry[] {
  const lines = lineRowsOf(code);
  return code.functions.filter((f) => f.size > 0).map((f) => {
    const end = f.address + BigInt(f.size);
    const rows = (lines?.rows ?? [])
      .filter((r) => !r.isEndSequence && r.address >= f.address && r.address < end)
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
      .map((r) => ({ address: r.address, file: baseName(r.file), line: r.line }));
    return { start: f.address, end, name: f.name, lines: rows };
  });
}

/**
 * The table's bytes for a base address: a count, the functions sorted by
 * start ({start, end, name, lines, nlines}: 40 bytes), their line rows
 * ({addr, file, line}: 24 bytes), then the NUL-terminated strings.
 */
export function encodeTable(functions: readonly FunctionEntry[], base: bigint): Uint8Array {
  const sorted = [...functions].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const lineCount = sorted.reduce((n, f) => n + f.lines.length, 0);
  const strings = new Map<string, number>();
  const stringParts: Uint8Array[] = [];
  let stringsSize = 0;
  const stringOffset = (s: string): number => {
    let at = strings.get(s);
    if (at === undefined) {
      at = stringsSize;
      const bytes = new TextEncoder().encode(`${s}\0`);
      stringParts.push(bytes);
      stringsSize += bytes.length;
      strings.set(s, at);
    }
    return at;
  };
  for (const f of sorted) {
    stringOffset(f.name);
    for (const l of f.lines) stringOffset(l.file);
  }
  const fnsAt = 8;
  const linesAt = fnsAt + sorted.length * 40;
  const stringsAt = linesAt + lineCount * 24;
  const bytes = new Uint8Array(stringsAt + stringsSize);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(sorted.length), true);
  let lineIndex = 0;
  sorted.forEach((f, i) => {
    const at = fnsAt + i * 40;
    view.setBigUint64(at, f.start, true);
    view.setBigUint64(at + 8, f.end, true);
    view.setBigUint64(at + 16, base + BigInt(stringsAt + stringOffset(f.name)), true);
    view.setBigUint64(at + 24, base + BigInt(linesAt + lineIndex * 24), true);
    view.setBigUint64(at + 32, BigInt(f.lines.length), true);
    for (const l of f.lines) {
      const la = linesAt + lineIndex * 24;
      view.setBigUint64(la, l.address, true);
      view.setBigUint64(la + 8, base + BigInt(stringsAt + stringOffset(l.file)), true);
      view.setBigUint64(la + 16, BigInt(l.line), true);
      lineIndex++;
    }
  });
  let at = stringsAt;
  for (const part of stringParts) { bytes.set(part, at); at += part.length; }
  return bytes;
}

/** Builds the table of every registered module in fresh pages and points the handler at it. */
function publish(h: Handler): void {
  const all = [...registered.values()].flat();
  let next: { address: bigint; size: number } | null = null;
  if (all.length > 0) {
    const size8 = encodeTable(all, 0n).length; // the size does not depend on the base
    const size = Math.ceil(size8 / pageSize()) * pageSize();
    const address = mapPages(size);
    copyToNative(address, encodeTable(all, address));
    next = { address, size };
  }
  h.setTable(next?.address ?? 0n);
  if (current !== null) retired.push(current);
  current = next;
  while (retired.length > 2) {
    const old = retired.shift()!;
    unmapPages(old.address, old.size);
  }
}

/** Adds a module's functions to the crash reporter; the result removes them. */
export function registerCrashReports(code: CodeInfo): () => void {
  const h = installHandler();
  const key = {};
  registered.set(key, entriesOf(code));
  publish(h);
  return () => {
    if (registered.delete(key)) publish(h);
  };
}
