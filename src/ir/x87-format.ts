// The x87 80-bit extended format (Intel SDM vol. 1 §4.2.2) as the IR
// interpreter reads and writes it in memory: 10 little-endian bytes, sign
// and 15-bit exponent (bias 16383) in the top two, a 64-bit significand
// with an explicit integer bit below.
//
// Input/output: JS numbers. The interpreter computes long double in double
// precision (documented in interp.ts); writing a double is exact, reading
// rounds to the nearest double. The frontend's exact model is
// frontend/sema/x87-value.ts; this file is the IR stage's own small copy
// because stages import only forward.

const BIAS = 16383;

/** The 10 bytes of the long double equal to `n`. */
export function encodeX87(n: number): Uint8Array {
  const out = new Uint8Array(10);
  let exp: number;
  let mant: bigint;
  const isNegative = n < 0 || Object.is(n, -0);
  const a = Math.abs(n);
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
  for (let i = 0; i < 8; i++) out[i] = Number((mant >> BigInt(8 * i)) & 0xffn);
  const top = (isNegative ? 0x8000 : 0) | exp;
  out[8] = top & 0xff;
  out[9] = top >> 8;
  return out;
}

/** The nearest double to the long double in `bytes` (10 bytes). */
export function decodeX87(bytes: Uint8Array): number {
  let mant = 0n;
  for (let i = 7; i >= 0; i--) mant = (mant << 8n) | BigInt(bytes[i]!);
  const top = bytes[8]! | (bytes[9]! << 8);
  const sign = top & 0x8000 ? -1 : 1;
  const exp = top & 0x7fff;
  if (exp === 0x7fff) return (mant & ((1n << 63n) - 1n)) === 0n ? sign * Infinity : NaN;
  if (mant === 0n) return sign * 0;
  // Keep 53 significant bits (round to nearest-even on the rest), then scale.
  const len = mant.toString(2).length;
  let e2 = (exp === 0 ? 1 : exp) - BIAS - 63;
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
