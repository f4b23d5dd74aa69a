// Pass infrastructure: the FunctionPass shape and the PassContext that
// hands analyses to passes.
//
// Input: a module and one of its functions. Output: analyses computed on
// first request and cached until a pass reports a change. A pass that
// changes only instructions (not blocks or edges) sets `preservesCfg`, so
// the CFG, dominator tree and loops survive it; liveness never survives a
// change. Nothing is cached silently beyond that [Cranelift's Context].

import { timed } from '../time-report.js';
import type { IrFunction, IrModule } from './ir.js';
import { computeCfg, type Cfg } from './analysis/cfg.js';
import { computeDominators, dominanceFrontiers, type DomTree } from './analysis/dominators.js';
import { computeLiveness, type Liveness } from './analysis/liveness.js';
import { computeLoops, type LoopInfo } from './analysis/loops.js';

export interface FunctionPass {
  /** Same as the pass's file name, e.g. 'const-fold'; used by --dump-after. */
  readonly name: string;
  /** True when the pass never adds, removes or retargets blocks or edges. */
  readonly preservesCfg?: boolean;
  /** Transforms `fn` in place; returns true when anything changed. */
  run(fn: IrFunction, ctx: PassContext): boolean;
}

/** What passes may assume beyond the IR: the -O level and facts about the target and the command line. */
export interface PassSettings {
  /** The -O level (passes with limits, like inline, scale them). */
  readonly level: number;
  /** Standard library calls may become instructions (false under -fno-builtin / -ffreestanding). */
  readonly builtins: boolean;
  /** The target has one-instruction floor/ceil/trunc of floats (SSE4.1 roundsd, A64 frintm/frintp/frintz). */
  readonly hasRoundInstructions: boolean;
  /** Bytes of the target's vector registers the vectorizer may fill (16: SSE2, NEON), or 0: no vectors. */
  readonly vectorBytes: number;
}

export const DEFAULT_PASS_SETTINGS: PassSettings = { level: 2, builtins: true, hasRoundInstructions: false, vectorBytes: 0 };

export class PassContext {
  private cachedCfg: Cfg | null = null;
  private cachedDom: DomTree | null = null;
  private cachedFrontiers: number[][] | null = null;
  private cachedLoops: LoopInfo | null = null;
  private cachedLiveness: Liveness | null = null;

  constructor(
    readonly module: IrModule,
    readonly fn: IrFunction,
    readonly settings: PassSettings = DEFAULT_PASS_SETTINGS,
  ) {}

  get level(): number {
    return this.settings.level;
  }

  cfg(): Cfg {
    return (this.cachedCfg ??= computeCfg(this.fn));
  }
  dominators(): DomTree {
    return (this.cachedDom ??= computeDominators(this.cfg()));
  }
  frontiers(): number[][] {
    return (this.cachedFrontiers ??= dominanceFrontiers(this.cfg(), this.dominators()));
  }
  loops(): LoopInfo {
    return (this.cachedLoops ??= computeLoops(this.cfg(), this.dominators()));
  }
  liveness(): Liveness {
    return (this.cachedLiveness ??= computeLiveness(this.cfg()));
  }

  /** Drops every cached analysis (a pass changed blocks or edges, or asked for it). */
  invalidateAll(): void {
    this.cachedCfg = null;
    this.cachedDom = null;
    this.cachedFrontiers = null;
    this.cachedLoops = null;
    this.cachedLiveness = null;
  }

  /** Drops what depends on instructions only. */
  invalidateInstructions(): void {
    this.cachedLiveness = null;
  }

  /** Runs `pass` on the context's function and invalidates what it did not preserve. */
  runPass(pass: FunctionPass): boolean {
    const changed = timed(pass.name, () => pass.run(this.fn, this));
    if (changed) {
      if (pass.preservesCfg) this.invalidateInstructions();
      else this.invalidateAll();
    }
    return changed;
  }
}
