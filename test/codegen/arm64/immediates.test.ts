// The immediate encoders against the architecture's own decoders, written
// out here from the Arm ARM pseudocode (DecodeBitMasks, VFPExpandImm): every
// encodable pattern round-trips, and the counts match the known totals
// (5334 distinct 64-bit and 1302 distinct 32-bit logical immediates).

import test from 'ava';
import { decodeFpImm, encodeAddImmediate, encodeBitmask, encodeFpImm, isBitmaskImmediate } from '../../../src/codegen/arm64/immediates.js';

/** DecodeBitMasks (Arm ARM J1, shared/functions/bitmasks) for a logical immediate of `width` bits; null if reserved. */
function decodeBitMasks(n: number, immr: number, imms: number, width: 32 | 64): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1 || (n === 1 && width === 32)) return null;
  const esize = 1 << len;
  const levels = esize - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) return null;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const mask = (1n << BigInt(esize)) - 1n;
  const rotated = r === 0 ? welem : ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & mask;
  let value = 0n;
  for (let at = 0; at < width; at += esize) value |= rotated << BigInt(at);
  return value;
}

for (const width of [32, 64] as const) {
  test(`every ${width}-bit logical immediate round-trips`, (t) => {
    const seen = new Set<bigint>();
    for (let n = 0; n <= (width === 64 ? 1 : 0); n++) {
      for (let immr = 0; immr < 64; immr++) {
        for (let imms = 0; imms < 64; imms++) {
          const value = decodeBitMasks(n, immr, imms, width);
          if (value === null || (width === 32 && immr >= 32)) continue;
          seen.add(value);
          const f = encodeBitmask(value, (width / 8) as 4 | 8);
          if (f === null) return t.fail(`0x${value.toString(16)} not encoded`);
          if (decodeBitMasks(f.n, f.immr, f.imms, width) !== value) return t.fail(`0x${value.toString(16)} encoded wrongly`);
        }
      }
    }
    t.is(seen.size, width === 64 ? 5334 : 1302);
  });
}

test('values that are not logical immediates', (t) => {
  for (const v of [0n, -1n, 0x1234n, 0xf0f0f0f0f0f0f0f1n, 5n]) t.false(isBitmaskImmediate(v, 8), v.toString(16));
  t.false(isBitmaskImmediate(0xffffffffn, 4));
  t.true(isBitmaskImmediate(0xffffffffn, 8));
  // A 32-bit operation looks only at the low 32 bits.
  t.true(isBitmaskImmediate(0xff00n, 4));
});

test('every fmov immediate round-trips, and nothing else encodes', (t) => {
  const values = new Set<number>();
  for (let imm8 = 0; imm8 < 256; imm8++) {
    const v = decodeFpImm(imm8);
    values.add(v);
    t.is(encodeFpImm(v), imm8);
  }
  t.is(values.size, 256);
  t.is(decodeFpImm(0x70), 1);
  for (const v of [0, -0, 0.1, 32, 31.5, 0.1171875, Number.NaN, Infinity]) t.is(encodeFpImm(v), null, String(v));
});

test('add/sub immediates: 12 bits, or 12 bits shifted by 12', (t) => {
  t.deepEqual(encodeAddImmediate(4095n), { imm12: 4095, shift: 0 });
  t.deepEqual(encodeAddImmediate(4096n), { imm12: 1, shift: 1 });
  t.deepEqual(encodeAddImmediate(0xfff000n), { imm12: 4095, shift: 1 });
  for (const v of [-1n, 4097n, 0x1000000n]) t.is(encodeAddImmediate(v), null);
});
