// Shared by the sema and lowering tests: runs the frontend on a C source up
// to the typed tree (or the IR) with the diagnostics formatted as gcc does.

import { DiagnosticSink, SourceMap, formatDiagnostics } from '../../../src/diagnostics.js';
import type { FrontendOptions } from '../../../src/frontend/options.js';
import { preprocess } from '../../../src/frontend/preprocess/preprocess.js';
import { parseTranslationUnit } from '../../../src/frontend/parse/parse.js';
import { checkTranslationUnit, ALL_WARNINGS, DEFAULT_WARNINGS } from '../../../src/frontend/sema/check.js';
import type { TypedUnit } from '../../../src/frontend/sema/typed.js';
import { lowerTranslationUnit } from '../../../src/frontend/lower/lower.js';
import type { IrModule } from '../../../src/ir/ir.js';
import { conventions } from '../../../src/frontend/lower/abi/conventions.js';
import { targets } from '../../../src/codegen/targets.js';

export function testOptions(target: 'x86_64' | 'aarch64' = 'x86_64'): FrontendOptions {
  const asmDialect = targets[target]?.asmDialect;
  return { target, convention: conventions[target], ...(asmDialect ? { asmDialect } : {}), defines: new Map(), undefines: [], includePaths: [], std: 'gnu11', readFile: () => null };
}

export interface CheckResult {
  readonly unit: TypedUnit | null;
  /** The diagnostics, formatted with source lines and carets. */
  readonly text: string;
  readonly hasErrors: boolean;
}

/** A `// warnings: all` line in the source turns on the optional warnings. */
export function checkSource(file: string, source: string, opts = testOptions()): CheckResult {
  const sink = new DiagnosticSink();
  const sources = new SourceMap();
  sources.add(file, source);
  const tokens = preprocess(file, source, opts, sink, sources);
  let unit: TypedUnit | null = null;
  if (!sink.hasErrors) {
    const tu = parseTranslationUnit(tokens, sink);
    if (!sink.hasErrors) {
      const warnings = /^\/\/ warnings: all$/m.test(source) ? ALL_WARNINGS : DEFAULT_WARNINGS;
      unit = checkTranslationUnit(tu, opts, sink, warnings);
    }
  }
  return { unit, text: formatDiagnostics(sink.diagnostics, sources), hasErrors: sink.hasErrors };
}

/** Compiles to IR; throws with the diagnostics when the source has errors. */
export function lowerSource(file: string, source: string, opts = testOptions()): IrModule {
  const r = checkSource(file, source, opts);
  if (r.hasErrors || !r.unit) throw new Error(`${file} has errors:\n${r.text}`);
  return lowerTranslationUnit(r.unit, opts);
}
