// Reading gcc-built objects: for each C (or assembler) file in gcc/ and each set of gcc
// flags, the ObjectFile readElf returns has the sections, symbols and
// relocations `readelf -S -s -r -W` reports (parsed here, compared as
// text lines); and writing that ObjectFile back gives an object that
// objdump disassembles and dumps exactly as gcc's, and that links into a
// program behaving exactly like the one linked from gcc's object.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from '../../../src/link/elf/read.js';
import { writeElf } from '../../../src/link/elf/write.js';
import { modelRelocs, modelSections, modelSymbols, readelfRelocs, readelfSections, readelfSymbols } from './readelf-lines.js';
import { isX64Linux, run, runOk, scratchDir, testWithTools } from './tools.js';

const sourceDir = join(dirname(fileURLToPath(import.meta.url)), 'gcc');
const FLAG_SETS = [
  ['-O0'],
  ['-O2'],
  ['-O2', '-fPIC'],
  ['-O2', '-ffunction-sections', '-fdata-sections'],
  ['-O0', '-fcommon'],
  ['-O1', '-g'],
];
const dir = scratchDir('read-gcc');

for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.c') || f.endsWith('.s')).sort()) {
  // Optimisation flags mean nothing to the assembler: one run for a .s file.
  for (const flags of file.endsWith('.s') ? [[]] : FLAG_SETS) {
    const label = `${file} ${flags.join(' ')}`.trimEnd();
    const obj = join(dir, `${file.replace(/\.[cs]$/, '')}${flags.join('')}.o`);

    testWithTools(['gcc', 'readelf'], `reads gcc -c ${label} as readelf does`, (t) => {
      runOk('gcc', ['-c', ...flags, join(sourceDir, file), '-o', obj]);
      const model = readElf(readFileSync(obj), obj);
      t.deepEqual(modelSections(model), readelfSections(runOk('readelf', ['-S', '-W', obj])));
      t.true(model.symbols.length > 2 && model.sections.some((s) => s.relocs.length > 0), 'the object is not trivially empty');
      const sectionTable = runOk('readelf', ['-S', '-W', obj]);
      t.deepEqual(modelSymbols(model), readelfSymbols(runOk('readelf', ['-s', '-W', obj]), sectionTable));
      t.deepEqual(modelRelocs(model), readelfRelocs(runOk('readelf', ['-r', '-W', obj])));
    });

    if (!isX64Linux) continue;
    testWithTools(['gcc', 'readelf', 'objdump'], `rewrites gcc -c ${label} into an object that links and runs the same`, (t) => {
      const original = join(dir, `orig-${basename(obj)}`);
      runOk('gcc', ['-c', ...flags, join(sourceDir, file), '-o', original]);
      const rewritten = join(dir, `rw-${basename(obj)}`);
      writeFileSync(rewritten, writeElf(readElf(readFileSync(original), original)));
      const results = [original, rewritten].map((o) => {
        const exe = `${o}.exe`;
        const link = run('gcc', [o, '-o', exe]);
        t.is(link.status, 0, link.stderr);
        t.is(link.stderr, '', 'linking prints no warnings');
        const r = run(exe, []);
        return { status: r.status, stdout: r.stdout };
      });
      t.deepEqual(results[1], results[0]);
      const check = run('readelf', ['-a', '-W', rewritten]);
      t.is(check.stderr, '');
      // Same code, same relocations on the same instructions, same section contents.
      // (The first two lines name the file; groups, dropped by the writer, have contents.)
      const view = (o: string, how: string) => runOk('objdump', [how, o]).split('\n').slice(2).join('\n').replace(/Contents of section \.group:\n( [0-9a-f]{4} .*\n)+/g, '');
      t.is(view(rewritten, '-dr'), view(original, '-dr'));
      t.is(view(rewritten, '-s'), view(original, '-s'));
    });
  }
}
