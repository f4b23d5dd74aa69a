// The relocation type names printObject uses agree with readelf's, for
// every type in both machines' tables.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AARCH64_RELOC_NAMES } from '../../../src/link/elf/reloc-names.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { emptyObject, X86_64_RELOC_NAMES, type Machine } from '../../../src/link/object.js';
import { runOk, scratchDir, testWithTools } from './tools.js';

const tables: [Machine, Record<number, string>][] = [['x86_64', X86_64_RELOC_NAMES], ['aarch64', AARCH64_RELOC_NAMES]];

for (const [machine, table] of tables) {
  testWithTools(['readelf'], `${machine} relocation names match readelf`, (t) => {
    const types = Object.keys(table).map(Number);
    const obj = emptyObject(machine);
    const size = 8 * types.length;
    obj.sections.push({
      name: '.data', kind: 'data', align: 8, bytes: new Uint8Array(size), size,
      relocs: types.map((type, i) => ({ offset: i * 8, type, symbol: 'x', addend: 0n })),
    });
    const file = join(scratchDir('names'), 'names.o');
    writeFileSync(file, writeElf(obj));
    const out = runOk('readelf', ['-r', '-W', file]);
    const names = [...out.matchAll(/^[0-9a-f]{16}\s+[0-9a-f]{16}\s+(\S+)/gm)].map((m) => m[1]);
    t.deepEqual(names, types.map((ty) => table[ty]));
  });
}
