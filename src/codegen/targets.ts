// The target list: a new target is one folder plus one line here.
//
// Input: a target name (from -march / the host).
// Output: the Target record implementing compileModule / printAssembly.

import type { Target, TargetName } from './core/target.js';
import { arm64Target } from './arm64/target.js';
import { x64Target } from './x64/target.js';

export const targets: Partial<Record<TargetName, Target>> = {
  x86_64: x64Target,
  aarch64: arm64Target,
};

export function getTarget(name: TargetName): Target {
  const t = targets[name];
  if (!t) throw new Error(`target '${name}' is not supported yet (supported: ${Object.keys(targets).join(', ')})`);
  return t;
}
