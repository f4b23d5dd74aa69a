// The A64 decoder against `aarch64-linux-gnu-objdump -d`, instruction by
// instruction, on:
//   - the generated set of every form our encoder emits (generate.ts),
//     assembled by GNU as (generated.test.ts checks its words are ours);
//   - what aarch64-linux-gnu-gcc -O2 emits for the conformance programs
//     (../shared/conformance), vectorized loops included;
//   - what jitcc --target=aarch64 emits for them, at -O2 (every program)
//     and -O0 (every third), literal pools among the code skipped as the
//     object records them.
// The text must be objdump's up to whitespace, its `//` comments and the
// `<symbol>` after addresses; an instruction with a relocation is compared
// without its target (objdump shows the relocation's symbol there).

import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildObject } from '../../../src/build.js';
import { decodeA64 } from '../../../src/codegen/arm64/decode.js';
import { a64Decoder } from '../../../src/codegen/arm64/disassembler.js';
import { printInst } from '../../../src/codegen/arm64/print.js';
import { printDecodedA64 } from '../../../src/codegen/arm64/print-decoded.js';
import type { ObjectFile } from '../../../src/link/object.js';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { testNeeding } from '../../tools.js';
import { AS, crossTest, GCC, OBJDUMP } from './cross-tools.js';
import { generateInstructions, labelPositions } from './generate.js';

const work = mkdtempSync(join(tmpdir(), 'jitcc-a64-decode-'));
const corpus = fileURLToPath(new URL('../../../../shared/conformance/', import.meta.url));
const programs = existsSync(corpus) ? readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(corpus, d.name)).filter((f) => f.endsWith('.c')).map((f) => join(d.name, f))).sort() : [];
const withCorpus = testNeeding(programs.length > 0 ? null : `the conformance corpus ${corpus} is absent`);

const norm = (s: string): string => s.replace(/\s*(\/\/|;).*$/, '').replace(/ <[^>]*>/g, '').replace(/\s+/g, ' ').trim();

/** Compares every instruction of the object's code sections; returns how many were compared. */
function compare(t: ExecutionContext, obj: ObjectFile, path: string): number {
  const wrong: string[] = [];
  let count = 0;
  for (const sec of obj.sections.filter((s) => s.name.startsWith('.text') && s.size > 0)) {
    const out = execFileSync(OBJDUMP, ['-d', '--no-show-raw-insn', '-j', sec.name, path], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const reference = new Map<number, string>();
    for (const line of out.split('\n')) {
      const m = /^\s+([0-9a-f]+):\t(.*)$/.exec(line);
      if (m) reference.set(parseInt(m[1]!, 16), norm(m[2]!));
    }
    const relocated = new Set(sec.relocs.map((r) => r.offset));
    const data = (obj.dataInCode ?? []).filter((d) => d.section === sec.name);
    const view = new DataView(sec.bytes.buffer, sec.bytes.byteOffset, sec.bytes.length);
    for (let off = 0; off + 4 <= sec.size; off += 4) {
      if (data.some((d) => off >= d.offset && off < d.offset + d.size)) continue;
      let theirs = reference.get(off);
      if (theirs === undefined) continue;
      const word = view.getUint32(off, true);
      let ours = norm(printDecodedA64(decodeA64(word, BigInt(off)), () => 'sym'));
      if (relocated.has(off)) {
        ours = ours.replace(/ [0-9a-f]+$/, ' <reloc>');
        theirs = theirs.replace(/ [0-9a-f]+$/, ' <reloc>');
      }
      if (ours !== theirs) wrong.push(`${sec.name}+0x${off.toString(16)} [${word.toString(16).padStart(8, '0')}]: objdump '${theirs}', ours '${ours}'`);
      count++;
    }
  }
  t.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${count} instructions differ`);
  return count;
}

crossTest([AS, OBJDUMP], 'decoding every form our encoder emits gives objdump\'s text', (t) => {
  const insts = generateInstructions(1, 12);
  const labelsAt = labelPositions(insts.length);
  const lines = ['\t.text'];
  insts.forEach((inst, n) => {
    labelsAt.forEach((at, k) => { if (at === n) lines.push(`.L${k}:`); });
    lines.push(`\t${printInst(inst, (l) => `.L${l}`)}`);
  });
  writeFileSync(join(work, 'generated.s'), lines.join('\n') + '\n');
  execFileSync(AS, ['-o', join(work, 'generated.o'), join(work, 'generated.s')]);
  const path = join(work, 'generated.o');
  t.true(compare(t, readElf(new Uint8Array(readFileSync(path))), path) >= insts.length - 10);
});

crossTest([AS, OBJDUMP], 'the barriers (dsb, dmb, isb, sb, ssbb, pssbb with every option) decode as objdump prints them', (t) => {
  const words: string[] = [];
  // op2 4..6 with every CRm, and sb (op2 7, CRm 0; other CRm values are no barrier).
  for (let op2 = 4; op2 < 8; op2++) for (let crm = 0; crm < (op2 === 7 ? 1 : 16); crm++) words.push(`\t.inst 0x${((0xd503301f | (crm << 8) | (op2 << 5)) >>> 0).toString(16)}`);
  writeFileSync(join(work, 'barriers.s'), `\t.text\n${words.join('\n')}\n`);
  const path = join(work, 'barriers.o');
  execFileSync(AS, ['-o', path, join(work, 'barriers.s')]);
  t.is(compare(t, readElf(new Uint8Array(readFileSync(path))), path), 49);
});

withCorpus('decoding aarch64 gcc -O2 code for the conformance programs gives objdump\'s text', (t) => {
  let total = 0;
  for (const program of programs) {
    const path = join(work, `gcc-${program.replace(/\W/g, '_')}.o`);
    try {
      execFileSync(GCC, ['-O2', '-w', '-c', join(corpus, program), '-o', path], { stdio: ['ignore', 'ignore', 'pipe'], cwd: join(corpus, program, '..') });
    } catch {
      continue; // a program gcc does not compile alone (it needs another file's header) is no decoder test
    }
    total += compare(t, readElf(new Uint8Array(readFileSync(path))), path);
  }
  t.true(total > 10_000, `${total} instructions compared`);
});

for (const optimize of [2, 0] as const) {
  withCorpus(`decoding jitcc --target=aarch64 -O${optimize} code for the conformance programs gives objdump's text`, (t) => {
    let total = 0;
    programs.forEach((program, k) => {
      if (optimize === 0 && k % 3 !== 0) return;
      let obj: ObjectFile;
      try {
        obj = buildObject(readFileSync(join(corpus, program), 'utf8'), { file: join(corpus, program), target: 'aarch64', optimize }).output;
      } catch {
        return; // compile errors are the conformance test's business
      }
      const path = join(work, `jitcc-O${optimize}-${program.replace(/\W/g, '_')}.o`);
      writeFileSync(path, writeElf(obj));
      total += compare(t, obj, path);
    });
    t.true(total > (optimize === 2 ? 15_000 : 5_000), `${total} instructions compared`);
  });
}

test('words that are no instruction we decode are .inst; a trailing piece is (bad); branch targets are named', (t) => {
  t.is(printDecodedA64(decodeA64(0x33333333, 0n)), '.inst\t0x33333333\t// undefined');
  t.deepEqual(a64Decoder.decode(new Uint8Array([0x1f, 0x20]), 0, 0x1000n), { length: 2, text: '(bad)' });
  const bl = a64Decoder.decode(new Uint8Array([0x02, 0x00, 0x00, 0x94]), 0, 0x4000n, (a) => (a === 0x4008n ? 'callee' : null));
  t.deepEqual(bl, { length: 4, text: 'bl\t4008 <callee>' });
  t.is(a64Decoder.decode(new Uint8Array([0xff, 0xff, 0xff, 0x17]), 0, 0x4000n).text, 'b\t0x3ffc');
});
