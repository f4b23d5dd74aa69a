// Branch relaxation on AArch64: a conditional branch whose label lies
// beyond the ±1 MiB of its imm19 field becomes the inverted branch over an
// unconditional `b`; one in reach stays a single instruction. The printed
// form assembles (aarch64-linux-gnu-as) to the bytes we encode.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { relaxBranches } from '../../../src/codegen/core/pipeline.js';
import type { FinalItem } from '../../../src/codegen/core/emit.js';
import { arm64 } from '../../../src/codegen/arm64/target.js';
import { COND, inst, label, reg } from '../../../src/codegen/arm64/inst.js';
import type { A64Inst } from '../../../src/codegen/arm64/inst.js';
import { printInst } from '../../../src/codegen/arm64/print.js';
import { AS, crossTest, OBJDUMP } from './cross-tools.js';

const NOPS = (1 << 20) / 4 + 16;

function items(): FinalItem<A64Inst>[] {
  const out: FinalItem<A64Inst>[] = [
    { kind: 'inst', inst: inst('bcond', 8, [label(1)], { cond: COND.eq }) },
    { kind: 'inst', inst: inst('cbz', 8, [reg(3), label(2)]) },
    { kind: 'label', label: 2 },
  ];
  for (let k = 0; k < NOPS; k++) out.push({ kind: 'inst', inst: inst('nop', 8, []) });
  out.push({ kind: 'label', label: 1 });
  return out;
}

function encode(list: readonly FinalItem<A64Inst>[]): Uint8Array {
  const buf = arm64.encoder.newBuffer();
  for (const item of list) {
    if (item.kind === 'label') buf.bindLabel(item.label);
    else if (item.kind === 'inst') arm64.encoder.encodeInst(buf, item.inst);
  }
  return buf.finish().bytes;
}

test('a b.cond beyond ±1 MiB is relaxed; a cbz in reach is not', (t) => {
  const relaxed = relaxBranches(arm64.encoder, items());
  const branches = relaxed.filter((i): i is Extract<FinalItem<A64Inst>, { kind: 'inst' }> => i.kind === 'inst' && i.inst.op !== 'nop');
  t.true(branches[0]!.inst.isLong);
  t.falsy(branches[1]!.inst.isLong);
  const words = new Uint32Array(encode(relaxed).buffer.slice(0, 12));
  t.is(words[0], 0x54000041, 'b.ne .+8');
  t.is(words[1], (0x14000000 | ((8 + 4 * NOPS) / 4)) >>> 0); // from the b at 4 to past the cbz (8–12) and the nops
  t.is((words[2]! & 0xff00001f) >>> 0, 0xb4000003, 'cbz x3 stays short');
});

crossTest([AS, OBJDUMP], 'the relaxed branch prints as text that assembles to the same words', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-a64-relax-'));
  try {
    const long = inst('bcond', 8, [label(1)], { cond: COND.lt, isLong: true });
    const text = `${printInst(long, (l) => `.L${l}`)}\n\tnop\n.L1:\n`;
    writeFileSync(join(dir, 'a.s'), `\t.text\n${text}`);
    execFileSync(AS, [join(dir, 'a.s'), '-o', join(dir, 'a.o')]);
    execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
    const ours = encode([{ kind: 'inst', inst: long }, { kind: 'inst', inst: inst('nop', 8, []) }, { kind: 'label', label: 1 }]);
    t.deepEqual([...readFileSync(join(dir, 'a.bin'))], [...ours]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
