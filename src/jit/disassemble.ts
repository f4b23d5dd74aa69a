// `mod.disassemble(name)`: the machine code of a loaded function (or of the
// whole module) as text, decoded by our own decoder from the bytes in
// memory, with the source line each run of instructions came from when the
// module has a line table (-g), and branch targets and data references named.
//
// Input: the module's CodeInfo and a reader of its native memory.
// Output: text such as
//     dot:
//     dot.c:2
//       7f3a1c000000:	55                   	push   rbp
// A LoadError-like TypeError/RangeError for a name that is not a function.

import { listCode } from '../codegen/core/disassembler.js';
import { decoderFor } from '../codegen/disassemblers.js';
import { symbolize, type CodeFunction, type CodeInfo } from '../loader/code-info.js';
import type { ProcessMemory } from '../loader/code-tools.js';
import { lineRowsOf } from './line-info.js';

export interface DisassembleOptions {
  /** Show instruction bytes (default true). */
  readonly bytes?: boolean;
  /** Show source lines (default true, when the module has a line table). */
  readonly lines?: boolean;
}

export function disassembleCode(code: CodeInfo, process: ProcessMemory, name: string | undefined, options: DisassembleOptions = {}): string {
  const decoder = decoderFor(code.machine);
  if (decoder === null) throw new Error(`disassemble: no decoder for ${code.machine} code yet`);
  let functions: readonly CodeFunction[];
  if (name === undefined) functions = code.functions.filter((f) => f.size > 0);
  else {
    const f = code.functions.find((fn) => fn.name === name);
    if (f === undefined) throw new Error(`disassemble: '${name}' is not a function of this module`);
    functions = [f];
  }
  const lines = options.lines === false ? null : lineRowsOf(code);
  const sourceOf = lines === null ? undefined : (address: bigint): string | null => {
    const row = lines.index.lookup(address);
    return row === null ? null : `${row.file}:${row.line}`;
  };
  const out: string[] = [];
  for (const f of functions) {
    if (out.length > 0) out.push('');
    out.push(`${f.name}:`);
    const bytes = process.read(f.address, f.size);
    out.push(...listCode(decoder, bytes, f.address, {
      showBytes: options.bytes ?? true,
      // The module's own names first, then the process's (calls that reach libc directly).
      nameOf: (a) => symbolize(code.symbols, a) ?? process.symbolAt(a),
      ...(sourceOf === undefined ? {} : { sourceOf }),
      data: code.dataInCode,
    }));
  }
  return out.join('\n') + '\n';
}
