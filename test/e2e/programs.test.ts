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
import { compileToObject } from '../../src/index.js';
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
