// The pass registry: every function pass by its name (= its file name), for
// the pipeline, `--dump-after=<pass>` and the `; RUN:` lines of pass tests.

import type { FunctionPass } from '../pass.js';
import { constFold } from './const-fold.js';
import { dce } from './dce.js';
import { dse } from './dse.js';
import { gvn } from './gvn.js';
import { inline } from './inline.js';
import { instCombine } from './inst-combine.js';
import { legalizeI128 } from './legalize-i128.js';
import { licm } from './licm.js';
import { loadElim } from './load-elim.js';
import { loopIdiom } from './loop-idiom.js';
import { mathBuiltins } from './math-builtins.js';
import { mem2reg } from './mem2reg.js';
import { sccp } from './sccp.js';
import { simplifyCfg } from './simplify-cfg.js';
import { sra } from './sra.js';
import { tailRecursion } from './tail-recursion.js';
import { unroll } from './unroll.js';
import { vectorize } from './vectorize.js';

export const PASSES: ReadonlyMap<string, FunctionPass> = new Map(
  [mem2reg, constFold, dce, simplifyCfg, gvn, licm, inline, sccp, loadElim, tailRecursion, instCombine, mathBuiltins, dse, sra, legalizeI128, loopIdiom, unroll, vectorize].map((p) => [p.name, p]),
);
