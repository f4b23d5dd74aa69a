// The inline assembler against GNU as: every case in assemble-cases.ts
// assembles to the bytes as produced (fixtures/assemble.expected, `text<TAB>hex`
// per line); when `as` is present the table is re-checked against it now.
// Also: unknown mnemonics and bad operands are diagnostics at the asm.

import test from 'ava';
import { testNeedingTools } from '../../../tools.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleBlock } from '../../../../src/codegen/x64/asm/assemble.js';
import { CompileError } from '../../../../src/diagnostics.js';
import { ASSEMBLE_CASES } from './assemble-cases.js';

const expectedPath = fileURLToPath(new URL('./fixtures/assemble.expected', import.meta.url));
const hasAs = spawnSync('as', ['--version'], { stdio: 'ignore' }).status === 0;
const hasObjcopy = spawnSync('objcopy', ['--version'], { stdio: 'ignore' }).status === 0;
const loc = { file: 'x.c', line: 3, col: 5 };

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

function assembleWithAs(lines: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-asm-'));
  return lines.map((line, n) => {
    const src = join(dir, `c${n}.s`);
    const obj = join(dir, `c${n}.o`);
    const bin = join(dir, `c${n}.bin`);
    writeFileSync(src, `\t${line}\n`);
    execFileSync('as', ['--64', src, '-o', obj]);
    execFileSync('objcopy', ['-O', 'binary', '--only-section=.text', obj, bin]);
    return hex(readFileSync(bin));
  });
}

if (process.env.UPDATE && hasAs && hasObjcopy) {
  const hexes = assembleWithAs(ASSEMBLE_CASES);
  writeFileSync(expectedPath, ASSEMBLE_CASES.map((t, n) => `${t}\t${hexes[n]}`).join('\n') + '\n');
}
const expected = readFileSync(expectedPath, 'utf8').trimEnd().split('\n').map((l) => l.split('\t') as [string, string]);

test('the expected table lists every case in order', (t) => {
  t.deepEqual(expected.map(([txt]) => txt), [...ASSEMBLE_CASES]);
});

ASSEMBLE_CASES.forEach((text, n) => {
  test(`assemble ${text}`, (t) => {
    t.is(hex(assembleBlock(text, loc, 'function').bytes), expected[n]?.[1]);
  });
});

testNeedingTools(['as', 'objcopy'])('GNU as still agrees with the table', (t) => {
  t.deepEqual(assembleWithAs(ASSEMBLE_CASES), expected.map(([, h]) => h));
});

test('a long backward jump relaxes to rel32', (t) => {
  const bytes = assembleBlock(`1: ${'nop; '.repeat(200)} jmp 1b`, loc, 'function').bytes;
  t.deepEqual([...bytes.slice(200)], [0xe9, ...new Uint8Array(new Int32Array([-205]).buffer)]);
});

for (const [text, message] of [
  ['frobl %eax', "x.c:3:5: error: unsupported instruction 'frobl' in asm statement"],
  ['movl %eax', "x.c:3:5: error: invalid operands for 'movl' in asm statement"],
  ['inc (%rdi)', "x.c:3:5: error: no instruction mnemonic suffix given and no register operands for 'inc' in asm statement"],
  ['movl %eqx, %eax', "x.c:3:5: error: invalid register '%eqx' in asm statement"],
  ['jmp 2f', "x.c:3:5: error: undefined local label '2f' in asm statement"],
  ['.p2align 4', "x.c:3:5: error: unsupported directive '.p2align' in asm statement"],
] as const) {
  test(`error: ${text}`, (t) => {
    const e = t.throws(() => assembleBlock(text, loc, 'function'), { instanceOf: CompileError });
    t.is(e?.formatted, message);
  });
}
