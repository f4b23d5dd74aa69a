// Malformed objects are LoadErrors, never crashes or other exceptions:
// a seeded mutation fuzzer damages a valid object (relocation offsets,
// types, symbols, sizes, alignments, constructor entries) and loads it.
// Nothing is called, except constructors, which the loader only runs when
// they point into the module's own code.
// FUZZ_SEEDS=30000 runs more seeds (400 by default); FUZZ_TRACE=1 prints each
// seed's mutations to stderr first, to find the one behind a native crash.

import test from 'ava';
import { writeSync } from 'node:fs';
import { R_X86_64_64, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX, X86_64_RELOC_NAMES, type ObjectFile } from '../../src/link/object.js';
import { LoadError } from '../../src/loader/errors.js';
import { loadObjectFile as loadObject } from '../../src/loader/load.js';
import { buildObject, cString, section } from './objects.js';

const x64 = process.arch === 'x64' ? test : test.skip;

function validObject(): ObjectFile {
  return buildObject({
    functions: [
      { proto: 'int add2(int a, int b)', code: '8d 04 37 c3' },
      { proto: 'unsigned long msglen(void)', code: '48 83 ec 08  48 8d 3d 00 00 00 00  e8 00 00 00 00  48 83 c4 08  c3', relocs: [
        { at: 7, type: R_X86_64_PC32, symbol: '.rodata' }, { at: 12, type: R_X86_64_PLT32, symbol: 'strlen' },
      ] },
      { proto: 'int getcounter(void)', code: '48 8b 05 00 00 00 00  8b 00  c3', relocs: [{ at: 3, type: R_X86_64_REX_GOTPCRELX, symbol: 'counter' }] },
    ],
    rodata: cString('hello'),
    data: new Uint8Array(8),
    objects: [{ name: 'counter', section: '.data', offset: 0, size: 4 }],
    sections: [section('.data.rel', 'data', new Uint8Array(16), [{ offset: 8, type: R_X86_64_64, symbol: 'add2', addend: 0n }], 8)],
  });
}

/** xorshift32: a deterministic stream so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

const RELOC_TYPES = Object.keys(X86_64_RELOC_NAMES).map(Number).concat([5, 7, 99]);

function mutate(obj: ObjectFile, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sec = pick(obj.sections);
  const reloc = sec.relocs.length > 0 ? pick(sec.relocs) : null;
  const choice = Math.floor(random() * 8);
  switch (choice) {
    case 0: if (reloc) reloc.offset = pick([-1, sec.size, sec.size - 1, 1 << 30, Math.floor(random() * sec.size)]); return 'reloc offset';
    case 1: if (reloc) reloc.type = pick(RELOC_TYPES); return 'reloc type';
    case 2: if (reloc) reloc.symbol = pick(['nope', '', '.bss', 'counter', 'add2', '.text', '_GLOBAL_OFFSET_TABLE_']); return 'reloc symbol';
    case 3: if (reloc) reloc.addend = pick([1n << 40n, -(1n << 40n), 0n, 7n]); return 'reloc addend';
    case 4: sec.size = pick([0, sec.size * 2, Math.max(0, sec.size - 3)]); return 'section size';
    case 5: sec.align = pick([0, 1, 3, 64, 1 << 20]); return 'section align';
    case 6: {
      const sym = pick(obj.symbols);
      (sym as { section: string | null }).section = pick([null, '.nowhere', '.data', '.text']);
      (sym as { value: number }).value = pick([0, 3, 1 << 30]);
      return 'symbol';
    }
    default:
      obj.sections.push(section('.init_array', 'init_array', new Uint8Array(8), [{ offset: 0, type: R_X86_64_64, symbol: pick(['.rodata', 'counter', 'add2', 'strlen', '.data']), addend: pick([0n, 1n]) }], 8));
      return 'constructor';
  }
}

x64('mutated objects load or fail with a LoadError', (t) => {
  let loaded = 0;
  let refused = 0;
  for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 400); seed++) {
    const random = rng(seed);
    const obj = validObject();
    const what = [mutate(obj, random), mutate(obj, random)];
    if (process.env.FUZZ_TRACE) writeSync(2, `seed ${seed}: ${what.join(", ")}\n`);
    try {
      loadObject(obj).dispose();
      loaded++;
    } catch (e) {
      if (!(e instanceof LoadError)) t.fail(`seed ${seed} (${what.join(', ')}): ${(e as Error).stack}`);
      refused++;
    }
  }
  t.log(`${loaded} loaded, ${refused} refused`);
  t.true(loaded > 0 && refused > 0);
});
