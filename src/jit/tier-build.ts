// Builds one tier of a tiered module (tier.ts): the units' IR from the
// frontend, rewritten for tiering (tier-ir.ts) with the module-wide list of
// exported functions, optimised at the tier's level, generated and merged
// — the same steps as compile()'s build, so both tiers come from one
// frontend run each over the same text. Runs on the main thread for the
// first tier and in the tier worker (tier-worker.ts) for the second.
//
// Input: the units ({ file, text }), build options and the tier. Output: an
// ObjectFile (the second tier's crosses threads as ELF bytes).

import { buildFrontendIr, buildObjectFromIr, type BuildOptions } from '../build.js';
import type { IrModule } from '../ir/ir.js';
import type { ObjectFile } from '../link/object.js';
import { mergeObjects } from '../loader/merge.js';
import { rewriteForTiering } from './tier-ir.js';

export interface TierUnit {
  readonly file: string;
  readonly text: string;
}

export type Tier = 0 | 2;

export function buildTier(units: readonly TierUnit[], options: BuildOptions, tier: Tier): ObjectFile {
  const irs: IrModule[] = units.map((u) => buildFrontendIr(u.text, { ...options, file: u.file }).output);
  // Exported functions and aliases of functions: what the stubs stand for.
  const exportedFunctions = new Set(irs.flatMap((m) => {
    const functions = new Set(m.functions.map((f) => f.name));
    return [
      ...m.functions.filter((f) => f.linkage === 'export').map((f) => f.name),
      ...(m.aliases ?? []).filter((a) => a.linkage === 'export' && functions.has(a.target)).map((a) => a.name),
    ];
  }));
  const objects = irs.map((ir, unit) => {
    rewriteForTiering(ir, { unit, exportedFunctions, isSharingData: tier === 2 });
    return buildObjectFromIr(ir, { ...options, file: units[unit]!.file, optimize: tier });
  });
  return mergeObjects(objects, units.map((u) => u.file));
}
