// Our AArch64 objects in the GNU toolchain: sample-a64.ts, encoded by our
// encoder and written by our ELF writer, is accepted by `readelf -a`
// without complaint, disassembles with every relocation kind the backend
// emits, links with a C main under aarch64-linux-gnu-gcc (static and
// dynamic executables) and runs under qemu-aarch64 with the expected output.

import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeElf } from '../../../src/link/elf/write.js';
import { readElf } from '../../../src/link/elf/read.js';
import { relocTypeName } from '../../../src/link/elf/reloc-names.js';
import { crossTest, GCC, OBJDUMP, QEMU, SYSROOT } from './cross-tools.js';
import { sampleA64Object } from './sample-a64.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jitcc-a64-obj-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

const objectPath = join(work, 'sample.o');
writeFileSync(objectPath, writeElf(sampleA64Object({ withTls: true })));

const RELOC_KINDS = [
  'CALL26', 'JUMP26', 'CONDBR19', 'TSTBR14', 'ADR_PREL_PG_HI21', 'ADD_ABS_LO12_NC', 'LDST8_ABS_LO12_NC', 'LDST16_ABS_LO12_NC',
  'LDST32_ABS_LO12_NC', 'LDST64_ABS_LO12_NC', 'LDST128_ABS_LO12_NC', 'ABS64', 'PREL32', 'ADR_GOT_PAGE', 'LD64_GOT_LO12_NC',
  'TLSLE_ADD_TPREL_HI12', 'TLSLE_ADD_TPREL_LO12_NC', 'TLSIE_ADR_GOTTPREL_PAGE21', 'TLSIE_LD64_GOTTPREL_LO12_NC',
].map((k) => `R_AARCH64_${k}`);

test('the sample uses every relocation kind and round-trips through our reader', (t) => {
  const back = readElf(readFileSync(objectPath), 'sample.o');
  t.is(back.machine, 'aarch64');
  const kinds = new Set(back.sections.flatMap((s) => s.relocs.map((r) => relocTypeName('aarch64', r.type))));
  t.deepEqual(RELOC_KINDS.filter((k) => !kinds.has(k)), []);
  t.true(back.signatures.has('a64_add3'));
});

crossTest(['readelf', OBJDUMP], 'readelf -a is clean and objdump shows the relocations', (t) => {
  const r = spawnSync('readelf', ['-a', '-W', objectPath], { encoding: 'utf8' });
  t.is(r.status, 0);
  t.is(r.stderr, '');
  t.notRegex(r.stdout, /warning|error|corrupt|unrecognized|<unknown/i);
  t.regex(r.stdout, /Machine:\s+AArch64/);
  const dump = execFileSync(OBJDUMP, ['-dr', objectPath], { encoding: 'utf8' });
  for (const k of RELOC_KINDS.filter((k) => k !== 'R_AARCH64_ABS64' && k !== 'R_AARCH64_PREL32')) t.true(dump.includes(k), k);
  t.regex(dump, /fmadd\s+d0, d0, d1, d2/);
});

for (const linkage of ['dynamic', 'static'] as const) {
  crossTest([GCC, QEMU], `linked ${linkage}ally with a C main by ${GCC}, it runs under qemu`, (t) => {
    const exe = join(work, `sample-${linkage}`);
    execFileSync(GCC, ['-O1', '-pthread', ...(linkage === 'static' ? ['-static'] : []), join(fixtures, 'sample-main.c'), objectPath, '-o', exe], { stdio: 'pipe' });
    const out = execFileSync(QEMU, ['-L', SYSROOT, exe], { encoding: 'utf8' });
    t.is(out, readFileSync(join(fixtures, 'sample-main.expected'), 'utf8'));
  });
}
