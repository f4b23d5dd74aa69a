// Malformed objects: each case corrupts one field of a valid object (our
// sample, written by writeElf) and expects readElf to throw an
// ObjectFormatError with exactly this message, naming the file.

import test from 'ava';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { ObjectFormatError } from '../../../src/link/errors.js';
import { sampleObject } from './sample-objects.js';

const valid = writeElf(sampleObject());

/** Offsets of the fields the cases patch, found by walking the section headers. */
function layout(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = Number(view.getBigUint64(40, true));
  const shnum = view.getUint16(60, true);
  const header = (i: number) => shoff + i * 64;
  const shstr = header(view.getUint16(62, true));
  const shstrOffset = Number(view.getBigUint64(shstr + 24, true));
  const nameOf = (i: number) => {
    let end = shstrOffset + view.getUint32(header(i), true);
    const start = end;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(start, end));
  };
  const indexOf = (name: string) => {
    for (let i = 0; i < shnum; i++) if (nameOf(i) === name) return i;
    throw new Error(`no section ${name}`);
  };
  const contentOffset = (name: string) => Number(view.getBigUint64(header(indexOf(name)) + 24, true));
  return { view, shoff, shnum, header, indexOf, contentOffset };
}

type Mutation = (bytes: Uint8Array, l: ReturnType<typeof layout>) => Uint8Array | void;

const cases: [string, Mutation, string][] = [
  ['empty input', () => new Uint8Array(0), 'truncated ELF header (0 bytes, need 64)'],
  ['not ELF', () => new TextEncoder().encode('#!/bin/sh\necho hello, this is a script\n'), 'not an ELF file (bad magic number)'],
  ['cut inside the ELF header', (b) => b.slice(0, 40), 'truncated ELF header (40 bytes, need 64)'],
  ['ELFCLASS32', (b) => { b[4] = 1; }, 'unsupported ELF class 1 (only ELFCLASS64 is supported)'],
  ['big-endian', (b) => { b[5] = 2; }, 'unsupported data encoding 2 (only little-endian ELFDATA2LSB is supported)'],
  ['i386', (b, l) => l.view.setUint16(18, 3, true), 'unsupported machine EM_386'],
  ['an executable', (b, l) => l.view.setUint16(16, 2, true), 'not a relocatable object (e_type ET_EXEC)'],
  ['no section headers', (b, l) => l.view.setBigUint64(40, 0n, true), 'object has no section header table'],
  ['cut inside the section header table', (b) => b.slice(0, b.length - 10), 'truncated section header table'],
  ['e_shnum 0 without an extended count', (b, l) => l.view.setUint16(60, 0, true), 'extended section count 0 is below 65280'],
  ['SHN_XINDEX without .symtab_shndx', (b, l) => l.view.setUint16(l.contentOffset('.symtab') + 9 * 24 + 6, 0xffff, true), 'symbol 9 has section index SHN_XINDEX but there is no extended section index table'],
  ['section header entry size 40', (b, l) => l.view.setUint16(58, 40, true), 'section header size 40 is not 64'],
  ['section name table index out of range', (b, l) => l.view.setUint16(62, 40, true), 'section name table index 40 is out of range (12 sections)'],
  ['section name table is not a string table', (b, l) => l.view.setUint16(62, 1, true), 'section name table (section 1) is not a string table'],
  ['section past the end of the file', (b, l) => l.view.setBigUint64(l.header(4) + 24, 0x10000n, true), 'section 4 extends past end of file (offset 65536 + size 17 > 2272)'],
  ['huge section size', (b, l) => l.view.setBigUint64(l.header(1) + 32, 1n << 62n, true), 'section 1 size 0x4000000000000000 is too large'],
  ['alignment 3', (b, l) => l.view.setBigUint64(l.header(1) + 48, 3n, true), 'section 1 has alignment 3, not a power of two'],
  ['section name outside .shstrtab', (b, l) => l.view.setUint32(l.header(2), 5000, true), 'section 2 name offset 5000 is outside its string table (size 102)'],
  ['REL instead of RELA', (b, l) => l.view.setUint32(l.header(l.indexOf('.rela.text')) + 4, 9, true), "REL relocations in '.rela.text' are not supported (only RELA)"],
  ['symbol table entry size 16', (b, l) => l.view.setBigUint64(l.header(l.indexOf('.symtab')) + 56, 16n, true), 'symbol table entry size 16 is not 24'],
  ['symbol name outside .strtab', (b, l) => l.view.setUint32(l.contentOffset('.symtab') + 3 * 24, 9999, true), 'symbol 3 name offset 9999 is outside its string table (size 106)'],
  ['symbol in a relocation section', (b, l) => l.view.setUint16(l.contentOffset('.symtab') + 9 * 24 + 6, l.indexOf('.rela.text'), true), "symbol 'add' is defined in section 6, which holds no data"],
  ['symbol beyond its section', (b, l) => l.view.setBigUint64(l.contentOffset('.symtab') + 9 * 24 + 8, 0x100n, true), "symbol 'add' lies outside section '.text'"],
  ['IFUNC symbol', (b, l) => { b[l.contentOffset('.symtab') + 9 * 24 + 4] = 0x1a; }, "symbol 'add' has type STT_GNU_IFUNC, which is not supported"],
  ['relocation to symbol 99', (b, l) => l.view.setUint32(l.contentOffset('.rela.text') + 3 * 24 + 12, 99, true), 'relocation 3 in .rela.text refers to symbol index 99 of 18'],
  ['relocation past the end of its section', (b, l) => l.view.setBigUint64(l.contentOffset('.rela.text'), 0x3bn, true), "relocation 0 in .rela.text is at offset 59, past the end of '.text' (size 59)"],
  ['relocations for the symbol table', (b, l) => l.view.setUint32(l.header(l.indexOf('.rela.text')) + 44, l.indexOf('.symtab'), true), "relocation section '.rela.text' applies to section 9, which holds no data"],
  ['relocation section not linked to the symbol table', (b, l) => l.view.setUint32(l.header(l.indexOf('.rela.data')) + 40, 2, true), "relocation section '.rela.data' links to section 2, not the symbol table"],
  ['signatures are not JSON', (b, l) => { b[l.contentOffset('.jitcc.sigs')] = 0x7b; }, "signature 0 in '.jitcc.sigs' is not valid JSON"],
];

for (const [title, mutate, message] of cases) {
  test(`rejects ${title}`, (t) => {
    const bytes = valid.slice();
    const mutated = mutate(bytes, layout(bytes)) ?? bytes;
    const err = t.throws(() => readElf(mutated, 'bad.o'), { instanceOf: ObjectFormatError });
    t.is(err?.message, `bad.o: ${message}`);
    t.is(err?.file, 'bad.o');
  });
}

test('the unmodified object reads', (t) => {
  t.is(readElf(valid, 'good.o').symbols.length, 17);
});
