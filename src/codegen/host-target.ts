// The target jitcc compiles for when none is named: the machine it runs on
// (as a native gcc does), x86-64 anywhere else.

import type { TargetName } from './core/target.js';

export function hostTarget(arch: string = process.arch): TargetName {
  return arch === 'arm64' ? 'aarch64' : 'x86_64';
}
