// The model and `readelf -S` / `-s` / `-r` output (with -W), each as text
// lines in the same form, so tests can compare what readElf returns with
// what binutils sees in the same file.

import { flagLetters, sectionFlags, sectionType, SHT_NAMES } from '../../../src/link/elf/constants.js';
import { relocTypeName } from '../../../src/link/elf/reloc-names.js';
import type { ObjectFile } from '../../../src/link/object.js';

// ---- the model, as lines comparable with readelf's -----------------------

export function modelSections(obj: ObjectFile): string[] {
  return obj.sections.map((s) => {
    const type = sectionType(s);
    return `${s.name} ${SHT_NAMES[type] ?? type} ${flagLetters(sectionFlags(s))} size=${s.size} align=${s.align} es=${s.entsize ?? 0}`;
  });
}

export function modelSymbols(obj: ObjectFile): string[] {
  return obj.symbols.map((s) => {
    const isCommon = s.section === null && s.commonAlign !== undefined;
    const where = isCommon ? 'COM' : s.section ?? (s.kind === 'file' ? 'ABS' : 'UND');
    const value = isCommon ? s.commonAlign! : s.value;
    return `${s.name} ${s.kind.toUpperCase()} ${s.binding.toUpperCase()} ${(s.visibility ?? 'default').toUpperCase()} ${where} value=${value} size=${s.size}`;
  });
}

export function modelRelocs(obj: ObjectFile): string[] {
  return obj.sections.flatMap((s) =>
    s.relocs.map((r) => `${s.name} ${r.offset} ${relocTypeName(obj.machine, r.type)} ${r.symbol} ${r.addend}`),
  );
}

// ---- readelf's output, parsed --------------------------------------------

/** `  [ 1] .text PROGBITS 0000000000000000 000040 00003b 00 AX 0 0 16` → model-comparable lines. */
export function readelfSections(out: string): string[] {
  const lines: string[] = [];
  const re = /^\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([A-Za-z]*)\s+(\d+)\s+(\d+)\s+(\d+)$/;
  for (const line of out.split('\n')) {
    const m = re.exec(line);
    if (!m || m[1] === '0') continue;
    const [, , name, type, , , size, es, flags, , , align] = m;
    if (type === 'SYMTAB' || type === 'RELA' || name === '.strtab' || name === '.shstrtab') continue;
    lines.push(`${name} ${type} ${flags} size=${parseInt(size!, 16)} align=${align} es=${parseInt(es!, 16)}`);
  }
  return lines;
}

function sectionNamesByIndex(out: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of out.matchAll(/^\s*\[\s*(\d+)\]\s+(\S+)/gm)) names.set(m[1]!, m[2]!);
  return names;
}

/**
 * `     1: 0000000000000000     0 FILE    LOCAL  DEFAULT  ABS g.c` → model-comparable lines;
 * `sectionTable` (readelf -S) turns Ndx numbers into section names.
 */
export function readelfSymbols(out: string, sectionTable: string): string[] {
  const sections = sectionNamesByIndex(sectionTable);
  const lines: string[] = [];
  const re = /^\s*(\d+):\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+(\w+)\s+(\w+)\s+(\w+)\s+(\w+)\s?(.*)$/;
  for (const line of out.split('\n')) {
    const m = re.exec(line);
    if (!m || m[1] === '0') continue;
    const [, , value, size, type, bind, vis, ndx, rawName] = m;
    const where = /^\d+$/.test(ndx!) ? sections.get(ndx!) ?? `#${ndx}` : ndx!;
    const name = rawName === '' && type === 'SECTION' ? where : rawName;
    const kind = type === 'COMMON' ? 'OBJECT' : type;
    lines.push(`${name} ${kind} ${bind} ${vis} ${where} value=${parseInt(value!, 16)} size=${Number(size)}`);
  }
  return lines;
}

/** `Relocation section '.rela.text' …` then `offset info type value name + addend` lines. */
export function readelfRelocs(out: string): string[] {
  const lines: string[] = [];
  let target = '';
  for (const line of out.split('\n')) {
    const head = /^Relocation section '\.rela(.*)' at offset/.exec(line);
    if (head) target = head[1]!;
    const m = /^([0-9a-f]{16})\s+([0-9a-f]{16})\s+(\S+)\s+(?:[0-9a-f]{16}\s+(\S+)\s+([+-])\s+([0-9a-f]+)|\s*([0-9a-f]+))$/.exec(line);
    if (!m) continue;
    const offset = BigInt('0x' + m[1]!);
    const [symbol, addend] = m[4] !== undefined ? [m[4], BigInt('0x' + m[6]!) * (m[5] === '-' ? -1n : 1n)] : ['', BigInt('0x' + m[7]!)];
    lines.push(`${target} ${offset} ${m[3]} ${symbol} ${addend}`);
  }
  return lines;
}
