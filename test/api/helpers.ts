// Shared by the API tests: which tests can run on this host, and gcc.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasGcc, testNeedingTools, testOnHost } from '../tools.js';


/** jitcc emits x86-64 code for the host: elsewhere these tests show as skipped. */
export const x64 = process.arch === 'x64' ? test : test.skip;
export const x64Serial = process.arch === 'x64' ? test.serial : test.skip;
export const gccAvailable = process.arch === 'x64' && hasGcc();
/** Tests needing gcc show as skipped, with the reason in their title, when it is absent (failed under CI). */
export const gccTest = process.arch !== 'x64' ? testOnHost(`host is ${process.arch}, not x64`) : testNeedingTools(['gcc']);

let dir: string | null = null;
export function scratchDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'jitcc-api-'));
  return dir;
}

/** `gcc -c <flags>` on C text; returns the object's bytes. */
export function gccObject(name: string, source: string, flags: readonly string[]): Uint8Array {
  const src = join(scratchDir(), `${name}.c`);
  const out = join(scratchDir(), `${name}.${flags.join('_').replace(/\W/g, '') || 'default'}.o`);
  writeFileSync(src, source);
  execFileSync('gcc', ['-c', ...flags, src, '-o', out]);
  return readFileSync(out);
}
