// The x86-64 decoder against `objdump -d -M intel`, instruction by
// instruction: on the code jitcc generates for the end-to-end programs
// (every program at -O2, a dozen at -O0; constants and jump tables among
// the instructions skipped, as the object records them), and on
// fixtures/decode-sample.s, which GNU as assembles, for the opcode maps
// beyond what the code generator emits (groups, string operations, x87
// register forms, SSE/SSE2). The text must be the same, up to the padding
// objdump puts after mnemonics.

import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModuleObject } from '../../../src/cache/cached-build.js';
import { decodeX64 } from '../../../src/codegen/x64/decode.js';
import { printDecodedX64 } from '../../../src/codegen/x64/print-decoded.js';
import type { ObjectFile } from '../../../src/link/object.js';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { testNeedingTools } from '../../tools.js';

const programs = fileURLToPath(new URL('../../e2e/programs/', import.meta.url));
const sample = fileURLToPath(new URL('./fixtures/decode-sample.s', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jitcc-decode-'));
const withTools = testNeedingTools(['objdump', 'as']);

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** objdump's text of each instruction of .text, by offset. */
function objdumpText(path: string): Map<number, string> {
  const out = execFileSync('objdump', ['-d', '-M', 'intel', '--no-show-raw-insn', '-j', '.text', path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const byOffset = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s+([0-9a-f]+):\t(.*)$/.exec(line);
    if (m) byOffset.set(parseInt(m[1]!, 16), norm(m[2]!));
  }
  return byOffset;
}

/** Our decoder's text for every instruction of .text outside data ranges, named as objdump names addresses (nearest .text symbol before). */
function compare(t: ExecutionContext, obj: ObjectFile, path: string): number {
  const text = obj.sections.find((s) => s.name === '.text')!;
  const labels = obj.symbols.filter((s) => s.section === '.text' && (s.kind === 'func' || s.kind === 'notype') && s.name !== '')
    .sort((a, b) => a.value - b.value);
  const nameOf = (address: bigint): string | null => {
    const before = labels.filter((s) => BigInt(s.value) <= address).pop();
    if (before === undefined || address >= BigInt(text.size)) return null;
    const off = address - BigInt(before.value);
    return off === 0n ? before.name : `${before.name}+0x${off.toString(16)}`;
  };
  const data = (obj.dataInCode ?? []).filter((d) => d.section === '.text');
  const reference = objdumpText(path);
  const wrong: string[] = [];
  const starts = new Set(labels.map((s) => s.value));
  let count = 0;
  // objdump decodes data as instructions and may run past its end; it starts afresh at the next symbol.
  let isAfterData = false;
  for (let off = 0; off < text.size;) {
    const range = data.find((d) => off >= d.offset && off < d.offset + d.size);
    if (range !== undefined) {
      off = range.offset + range.size;
      isAfterData = true;
      continue;
    }
    if (starts.has(off)) isAfterData = false;
    const inst = decodeX64(text.bytes, off, BigInt(off));
    const ours = norm(printDecodedX64(inst, nameOf));
    const theirs = reference.get(off);
    if (theirs === undefined && isAfterData) {
      off += inst.length;
      continue;
    }
    if (ours !== theirs) {
      const bytes = [...text.bytes.subarray(off, off + inst.length)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      wrong.push(`+0x${off.toString(16)} [${bytes}]: objdump '${theirs}', ours '${ours}'`);
    }
    count++;
    off += inst.length;
  }
  t.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${count} instructions differ`);
  return count;
}

/** Programs decoded at -O0 too: inline asm, x87, vectors, switches, floats. */
const AT_O0 = new Set(['asm-instructions.c', 'asm-cpu.c', 'builtins.c', 'complex-abi.c', 'floats.c', 'ldouble-abi.c',
  'vector-arith.c', 'struct-abi-shapes.c', 'variadic-defs.c', 'arith.c', 'init.c', 'structs.c']);

for (const name of readdirSync(programs).filter((f) => f.endsWith('.c')).sort()) {
  for (const optimize of AT_O0.has(name) ? [0, 2] : [2]) {
    withTools(`decoding jitcc's code for ${name} -O${optimize} gives objdump's text`, (t) => {
      const obj = buildModuleObject(readFileSync(join(programs, name), 'utf8'), { file: name, optimize, cache: false }).object;
      const path = join(work, `${name}.O${optimize}.o`);
      writeFileSync(path, writeElf(obj));
      t.true(compare(t, obj, path) > 0);
    });
  }
}

withTools('decoding the sample of every opcode map gives objdump\'s text', (t) => {
  const path = join(work, 'sample.o');
  execFileSync('as', ['-o', path, sample]);
  const obj = readElf(new Uint8Array(readFileSync(path)));
  t.true(compare(t, obj, path) > 280);
});

test('bytes that are no instruction decode as one-byte (bad) instructions, and truncated ones too', (t) => {
  const bad = decodeX64(new Uint8Array([0x06]), 0, 0n); // push es: invalid in 64-bit mode
  t.is(bad.length, 1);
  t.is(bad.mnemonic, '(bad)');
  const cut = decodeX64(new Uint8Array([0x48, 0x8b]), 0, 0n); // mov r64, r/m64 without its ModRM byte
  t.is(cut.length, 1);
  t.is(cut.mnemonic, '(bad)');
  // Every 3-byte pattern of a few prefixes and opcodes decodes to something in range.
  for (const a of [0x0f, 0x48, 0x66, 0xf2, 0xf3, 0xd9, 0xc4, 0xff]) {
    for (let b = 0; b < 256; b += 7) {
      const inst = decodeX64(new Uint8Array([a, b, 0x05, 0, 0, 0, 0, 0x90]), 0, 0x1000n);
      t.true(inst.length >= 1 && inst.length <= 8);
    }
  }
});
