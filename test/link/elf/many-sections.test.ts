// Extended section numbering (gABI "Sections"): with 0xff00 sections or
// more, e_shnum and e_shstrndx move to section header 0 and symbols in high
// sections use SHN_XINDEX with a .symtab_shndx table. gcc produces such
// objects from large files with -ffunction-sections; both the reader and
// the writer handle them.

import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeObject } from '../../../src/link/elf/normalize.js';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { emptyObject, type ObjectFile } from '../../../src/link/object.js';
import { printObject } from '../../../src/link/print.js';
import { isX64Linux, run, runOk, scratchDir, testWithTools } from './tools.js';

const COUNT = 66000; // > 0xff00 (65280)

/** `f<i>` returns i from its own section `.text.f<i>`:  mov eax, i; ret  (b8 imm32; c3). */
function manySectionsObject(): ObjectFile {
  const obj = emptyObject('x86_64');
  for (let i = 0; i < COUNT; i++) {
    const name = `.text.f${i}`;
    const bytes = new Uint8Array([0xb8, i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0, 0xc3]);
    obj.sections.push({ name, kind: 'text', align: 1, bytes, size: bytes.length, relocs: [] });
    obj.symbols.push({ name: `f${i}`, binding: 'global', kind: 'func', section: name, value: 0, size: bytes.length });
  }
  return obj;
}

test('objects with more than 0xff00 sections round trip', (t) => {
  const obj = manySectionsObject();
  const bytes = writeElf(obj);
  const view = new DataView(bytes.buffer);
  t.is(view.getUint16(60, true), 0, 'e_shnum escapes to section header 0');
  t.is(view.getUint16(62, true), 0xffff, 'e_shstrndx is SHN_XINDEX');
  const back = readElf(bytes, 'many.o');
  t.is(back.sections.length, COUNT);
  t.deepEqual(back.symbols.find((s) => s.name === `f${COUNT - 1}`)?.section, `.text.f${COUNT - 1}`);
  t.is(printObject(back), printObject(normalizeObject(obj)));
});

/** The same functions as assembler source, plus a main that prints f65999(). */
function manySectionsAssembly(): string {
  const lines: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    lines.push(`\t.section .text.f${i},"ax",@progbits`, `\t.globl f${i}`, `\t.type f${i},@function`, `f${i}:`, `\tmovl $${i}, %eax`, '\tret', `\t.size f${i}, .-f${i}`);
  }
  lines.push(
    '\t.section .text.main,"ax",@progbits', '\t.globl main', 'main:', '\tsubq $8, %rsp', `\tcall f${COUNT - 1}`,
    '\tleaq fmt(%rip), %rdi', '\tmovl %eax, %esi', '\txorl %eax, %eax', '\tcall printf@PLT', '\txorl %eax, %eax',
    '\taddq $8, %rsp', '\tret', '\t.section .rodata', 'fmt: .string "%d\\n"', '\t.section .note.GNU-stack,"",@progbits',
  );
  return lines.join('\n') + '\n';
}

testWithTools(['as', 'readelf', 'gcc'], 'reads an assembler-built object with more than 0xff00 sections and rewrites it', (t) => {
  const dir = scratchDir('many');
  const source = join(dir, 'many.s');
  const original = join(dir, 'many.o');
  writeFileSync(source, manySectionsAssembly());
  runOk('as', [source, '-o', original]);
  const obj = readElf(readFileSync(original), original);
  t.is(obj.sections.filter((s) => s.kind === 'text').length, COUNT + 2); // .text, the functions, .text.main
  const last = obj.symbols.find((s) => s.name === `f${COUNT - 1}`);
  t.is(last?.section, `.text.f${COUNT - 1}`);

  const rewritten = join(dir, 'many.rw.o');
  writeFileSync(rewritten, writeElf(obj));
  const check = run('readelf', ['-h', '-S', '-s', '-r', '-W', rewritten]);
  t.is(check.stderr, '');
  t.regex(check.stdout, /Number of section headers:\s+0 \(\d+\)/);
  if (!isX64Linux) return;
  for (const o of [original, rewritten]) {
    const exe = `${o}.exe`;
    runOk('gcc', [o, '-o', exe]);
    t.is(runOk(exe, []), `${COUNT - 1}\n`);
  }
});
