// Writes test/codegen/arm64/sample-a64.ts's object (no TLS: the loader refuses
// thread-locals) as an ELF file, for run.mjs on the emulated ARM64 Node.
// Usage: tsx test/loader/arm64/write-sample.ts OUT.o

import { writeFileSync } from 'node:fs';
import { writeElf } from '../../../src/link/elf/write.js';
import { sampleA64Object } from '../../codegen/arm64/sample-a64.js';

const out = process.argv[2];
if (!out) throw new Error('usage: write-sample.ts OUT.o');
writeFileSync(out, writeElf(sampleA64Object({ withTls: false })));
