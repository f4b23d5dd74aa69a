// Diagnostics: source locations, diagnostic values, the sink that collects
// them, and the gcc/clang-style text format.
//
// Every stage reports user errors as `Diagnostic` values into a
// `DiagnosticSink`; the library never prints or exits (src/cc.ts does).
// Compiler bugs are not diagnostics: they throw through `assert` /
// `unreachable`, and the public API turns them into `InternalCompilerError`.
//
// This file imports nothing, so every stage may import it.

/** A position in a source file; line and col are 1-based, col counts bytes. */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Where the macro that produced this token was used, when expanded from one. */
  readonly expandedFrom?: { readonly macro: string; readonly loc: SourceLoc };
}

/** A half-open range on one line: `length` characters from `loc` (at least 1). */
export interface SourceRange {
  readonly loc: SourceLoc;
  readonly length: number;
}

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly range: SourceRange | null;
  readonly notes: readonly Diagnostic[];
}

/** The texts of the files being compiled, so diagnostics can quote source lines. */
export interface SourceFiles {
  lineOf(file: string, line: number): string | undefined;
}

export class SourceMap implements SourceFiles {
  private readonly files = new Map<string, string[]>();
  add(file: string, text: string): void {
    this.files.set(file, text.split(/\r?\n/));
  }
  lineOf(file: string, line: number): string | undefined {
    return this.files.get(file)?.[line - 1];
  }
}

/** Collects diagnostics; stages keep going after an error where they can. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  /** Stop collecting after this many errors (each further one would be noise). */
  constructor(readonly errorLimit = 50) {}

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
  error(range: SourceRange | SourceLoc | null, message: string, notes: Diagnostic[] = []): void {
    if (this.errorCount >= this.errorLimit) throw new TooManyErrors();
    this.diagnostics.push({ severity: 'error', message, range: toRange(range), notes });
  }
  warning(range: SourceRange | SourceLoc | null, message: string, notes: Diagnostic[] = []): void {
    this.diagnostics.push({ severity: 'warning', message, range: toRange(range), notes });
  }
}

export function note(range: SourceRange | SourceLoc | null, message: string): Diagnostic {
  return { severity: 'note', message, range: toRange(range), notes: [] };
}

function toRange(r: SourceRange | SourceLoc | null): SourceRange | null {
  if (r === null) return null;
  return 'loc' in r ? r : { loc: r, length: 1 };
}

/** Thrown by the sink when the error limit is reached; the driver reports what was collected. */
export class TooManyErrors extends Error {
  constructor() {
    super('too many errors emitted, stopping now');
  }
}

/** A compile that produced errors. `diagnostics` holds all of them, warnings included. */
export class CompileError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly formatted: string,
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(errors.length > 0 ? formatted : 'compilation failed');
    this.name = 'CompileError';
  }
}

/** A bug in jitcc itself, reported with the source location being compiled when known. */
export class InternalCompilerError extends Error {
  constructor(
    message: string,
    readonly loc: SourceLoc | null = null,
    readonly causeStack?: string,
  ) {
    super(`${loc ? formatLoc(loc) + ': ' : ''}internal compiler error: ${message}`);
    this.name = 'InternalCompilerError';
  }
}

export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/**
 * Formats one diagnostic the way gcc and clang do:
 *
 *   foo.c:3:11: error: use of undeclared identifier 'cout'
 *       3 |   int x = cout;
 *         |           ^~~~
 */
export function formatDiagnostic(d: Diagnostic, sources: SourceFiles | null, color = false): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor = d.severity === 'error' ? '1;31' : d.severity === 'warning' ? '1;35' : '1;36';
  const out: string[] = [];
  const where = d.range ? paint('1', formatLoc(d.range.loc) + ':') + ' ' : 'jitcc: ';
  out.push(`${where}${paint(sevColor, d.severity + ':')} ${d.message}`);
  if (d.range && sources) {
    const { loc, length } = d.range;
    const text = sources.lineOf(loc.file, loc.line);
    if (text !== undefined) {
      const gutter = String(loc.line).padStart(5);
      out.push(`${gutter} | ${text}`);
      // Keep tabs in the padding so the caret lines up under tab-indented source.
      const pad = text.slice(0, loc.col - 1).replace(/[^\t]/g, ' ');
      const tilde = '~'.repeat(Math.max(0, Math.min(length, text.length - loc.col + 1) - 1));
      out.push(`${' '.repeat(gutter.length)} | ${pad}${paint('1;32', '^' + tilde)}`);
    }
  }
  const expanded = d.range?.loc.expandedFrom;
  if (expanded) {
    out.push(formatDiagnostic(note({ loc: expanded.loc, length: expanded.macro.length }, `expanded from macro '${expanded.macro}'`), sources, color));
  }
  for (const n of d.notes) out.push(formatDiagnostic(n, sources, color));
  return out.join('\n');
}

export function formatDiagnostics(ds: readonly Diagnostic[], sources: SourceFiles | null, color = false): string {
  return ds.map((d) => formatDiagnostic(d, sources, color)).join('\n');
}

/** For compiler bugs: conditions that hold for every input, valid or not. */
export function assert(cond: unknown, message = 'assertion failed'): asserts cond {
  if (!cond) throw new InternalCompilerError(message);
}

export function unreachable(x: never, what = 'value'): never {
  throw new InternalCompilerError(`unexpected ${what}: ${JSON.stringify(x)}`);
}
