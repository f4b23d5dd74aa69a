// The compile pipeline shared by the library (index.ts) and the CLI (cc.ts):
// source text → IR → optimised IR → target object or assembly.
//
// User errors come back as a CompileError carrying every diagnostic; any
// other exception escaping a stage is a bug in jitcc and is rethrown as an
// InternalCompilerError naming the file being compiled.

import { readFileSync } from 'node:fs';
import {
  CompileError, DiagnosticSink, InternalCompilerError, SourceMap, TooManyErrors,
  formatDiagnostics, type Diagnostic,
} from './diagnostics.js';
import { compileToIr } from './frontend/compile.js';
import type { FrontendOptions } from './frontend/options.js';
import { preprocess, printPreprocessed } from './frontend/preprocess/preprocess.js';
import type { IrModule } from './ir/ir.js';
import { optimizeModule } from './ir/pipeline.js';
import { printIr } from './ir/print.js';
import { getTarget } from './codegen/targets.js';
import type { TargetName } from './codegen/core/target.js';
import type { ObjectFile } from './link/object.js';

export interface BuildOptions {
  /** Name used in diagnostics and for resolving `#include "…"` (default `input.c`). */
  readonly file?: string;
  /** Optimisation level 0–3 (default 1). */
  readonly optimize?: number;
  readonly defines?: Readonly<Record<string, string | number | boolean>>;
  readonly undefines?: readonly string[];
  readonly includePaths?: readonly string[];
  readonly std?: string;
  readonly target?: TargetName;
  readonly debug?: boolean;
  /** Colour diagnostics as on a terminal. */
  readonly color?: boolean;
  /** Serves `#include`d files; default reads the file system. */
  readonly readFile?: (path: string) => string | null;
  /** Called with the IR after each optimisation pass (`--dump-after`). */
  readonly onPass?: (pass: string, ir: string) => void;
}

export interface BuildResult<T> {
  readonly output: T;
  /** Warnings (a successful build has no errors). */
  readonly diagnostics: readonly Diagnostic[];
  readonly formatted: string;
}

function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

export function frontendOptions(opts: BuildOptions): FrontendOptions {
  const defines = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.defines ?? {})) defines.set(k, v === true ? '1' : v === false ? '0' : String(v));
  return {
    target: opts.target ?? 'x86_64',
    defines,
    undefines: opts.undefines ?? [],
    includePaths: opts.includePaths ?? [],
    std: opts.std ?? 'gnu11',
    readFile: opts.readFile ?? readFileOrNull,
  };
}

/** Runs `work` with a sink, turning diagnostics and stray exceptions into the documented errors. */
function withDiagnostics<T>(file: string, opts: BuildOptions, work: (sink: DiagnosticSink, sources: SourceMap) => T | null): BuildResult<T> {
  const sink = new DiagnosticSink();
  const sources = new SourceMap();
  let output: T | null = null;
  try {
    output = work(sink, sources);
  } catch (e) {
    if (!(e instanceof TooManyErrors)) {
      if (e instanceof CompileError || e instanceof InternalCompilerError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new InternalCompilerError(`${msg} (while compiling ${file})`, null, e instanceof Error ? e.stack : undefined);
    }
  }
  const formatted = formatDiagnostics(sink.diagnostics, sources, opts.color ?? false);
  if (sink.hasErrors || output === null) throw new CompileError(sink.diagnostics, formatted);
  return { output, diagnostics: sink.diagnostics, formatted };
}

function buildIr(text: string, opts: BuildOptions, sink: DiagnosticSink, sources: SourceMap): IrModule | null {
  const file = opts.file ?? 'input.c';
  const ir = compileToIr(file, text, frontendOptions(opts), sink, sources);
  if (!ir) return null;
  optimizeModule(ir, clampLevel(opts.optimize ?? 1), {
    onPass: opts.onPass ? (name: string) => opts.onPass!(name, printIr(ir)) : undefined,
  });
  return ir;
}

function clampLevel(n: number): 0 | 1 | 2 | 3 {
  return Math.max(0, Math.min(3, Math.trunc(n))) as 0 | 1 | 2 | 3;
}

export function buildObject(text: string, opts: BuildOptions = {}): BuildResult<ObjectFile> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    if (!ir) return null;
    return getTarget(opts.target ?? 'x86_64').compileModule(ir, { optLevel: opts.optimize ?? 1, debug: opts.debug });
  });
}

export function buildAssembly(text: string, opts: BuildOptions = {}): BuildResult<string> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    if (!ir) return null;
    return getTarget(opts.target ?? 'x86_64').printAssembly(ir, { optLevel: opts.optimize ?? 1, debug: opts.debug });
  });
}

export function buildIrText(text: string, opts: BuildOptions = {}): BuildResult<string> {
  return withDiagnostics(opts.file ?? 'input.c', opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    return ir ? printIr(ir) : null;
  });
}

export function buildPreprocessed(text: string, opts: BuildOptions = {}): BuildResult<string> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => {
    sources.add(file, text);
    const tokens = preprocess(file, text, frontendOptions(opts), sink, sources);
    return sink.hasErrors ? null : printPreprocessed(tokens);
  });
}
