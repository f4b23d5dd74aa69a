// Our objects as GNU binutils and gcc see them: `readelf -a -W` accepts
// every sample without a warning, `objdump -r` lists exactly the model's
// relocations, `objdump -dr` places them on the right instructions, and gcc
// links the sample with a C main into a PIE program that prints what the
// machine code computes.

import test from 'ava';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { emptyObject, type ObjectFile, type Reloc } from '../../../src/link/object.js';
import { relocTypeName } from '../../../src/link/elf/reloc-names.js';
import { SAMPLE_MAIN_C, SAMPLE_MAIN_OUTPUT, sampleObject, sampleObjects } from './sample-objects.js';
import { isX64Linux, run, runOk, scratchDir, testWithTools } from './tools.js';

const dir = scratchDir('binutils');

function writeSample(name: string, obj: ObjectFile): string {
  const file = join(dir, `${name}.o`);
  writeFileSync(file, writeElf(obj));
  return file;
}

for (const { name, obj } of sampleObjects()) {
  testWithTools(['readelf'], `readelf -a -W accepts ${name} without warnings`, (t) => {
    const r = run('readelf', ['-a', '-W', writeSample(name, obj)]);
    t.is(r.status, 0);
    t.is(r.stderr, '');
    t.notRegex(r.stdout, /warning|error|corrupt/i);
  });

  if (obj.machine !== 'x86_64') continue;
  testWithTools(['objdump'], `objdump -r lists the relocations of ${name}`, (t) => {
    const out = runOk('objdump', ['-r', writeSample(name, obj)]);
    t.deepEqual(parseObjdumpRelocs(out), expectedRelocs(obj));
  });
}

/** `RELOCATION RECORDS FOR [.text]:` blocks → "section offset type target" lines. */
function parseObjdumpRelocs(out: string): string[] {
  const lines: string[] = [];
  let section = '';
  for (const line of out.split('\n')) {
    const head = /^RELOCATION RECORDS FOR \[(.*)\]:$/.exec(line);
    if (head) section = head[1]!;
    const entry = /^([0-9a-f]{16}) (\S+)\s+(\S+)$/.exec(line);
    if (entry) lines.push(`${section} ${BigInt('0x' + entry[1]!)} ${entry[2]} ${entry[3]}`);
  }
  return lines;
}

function expectedRelocs(obj: ObjectFile): string[] {
  return obj.sections.flatMap((s) => s.relocs.map((r) => `${s.name} ${r.offset} ${relocTypeName(obj.machine, r.type)} ${objdumpTarget(r)}`));
}

/** objdump's spelling of symbol + addend: `puts-0x0000000000000004`, `ctor`, `.text+0x0000000000000009`. */
function objdumpTarget(r: Reloc): string {
  if (r.addend === 0n) return r.symbol;
  const sign = r.addend < 0n ? '-' : '+';
  const magnitude = r.addend < 0n ? -r.addend : r.addend;
  return `${r.symbol}${sign}0x${magnitude.toString(16).padStart(16, '0')}`;
}

testWithTools(['objdump'], 'objdump -dr shows each relocation under its instruction', (t) => {
  const out = runOk('objdump', ['-dr', writeSample('sample-dis', sampleObject())]);
  // The call to puts at 0xf: its PLT32 relocation patches bytes 0x10..0x13.
  t.regex(out, /\n\s+f:\s+e8 00 00 00 00\s+call\s+\S+.*\n\s+10: R_X86_64_PLT32\tputs-0x4\n/);
  t.regex(out, /\n\s+8:\s+48 8d 3d 00 00 00 00\s+lea\s.*\n\s+b: R_X86_64_PC32\tmsg-0x4\n/);
  t.regex(out, /<add>:\n\s+0:\s+8d 04 37\s+lea\s+\(%rdi,%rsi(,1)?\),%eax\n\s+3:\s+c3\s+ret/);
  for (const fn of ['greet', 'get_counter', 'read_table', 'bss_get']) t.regex(out, new RegExp(`<${fn}>:`));
});

if (isX64Linux) {
  testWithTools(['gcc'], 'gcc links the sample object into a program that runs', (t) => {
    const obj = writeSample('sample-link', sampleObject());
    const main = join(dir, 'main.c');
    writeFileSync(main, SAMPLE_MAIN_C);
    const exe = join(dir, 'sample-prog');
    const link = run('gcc', ['-Wall', main, obj, '-o', exe]);
    t.is(link.stderr, '', 'gcc and ld print no warnings');
    t.is(link.status, 0);
    const prog = run(exe, []);
    t.is(prog.status, 0);
    t.is(prog.stdout, SAMPLE_MAIN_OUTPUT);
  });
} else {
  test.skip('gcc links the sample object into a program that runs (skipped: needs an x86-64 Linux host)', () => {});
}

testWithTools(['ld'], 'ld -r merges two objects and keeps both objects\' signatures', (t) => {
  const mul = emptyObject('x86_64');
  // imul edi,esi; mov eax,edi; ret   (as: 0f af fe 89 f8 c3)
  const code = new Uint8Array([0x0f, 0xaf, 0xfe, 0x89, 0xf8, 0xc3]);
  mul.sections.push(
    { name: '.text', kind: 'text', align: 16, bytes: code, size: code.length, relocs: [] },
    { name: '.note.GNU-stack', kind: 'other', align: 1, bytes: new Uint8Array(0), size: 0, relocs: [] },
  );
  mul.symbols.push({ name: 'mul', binding: 'global', kind: 'func', section: '.text', value: 0, size: code.length });
  const int = { kind: 'int', size: 4, isSigned: true, name: 'int' } as const;
  mul.signatures.set('mul', { ret: int, params: [{ name: 'a', type: int }, { name: 'b', type: int }], isVariadic: false });
  const merged = join(dir, 'merged.o');
  runOk('ld', ['-r', writeSample('ldr-sample', sampleObject()), writeSample('ldr-mul', mul), '-o', merged]);
  const obj = readElf(readFileSync(merged), merged);
  t.deepEqual([...obj.signatures.keys()], ['add', 'greet', 'read_table', 'mul']);
  t.truthy(obj.symbols.find((s) => s.name === 'mul' && s.section === '.text'));
});
