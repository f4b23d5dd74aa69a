// The meaning of the IR's C-library math operations (fsqrt, fabs, ffloor,
// fceil, ftrunc, fcopysign, fmin, fmax), for the interpreter and the folder.
//
// Each computes what the C function of the same name returns (C11 7.12),
// correctly rounded to the operation's type; none sets errno (the
// math-builtins pass keeps sqrt's error path as a call). fmin/fmax follow
// glibc: a NaN operand yields the other operand, and of two equal values
// (including -0 and +0) the second operand is returned, as `minsd`/`maxsd`
// do after glibc's NaN checks (sysdeps/x86_64/fpu/s_fmin.S).

import type { IrType } from './ir.js';

const round = (v: number, ty: IrType): number => (ty === 'f32' ? Math.fround(v) : v);

function signBit(v: number): boolean {
  const f = new Float64Array([v]);
  return (new BigUint64Array(f.buffer)[0]! >> 63n) === 1n;
}

export function floatMathUnary(op: string, a: number, ty: IrType): number | null {
  switch (op) {
    // sqrt of a double rounded to float is the correctly rounded float sqrt (double has > 2·24+2 bits).
    case 'fsqrt': return round(Math.sqrt(a), ty);
    case 'fabs': return Math.abs(a);
    case 'ffloor': return Math.floor(a);
    case 'fceil': return Math.ceil(a);
    case 'ftrunc': return Math.trunc(a);
    default: return null;
  }
}

export function floatMathBinary(op: string, a: number, b: number): number | null {
  switch (op) {
    case 'fcopysign': {
      const m = Math.abs(a);
      return signBit(b) ? -m : m;
    }
    case 'fmin': return Number.isNaN(b) ? a : a < b ? a : b;
    case 'fmax': return Number.isNaN(b) ? a : a > b ? a : b;
    default: return null;
  }
}
