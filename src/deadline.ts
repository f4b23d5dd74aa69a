// Stopping a compile that runs too long or is no longer wanted: the
// `timeoutMs` and `signal` options. A build installs a `Deadline` for its
// duration (`withDeadline`); the stages call `checkDeadline()` at
// checkpoints — every few thousand preprocessed tokens, each statement sema
// checks, each function the lowering, every pass and the backend handle —
// which throws a TimeoutError or AbortError once the time is up or the
// signal fired. The exception
// unwinds the build: nothing is mapped before the build ends, so there is
// nothing to free but garbage.
//
// A checkpoint reads the clock (tens of nanoseconds), so hot loops call it
// every few thousand iterations rather than every time.
// Importable by every stage, like diagnostics.ts (test/layout.test.ts).

/** What `withDeadline` watches. */
export interface DeadlineSpec {
  /** Milliseconds from the start of the build. */
  readonly timeoutMs?: number;
  /** Stops the build once aborted. */
  readonly signal?: AbortSignal;
  /** A shared flag another thread sets to a non-zero value to stop the build (compileAsync's worker). */
  readonly flag?: Int32Array;
  /** An absolute stop time (Date.now() scale), for a build whose clock started on another thread. */
  readonly until?: number;
}

/**
 * Thrown when a build is stopped by its `signal`, like Node's own AbortError
 * (name 'AbortError', code 'ABORT_ERR'); `cause` is the signal's reason.
 */
export class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  constructor(message = 'the compile was aborted', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortError';
  }
}

/** Thrown when a build runs longer than its `timeoutMs` (name 'TimeoutError'). */
export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

export function stopError(kind: 'timeout' | 'abort', detail: string, cause?: unknown): AbortError | TimeoutError {
  return kind === 'timeout' ? new TimeoutError(detail) : new AbortError(detail, cause === undefined ? undefined : { cause });
}

class Deadline {
  constructor(private readonly until: number, private readonly timeoutMs: number | undefined, private readonly spec: DeadlineSpec) {}

  check(): void {
    const { signal, flag } = this.spec;
    if (signal?.aborted) throw stopError('abort', 'the compile was aborted', signal.reason);
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) throw stopError('abort', 'the compile was aborted');
    if (Date.now() >= this.until) {
      throw stopError('timeout', this.timeoutMs !== undefined ? `the compile took more than ${this.timeoutMs} ms (timeoutMs)` : 'the compile ran out of time (timeoutMs)');
    }
  }
}

/** Is `e` what a checkpoint throws? */
export function isStopError(e: unknown): e is AbortError | TimeoutError {
  return e instanceof AbortError || e instanceof TimeoutError;
}

let current: Deadline | null = null;

/** A checkpoint: throws a TimeoutError / AbortError once the running build must stop. */
export function checkDeadline(): void {
  if (current !== null) current.check();
}

/**
 * Runs `work` under the deadline `spec` describes (no deadline when it
 * names none). Inside another `withDeadline` the outer deadline rules: a
 * module of several translation units has one time budget, not one each.
 */
export function withDeadline<T>(spec: DeadlineSpec, work: () => T): T {
  const hasAny = spec.timeoutMs !== undefined || spec.signal !== undefined || spec.flag !== undefined || spec.until !== undefined;
  if (!hasAny || current !== null) return work();
  const limits = [spec.until ?? Infinity, spec.timeoutMs !== undefined ? Date.now() + spec.timeoutMs : Infinity];
  const outer = current;
  current = new Deadline(Math.min(...limits), spec.timeoutMs, spec);
  try {
    current.check();
    return work();
  } finally {
    current = outer;
  }
}
