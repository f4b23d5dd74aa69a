// Reading real AArch64 objects: each assembler file in aarch64/ is
// assembled with GNU as for AArch64 (Debian: binutils-aarch64-linux-gnu),
// read with readElf and compared with readelf; written back, the object is
// accepted by readelf without warnings and disassembles and dumps exactly
// like the assembler's.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { modelRelocs, modelSections, modelSymbols, readelfRelocs, readelfSections, readelfSymbols } from './readelf-lines.js';
import { run, runOk, scratchDir, testWithTools } from './tools.js';

const AS = 'aarch64-linux-gnu-as';
const OBJDUMP = 'aarch64-linux-gnu-objdump';
const sourceDir = join(dirname(fileURLToPath(import.meta.url)), 'aarch64');
const dir = scratchDir('aarch64');

for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.s')).sort()) {
  testWithTools([AS, 'readelf', OBJDUMP], `reads and rewrites AArch64 ${file}`, (t) => {
    const original = join(dir, file.replace(/\.s$/, '.o'));
    runOk(AS, [join(sourceDir, file), '-o', original]);
    const model = readElf(readFileSync(original), original);
    t.is(model.machine, 'aarch64');
    const sectionTable = runOk('readelf', ['-S', '-W', original]);
    t.deepEqual(modelSections(model), readelfSections(sectionTable));
    t.deepEqual(modelSymbols(model), readelfSymbols(runOk('readelf', ['-s', '-W', original]), sectionTable));
    t.deepEqual(modelRelocs(model), readelfRelocs(runOk('readelf', ['-r', '-W', original])));
    t.true(modelRelocs(model).length >= 10, 'the fixture exercises relocations');

    const rewritten = join(dir, file.replace(/\.s$/, '.rw.o'));
    writeFileSync(rewritten, writeElf(model));
    const check = run('readelf', ['-a', '-W', rewritten]);
    t.is(check.stderr, '');
    t.notRegex(check.stdout, /warning|error|corrupt/i);
    const view = (o: string, how: string) => runOk(OBJDUMP, [how, o]).split('\n').slice(2).join('\n');
    t.is(view(rewritten, '-dr'), view(original, '-dr'));
    t.is(view(rewritten, '-s'), view(original, '-s'));
  });
}
