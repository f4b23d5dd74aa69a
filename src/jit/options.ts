// The compile() options of the JIT features that work at the level of a
// whole compilation rather than of loaded code (those are LoadOptions).
// Types only: importing this file loads no feature.

export interface JitOptions {
  /**
   * Functions whose listed parameters are promoted to constants at their
   * first call: `{ kernel: ['n'] }` makes `fn('kernel')` specialize itself
   * on the first value of `n` it is called with (as `specialize` does) and
   * then run that code whenever `n` has that value, the generic code
   * otherwise. Calls from C reach the generic function.
   */
  readonly specialize?: Readonly<Record<string, readonly string[]>>;
  /**
   * Tiering: the module is callable at once from a quick -O0 build, and its
   * functions switch to -O2 code built on a worker thread — as soon as it is
   * ready ('auto') or once its functions were called `afterCalls` times from
   * JS — without callers noticing (jit/tier.ts). `mod.tier(name)` says which
   * runs (0 or 2); `mod.whenTiered()` settles when -O2 runs.
   */
  readonly tier?: TierOption;
}

export type TierOption = 'auto' | { readonly afterCalls: number };
