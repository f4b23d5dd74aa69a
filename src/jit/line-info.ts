// Source lines of loaded code: the DWARF line table of a module (from its
// relocated .debug_line) as a lookup from address to `file:line`, shared by
// disassembly, the crash reporter and jitdump.
//
// Input: a module's CodeInfo. Output: a LineIndex, or null when the module
// has no line table (compiled without -g, or a foreign object without one).
// A line table that cannot be read is treated as absent: it only decorates.

import { LineIndex, readLineTable, type LineRow } from '../link/dwarf/read-line.js';
import type { CodeInfo } from '../loader/code-info.js';

const cache = new WeakMap<CodeInfo, { rows: LineRow[]; index: LineIndex } | null>();

/** The rows of the module's line table, or null (cached per module). */
export function lineRowsOf(code: CodeInfo): { rows: readonly LineRow[]; index: LineIndex } | null {
  if (cache.has(code)) return cache.get(code)!;
  let result: { rows: LineRow[]; index: LineIndex } | null = null;
  if (code.hasLineInfo) {
    const sections = code.debugSections();
    try {
      const rows: LineRow[] = [];
      for (const [name, bytes] of sections) {
        const unit = /^(\d+:)?\.debug_line$/.exec(name);
        if (unit === null) continue;
        const prefix = unit[1] ?? '';
        rows.push(...readLineTable(bytes, { lineStr: sections.get(`${prefix}.debug_line_str`), str: sections.get(`${prefix}.debug_str`) }));
      }
      result = { rows, index: new LineIndex(rows) };
    } catch {
      result = null;
    }
  }
  cache.set(code, result);
  return result;
}

/** The file name without its directories, as messages show it (`dot.c:12`). */
export function baseName(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? file : file.slice(slash + 1);
}
