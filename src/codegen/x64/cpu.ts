// x86-64 processor names for -march: which instruction-set extensions each
// implies beyond the x86-64 baseline (SSE2), after gcc's -march table and
// the x86-64 psABI's micro-architecture levels (v2: SSE4.2 and POPCNT;
// v3: AVX2, BMI, BMI2, FMA). Only extensions the code generator can use are
// listed; an unknown name is null (the CLI reports it).

const V2 = ['popcnt', 'sse4.1', 'sse4.2'];
const V3 = [...V2, 'avx', 'avx2', 'bmi', 'bmi2', 'fma'];

const ARCHES: ReadonlyMap<string, readonly string[]> = new Map([
  ['x86-64', []], ['k8', []], ['opteron', []], ['athlon64', []], ['nocona', []], ['core2', []],
  ['x86-64-v2', V2], ['nehalem', V2], ['westmere', V2], ['silvermont', V2], ['btver2', [...V2, 'avx']],
  ['sandybridge', [...V2, 'avx']], ['ivybridge', [...V2, 'avx']], ['bdver1', [...V2, 'avx']],
  ['x86-64-v3', V3], ['x86-64-v4', V3], ['haswell', V3], ['broadwell', V3], ['skylake', V3], ['skylake-avx512', V3],
  ['cascadelake', V3], ['icelake-client', V3], ['icelake-server', V3], ['tigerlake', V3], ['alderlake', V3],
  ['sapphirerapids', V3], ['znver1', V3], ['znver2', V3], ['znver3', V3], ['znver4', V3],
]);

export function x64ArchFeatures(arch: string): readonly string[] | null {
  return ARCHES.get(arch) ?? null;
}
