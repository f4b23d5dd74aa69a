// Types across the System V AMD64 calling convention (psABI §3.2.3), each
// pair of files (caller.c, callee.c) compiled once by gcc and once by jitcc
// (-O0 and -O2), and each jitcc half linked against the other compiler's
// half, so both directions must agree with gcc:
//  - vector-abi/: every GNU vector class — 4-byte INTEGER, 8-byte SSE,
//    16-byte SSE+SSEUP in one whole xmm register, 32-byte MEMORY, vectors
//    in structs, on the stack past xmm7, through `...` and va_arg, and in
//    callbacks;
//  - int128-abi/: __int128 in register pairs, on the stack 16-aligned (and
//    the registers it skips still used), in structs, through `...`,
//    returned in rax:rdx, in callbacks.
// Needs gcc on linux/x64.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileToObject } from '../../src/index.js';
import { testNeedingTools, testOnHost } from '../tools.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const PAIRS = ['vector-abi', 'int128-abi'] as const;
const abiTest = process.arch !== 'x64' || process.platform !== 'linux'
  ? testOnHost(`host is ${process.platform}/${process.arch}, not linux/x64`)
  : testNeedingTools(['gcc']);
const work = mkdtempSync(join(tmpdir(), 'jitcc-vector-abi-'));

function gccObject(pair: string, name: string): string {
  const out = join(work, `${pair}.${name}.gcc.o`);
  execFileSync('gcc', ['-O2', '-Wno-psabi', '-c', join(here, pair, `${name}.c`), '-o', out]);
  return out;
}

function jitccObject(pair: string, name: string, optimize: 0 | 2): string {
  const dir = join(here, pair);
  const out = join(work, `${pair}.${name}.jitcc.O${optimize}.o`);
  writeFileSync(out, compileToObject(readFileSync(join(dir, `${name}.c`), 'utf8'), { file: join(dir, `${name}.c`), optimize, includePaths: [dir] }));
  return out;
}

function run(objects: string[], exe: string): string {
  execFileSync('gcc', ['-o', join(work, exe), ...objects]);
  return execFileSync(join(work, exe), { encoding: 'utf8', timeout: 10_000 });
}

for (const pair of PAIRS) {
  for (const optimize of [0, 2] as const) {
    for (const side of ['callee', 'caller'] as const) {
      const title = `${pair}: jitcc ${side} -O${optimize} with a gcc ${side === 'callee' ? 'caller' : 'callee'}`;
      abiTest(title, (t) => {
        const other = side === 'callee' ? 'caller' : 'callee';
        const out = run([jitccObject(pair, side, optimize), gccObject(pair, other)], `${pair}.${side}.O${optimize}`);
        t.is(out, readFileSync(join(here, pair, 'expected.txt'), 'utf8'));
      });
    }
  }
}
