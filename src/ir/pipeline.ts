// The optimisation pipeline: which passes run at each -O level, in order.
//
// Input: a verified IrModule. Output: the module optimised in place.
// With `verify` (or env CC_VERIFY=1) the verifier runs after every pass and
// a failure throws an InternalCompilerError naming the pass, so a broken
// pass is caught where it broke the IR [Cranelift `verify_if`].
// `onPass(name, fn)` is called after each pass that ran (changed or not),
// which is what `--dump-after=<pass>` hooks into.
//
// Levels: O0 runs nothing; O1 promotes locals, turns C math calls into
// instructions and cleans up (mem2reg, math-builtins, simplify-cfg,
// const-fold, inst-combine, dce); O2 adds tail-recursion elimination,
// inlining, scalar replacement of aggregates, sparse conditional constant propagation, value numbering,
// redundant load and dead store elimination, loop-invariant code motion,
// byte-filling loops as memset (loop-idiom) and unrolling of loops with
// constant trip counts (unroll.ts), and vectorizes simple counted loops
// where the target has vector registers (vectorize.ts); O3 runs the same passes with larger limits (PassContext.level: inline.ts's limits).

import { checkDeadline } from '../deadline.js';
import type { IrFunction, IrModule } from './ir.js';
import { InternalCompilerError } from '../diagnostics.js';
import { DEFAULT_PASS_SETTINGS, PassContext, type FunctionPass, type PassSettings } from './pass.js';
import { verifyFunction } from './verify.js';
import { PASSES } from './passes/index.js';

export type OptLevel = 0 | 1 | 2 | 3;

export interface OptimizeOptions {
  verify?: boolean;
  /** The -O level passes see in PassContext.level (default 2). */
  level?: OptLevel;
  /** Target and command-line facts for PassContext.settings (defaults: DEFAULT_PASS_SETTINGS). */
  builtins?: boolean;
  hasRoundInstructions?: boolean;
  /** PassSettings.vectorBytes: the target's vector width for vectorize.ts (default 0: none). */
  vectorBytes?: number;
  onPass?: (passName: string, fn: IrFunction) => void;
}

/** Pass names per level; each must be a key of PASSES. */
export const LEVEL_PASSES: Readonly<Record<OptLevel, readonly string[]>> = {
  0: [],
  1: ['mem2reg', 'math-builtins', 'simplify-cfg', 'const-fold', 'inst-combine', 'dce', 'simplify-cfg'],
  2: ['mem2reg', 'math-builtins', 'simplify-cfg', 'tail-recursion', 'inline', 'sra', 'mem2reg', 'simplify-cfg', 'sccp', 'const-fold', 'inst-combine', 'simplify-cfg', 'gvn', 'load-elim', 'dse', 'licm', 'loop-idiom', 'unroll', 'vectorize', 'const-fold', 'dce', 'simplify-cfg'],
  3: ['mem2reg', 'math-builtins', 'simplify-cfg', 'tail-recursion', 'inline', 'sra', 'mem2reg', 'simplify-cfg', 'sccp', 'const-fold', 'inst-combine', 'simplify-cfg', 'gvn', 'load-elim', 'dse', 'licm', 'loop-idiom', 'unroll', 'vectorize', 'const-fold', 'dce', 'simplify-cfg'],
};

export function optimizeModule(m: IrModule, level: OptLevel, opts: OptimizeOptions = {}): void {
  runPasses(m, LEVEL_PASSES[level].map(passByName), { ...opts, level });
}

export function passByName(name: string): FunctionPass {
  const p = PASSES.get(name);
  if (!p) throw new InternalCompilerError(`unknown pass '${name}'`);
  return p;
}

/**
 * Runs `passes` in order over every function of the module, callees before
 * their callers (a post-order of the direct-call graph), so `inline` copies
 * bodies that are already optimised.
 */
export function runPasses(m: IrModule, passes: readonly FunctionPass[], opts: OptimizeOptions = {}): void {
  const verify = opts.verify ?? process.env.CC_VERIFY === '1';
  const settings: PassSettings = {
    level: opts.level ?? DEFAULT_PASS_SETTINGS.level,
    builtins: opts.builtins ?? DEFAULT_PASS_SETTINGS.builtins,
    hasRoundInstructions: opts.hasRoundInstructions ?? DEFAULT_PASS_SETTINGS.hasRoundInstructions,
    vectorBytes: opts.vectorBytes ?? DEFAULT_PASS_SETTINGS.vectorBytes,
  };
  for (const fn of calleesFirst(m)) {
    const ctx = new PassContext(m, fn, settings);
    for (const pass of passes) {
      checkDeadline();
      ctx.runPass(pass);
      if (verify) {
        const errors = verifyFunction(fn);
        if (errors.length > 0) throw new InternalCompilerError(`IR invalid after pass '${pass.name}':\n${errors.join('\n')}`, fn.loc ?? null);
      }
      opts.onPass?.(pass.name, fn);
    }
  }
}

/** Functions in post-order of direct calls (ties and cycles in module order: deterministic). */
export function calleesFirst(m: IrModule): IrFunction[] {
  const byName = new Map(m.functions.map((f) => [f.name, f]));
  const done = new Set<IrFunction>();
  const order: IrFunction[] = [];
  for (const root of m.functions) {
    if (done.has(root)) continue;
    done.add(root);
    const stack: [IrFunction, IrFunction[], number][] = [[root, directCallees(root, byName), 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [fn, callees, k] = top;
      if (k < callees.length) {
        top[2]++;
        const c = callees[k];
        if (!done.has(c)) {
          done.add(c);
          stack.push([c, directCallees(c, byName), 0]);
        }
      } else {
        order.push(fn);
        stack.pop();
      }
    }
  }
  return order;
}

function directCallees(fn: IrFunction, byName: ReadonlyMap<string, IrFunction>): IrFunction[] {
  const out: IrFunction[] = [];
  for (const blk of fn.blocks) {
    for (const inst of blk.insts) {
      const callee = inst.op === 'call' && inst.args[0]?.kind === 'global' ? byName.get(inst.args[0].name) : undefined;
      if (callee && !out.includes(callee)) out.push(callee);
    }
  }
  return out;
}
