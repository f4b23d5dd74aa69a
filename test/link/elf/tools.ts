// Helpers for tests that check our objects with the system's binutils and
// gcc: is a tool installed, run it, a scratch directory per test file.

import type { ExecutionContext } from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNeedingTools } from '../../tools.js';

const known = new Map<string, boolean>();

export function hasTool(name: string): boolean {
  let ok = known.get(name);
  if (ok === undefined) {
    ok = spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
    known.set(name, ok);
  }
  return ok;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], cwd?: string): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runOk(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { encoding: 'utf8', cwd });
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `jitcc-${prefix}-`));
}

/** True when binaries built here can run here (the gcc link tests need x86-64 Linux). */
export const isX64Linux = process.platform === 'linux' && process.arch === 'x64';

/**
 * Registers a test that needs external tools; when one is missing the test
 * is registered as skipped, with the reason in its title so the run shows
 * it — or failed under CI (test/tools.ts).
 */
export function testWithTools(tools: readonly string[], title: string, fn: (t: ExecutionContext) => void | Promise<void>): void {
  testNeedingTools(tools)(title, fn);
}
