// Whole-function tests: IR fixture → x64 object → linked with a C driver by
// gcc → run → stdout compared with the expected output.
//
// Each fixture is `fixtures/run/NAME.ir` (the code under test), `NAME.c` (a
// main that calls it and checks results, usually against the same
// computation in C) and `NAME.out` (expected stdout). Every fixture runs
// twice: through compileModule + writeElf, and through printAssembly + `as`,
// so the encoder and the printer are both checked against the hardware.
// Without gcc/as (or on a non-x86-64 host) the tests skip with a reason.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testNeedingTools, testOnHost } from '../../tools.js';
import { x64Target } from '../../../src/codegen/x64/target.js';
import { parseIr } from '../../../src/ir/parse.js';
import { writeElf } from '../../../src/link/elf/write.js';

const dir = fileURLToPath(new URL('./fixtures/run/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'jitcc-x64-run-'));

const runTest = process.arch !== 'x64' ? testOnHost(`host is ${process.arch}, not x64`) : testNeedingTools(['gcc', 'as']);

function linkAndRun(name: string, objPath: string): string {
  const exe = join(work, `${name}.${objPath.endsWith('-as.o') ? 'as' : 'obj'}.exe`);
  execFileSync('gcc', ['-o', exe, join(dir, `${name}.c`), objPath, '-lm', '-lpthread'], { stdio: 'pipe' });
  const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 20000 });
  return run.stdout + (run.status === 0 ? '' : `[exit ${run.status ?? run.signal}]\n`);
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.ir')).sort()) {
  const name = file.slice(0, -3);
  const expected = readFileSync(join(dir, `${name}.out`), 'utf8');
  const module = (): ReturnType<typeof parseIr> => parseIr(readFileSync(join(dir, file), 'utf8'), file);
  const title = (how: string): string => `run ${name} via ${how}`;

  runTest(title('compileModule + writeElf'), (t) => {
    const obj = join(work, `${name}.o`);
    writeFileSync(obj, writeElf(x64Target.compileModule(module(), { optLevel: 2 })));
    t.is(linkAndRun(name, obj), expected);
  });

  runTest(title('printAssembly + as'), (t) => {
    const asm = join(work, `${name}.s`);
    const obj = join(work, `${name}-as.o`);
    writeFileSync(asm, x64Target.printAssembly(module(), { optLevel: 2 }));
    execFileSync('as', [asm, '-o', obj], { stdio: 'pipe' });
    t.is(linkAndRun(name, obj), expected);
  });
}
