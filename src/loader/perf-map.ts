// Linux perf's JIT symbol map: `perf report` names samples in anonymous
// executable memory by reading /tmp/perf-<pid>.map, one line per function,
// `START SIZE name` with START and SIZE in hex without 0x (the convention
// of perf's tools/perf/Documentation/jit-interface.txt).
//
// Input: the loaded functions (address, size, name). Output: lines appended
// to the map. Lines are appended, never removed: perf reads the file after
// the process exits, so a disposed module's code keeps its names (a later
// module mapped at the same address adds lines perf resolves by order).

import { appendFileSync } from 'node:fs';

export interface PerfMapEntry {
  readonly address: bigint;
  readonly size: number;
  readonly name: string;
}

export function perfMapPath(pid: number = process.pid): string {
  return `/tmp/perf-${pid}.map`;
}

export function perfMapLines(entries: readonly PerfMapEntry[]): string {
  return entries
    .filter((e) => e.size > 0)
    .map((e) => `${e.address.toString(16)} ${e.size.toString(16)} ${e.name}\n`)
    .join('');
}

/** Appends the entries to this process's map; a failure to write is not worth failing a load for, so it is returned, not thrown. */
export function appendPerfMap(entries: readonly PerfMapEntry[], path: string = perfMapPath()): Error | null {
  const text = perfMapLines(entries);
  if (text === '') return null;
  try {
    appendFileSync(path, text);
    return null;
  } catch (e) {
    return e as Error;
  }
}
