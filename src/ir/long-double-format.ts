// The long double formats as the IR interpreter reads and writes them in
// memory, little-endian in a 16-byte object:
//  - 'extended80' (Intel SDM vol. 1 §4.2.2): 10 bytes — a 64-bit
//    significand with an explicit integer bit, then sign and 15-bit
//    exponent (bias 16383) in the top two;
//  - 'binary128' (IEEE 754): 16 bytes — sign, 15-bit exponent (bias
//    16383), 112 fraction bits under an implicit leading one.
//
// Input/output: JS numbers. The interpreter computes long double in double
// precision (documented in interp.ts); writing a double is exact, reading
// rounds to the nearest double. The frontend's exact model is
// frontend/sema/long-double.ts; this file is the IR stage's own small copy
// because stages import only forward.

export type LongDoubleLayout = 'extended80' | 'binary128';

const BIAS = 16383;

/** The bytes of the long double equal to `n` (10 for extended80, 16 for binary128). */
export function encodeLongDouble(n: number, layout: LongDoubleLayout): Uint8Array {
  const isNegative = n < 0 || Object.is(n, -0);
  const a = Math.abs(n);
  // exp: the biased exponent; mant: the significand with its leading bit at 2^63 (zero for 0).
  let exp: number;
  let mant: bigint;
  if (Number.isNaN(n)) { exp = 0x7fff; mant = 3n << 62n; }
  else if (a === Infinity) { exp = 0x7fff; mant = 1n << 63n; }
  else if (a === 0) { exp = 0; mant = 0n; }
  else {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, a);
    const raw = view.getBigUint64(0);
    const e = Number(raw >> 52n);
    let m = raw & ((1n << 52n) - 1n);
    let e2 = e - 1075;
    if (e === 0) e2 = -1074; else m |= 1n << 52n;
    const len = m.toString(2).length;
    mant = m << BigInt(64 - len);
    exp = e2 + len - 1 + BIAS;
  }
  const top = BigInt((isNegative ? 0x8000 : 0) | exp);
  if (layout === 'extended80') {
    const out = new Uint8Array(10);
    for (let i = 0; i < 8; i++) out[i] = Number((mant >> BigInt(8 * i)) & 0xffn);
    out[8] = Number(top & 0xffn);
    out[9] = Number(top >> 8n);
    return out;
  }
  // binary128: drop the leading bit (implicit), the rest are the top fraction bits.
  const bits = (top << 112n) | ((mant & ((1n << 63n) - 1n)) << 49n);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** The nearest double to the long double in `bytes`. */
export function decodeLongDouble(bytes: Uint8Array, layout: LongDoubleLayout): number {
  let mant = 0n;
  let top: number;
  if (layout === 'extended80') {
    for (let i = 7; i >= 0; i--) mant = (mant << 8n) | BigInt(bytes[i]!);
    top = bytes[8]! | (bytes[9]! << 8);
  } else {
    let bits = 0n;
    for (let i = 15; i >= 0; i--) bits = (bits << 8n) | BigInt(bytes[i]!);
    top = Number(bits >> 112n);
    const frac = bits & ((1n << 112n) - 1n);
    // As a 113-bit significand with the leading bit explicit (none for zero and subnormals).
    mant = (top & 0x7fff) === 0 ? frac : frac | (1n << 112n);
    if ((top & 0x7fff) === 0x7fff) mant = frac === 0n ? 1n << 112n : 3n << 111n;
    return finish(mant, top, 112);
  }
  return finish(mant, top, 63);
}

/** ±mant · 2^(exp − BIAS − fracBits), rounded to a double; mant's leading bit is the integer bit. */
function finish(mant: bigint, top: number, fracBits: number): number {
  const sign = top & 0x8000 ? -1 : 1;
  const exp = top & 0x7fff;
  if (exp === 0x7fff) return (mant & ((1n << BigInt(fracBits)) - 1n)) === 0n ? sign * Infinity : NaN;
  if (mant === 0n) return sign * 0;
  // Keep 53 significant bits (round to nearest-even on the rest), then scale.
  const len = mant.toString(2).length;
  let e2 = (exp === 0 ? 1 : exp) - BIAS - fracBits;
  if (len > 53) {
    const drop = BigInt(len - 53);
    const rest = mant & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    mant >>= drop;
    if (rest > half || (rest === half && (mant & 1n) === 1n)) mant += 1n;
    e2 += Number(drop);
  }
  return sign * Number(mant) * 2 ** e2;
}
