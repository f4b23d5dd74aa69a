// Round trips of hand-built objects through the ELF writer and reader:
// the printed model survives exactly (after normalisation), the writer is
// deterministic, signatures come back equal, and the printed text matches a
// reviewed golden file in golden/ (UPDATE=1 rewrites them).

import test from 'ava';
import { checkGolden } from '../../tools.js';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeObject } from '../../../src/link/elf/normalize.js';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { printObject } from '../../../src/link/print.js';
import { sampleObjects } from './sample-objects.js';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');

for (const { name, obj, isCanonical } of sampleObjects()) {
  test(`round trip: ${name}`, (t) => {
    const bytes = writeElf(obj);
    const back = readElf(bytes, `${name}.o`);
    const printed = printObject(back);
    t.is(printed, printObject(normalizeObject(obj)));
    if (isCanonical) t.is(printed, printObject(obj));
    else t.not(printObject(obj), printed, 'fixture is expected to need normalisation');
    t.deepEqual([...back.signatures], [...obj.signatures]);
    t.deepEqual(writeElf(back), bytes, 'writing what was read gives the same bytes');
    t.deepEqual(writeElf(obj), bytes, 'the writer is deterministic');

    const golden = join(goldenDir, `${name}.txt`);
    if (process.env.UPDATE === '1') mkdirSync(goldenDir, { recursive: true });
    checkGolden(t, golden, printed);
  });
}
