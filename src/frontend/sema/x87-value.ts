// Exact values of C's long double on x86-64: the x87 80-bit extended
// format (SysV §3.1.2; Intel SDM vol. 1 §4.2.2, §8.2): a sign bit, a 15-bit
// exponent biased by 16383, and a 64-bit significand whose integer bit is
// explicit. Exponent 0 holds zero and denormals (scale 2^-16382, integer
// bit 0); exponent 0x7fff holds infinity (significand 2^63) and NaN.
//
// Input: literal text, integers, doubles, or two values and an operator.
// Output: an X87Bits (the 80 bits as one bigint: sign << 79 | exp << 64 |
// significand), always correctly rounded to nearest-even once, the way
// gcc folds long double constants. Arithmetic goes through exact
// rationals (every finite binary float is p/q with q a power of two), so
// there is no double rounding; NaN and infinity fall back to doubles.

/** The 80-bit pattern of a long double, as sign << 79 | exponent << 64 | significand. */
export type X87Bits = bigint;

const BIAS = 16383;
const EXP_MAX = 0x7fff;
const TOP = 1n << 63n;
const MANT_MASK = (1n << 64n) - 1n;
const NAN_BITS: X87Bits = (BigInt(EXP_MAX) << 64n) | (3n << 62n);

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** The nearest long double to ±p/q (p, q ≥ 0, q > 0), rounding to nearest-even. */
export function x87FromRational(isNegative: boolean, p: bigint, q: bigint): X87Bits {
  const sign = isNegative ? 1n << 79n : 0n;
  if (p === 0n) return sign;
  // Scale s so that m = p·2^s / q has its leading bit at 2^63.
  let s = 63 - (bitLength(p) - bitLength(q));
  const quotient = (shift: number): [bigint, bigint] => {
    const num = shift >= 0 ? p << BigInt(shift) : p;
    const den = shift >= 0 ? q : q << BigInt(-shift);
    return [num / den, num % den === 0n ? 0n : 2n * (num % den) > den ? 3n : 2n * (num % den) === den ? 2n : 1n];
  };
  let [m] = quotient(s);
  if (m >= 1n << 64n) s -= 1;
  else if (m < TOP) s += 1;
  let biased = 63 - s + BIAS;
  // Denormals have the fixed scale 2^-16382 with the integer bit at 2^63 (so s = 16382 + 63).
  if (biased <= 0) { s = BIAS - 1 + 63; biased = 0; }
  let rest: bigint;
  [m, rest] = quotient(s);
  // rest: 0 exact, 1 below half, 2 exactly half, 3 above half.
  if (rest === 3n || (rest === 2n && (m & 1n) === 1n)) m += 1n;
  if (m >= 1n << 64n) { m >>= 1n; biased += 1; }
  if (biased === 0 && m >= TOP) biased = 1; // a denormal that rounded up to the smallest normal
  if (biased >= EXP_MAX) return sign | (BigInt(EXP_MAX) << 64n) | TOP;
  return sign | (BigInt(biased) << 64n) | m;
}

/** The exact value of finite bits as ±p/q, or null for infinity and NaN. */
export function x87ToRational(bits: X87Bits): { isNegative: boolean; p: bigint; q: bigint } | null {
  const exp = Number((bits >> 64n) & 0x7fffn);
  if (exp === EXP_MAX) return null;
  const m = bits & MANT_MASK;
  const e2 = (exp === 0 ? 1 : exp) - BIAS - 63;
  const isNegative = (bits >> 79n) !== 0n;
  return e2 >= 0 ? { isNegative, p: m << BigInt(e2), q: 1n } : { isNegative, p: m, q: 1n << BigInt(-e2) };
}

/** A double, exactly (every double is a long double). */
export function x87FromNumber(n: number): X87Bits {
  if (Number.isNaN(n)) return NAN_BITS;
  const sign = n < 0 || Object.is(n, -0) ? 1n << 79n : 0n;
  if (!Number.isFinite(n)) return sign | (BigInt(EXP_MAX) << 64n) | TOP;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(n));
  const raw = view.getBigUint64(0);
  const e = Number(raw >> 52n);
  const f = raw & ((1n << 52n) - 1n);
  const m = e === 0 ? f : f | (1n << 52n);
  const e2 = (e === 0 ? 1 : e) - 1075;
  return e2 >= 0 ? x87FromRational(sign !== 0n, m << BigInt(e2), 1n) : x87FromRational(sign !== 0n, m, 1n << BigInt(-e2));
}

/** An integer, rounded if it needs more than 64 bits. */
export function x87FromInteger(v: bigint): X87Bits {
  return x87FromRational(v < 0n, v < 0n ? -v : v, 1n);
}

/** The nearest double (what `(double)x` gives). */
export function x87ToNumber(bits: X87Bits): number {
  const exp = Number((bits >> 64n) & 0x7fffn);
  const isNegative = (bits >> 79n) !== 0n;
  const m = bits & MANT_MASK;
  if (exp === EXP_MAX) return (m & (TOP - 1n)) === 0n ? (isNegative ? -Infinity : Infinity) : NaN;
  const r = x87ToRational(bits)!;
  const mag = roundRationalToDouble(r.p, r.q);
  return isNegative ? -mag : mag;
}

/** p/q rounded once to the nearest double (subnormals included). */
function roundRationalToDouble(p: bigint, q: bigint): number {
  if (p === 0n) return 0;
  let s = 52 - (bitLength(p) - bitLength(q));
  const floorAt = (shift: number): bigint => (shift >= 0 ? (p << BigInt(shift)) / q : p / (q << BigInt(-shift)));
  let m = floorAt(s);
  if (m >= 1n << 53n) s -= 1;
  else if (m < 1n << 52n) s += 1;
  if (s > 1074) s = 1074; // subnormal: fixed scale 2^-1074
  const num = s >= 0 ? p << BigInt(s) : p;
  const den = s >= 0 ? q : q << BigInt(-s);
  m = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && (m & 1n) === 1n)) m += 1n;
  return Number(m) * 2 ** -s;
}

/** The long double nearest to a floating constant's digits (C11 6.4.4.2p3-5: decimal or hexadecimal). */
export function x87FromLiteral(text: string): X87Bits {
  const body = text.replace(/[fFlL]$/, '');
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(body);
  if (hex) {
    const frac = hex[2] ?? '';
    const p = BigInt('0x0' + hex[1]! + frac);
    const e2 = Number(hex[3]) - 4 * frac.length;
    return e2 >= 0 ? x87FromRational(false, p << BigInt(e2), 1n) : x87FromRational(false, p, 1n << BigInt(-e2));
  }
  const dec = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(body);
  if (!dec) return x87FromNumber(Number(body));
  const frac = dec[2] ?? '';
  const p = BigInt('0' + dec[1]! + frac);
  const e10 = Number(dec[3] ?? '0') - frac.length;
  // Far outside the range the answer is 0 or infinity; keeps the bigints small.
  if (p === 0n || e10 < -6000) return 0n;
  if (e10 > 6000) return (BigInt(EXP_MAX) << 64n) | TOP;
  return e10 >= 0 ? x87FromRational(false, p * 10n ** BigInt(e10), 1n) : x87FromRational(false, p, 10n ** BigInt(-e10));
}

export type X87Operator = 'add' | 'sub' | 'mul' | 'div';

/** a op b rounded once, as the x87 does at 64-bit precision (the Linux default control word). */
export function x87Arith(op: X87Operator, a: X87Bits, b: X87Bits): X87Bits {
  const ra = x87ToRational(a);
  const rb = x87ToRational(b);
  const viaDouble = (): X87Bits => {
    const x = x87ToNumber(a), y = x87ToNumber(b);
    return x87FromNumber(op === 'add' ? x + y : op === 'sub' ? x - y : op === 'mul' ? x * y : x / y);
  };
  if (!ra || !rb) return viaDouble();
  const sa = ra.isNegative ? -ra.p : ra.p;
  const sb = rb.isNegative ? -rb.p : rb.p;
  let p: bigint, q: bigint;
  switch (op) {
    case 'add': p = sa * rb.q + sb * ra.q; q = ra.q * rb.q; break;
    case 'sub': p = sa * rb.q - sb * ra.q; q = ra.q * rb.q; break;
    case 'mul': p = sa * sb; q = ra.q * rb.q; break;
    case 'div':
      if (sb === 0n) return viaDouble();
      p = sa * rb.q; q = ra.q * sb; break;
  }
  if (q < 0n) { p = -p; q = -q; }
  if (p === 0n) {
    // IEEE 754 §6.3: an exact zero sum is +0 (round to nearest), a product or quotient takes the xor of the signs.
    const isNegative = op === 'mul' || op === 'div' ? ra.isNegative !== rb.isNegative : op === 'add' ? ra.isNegative && rb.isNegative : ra.isNegative && !rb.isNegative;
    return isNegative ? 1n << 79n : 0n;
  }
  return x87FromRational(p < 0n, p < 0n ? -p : p, q);
}

/** The sign of a − b (−1, 0, 1) for finite values, or null when either is infinite or NaN. */
export function x87CompareFinite(a: X87Bits, b: X87Bits): -1 | 0 | 1 | null {
  const ra = x87ToRational(a);
  const rb = x87ToRational(b);
  if (!ra || !rb) return null;
  const l = (ra.isNegative ? -ra.p : ra.p) * rb.q;
  const r = (rb.isNegative ? -rb.p : rb.p) * ra.q;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function x87Negate(a: X87Bits): X87Bits {
  return a ^ (1n << 79n);
}

/** The 16 bytes of a long double object: 10 value bytes little-endian, then 6 bytes of padding (zero). */
export function x87Bytes(bits: X87Bits): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 10; i++) out[i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  return out;
}
