// Which constants an A64 instruction can hold, and their encodings: the
// questions instruction selection asks ("can this `and` take its constant
// directly?") and the encoder answers bit for bit.
//
// Input: a constant and an operation width. Output: the encoded fields, or
// null when the constant is not representable.
//   logical (bitmask) immediates   Arm ARM C3.4.2 and DecodeBitMasks (J1):
//       a 2/4/8/16/32/64-bit element, replicated to the register width,
//       holding one rotated run of 1 bits; neither all-zero nor all-ones
//   add/sub immediates             C3.4.1: 12 bits, optionally shifted left 12
//   floating-point immediates      C2.2.3 / VFPExpandImm: ±(16..31)/16 × 2^(-3..4)
//   move-wide                      C3.4.5: one 16-bit chunk at a 16-bit boundary

export interface BitmaskFields {
  readonly n: number;
  readonly immr: number;
  readonly imms: number;
}

function ones(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** N:immr:imms for a logical immediate of a `size`-byte operation, or null. */
export function encodeBitmask(value: bigint, size: 4 | 8): BitmaskFields | null {
  const width = size * 8;
  const v = BigInt.asUintN(width, value);
  if (v === 0n || v === ones(width)) return null;
  // The smallest element whose replication gives v.
  let e = width;
  while (e > 2) {
    const half = e / 2;
    if (((v >> BigInt(half)) & ones(half)) !== (v & ones(half))) break;
    e = half;
  }
  const elem = v & ones(e);
  let k = 0;
  for (let b = 0; b < e; b++) if ((elem >> BigInt(b)) & 1n) k++;
  // elem must be ones(k) rotated right by some r.
  const run = ones(k);
  for (let r = 0; r < e; r++) {
    const rotated = r === 0 ? run : ((run >> BigInt(r)) | (run << BigInt(e - r))) & ones(e);
    if (rotated === elem) {
      const imms = ((-e << 1) | (k - 1)) & 0x3f;
      return { n: e === 64 ? 1 : 0, immr: r, imms };
    }
  }
  return null;
}

export function isBitmaskImmediate(value: bigint, size: 4 | 8): boolean {
  return encodeBitmask(value, size) !== null;
}

/** imm12 and the shift flag (0 or 1 for LSL #12) of an add/sub immediate, or null. */
export function encodeAddImmediate(value: bigint): { readonly imm12: number; readonly shift: 0 | 1 } | null {
  if (value >= 0n && value < 4096n) return { imm12: Number(value), shift: 0 };
  if (value >= 0n && (value & 0xfffn) === 0n && value >> 12n < 4096n) return { imm12: Number(value >> 12n), shift: 1 };
  return null;
}

/** The 8-bit `imm8` of `fmov` with an immediate, or null if `value` is not representable. */
export function encodeFpImm(value: number): number | null {
  if (!Number.isFinite(value) || value === 0) return null;
  const sign = value < 0 || Object.is(value, -0) ? 1 : 0;
  const a = Math.abs(value);
  const e = Math.floor(Math.log2(a));
  if (e < -3 || e > 4) return null;
  const m16 = (a / 2 ** e - 1) * 16;
  if (!Number.isInteger(m16) || m16 < 0 || m16 > 15) return null;
  // exponent bits b:c:d, where b = NOT(exp<top>): e in -3..0 gives b=1, cd=e+3; e in 1..4 gives b=0, cd=e-1.
  const bcd = e <= 0 ? 0b100 | (e + 3) : e - 1;
  return (sign << 7) | (bcd << 4) | m16;
}

/** The value an `imm8` stands for (VFPExpandImm), for tests and the printer. */
export function decodeFpImm(imm8: number): number {
  const sign = imm8 & 0x80 ? -1 : 1;
  const b = (imm8 >> 6) & 1;
  const cd = (imm8 >> 4) & 3;
  const e = b ? cd - 3 : cd + 1;
  return sign * (1 + (imm8 & 15) / 16) * 2 ** e;
}
