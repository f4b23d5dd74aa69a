// The target list: a new target is one folder plus one line here.
//
// Input: a target name (from -march / the host).
// Output: the Target record implementing compileModule / printAssembly.

import type { Target, TargetName } from './core/target.js';
import { arm64Target } from './arm64/target.js';
import { x64Target } from './x64/target.js';
import { x64ArchFeatures } from './x64/cpu.js';

export const targets: Partial<Record<TargetName, Target>> = {
  x86_64: x64Target,
  aarch64: arm64Target,
};

export function getTarget(name: TargetName): Target {
  const t = targets[name];
  if (!t) throw new Error(`target '${name}' is not supported yet (supported: ${Object.keys(targets).join(', ')})`);
  return t;
}

/**
 * The instruction-set extensions a -march name implies for a target, or
 * null for a name the target does not know. AArch64's ARMv8-A baseline has
 * every instruction the code generator uses, so any name means none extra.
 */
export function archFeatures(name: TargetName, arch: string): readonly string[] | null {
  return name === 'x86_64' ? x64ArchFeatures(arch) : [];
}

/** What the IR passes may assume of the target with these extensions (PassSettings). */
export function targetCapabilities(name: TargetName, features: readonly string[]): { readonly hasRoundInstructions: boolean; readonly vectorBytes: number } {
  // x86-64: SSE4.1 ROUNDSD/ROUNDSS; AArch64: FRINTM/FRINTP/FRINTZ are baseline.
  // Vectors: 16 bytes, SSE2's xmm registers and Advanced SIMD's q registers, are both baseline.
  return { hasRoundInstructions: name === 'aarch64' || features.includes('sse4.1'), vectorBytes: 16 };
}
