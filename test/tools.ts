// Which host tools the tests can use, and how a test that cannot run shows
// up (STYLE §8): skipped with its reason in the title, never passed — and,
// when `CI` is set, failed, because CI installs every tool the suite needs.
import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** True when `cmd --version` runs. */
export function hasTool(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function hasGcc(): boolean {
  return hasTool('gcc');
}

export const isCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== '0' && process.env.CI !== 'false';

type Body = (t: ExecutionContext) => void | Promise<void>;
type Register = (title: string, fn: Body) => void;

/**
 * The way to register a test that needs something the host may lack
 * (`missing` says what, or is null when everything is there): an ordinary
 * test; else a skipped one titled "(skipped: <missing>)"; under CI a
 * failing one, since CI is meant to have every tool.
 */
export function testNeeding(missing: string | null, opts: { readonly serial?: boolean } = {}): Register {
  const run = opts.serial ? test.serial : test;
  if (missing === null) return (title, fn) => run(title, fn);
  if (isCi) return (title) => run(title, (t) => t.fail(`cannot run under CI: ${missing}`));
  return (title, fn) => run.skip(`${title} (skipped: ${missing})`, fn);
}

/** `testNeeding` for a list of commands that must run with `--version`. */
export function testNeedingTools(tools: readonly string[], opts: { readonly serial?: boolean } = {}): Register {
  const missing = tools.filter((tool) => !hasTool(tool));
  return testNeeding(missing.length === 0 ? null : `${missing.join(', ')} not installed`, opts);
}

/**
 * A test that only makes sense on some hosts (machine code for x86-64,
 * binaries linked for Linux): skipped with the reason elsewhere, also under
 * CI — a foreign host is not a missing tool.
 */
export function testOnHost(unsupported: string | null): Register {
  if (unsupported === null) return (title, fn) => test(title, fn);
  return (title, fn) => test.skip(`${title} (skipped: ${unsupported})`, fn);
}

/**
 * Compares `actual` with the golden file at `path`. `UPDATE=1` (re)writes it
 * — review the diff; without it a missing golden is a failure, never a
 * silent write.
 */
export function checkGolden(t: ExecutionContext, path: string, actual: string, encoding: BufferEncoding = 'utf8'): void {
  if (process.env.UPDATE === '1') writeFileSync(path, actual, encoding);
  if (!existsSync(path)) {
    t.fail(`golden file ${path} is missing: run with UPDATE=1 and review it`);
    return;
  }
  t.is(actual, readFileSync(path, encoding));
}
