// -g: DWARF line tables and function entries, checked with binutils.
// A program compiled by `jitcc -g` and linked by gcc must map its code back
// to the right source lines (readelf's decoded line table, addr2line), and
// the LEB128 encoders must match the DWARF spec's examples.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ByteSink } from '../../src/link/elf/byte-sink.js';
import { testNeedingTools, testOnHost } from '../tools.js';

test('LEB128 encodings are those of DWARF 4 §7.6, figures 22 and 23', (t) => {
  const enc = (f: (s: ByteSink) => void) => {
    const s = new ByteSink();
    f(s);
    return [...s.finish()];
  };
  t.deepEqual(enc((s) => s.uleb(2)), [2]);
  t.deepEqual(enc((s) => s.uleb(127)), [127]);
  t.deepEqual(enc((s) => s.uleb(128)), [0x80, 1]);
  t.deepEqual(enc((s) => s.uleb(12857)), [0x80 + 57, 100]);
  t.deepEqual(enc((s) => s.sleb(-2)), [0x7e]);
  t.deepEqual(enc((s) => s.sleb(127)), [0xff, 0]);
  t.deepEqual(enc((s) => s.sleb(-127)), [0x81, 0x7f]);
  t.deepEqual(enc((s) => s.sleb(-128)), [0x80, 0x7f]);
  t.deepEqual(enc((s) => s.sleb(129)), [0x81, 1]);
});

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const withTools = process.arch === 'x64' ? testNeedingTools(['gcc', 'readelf', 'addr2line']) : testOnHost(`host is ${process.arch}, not x64`);

const PROGRAM = `#include <stdio.h>

static int square(int x) {
  int y = x * x;
  return y;
}

int main(int argc, char **argv) {
  int s = 0;
  for (int i = 0; i < argc + 3; i++) /* a trip count -O2 cannot know, so the loop is not unrolled away */
    s += square(i);
  printf("%d\\n", s);
  return 0;
}
`;

withTools('jitcc -g: functions and statements map back to their lines (readelf, addr2line)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-dwarf-'));
  writeFileSync(join(dir, 'p.c'), PROGRAM);
  for (const level of ['-O0', '-O2']) {
    execFileSync(process.execPath, [jitcc, '-g', level, 'p.c', '-o', 'p'], { cwd: dir });
    t.is(execFileSync(join(dir, 'p'), { encoding: 'utf8' }), '14\n');
    const table = execFileSync('readelf', ['--debug-dump=decodedline', 'p'], { cwd: dir, encoding: 'utf8' });
    const lines = new Set([...table.matchAll(/^p\.c\s+(\d+)\s+0x[0-9a-f]+/gm)].map((m) => Number(m[1])));
    // Every statement line of main has code; at -O2 `int s = 0` becomes a register constant and square is inlined.
    for (const line of level === '-O0' ? [3, 4, 5, 8, 9, 10, 11, 12, 13] : [4, 10, 11, 12, 13]) t.true(lines.has(line), `${level}: line ${line} in the line table:\n${table}`);
    const main = execFileSync('nm', ['p'], { cwd: dir, encoding: 'utf8' }).match(/^([0-9a-f]+) T main$/m)![1]!;
    const where = execFileSync('addr2line', ['-f', '-e', 'p', main], { cwd: dir, encoding: 'utf8' });
    t.is(where, `main\n${join(dir, 'p.c')}:8\n`, level);
    const info = execFileSync('readelf', ['--debug-dump=info', 'p'], { cwd: dir, encoding: 'utf8' });
    t.regex(info, /DW_AT_producer\s*: jitcc/);
    t.regex(info, /DW_AT_name\s*: main/);
  }
});

withTools('without -g the object has no debug sections', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-dwarf-'));
  writeFileSync(join(dir, 'p.c'), PROGRAM);
  execFileSync(process.execPath, [jitcc, '-c', 'p.c', '-o', 'p.o'], { cwd: dir });
  t.notRegex(execFileSync('readelf', ['-S', 'p.o'], { cwd: dir, encoding: 'utf8' }), /\.debug_/);
});
