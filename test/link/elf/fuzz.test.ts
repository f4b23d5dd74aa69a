// Fuzzing the reader with corrupt objects: every truncation of a valid
// object, random byte flips, and random overwrites of header-sized fields
// with boundary values (fixed seed, so failures reproduce). Each input must
// either read or throw ObjectFormatError, nothing else; and whatever reads
// must also print, write, and read back to the same printed text (after
// normalisation), so the loader and writer can trust the reader's output.

import test from 'ava';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeObject } from '../../../src/link/elf/normalize.js';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { ObjectFormatError } from '../../../src/link/errors.js';
import { printObject } from '../../../src/link/print.js';
import { sampleObject, sampleObjects } from './sample-objects.js';
import { hasTool, runOk, scratchDir } from './tools.js';

/** mulberry32: a small deterministic PRNG, so a failing case number is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  isRead: boolean;
  failure?: string;
}

/** Reads one input; returns a failure description when the reader (or the write-back) misbehaves. */
function check(bytes: Uint8Array): Outcome {
  let obj;
  try {
    obj = readElf(bytes, 'fuzz.o');
  } catch (e) {
    if (e instanceof ObjectFormatError) return { isRead: false };
    return { isRead: false, failure: `readElf threw ${String(e)}` };
  }
  try {
    const back = readElf(writeElf(obj), 'again.o');
    if (printObject(back) !== printObject(normalizeObject(obj))) return { isRead: true, failure: 'write-back changed the object' };
  } catch (e) {
    return { isRead: true, failure: `writing back what was read threw ${String(e)}` };
  }
  return { isRead: true };
}

const INTERESTING = [0n, 1n, 2n, 3n, 7n, 8n, 24n, 64n, 0x7fn, 0x80n, 0xffn, 0xffffn, 0xff00n, 0xfff1n, 0xfff2n, 0xffffn,
  0x7fffffffn, 0xffffffffn, 1n << 53n, (1n << 64n) - 1n];

function mutate(valid: Uint8Array, random: () => number, kind: number): Uint8Array {
  const bytes = valid.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pick = (n: number) => Math.floor(random() * n);
  if (kind === 0) {
    // A few random byte flips anywhere.
    const flips = 1 + pick(8);
    for (let i = 0; i < flips; i++) bytes[pick(bytes.length)]! ^= 1 + pick(255);
  } else {
    // An aligned field overwritten with a boundary value (or the file length ± a little).
    const width = [1, 2, 4, 8][pick(4)]!;
    const at = pick(Math.floor(bytes.length / width)) * width;
    const value = random() < 0.2 ? BigInt(bytes.length + pick(64) - 32) : INTERESTING[pick(INTERESTING.length)]!;
    const v = BigInt.asUintN(width * 8, value);
    if (width === 1) view.setUint8(at, Number(v));
    else if (width === 2) view.setUint16(at, Number(v), true);
    else if (width === 4) view.setUint32(at, Number(v), true);
    else view.setBigUint64(at, v, true);
  }
  return bytes;
}

/** FUZZ_CASES=100000 FUZZ_SEED=7 npx ava test/link/elf/fuzz.test.ts runs a longer campaign. */
const cases = Number(process.env.FUZZ_CASES ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);

function inputs(): [string, Uint8Array][] {
  const list: [string, Uint8Array][] = sampleObjects().map(({ name, obj }) => [name, writeElf(obj)]);
  if (hasTool('gcc')) {
    const dir = scratchDir('fuzz');
    const src = join(dirname(fileURLToPath(import.meta.url)), 'gcc', 'mixed.c');
    for (const flags of [['-O2', '-ffunction-sections'], ['-O1', '-g', '-fcommon']]) {
      const out = join(dir, `mixed${flags.join('')}.o`);
      runOk('gcc', ['-c', ...flags, src, '-o', out]);
      // A copy: slice() on the Buffer readFileSync returns would not copy.
      list.push([`gcc ${flags.join(' ')} mixed.c`, new Uint8Array(readFileSync(out))]);
    }
  }
  if (hasTool('aarch64-linux-gnu-as')) {
    const dir = scratchDir('fuzz-a64');
    const out = join(dir, 'calls.o');
    runOk('aarch64-linux-gnu-as', [join(dirname(fileURLToPath(import.meta.url)), 'aarch64', 'calls.s'), '-o', out]);
    list.push(['AArch64 calls.s', new Uint8Array(readFileSync(out))]);
  }
  return list;
}

test('every truncation of a valid object reads or throws ObjectFormatError', (t) => {
  const valid = writeElf(sampleObject());
  const failures: string[] = [];
  for (let len = 0; len < valid.length; len++) {
    const r = check(valid.subarray(0, len));
    if (r.failure) failures.push(`length ${len}: ${r.failure}`);
  }
  t.deepEqual(failures.slice(0, 5), []);
});

for (const [name, valid] of inputs()) {
  test(`random corruptions of ${name} read or throw ObjectFormatError`, (t) => {
    const random = rng(SEED + valid.length);
    const failures: string[] = [];
    let readCount = 0;
    for (let i = 0; i < cases; i++) {
      const r = check(mutate(valid, random, i % 2));
      if (r.isRead) readCount++;
      if (r.failure) failures.push(`case ${i}: ${r.failure}`);
    }
    t.deepEqual(failures.slice(0, 5), []);
    // Both outcomes occur, or the mutations are not exercising the reader.
    t.true(readCount > 0 && readCount < cases, `${readCount} of ${cases} corrupt inputs read`);
  });
}
