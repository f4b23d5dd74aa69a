// The calling conventions, one per target: the frontend's side of the
// target list (codegen/targets.ts is the backend's). The driver hands the
// chosen one to the frontend in FrontendOptions.

import type { CallingConvention } from './convention.js';
import { aapcs64 } from './aapcs64.js';
import { sysvX64 } from './sysv-x64.js';

export const conventions: Readonly<Record<'x86_64' | 'aarch64', CallingConvention>> = {
  x86_64: sysvX64,
  aarch64: aapcs64,
};
