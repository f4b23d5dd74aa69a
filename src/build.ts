// The compile pipeline shared by the library (index.ts) and the CLI (cc.ts):
// source text → IR → optimised IR → target object or assembly.
//
// User errors come back as a CompileError carrying every diagnostic; any
// other exception escaping a stage is a bug in jitcc and is rethrown as an
// InternalCompilerError naming the file being compiled.

import {
  CompileError, DiagnosticSink, InternalCompilerError, SourceMap, TooManyErrors,
  formatDiagnostics, warningPolicyFromOptions, type Diagnostic,
} from './diagnostics.js';
import { isStopError, withDeadline } from './deadline.js';
import { compileToIr } from './frontend/compile.js';
import { DEFAULT_LIMITS, type FrontendOptions, type PreprocessLimits } from './frontend/options.js';
import { readRegularFile } from './frontend/preprocess/read-file.js';
import { conventions } from './frontend/lower/abi/conventions.js';
import { dumpMacros, preprocessWithIncludes, printPreprocessed } from './frontend/preprocess/preprocess.js';
import type { IrFunction, IrModule } from './ir/ir.js';
import type { CodePart } from './codegen/core/code-buffer.js';
import { optimizeModule } from './ir/pipeline.js';
import { removeUnreferenced } from './ir/unreferenced.js';
import { printIr } from './ir/print.js';
import { getTarget, targetCapabilities, targets } from './codegen/targets.js';
import { hostTarget } from './codegen/host-target.js';
import { omitsFramePointer, type Target, type TargetName } from './codegen/core/target.js';
import type { ObjectFile } from './link/object.js';
import { timed, withTimeReport, type TimeReport } from './time-report.js';
import { StreamedFacts } from './codegen/core/streamed-facts.js';

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
  /**
   * Instruction-set extensions the code may use beyond the target's
   * baseline, e.g. ['sse4.1'] (the CLI's -march / -m flags). Default: none
   * for objects; compile() and `jitcc -run` use the host's.
   */
  readonly cpuFeatures?: readonly string[];
  /** Library functions keep their standard meaning (sqrt may become an instruction); false as -fno-builtin. Default true. */
  readonly builtins?: boolean;
  readonly debug?: boolean;
  /**
   * gcc's warning options in command-line order: `-w`, `-Wall`, `-Wextra`,
   * `-Wshadow`, `-Wno-<flag>`, `-Werror`, `-Werror=<flag>`… Default: gcc's
   * default set (e.g. `-Wreturn-type` on, `-Wunused-variable` off).
   */
  readonly warnings?: readonly string[];
  /** Colour diagnostics as on a terminal. */
  readonly color?: boolean;
  /** Serves `#include`d files; default reads the file system. */
  readonly readFile?: (path: string) => string | null;
  /** Called with the IR after each optimisation pass (`--dump-after`). */
  readonly onPass?: (pass: string, ir: string) => void;
  /**
   * Bounds on one translation unit's preprocessing (frontend/options.ts,
   * PreprocessLimits): `includeDepth`, `includeBytes`, `expansionTokens`,
   * `sourceBytes`; each absent one keeps its generous default.
   */
  readonly limits?: Partial<PreprocessLimits>;
  /**
   * Stop the build once it has run this many milliseconds: it throws a
   * TimeoutError (deadline.ts). Checked between units
   * of work — every few thousand tokens, each statement, function and
   * pass —, so it overshoots by at most one such unit.
   */
  readonly timeoutMs?: number;
  /** Stop the build when this signal aborts: it throws an AbortError (`cause`: the signal's reason). */
  readonly signal?: AbortSignal;
}

/**
 * What the `jitcc` command adds to the library's options: gcc's include and
 * preprocessing flags, -M's header list, and code-generation flags for
 * objects that go into shared libraries. Not part of the public API.
 */
export interface DriverBuildOptions {
  /** -iquote, -isystem, -idirafter, -nostdinc, -include (see FrontendOptions). */
  readonly quoteIncludePaths?: readonly string[];
  readonly systemIncludePaths?: readonly string[];
  readonly afterIncludePaths?: readonly string[];
  readonly noStdInc?: boolean;
  readonly forcedIncludes?: readonly string[];
  /** The text is preprocessed C (.i): compile it without preprocessing it again. */
  readonly isPreprocessed?: boolean;
  /** Called with each header the preprocessor opens (for -M…). */
  readonly onInclude?: (path: string, isSystem: boolean) => void;
  /** -fPIC: code for a shared library, where a default-visibility global may be preempted. */
  readonly pic?: boolean;
  /** -ffunction-sections: a section per function. */
  readonly functionSections?: boolean;
  /** -fvisibility=: the visibility of definitions that do not name one. */
  readonly visibility?: 'default' | 'hidden' | 'protected' | 'internal';
  /** -ftime-report: collects the time of each phase. */
  readonly timeReport?: TimeReport;
  /**
   * Compiles the optimised module's functions elsewhere (on other threads:
   * driver/parallel-codegen.ts), or answers null to have them compiled here.
   */
  readonly compileParts?: (ir: IrModule, target: TargetName, pic: boolean, omitFramePointer: boolean) => ReadonlyMap<IrFunction, CodePart> | null;
  /**
   * At -O0, compile each function as soon as it is lowered (buildObject;
   * default true). False builds the whole module's IR first: the object is
   * the same (test/driver/streamed-object.test.ts).
   */
  readonly streamFunctions?: boolean;
}

export type AnyBuildOptions = BuildOptions & DriverBuildOptions;

export interface BuildResult<T> {
  readonly output: T;
  /** Warnings (a successful build has no errors). */
  readonly diagnostics: readonly Diagnostic[];
  readonly formatted: string;
}

/** The limits in force: the defaults, overridden by the options'. */
export function limitsOf(opts: BuildOptions): PreprocessLimits {
  return { ...DEFAULT_LIMITS, ...opts.limits };
}

/** The file-system reader for `#include` (only regular files, within the size limit). */
export function defaultReadFile(limits: PreprocessLimits): (path: string) => string | null {
  return (path) => readRegularFile(path, limits.sourceBytes);
}

export function frontendOptions(opts: AnyBuildOptions): FrontendOptions {
  const defines = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.defines ?? {})) defines.set(k, v === true ? '1' : v === false ? '0' : String(v));
  const target = opts.target ?? hostTarget();
  return {
    target,
    convention: conventions[target],
    ...(targets[target]?.asmDialect ? { asmDialect: targets[target]!.asmDialect } : {}),
    defines,
    undefines: opts.undefines ?? [],
    includePaths: opts.includePaths ?? [],
    quoteIncludePaths: opts.quoteIncludePaths, systemIncludePaths: opts.systemIncludePaths,
    afterIncludePaths: opts.afterIncludePaths, noStdInc: opts.noStdInc, forcedIncludes: opts.forcedIncludes,
    isPreprocessed: opts.isPreprocessed, onInclude: opts.onInclude, defaultVisibility: opts.visibility,
    std: opts.std ?? 'gnu11',
    readFile: opts.readFile ?? defaultReadFile(limitsOf(opts)),
    limits: limitsOf(opts),
  };
}

/** Runs `work` with a sink, turning diagnostics and stray exceptions into the documented errors. */
function withDiagnostics<T>(file: string, opts: AnyBuildOptions, work: (sink: DiagnosticSink, sources: SourceMap) => T | null): BuildResult<T> {
  // C89 still allowed calls to undeclared functions: there they are only warnings.
  const isC89 = /^(c89|c90|gnu89|gnu90|iso9899:1990|ansi)$/.test(opts.std ?? '');
  const sink = new DiagnosticSink(50, warningPolicyFromOptions([...(isC89 ? ['-fpermissive'] : []), ...(opts.warnings ?? [])]));
  const sources = new SourceMap();
  let output: T | null = null;
  try {
    output = withTimeReport(opts.timeReport ?? null, () => withDeadline(opts, () => work(sink, sources)));
  } catch (e) {
    if (isStopError(e) || e instanceof StreamMissed) throw e;
    if (!(e instanceof TooManyErrors)) {
      if (e instanceof CompileError) throw e;
      // A bug in jitcc: name the file being compiled when the failing stage knew no better location.
      if (e instanceof InternalCompilerError) throw e.loc || e.file ? e : new InternalCompilerError(e.detail, null, e.causeStack ?? e.stack, file);
      const msg = e instanceof Error ? e.message : String(e);
      throw new InternalCompilerError(msg, null, e instanceof Error ? e.stack : undefined, file);
    }
  }
  const formatted = formatDiagnostics(sink.diagnostics, sources, opts.color ?? false);
  if (sink.hasErrors || output === null) throw new CompileError(sink.diagnostics, formatted);
  return { output, diagnostics: sink.diagnostics, formatted };
}

function buildIr(text: string, opts: AnyBuildOptions, sink: DiagnosticSink, sources: SourceMap): IrModule | null {
  const file = opts.file ?? 'input.c';
  const ir = compileToIr(file, text, frontendOptions(opts), sink, sources);
  if (!ir) return null;
  injectTestFailure(ir);
  const caps = targetCapabilities(opts.target ?? hostTarget(), opts.cpuFeatures ?? []);
  optimizeModule(ir, clampLevel(opts.optimize ?? 1), {
    builtins: opts.builtins ?? true,
    hasRoundInstructions: caps.hasRoundInstructions,
    vectorBytes: caps.vectorBytes,
    onPass: opts.onPass ? (name: string) => opts.onPass!(name, printIr(ir)) : undefined,
  });
  // What inlining and folding left unreferenced is not compiled (ir/unreferenced.ts).
  if ((opts.optimize ?? 1) > 0) removeUnreferenced(ir);
  return ir;
}

/**
 * Test hook: with the environment variable `JITCC_TEST_ICE=1` the build fails
 * as if the backend had a bug in the first function, so tests can check how
 * internal errors reach library callers and CLI users (test/diagnostics).
 */
function injectTestFailure(ir: IrModule): void {
  if (process.env.JITCC_TEST_ICE !== '1') return;
  const fn = ir.functions.find((f) => f.loc) ?? ir.functions[0];
  const where = fn ? ` in function '${fn.name}'` : '';
  throw new InternalCompilerError(`injected failure${where} (JITCC_TEST_ICE=1)`, fn?.loc ?? null);
}

function clampLevel(n: number): 0 | 1 | 2 | 3 {
  return Math.max(0, Math.min(3, Math.trunc(n))) as 0 | 1 | 2 | 3;
}

export function buildObject(text: string, opts: AnyBuildOptions = {}): BuildResult<ObjectFile> {
  const file = opts.file ?? 'input.c';
  // -O0 runs no IR pass, so nothing needs the whole module's IR: functions stream from the lowering into code.
  // With threads for codegen (compileParts), the module goes to them whole instead.
  if ((opts.optimize ?? 1) <= 0 && opts.streamFunctions !== false && opts.compileParts === undefined && opts.onPass === undefined) {
    const streamed = buildObjectStreamed(text, file, opts);
    if (streamed !== null) return streamed;
  }
  return withDiagnostics(file, opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    if (!ir) return null;
    return timed('codegen', () => {
      const target = opts.target ?? hostTarget();
      const parts = opts.compileParts?.(ir, target, opts.pic ?? false, omitsFramePointer({ optLevel: opts.optimize ?? 1, debug: opts.debug })) ?? null;
      return getTarget(target).compileModule(ir, {
        optLevel: opts.optimize ?? 1, debug: opts.debug, pic: opts.pic, functionSections: opts.functionSections, sourceFile: opts.file ?? 'input.c', compDir: process.cwd(),
        ...(parts !== null ? { partOf: (fn: IrFunction) => parts.get(fn) } : {}),
      });
    });
  });
}

/**
 * buildObject at -O0, a function at a time: each function is selected,
 * allocated and encoded into a CodePart as soon as it is lowered, and its
 * IR body dropped, so the unit's IR never lives all at once (what the
 * garbage collector had to copy and mark); the object is then written in
 * module order from the parts, as with codegen threads. Null when the
 * module facts instruction selection was given while streaming
 * (codegen/core/streamed-facts.ts) differ from the finished module's: the
 * caller then builds it the whole-module way.
 */
export function buildObjectStreamed(text: string, file: string, opts: AnyBuildOptions): BuildResult<ObjectFile> | null {
  const target = getTarget(opts.target ?? hostTarget());
  const pic = opts.pic ?? false;
  try {
    return withDiagnostics(file, opts, (sink, sources) => streamObject(text, file, opts, target, pic, sink, sources));
  } catch (e) {
    // Abandoned: made again the whole-module way, whose diagnostics are the ones reported.
    if (e instanceof StreamMissed) return null;
    throw e;
  }
}

/** Thrown when a streamed build's module facts turn out wrong: no diagnostic, the build is made again. */
class StreamMissed extends Error {}

function streamObject(text: string, file: string, opts: AnyBuildOptions, target: Target, pic: boolean, sink: DiagnosticSink, sources: SourceMap): ObjectFile | null {
  const state: { facts: StreamedFacts | null } = { facts: null };
  const parts = new Map<IrFunction, CodePart>();
  const ir = compileToIr(file, text, frontendOptions(opts), sink, sources, {
    begin: (outline) => { state.facts = new StreamedFacts(outline, pic, omitsFramePointer({ optLevel: opts.optimize ?? 1, debug: opts.debug })); },
    function: (fn) => {
      state.facts!.noteFunction(fn);
      parts.set(fn, target.compileFunctionPart(fn, state.facts!));
      dropBody(fn);
    },
  });
  if (!ir) return null;
  injectTestFailure(ir);
  if (state.facts !== null && !state.facts.agreesWith(ir)) throw new StreamMissed();
  return timed('codegen', () => target.compileModule(ir, {
    optLevel: opts.optimize ?? 1, debug: opts.debug, pic, functionSections: opts.functionSections, sourceFile: file, compDir: process.cwd(),
    partOf: (fn: IrFunction) => parts.get(fn),
  }));
}

/** A compiled function's code lives in its CodePart: the object needs only its header (name, linkage, attributes, labels). */
function dropBody(fn: IrFunction): void {
  fn.blocks = [];
  fn.values = [];
  fn.slots = [];
}

/**
 * The IR of C source straight from the frontend, before any optimisation,
 * for callers that transform it first (jit/specialize.ts binds parameters
 * to constants) and then finish it with `buildObjectFromIr`.
 */
export function buildFrontendIr(text: string, opts: AnyBuildOptions = {}): BuildResult<IrModule> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => compileToIr(file, text, frontendOptions(opts), sink, sources));
}

/**
 * Optimises IR at `opts.optimize` and generates its object, as `buildObject`
 * does after the frontend; `afterOptimize` may edit the optimised IR first.
 */
export function buildObjectFromIr(ir: IrModule, opts: AnyBuildOptions = {}, afterOptimize?: (ir: IrModule) => void): ObjectFile {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, () => {
    optimizeModule(ir, clampLevel(opts.optimize ?? 1));
    afterOptimize?.(ir);
    return getTarget(opts.target ?? hostTarget()).compileModule(ir, { optLevel: opts.optimize ?? 1, debug: opts.debug, pic: opts.pic, functionSections: opts.functionSections, sourceFile: file, compDir: process.cwd() });
  }).output;
}

export function buildAssembly(text: string, opts: AnyBuildOptions = {}): BuildResult<string> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    if (!ir) return null;
    return getTarget(opts.target ?? hostTarget()).printAssembly(ir, { optLevel: opts.optimize ?? 1, debug: opts.debug, pic: opts.pic });
  });
}

/** Each function's machine IR with its register allocation (`jitcc --dump=mir`). */
export function buildMachineIrText(text: string, opts: AnyBuildOptions = {}): BuildResult<string> {
  return withDiagnostics(opts.file ?? 'input.c', opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    return ir ? getTarget(opts.target ?? hostTarget()).printMachineIr(ir, { optLevel: opts.optimize ?? 1 }) : null;
  });
}

export function buildIrText(text: string, opts: AnyBuildOptions = {}): BuildResult<string> {
  return withDiagnostics(opts.file ?? 'input.c', opts, (sink, sources) => {
    const ir = buildIr(text, opts, sink, sources);
    return ir ? printIr(ir) : null;
  });
}

export function buildPreprocessed(text: string, opts: AnyBuildOptions = {}): BuildResult<string> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => {
    sources.add(file, text);
    const { tokens, includes } = preprocessWithIncludes(file, text, frontendOptions(opts), sink, sources);
    return sink.hasErrors ? null : printPreprocessed(tokens, file, includes);
  });
}

/** `-dM -E`: the macros defined at the end of preprocessing, one `#define` per line, as gcc prints them. */
export function buildMacroDump(text: string, opts: AnyBuildOptions = {}): BuildResult<string> {
  const file = opts.file ?? 'input.c';
  return withDiagnostics(file, opts, (sink, sources) => {
    sources.add(file, text);
    const out = dumpMacros(file, text, frontendOptions(opts), sink, sources);
    return sink.hasErrors ? null : out;
  });
}
