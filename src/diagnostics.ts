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
  /**
   * The gcc warning option that controls this diagnostic, without `-W`
   * (`unused-variable`); printed as `[-Wunused-variable]`, or as
   * `[-Werror=unused-variable]` when the warning was promoted to an error.
   */
  readonly flag?: string;
  /** Set when a warning became an error through `-Werror` / `-Werror=<flag>`. */
  readonly promoted?: boolean;
}

/**
 * Which warnings are reported and which become errors, as gcc's `-w`,
 * `-Wall`, `-Wextra`, `-W<flag>`, `-Wno-<flag>`, `-Werror`, `-Werror=<flag>`
 * decide it. Applied by the sink, so every stage just reports warnings with
 * their flag and the policy lives in one place.
 */
export interface WarningPolicy {
  /** `-w`: no warnings at all. */
  readonly suppressAll: boolean;
  /** `-Werror`: every reported warning is an error. */
  readonly allAreErrors: boolean;
  /** Flags switched on (`-Wall`, `-Wshadow` …), beyond those gcc enables by default. */
  readonly enabled: ReadonlySet<string>;
  /** Flags switched off (`-Wno-<flag>`); wins over `enabled`. */
  readonly disabled: ReadonlySet<string>;
  /** `-Werror=<flag>`: these warnings are errors (and enabled). */
  readonly errors: ReadonlySet<string>;
}

/** Warnings gcc reports without any -W option for C; all others need enabling (-Wreturn-type comes with -Wall). */
export const DEFAULT_ON_WARNINGS: ReadonlySet<string> = new Set([
  'div-by-zero', 'discarded-qualifiers', 'multichar', 'cpp', 'compare-distinct-pointer-types',
  'incompatible-pointer-types', 'int-conversion', 'implicit-function-declaration', 'overflow',
]);

/**
 * Warnings that are errors unless asked otherwise, as gcc 14 makes them:
 * calling an undeclared function is no longer C, and neither is an integer
 * used as a pointer or a pointer to an unrelated type. `-fpermissive`,
 * `-Wno-error=<flag>` or a C89 `-std=` turn them back into the warnings
 * older gcc gave, for old code.
 */
export const ERRORS_BY_DEFAULT: ReadonlySet<string> = new Set(['implicit-function-declaration', 'int-conversion', 'incompatible-pointer-types']);

/** What `-Wall` switches on (gcc's C set, of the warnings jitcc implements). */
export const WALL_WARNINGS: readonly string[] = ['unused-variable', 'return-type', 'unused-but-set-variable', 'unused-label'];
/** What `-Wextra` adds (for C, gcc puts -Wsign-compare here rather than in -Wall). */
export const WEXTRA_WARNINGS: readonly string[] = ['sign-compare'];

export const DEFAULT_WARNING_POLICY: WarningPolicy = {
  suppressAll: false, allAreErrors: false, enabled: new Set(), disabled: new Set(), errors: new Set(),
};

/**
 * Builds the policy from gcc's options in command-line order (later ones win):
 * `-w`, `-Wall`, `-Wextra`, `-W<flag>`, `-Wno-<flag>`, `-Werror`,
 * `-Wno-error`, `-Werror=<flag>`, `-Wno-error=<flag>`. Options jitcc has no
 * warning for are accepted and ignored, so existing build scripts work.
 */
export function warningPolicyFromOptions(options: readonly string[]): WarningPolicy {
  let suppressAll = false;
  let allAreErrors = false;
  const enabled = new Set<string>();
  const disabled = new Set<string>();
  const errors = new Set<string>(ERRORS_BY_DEFAULT);
  const enable = (flag: string) => { enabled.add(flag); disabled.delete(flag); };
  for (const o of options) {
    if (o === '-w') suppressAll = true;
    else if (o === '-fpermissive') ERRORS_BY_DEFAULT.forEach((f) => errors.delete(f));
    else if (o === '-Werror') allAreErrors = true;
    else if (o === '-Wno-error') allAreErrors = false;
    else if (o === '-Wall') WALL_WARNINGS.forEach(enable);
    else if (o === '-Wextra' || o === '-W') WEXTRA_WARNINGS.forEach(enable);
    else if (o.startsWith('-Werror=')) { const f = o.slice(8); errors.add(f); enable(f); }
    else if (o.startsWith('-Wno-error=')) errors.delete(o.slice(11));
    else if (o.startsWith('-Wno-')) { const f = o.slice(5); disabled.add(f); enabled.delete(f); }
    else if (o.startsWith('-W')) enable(o.slice(2));
  }
  return { suppressAll, allAreErrors, enabled, disabled, errors };
}

/** True when a warning with this flag (or none) would be reported under `policy`. */
export function isWarningEnabled(policy: WarningPolicy, flag: string | undefined): boolean {
  if (policy.suppressAll) return false;
  if (flag === undefined) return true;
  if (policy.disabled.has(flag)) return false;
  return DEFAULT_ON_WARNINGS.has(flag) || policy.enabled.has(flag) || policy.errors.has(flag);
}

/** The texts of the files being compiled, so diagnostics can quote source lines. */
export interface SourceFiles {
  lineOf(file: string, line: number): string | undefined;
}

export class SourceMap implements SourceFiles {
  /** Each file's text, split into lines only when a diagnostic quotes it (most builds quote none). */
  private readonly files = new Map<string, string | string[]>();
  add(file: string, text: string): void {
    this.files.set(file, text);
  }
  lineOf(file: string, line: number): string | undefined {
    let lines = this.files.get(file);
    if (typeof lines === 'string') {
      lines = lines.split(/\r?\n/);
      this.files.set(file, lines);
    }
    return lines?.[line - 1];
  }
}

/** Collects diagnostics; stages keep going after an error where they can. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  /** Stop collecting after this many errors (each further one would be noise). */
  constructor(
    readonly errorLimit = 50,
    /** null: report every warning a stage emits, errors-by-default as errors (unit tests); the driver and library pass gcc's policy. */
    readonly warningPolicy: WarningPolicy | null = null,
  ) {}

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
  error(range: SourceRange | SourceLoc | null, message: string, notes: Diagnostic[] = [], flag?: string): void {
    if (this.errorCount >= this.errorLimit) throw new TooManyErrors();
    this.diagnostics.push({ severity: 'error', message, range: toRange(range), notes, ...(flag ? { flag } : {}) });
  }
  /** Reports a warning controlled by `-W<flag>`; the policy may drop it or make it an error. */
  warning(range: SourceRange | SourceLoc | null, message: string, notes: Diagnostic[] = [], flag?: string): void {
    const policy = this.warningPolicy;
    if (policy && !isWarningEnabled(policy, flag)) return;
    // Without a policy every warning is reported, and gcc's errors-by-default are still errors.
    const isError = policy ? policy.allAreErrors || (flag !== undefined && policy.errors.has(flag)) : flag !== undefined && ERRORS_BY_DEFAULT.has(flag);
    if (isError) {
      if (this.errorCount >= this.errorLimit) throw new TooManyErrors();
      // An error by default reads as gcc prints it: `[-Wimplicit-function-declaration]`, not `[-Werror=…]`.
      const promoted = (policy?.allAreErrors ?? false) || flag === undefined || !ERRORS_BY_DEFAULT.has(flag);
      this.diagnostics.push({ severity: 'error', message, range: toRange(range), notes, ...(flag ? { flag } : {}), promoted });
      return;
    }
    this.diagnostics.push({ severity: 'warning', message, range: toRange(range), notes, ...(flag ? { flag } : {}) });
  }
  /** Whether a warning with this flag would be reported, for checks too costly to run for nothing. */
  wants(flag: string): boolean {
    return this.warningPolicy === null ? DEFAULT_ON_WARNINGS.has(flag) : isWarningEnabled(this.warningPolicy, flag);
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
  /** The message without the location prefix. */
  readonly detail: string;
  constructor(
    message: string,
    readonly loc: SourceLoc | null = null,
    readonly causeStack?: string,
    /** The file being compiled, when no finer location is known. */
    readonly file?: string,
  ) {
    super(`${loc ? formatLoc(loc) + ': ' : file ? file + ': ' : ''}internal compiler error: ${message}`);
    this.name = 'InternalCompilerError';
    this.detail = message;
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
  const option = d.flag === undefined ? '' : d.promoted ? ` [${paint(sevColor, '-Werror=' + d.flag)}]` : ` [${paint(sevColor, '-W' + d.flag)}]`;
  out.push(`${where}${paint(sevColor, d.severity + ':')} ${d.message}${option}`);
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
  // The location is where the token was spelled (in the macro definition, as
  // gcc reports it); then the macro use that expanded it, in gcc's wording.
  // That note's own location recurses outwards through nested expansions
  // (the chain is bounded by the preprocessor).
  const expanded = d.range?.loc.expandedFrom;
  if (expanded) {
    out.push(formatDiagnostic(note({ loc: expanded.loc, length: expanded.macro.length }, `in expansion of macro '${expanded.macro}'`), sources, color));
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

/** Levenshtein distance between two names. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** The known name closest to a misspelt one, for "did you mean" hints; null when none is close. */
export function closestName(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}
