// Exact values of C's long double in the format the target names
// (TargetInfo.longDouble): both formats have a sign, a 15-bit exponent
// biased by 16383 and the same range; they differ in precision (64
// significand bits with an explicit integer bit for the 80-bit extended
// format, Intel SDM vol. 1 §4.2.2; 113 bits with an implicit one for IEEE
// 754 binary128) and in their bytes.
//
// Input: literal text, integers, doubles, or two values and an operator,
// and the target's format. Output: an LdValue — the value as one bigint in
// binary128's layout (sign << 127 | exponent << 112 | fraction), which
// holds every value of either format exactly. Results are rounded once to
// the target's precision (nearest-even), the way gcc folds long double
// constants; arithmetic goes through exact rationals (every finite binary
// float is p/q with q a power of two), so there is no double rounding; NaN
// and infinity fall back to doubles. `longDoubleBytes` encodes a value into
// the 16 bytes of the target's long double object.

export interface LongDoubleFormat {
  /** Significand bits, the leading one included: 64 (80-bit extended) or 113 (binary128). */
  readonly precision: 64 | 113;
  /** The leading significand bit is stored (80-bit extended: 10 value bytes) rather than implied (binary128: 16). */
  readonly hasExplicitIntegerBit: boolean;
  /** How code computes with it: the IR's long double operations, or calls to libgcc's soft-float routines (__addtf3…). */
  readonly arithmetic: 'ir' | 'libgcc';
  /** libgcc's mode letter in helper names: 'x' (XFmode: __mulxc3) or 't' (TFmode: __multf3, __multc3). */
  readonly libgccMode: 'x' | 't';
}

/** A long double value, exactly, in binary128's bit layout (see the header). */
export type LdValue = bigint;

const BIAS = 16383;
const EXP_MAX = 0x7fff;
/** Fraction bits of the binary128 layout the values are kept in. */
const FRAC = 112;
const FRAC_MASK = (1n << 112n) - 1n;
const SIGN = 1n << 127n;
const INF: LdValue = BigInt(EXP_MAX) << 112n;
const NAN: LdValue = INF | (1n << 111n);
/** Precision of the layout itself: values made without a target format (exact integers and doubles) use it. */
const EXACT = 113;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** The nearest value to ±p/q (p, q ≥ 0, q > 0) with `precision` significand bits, rounding to nearest-even. */
export function ldFromRational(isNegative: boolean, p: bigint, q: bigint, precision: number = EXACT): LdValue {
  const sign = isNegative ? SIGN : 0n;
  if (p === 0n) return sign;
  const top = precision - 1;
  // Scale s so that m = p·2^s / q has its leading bit at 2^top.
  let s = top - (bitLength(p) - bitLength(q));
  const quotient = (shift: number): [bigint, bigint] => {
    const num = shift >= 0 ? p << BigInt(shift) : p;
    const den = shift >= 0 ? q : q << BigInt(-shift);
    return [num / den, num % den === 0n ? 0n : 2n * (num % den) > den ? 3n : 2n * (num % den) === den ? 2n : 1n];
  };
  let [m] = quotient(s);
  if (m >= 1n << BigInt(precision)) s -= 1;
  else if (m < 1n << BigInt(top)) s += 1;
  let biased = top - s + BIAS;
  // Subnormals have the fixed scale 2^(1 - BIAS - top).
  if (biased <= 0) { s = BIAS - 1 + top; biased = 0; }
  let rest: bigint;
  [m, rest] = quotient(s);
  // rest: 0 exact, 1 below half, 2 exactly half, 3 above half.
  if (rest === 3n || (rest === 2n && (m & 1n) === 1n)) m += 1n;
  if (m >= 1n << BigInt(precision)) { m >>= 1n; biased += 1; }
  if (biased === 0 && m >= 1n << BigInt(top)) biased = 1; // a subnormal that rounded up to the smallest normal
  if (biased >= EXP_MAX) return sign | INF;
  // Into the binary128 layout: the significand's leading bit at 2^112 (implicit for normal numbers).
  const frac = (m << BigInt(FRAC - top)) & FRAC_MASK;
  return sign | (BigInt(biased) << 112n) | frac;
}

/** The exact value of finite bits as ±p/q, or null for infinity and NaN. */
export function ldToRational(v: LdValue): { isNegative: boolean; p: bigint; q: bigint } | null {
  const exp = Number((v >> 112n) & 0x7fffn);
  if (exp === EXP_MAX) return null;
  const m = exp === 0 ? v & FRAC_MASK : (v & FRAC_MASK) | (1n << 112n);
  const e2 = (exp === 0 ? 1 : exp) - BIAS - FRAC;
  const isNegative = (v & SIGN) !== 0n;
  return e2 >= 0 ? { isNegative, p: m << BigInt(e2), q: 1n } : { isNegative, p: m, q: 1n << BigInt(-e2) };
}

/** A double, exactly (every double is a long double of either format). */
export function ldFromNumber(n: number): LdValue {
  if (Number.isNaN(n)) return NAN;
  const sign = n < 0 || Object.is(n, -0) ? SIGN : 0n;
  if (!Number.isFinite(n)) return sign | INF;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(n));
  const raw = view.getBigUint64(0);
  const e = Number(raw >> 52n);
  const f = raw & ((1n << 52n) - 1n);
  const m = e === 0 ? f : f | (1n << 52n);
  const e2 = (e === 0 ? 1 : e) - 1075;
  return e2 >= 0 ? ldFromRational(sign !== 0n, m << BigInt(e2), 1n) : ldFromRational(sign !== 0n, m, 1n << BigInt(-e2));
}

/** An integer of at most 64 bits, exactly (both formats hold 64 significand bits). */
export function ldFromInteger(v: bigint): LdValue {
  return ldFromRational(v < 0n, v < 0n ? -v : v, 1n);
}

/** The nearest double (what `(double)x` gives). */
export function ldToNumber(v: LdValue): number {
  const exp = Number((v >> 112n) & 0x7fffn);
  const isNegative = (v & SIGN) !== 0n;
  if (exp === EXP_MAX) return (v & FRAC_MASK) === 0n ? (isNegative ? -Infinity : Infinity) : NaN;
  const r = ldToRational(v)!;
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
export function ldFromLiteral(text: string, fmt: LongDoubleFormat): LdValue {
  // The suffixes: a floating one (f, l) and GNU's imaginary one (i, j), in either order.
  const body = text.replace(/[fFlLiIjJ]+$/, '');
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(body);
  if (hex) {
    const frac = hex[2] ?? '';
    const p = BigInt('0x0' + hex[1]! + frac);
    const e2 = Number(hex[3]) - 4 * frac.length;
    return e2 >= 0 ? ldFromRational(false, p << BigInt(e2), 1n, fmt.precision) : ldFromRational(false, p, 1n << BigInt(-e2), fmt.precision);
  }
  const dec = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(body);
  if (!dec) return ldFromNumber(Number(body));
  const frac = dec[2] ?? '';
  const p = BigInt('0' + dec[1]! + frac);
  const e10 = Number(dec[3] ?? '0') - frac.length;
  // Far outside the range the answer is 0 or infinity; keeps the bigints small.
  if (p === 0n || e10 < -6000) return 0n;
  if (e10 > 6000) return INF;
  return e10 >= 0 ? ldFromRational(false, p * 10n ** BigInt(e10), 1n, fmt.precision) : ldFromRational(false, p, 10n ** BigInt(-e10), fmt.precision);
}

export type LdOperator = 'add' | 'sub' | 'mul' | 'div';

/** a op b rounded once to the format's precision (the 80-bit format at its full 64 bits, the Linux default control word). */
export function ldArith(op: LdOperator, a: LdValue, b: LdValue, fmt: LongDoubleFormat): LdValue {
  const ra = ldToRational(a);
  const rb = ldToRational(b);
  const viaDouble = (): LdValue => {
    const x = ldToNumber(a), y = ldToNumber(b);
    return ldFromNumber(op === 'add' ? x + y : op === 'sub' ? x - y : op === 'mul' ? x * y : x / y);
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
    return isNegative ? SIGN : 0n;
  }
  return ldFromRational(p < 0n, p < 0n ? -p : p, q, fmt.precision);
}

/** The sign of a − b (−1, 0, 1) for finite values, or null when either is infinite or NaN. */
export function ldCompareFinite(a: LdValue, b: LdValue): -1 | 0 | 1 | null {
  const ra = ldToRational(a);
  const rb = ldToRational(b);
  if (!ra || !rb) return null;
  const l = (ra.isNegative ? -ra.p : ra.p) * rb.q;
  const r = (rb.isNegative ? -rb.p : rb.p) * ra.q;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function ldNegate(a: LdValue): LdValue {
  return a ^ SIGN;
}

export function ldIsZero(a: LdValue): boolean {
  return (a & ~SIGN) === 0n;
}

/** The smallest normal value, LDBL_MIN = 2^-16382 in both formats. */
export const LD_MIN_NORMAL: LdValue = 1n << 112n;

/**
 * The 16 bytes of a long double object holding `v`: binary128 as it is,
 * little-endian; the 80-bit format as its 10 value bytes (the significand
 * with its integer bit, then sign and exponent) and 6 bytes of zero padding.
 */
export function longDoubleBytes(v: LdValue, fmt: LongDoubleFormat): Uint8Array {
  const out = new Uint8Array(16);
  if (!fmt.hasExplicitIntegerBit) {
    for (let i = 0; i < 16; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
    return out;
  }
  const exp = (v >> 112n) & 0x7fffn;
  // The 64-bit significand: the fraction's top 63 bits under the integer bit (0 for zero and subnormals, 1 otherwise).
  const significand = ((exp === 0n ? 0n : 1n) << 63n) | ((v & FRAC_MASK) >> BigInt(FRAC - 63));
  for (let i = 0; i < 8; i++) out[i] = Number((significand >> BigInt(8 * i)) & 0xffn);
  const top = (v >> 112n) & 0xffffn; // sign and exponent
  out[8] = Number(top & 0xffn);
  out[9] = Number(top >> 8n);
  return out;
}

/** Where the sign and exponent's 16 bits sit in the object (for signbit and fabs on the bytes). */
export function signExponentOffset(fmt: LongDoubleFormat): number {
  return fmt.hasExplicitIntegerBit ? 8 : 14;
}
