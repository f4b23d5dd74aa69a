// compile(src, { specialize: { kernel: ['n'] } }): the first call of
// `kernel` promotes the values it passes for `n` to constants (PyPy's
// promotion), and later calls are guarded — the same values run the
// specialized code, other values the generic function.
//
// Input: the module, the function's C type, the promoted parameter names
// and the generic bound function. Output: a function with the generic
// one's signature (and `.async`, which always runs the generic code).
// Values compare exactly: integers as integers whether number or bigint,
// floating point with Object.is (so 0 and -0, which C can tell apart, are
// different values). If specializing fails at the first call (it should
// not: the source compiled once already), the generic function is used
// from then on and a warning says why, rather than failing the call.

import type { FfiFunctionType } from '../link/ctypes.js';
import type { CFunction, LoadedModule } from '../loader/module.js';

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  const isIntegral = (v: unknown) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
  return isIntegral(a) && isIntegral(b) && BigInt(a as number | bigint) === BigInt(b as number | bigint);
}

export function promoteOnFirstCall(module: LoadedModule, name: string, type: FfiFunctionType, params: readonly string[], generic: CFunction): CFunction {
  const indexes = params.map((p) => type.params.findIndex((q) => q.name === p));
  let promoted: unknown[] | null = null;
  let specialized: CFunction | null = null;
  const call = (...args: unknown[]): unknown => {
    if (promoted === null) {
      // Too few arguments: let the generic function report it, and promote at a well-formed call.
      if (args.length < type.params.length) return generic(...args);
      promoted = indexes.map((i) => args[i]);
      try {
        specialized = module.specialize(name, Object.fromEntries(params.map((p, k) => [p, promoted![k]])) as Record<string, number | bigint | boolean>);
      } catch (e) {
        process.emitWarning(`jitcc: cannot specialize '${name}' on ${params.join(', ')}: ${(e as Error).message}; using the generic function`);
      }
    }
    if (specialized !== null && args.length === type.params.length && indexes.every((i, k) => sameValue(args[i], promoted![k]))) {
      return specialized(...args.filter((_, i) => !indexes.includes(i)));
    }
    return generic(...args);
  };
  const fn = call as CFunction;
  fn.async = generic.async;
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}
