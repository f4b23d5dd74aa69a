// Runs one generated program (progen.ts) with gcc -O0 as the reference and
// with jitcc at -O0 and -O2 (jitcc's object, linked by gcc), and compares
// what they print. Shared by progen.test.ts and scripts/progen.ts.

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileToObject } from '../../src/index.js';
import { generateProgram } from './progen.js';

export interface ProgramResult {
  readonly seed: number;
  /** null when every build printed what gcc's did; else what went wrong, first lines of the difference. */
  readonly problem: string | null;
}

function run(exe: string): { out: string; status: number | null } {
  const r = spawnSync(exe, [], { encoding: 'latin1', timeout: 20_000 });
  return { out: r.stdout, status: r.status };
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n'), y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: gcc '${x[i] ?? '(end)'}', jitcc '${y[i] ?? '(end)'}'`;
  }
  return 'same text';
}

export function checkProgram(seed: number, work: string): ProgramResult {
  const src = join(work, `p${seed}.c`);
  writeFileSync(src, generateProgram(seed));
  const ref = join(work, `p${seed}.gcc`);
  try {
    execFileSync('gcc', ['-w', '-std=gnu11', '-O0', src, '-o', ref, '-lm'], { stdio: 'pipe' });
  } catch (e) {
    // The generator's own bug: its programs must be valid C.
    return { seed, problem: `gcc rejects the program: ${String((e as { stderr?: Buffer }).stderr ?? e).split('\n')[0]}` };
  }
  const expected = run(ref);
  if (expected.status !== 0) return { seed, problem: `gcc's build exits with ${expected.status}` };
  for (const optimize of [0, 2]) {
    const obj = join(work, `p${seed}.O${optimize}.o`);
    const exe = join(work, `p${seed}.O${optimize}`);
    try {
      writeFileSync(obj, compileToObject(generateProgram(seed), { file: src, optimize, warnings: ['-w'], cache: false }));
      execFileSync('gcc', [obj, '-o', exe, '-lm'], { stdio: 'pipe' });
    } catch (e) {
      return { seed, problem: `jitcc -O${optimize} cannot build it: ${(e as Error).message.split('\n')[0]}` };
    }
    const got = run(exe);
    if (got.status !== 0 || got.out !== expected.out) {
      return { seed, problem: `jitcc -O${optimize} differs (exit ${got.status}): ${firstDifference(expected.out, got.out)}` };
    }
  }
  return { seed, problem: null };
}
