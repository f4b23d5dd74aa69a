// User errors found in inline asm by the backend (unknown mnemonics, bad
// operands): reported as a CompileError carrying one diagnostic at the asm
// statement, the way the frontend reports errors, since the backend has no
// diagnostic sink of its own.

import type { Diagnostic, SourceLoc } from '../../../diagnostics.js';
import { CompileError, formatDiagnostic } from '../../../diagnostics.js';

export function asmError(loc: SourceLoc | undefined, message: string): never {
  const d: Diagnostic = { severity: 'error', message, range: loc ? { loc, length: 1 } : null, notes: [] };
  throw new CompileError([d], formatDiagnostic(d, null));
}
