// The writer's invariants: a malformed ObjectFile is a codegen bug, reported
// as an InternalCompilerError naming what is wrong, never as a corrupt file.

import test from 'ava';
import { InternalCompilerError } from '../../../src/diagnostics.js';
import { writeElf } from '../../../src/link/elf/write.js';
import type { ObjectFile } from '../../../src/link/object.js';
import { sampleObject } from './sample-objects.js';

const cases: [string, (o: ObjectFile) => void, string][] = [
  ['duplicate section', (o) => o.sections.push({ ...o.sections[0]!, relocs: [] }), "duplicate section '.text' in object model"],
  ['size differs from bytes', (o) => { o.sections[1]!.size = 99; }, "section '.data' size 99 differs from its 24 bytes"],
  ['contents in .bss', (o) => { o.sections[2]!.bytes = new Uint8Array(64); }, "NOBITS section '.bss' has contents"],
  ['alignment 12', (o) => { o.sections[0]!.align = 12; }, "section '.text' alignment 12 is not a power of two"],
  ['relocation past the end', (o) => { o.sections[0]!.relocs[0]!.offset = 0x3b; }, "relocation at 59 is outside section '.text'"],
  ['symbol in a missing section', (o) => { o.symbols[8]!.section = '.text.gone'; }, "symbol 'add' is in unknown section '.text.gone'"],
  ['duplicate global symbol', (o) => o.symbols.push({ ...o.symbols[8]! }), "duplicate global symbol 'add' in object model"],
  ['relocation naming a repeated local', (o) => o.symbols.push({ ...o.symbols[5]! }), "relocation names symbol 'counter', which is ambiguous: several symbols have that name"],
  ['reserved section name', (o) => o.sections.push({ name: '.jitcc.sigs', kind: 'other', align: 1, bytes: new Uint8Array(0), size: 0, relocs: [] }), "section '.jitcc.sigs' is reserved for signatures"],
];

for (const [title, corrupt, message] of cases) {
  test(`refuses ${title}`, (t) => {
    const obj = sampleObject();
    corrupt(obj);
    const err = t.throws(() => writeElf(obj), { instanceOf: InternalCompilerError });
    t.is(err?.message, `internal compiler error: ${message}`);
  });
}
