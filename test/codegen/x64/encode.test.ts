// Encoder table tests: for every case in encode-cases.ts, our printer gives
// the listed text and our encoder gives the bytes GNU as produced for that
// text (fixtures/encode.expected: `text<TAB>hex` per line). When `as` is
// present the test also reassembles the text now, so the table cannot rot;
// UPDATE=1 rewrites the expected file from `as`.

import test from 'ava';
import { testNeedingTools } from '../../tools.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeBuffer } from '../../../src/codegen/core/code-buffer.js';
import { encodeInst, patchX64 } from '../../../src/codegen/x64/encode.js';
import type { X64Fixup } from '../../../src/codegen/x64/encode.js';
import type { X64Inst } from '../../../src/codegen/x64/inst.js';
import { printInst } from '../../../src/codegen/x64/print.js';
import { ENCODE_CASES } from './encode-cases.js';

const expectedPath = fileURLToPath(new URL('./fixtures/encode.expected', import.meta.url));
const hasAs = spawnSync('as', ['--version'], { stdio: 'ignore' }).status === 0;
const hasObjcopy = spawnSync('objcopy', ['--version'], { stdio: 'ignore' }).status === 0;

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function encode(i: X64Inst): string {
  const buf = new CodeBuffer<X64Fixup>(patchX64);
  encodeInst(buf, i);
  return hex(buf.finish().bytes);
}

const text = (i: X64Inst): string => printInst(i, (l) => `.L${l}`);

/** Assembles each line on its own with GNU as and returns the .text bytes. */
function assembleEach(lines: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-enc-'));
  return lines.map((line, n) => {
    const src = join(dir, `c${n}.s`);
    const obj = join(dir, `c${n}.o`);
    const bin = join(dir, `c${n}.bin`);
    writeFileSync(src, `\t.intel_syntax prefix\n\t${line}\n`);
    execFileSync('as', ['--64', src, '-o', obj]);
    execFileSync('objcopy', ['-O', 'binary', '--only-section=.text', obj, bin]);
    return hex(readFileSync(bin));
  });
}

const texts = ENCODE_CASES.map(text);
if (process.env.UPDATE && hasAs && hasObjcopy) {
  const hexes = assembleEach(texts);
  writeFileSync(expectedPath, texts.map((t, n) => `${t}\t${hexes[n]}`).join('\n') + '\n');
}
const expected = readFileSync(expectedPath, 'utf8').trimEnd().split('\n').map((l) => l.split('\t') as [string, string]);

test('the expected table lists every case in order', (t) => {
  t.deepEqual(expected.map(([txt]) => txt), texts);
});

ENCODE_CASES.forEach((i, n) => {
  test(`encode ${texts[n]}`, (t) => {
    t.is(encode(i), expected[n]?.[1]);
  });
});

testNeedingTools(['as', 'objcopy'])('GNU as still agrees with the table', (t) => {
  t.deepEqual(assembleEach(texts), expected.map(([, h]) => h));
});
