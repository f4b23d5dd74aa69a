// The instruction-set extensions of the CPU this process runs on, so code
// compiled into this process (compile(), `jitcc -run`) may use them, as
// gcc's -march=native does.
//
// Input: /proc/cpuinfo's `flags` line (Linux, x86-64). Output: the
// extension names the code generator knows (`sse4.1`, `sse4.2`, `popcnt`,
// `avx`, `avx2`, `bmi`, `bmi2`, `fma`), computed once. Elsewhere (no
// /proc, another architecture): none beyond the target's baseline.

import { readFileSync } from 'node:fs';

/** /proc/cpuinfo flag → our feature name (gcc's -m option spelling). */
const FLAG_NAMES: ReadonlyMap<string, string> = new Map([
  ['sse4_1', 'sse4.1'], ['sse4_2', 'sse4.2'], ['popcnt', 'popcnt'], ['avx', 'avx'], ['avx2', 'avx2'],
  ['bmi1', 'bmi'], ['bmi2', 'bmi2'], ['fma', 'fma'],
]);

let cached: readonly string[] | null = null;

export function hostCpuFeatures(): readonly string[] {
  if (cached !== null) return cached;
  cached = [];
  if (process.arch !== 'x64') return cached;
  try {
    const flags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'latin1'))?.[1]?.trim().split(/\s+/) ?? [];
    cached = flags.map((f) => FLAG_NAMES.get(f)).filter((f): f is string => f !== undefined).sort();
  } catch {
    // No /proc: the baseline is always safe.
  }
  return cached;
}
