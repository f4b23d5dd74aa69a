// `jitcc --dump=asm`: the code of a compiled object as our own decoder reads
// it back, per function, with the relocations on each instruction — what
// `objdump -dr -M intel` (or aarch64-linux-gnu-objdump -dr) shows for the object, so the encoder's output can
// be read without binutils.
//
// Input: an ObjectFile. Output: text; offsets are from the start of each
// code section.

import { listCode } from '../codegen/core/disassembler.js';
import { decoderFor } from '../codegen/disassemblers.js';
import type { ObjectFile } from '../link/object.js';
import { relocTypeName } from '../link/elf/reloc-names.js';

export function listObjectCode(obj: ObjectFile): string {
  const decoder = decoderFor(obj.machine);
  if (decoder === null) throw new Error(`--dump=asm: no decoder for ${obj.machine} code yet`);
  const out: string[] = [];
  for (const sec of obj.sections.filter((s) => s.kind === 'text')) {
    const labels = obj.symbols.filter((s) => s.section === sec.name && s.kind !== 'section' && s.kind !== 'file' && s.name !== '')
      .sort((a, b) => a.value - b.value);
    const nameOf = (address: bigint): string | null => {
      let best: (typeof labels)[number] | undefined;
      for (const s of labels) if (BigInt(s.value) <= address) best = s;
      if (best === undefined || address >= BigInt(sec.size)) return null;
      const off = address - BigInt(best.value);
      return off === 0n ? best.name : `${best.name}+0x${off.toString(16)}`;
    };
    const data = (obj.dataInCode ?? []).filter((d) => d.section === sec.name).map((d) => ({ address: BigInt(d.offset), size: d.size }));
    const relocsAt = new Map<number, string[]>();
    for (const r of sec.relocs) {
      const addend = r.addend === 0n ? '' : r.addend > 0n ? `+0x${r.addend.toString(16)}` : `-0x${(-r.addend).toString(16)}`;
      const list = relocsAt.get(r.offset) ?? [];
      list.push(`${r.offset.toString(16)}: ${relocTypeName(obj.machine, r.type)}\t${r.symbol}${addend}`);
      relocsAt.set(r.offset, list);
    }
    const noteOf = (address: bigint, length: number): string[] => {
      const notes: string[] = [];
      for (let o = Number(address); o < Number(address) + length; o++) notes.push(...relocsAt.get(o) ?? []);
      return notes;
    };
    const functions = labels.filter((s) => s.kind === 'func' || s.kind === 'notype');
    const starts = [...new Set(functions.map((s) => s.value)), sec.size].sort((a, b) => a - b);
    if (out.length > 0) out.push('');
    out.push(`Disassembly of section ${sec.name}:`);
    if (starts[0] !== 0) starts.unshift(0);
    for (let i = 0; i + 1 < starts.length; i++) {
      const from = starts[i]!;
      const to = starts[i + 1]!;
      if (to <= from) continue;
      const names = functions.filter((s) => s.value === from).map((s) => s.name);
      out.push('', `${from.toString(16).padStart(16, '0')} <${names[0] ?? sec.name}>:`);
      out.push(...listCode(decoder, sec.bytes.subarray(from, to), BigInt(from), { nameOf, data, noteOf }));
    }
  }
  return out.join('\n') + '\n';
}
