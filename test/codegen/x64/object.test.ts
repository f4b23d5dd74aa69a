// Our object files against GNU as: for every IR fixture, the `.text` of
// compileModule + writeElf and of printAssembly + `as` must disassemble to
// the same bytes, instructions and relocations (`objdump -dr`), padding
// included. Skips without as/objdump.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testNeedingTools } from '../../tools.js';
import { x64Target } from '../../../src/codegen/x64/target.js';
import { parseIr } from '../../../src/ir/parse.js';
import { writeElf } from '../../../src/link/elf/write.js';

const dirs = ['./fixtures/run/', './fixtures/asm/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const objectTest = testNeedingTools(['as', 'objdump']);
const work = mkdtempSync(join(tmpdir(), 'jitcc-obj-'));

function disassemble(obj: string): string[] {
  const text = execFileSync('objdump', ['-dr', '-M', 'intel', '--section=.text', obj], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return text.split('\n').slice(3).filter((l) => l.trim() !== '').map((l) => l.replace(/\s+/g, ' ').trim());
}

for (const dir of dirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ir')).sort()) {
    objectTest(`object of ${file} equals what as makes of our assembly`, (t) => {
      const name = file.slice(0, -3);
      const m = (): ReturnType<typeof parseIr> => parseIr(readFileSync(join(dir, file), 'utf8'), file);
      const ours = join(work, `${name}.o`);
      const theirs = join(work, `${name}-as.o`);
      writeFileSync(ours, writeElf(x64Target.compileModule(m(), { optLevel: 2 })));
      writeFileSync(join(work, `${name}.s`), x64Target.printAssembly(m(), { optLevel: 2 }));
      execFileSync('as', [join(work, `${name}.s`), '-o', theirs]);
      t.deepEqual(disassemble(ours), disassemble(theirs));
    });
  }
}
