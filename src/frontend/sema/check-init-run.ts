// Sema's fast path for a constant run (parse/constant-run.ts) initializing
// an array of integers or floats: one initializer entry for the whole run,
// sharing the parser's value array, instead of a checked expression and an
// entry per element.
//
// Input: the array's element type and the run. Output: a 'run' entry, or
// null when some element needs the general path. The entry is taken only
// when converting each value to the element type (6.3.1.3, 6.3.1.4) cannot
// change it and so cannot call for a diagnostic: integers within the
// element type's range, floating values into float or double only (an
// integer from them would truncate), integers into a floating type only
// when exact, floating values into float only within its finite range.
// `_Bool`, enums, `__int128`, long double and pointers take the general
// path. The caller checks the run fits the array (excess elements warn).

import type { ConstantRun } from '../parse/constant-run.js';
import type { InitEntry } from './typed.js';
import { intRange, unqualified, type CType, type TargetInfo } from './types.js';

/** Integers up to 2^24 (2^53) are exact in float (double). */
const FLOAT_EXACT = 2 ** 24;
const DOUBLE_EXACT = 2 ** 53;
const FLOAT_MAX = 3.4028234663852886e38;

export function checkConstantRun(elem: CType, offset: number, run: ConstantRun, target: TargetInfo): InitEntry | null {
  const t = unqualified(elem);
  if (!isExactFor(t, run, target)) return null;
  return { kind: 'run', offset, elemType: t, values: run.values };
}

function isExactFor(t: CType, run: ConstantRun, target: TargetInfo): boolean {
  if (t.kind === 'int') {
    if (run.hasFloating || t.name === 'bool' || t.name === 'int128' || t.name === 'uint128') return false;
    const { min, max } = intRange(t.name, target);
    return BigInt(run.intMin) >= min && BigInt(run.intMax) <= max;
  }
  if (t.kind === 'float') {
    if (t.name === 'ldouble') return false;
    const exact = t.name === 'float' ? FLOAT_EXACT : DOUBLE_EXACT;
    const isIntExact = Math.max(-run.intMin, run.intMax) <= exact;
    return isIntExact && (t.name === 'double' || run.floatMaxAbs <= FLOAT_MAX);
  }
  return false;
}
