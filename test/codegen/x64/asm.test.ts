// Precise-output tests of the x64 backend: for each fixtures/asm/NAME.ir,
// the machine IR with its register allocation (NAME.mir) and the final assembly
// (NAME.s) must match exactly — every change to selection, allocation or
// layout shows up as a reviewable diff. `UPDATE=1` rewrites the goldens; a missing one fails.
// When `as` is present the assembly must also assemble.

import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printFunctionMir, x64Target } from '../../../src/codegen/x64/target.js';
import { parseIr } from '../../../src/ir/parse.js';
import { checkGolden } from '../../tools.js';

const dir = fileURLToPath(new URL('./fixtures/asm/', import.meta.url));
const hasAs = spawnSync('as', ['--version'], { stdio: 'ignore' }).status === 0;


for (const file of readdirSync(dir).filter((f) => f.endsWith('.ir')).sort()) {
  const name = file.slice(0, -3);
  const load = (): ReturnType<typeof parseIr> => parseIr(readFileSync(join(dir, file), 'utf8'), file);

  test(`mir ${name}`, (t) => {
    const m = load();
    const mir = m.functions.map((fn) => printFunctionMir(fn, m)).join('\n');
    checkGolden(t, join(dir, `${name}.mir`), mir);
  });

  test(`asm ${name}`, (t) => {
    const asm = x64Target.printAssembly(load(), { optLevel: 2 });
    checkGolden(t, join(dir, `${name}.s`), asm);
    if (hasAs) {
      const work = mkdtempSync(join(tmpdir(), 'jitcc-asm-'));
      writeFileSync(join(work, 'a.s'), asm);
      t.notThrows(() => execFileSync('as', [join(work, 'a.s'), '-o', join(work, 'a.o')], { stdio: 'pipe' }));
    }
  });
}
