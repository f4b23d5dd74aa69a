// Whole programs: each programs/*.c is compiled by jitcc to an ELF object
// (at -O0 and -O2), linked by gcc with libc, run, and its output compared
// with programs/*.expected (which is what gcc-compiled code prints). Linked
// with -lm, as `cc prog.c -lm` would be, so programs may call libm.
// Needs gcc and an x86-64 host; skipped with a visible reason otherwise.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAssembly, compileToObject } from '../../src/index.js';
import { hostCpuFeatures } from '../../src/loader/host-cpu.js';
import { testNeedingTools, testOnHost } from '../tools.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'programs');

const programTest = process.arch !== 'x64' || process.platform !== 'linux'
  ? testOnHost(`host is ${process.platform}/${process.arch}, not linux/x64`)
  : testNeedingTools(['gcc']);
const work = mkdtempSync(join(tmpdir(), 'jitcc-programs-'));

for (const name of readdirSync(dir).filter((f) => f.endsWith('.c')).sort()) {
  for (const optimize of [0, 2] as const) {
    const title = `${name} -O${optimize}`;
    programTest(title, (t) => {
      const source = readFileSync(join(dir, name), 'utf8');
      const obj = join(work, `${name}.O${optimize}.o`);
      const exe = join(work, `${name}.O${optimize}`);
      writeFileSync(obj, compileToObject(source, { file: name, optimize }));
      execFileSync('gcc', ['-o', exe, obj, '-lm']);
      const out = execFileSync(exe, { encoding: 'utf8', timeout: 10_000 });
      t.is(out, readFileSync(join(dir, name.replace(/\.c$/, '.expected')), 'utf8'));
    });
  }
}

// Programs whose -O2 code differs with SSE4.1 (roundsd for floor/ceil/trunc/round): once more with the
// extension on, when this CPU has it (the program runs here); the output must not change.
const sse41Test = process.arch === 'x64' && process.platform === 'linux' && !hostCpuFeatures().includes('sse4.1')
  ? testOnHost('this CPU has no SSE4.1')
  : programTest;
for (const name of ['math-builtins.c']) {
  sse41Test(`${name} -O2 -msse4.1`, (t) => {
    const source = readFileSync(join(dir, name), 'utf8');
    const asm = buildAssembly(source, { file: name, optimize: 2, cpuFeatures: ['sse4.1'] }).output;
    t.regex(asm, /\troundsd /, 'floor/ceil/trunc/round use roundsd');
    t.regex(asm, /\tsqrtsd /, 'sqrt uses sqrtsd');
    const obj = join(work, `${name}.sse41.o`);
    const exe = join(work, `${name}.sse41`);
    writeFileSync(obj, compileToObject(source, { file: name, optimize: 2, cpuFeatures: ['sse4.1'] }));
    execFileSync('gcc', ['-o', exe, obj, '-lm']);
    t.is(execFileSync(exe, { encoding: 'utf8', timeout: 10_000 }), readFileSync(join(dir, name.replace(/\.c$/, '.expected')), 'utf8'));
  });
}
