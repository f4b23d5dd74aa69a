// Runs instruction lists through both paths the AArch64 backend has: our
// printer → GNU as (the reference), and our encoder → CodeBuffer; returns
// both so tests can compare words and relocations one instruction at a time.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeBuffer } from '../../../src/codegen/core/code-buffer.js';
import type { A64Fixup } from '../../../src/codegen/arm64/encode.js';
import { encodeInst, patchA64 } from '../../../src/codegen/arm64/encode.js';
import type { A64Inst } from '../../../src/codegen/arm64/inst.js';
import { printInst } from '../../../src/codegen/arm64/print.js';
import { readElf } from '../../../src/link/elf/read.js';
import { relocTypeName } from '../../../src/link/elf/reloc-names.js';
import { AS } from './cross-tools.js';

export interface Listing {
  /** One word per instruction, as 8 hex digits. */
  readonly words: string[];
  /** Relocations as `offset type symbol+addend` lines, in offset order. */
  readonly relocs: string[];
}

const labelName = (l: number): string => `.L${l}`;

export function printLines(insts: readonly A64Inst[]): string[] {
  return insts.map((i) => printInst(i, labelName));
}

function wordsOf(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: string[] = [];
  for (let off = 0; off + 4 <= bytes.length; off += 4) out.push(view.getUint32(off, true).toString(16).padStart(8, '0'));
  return out;
}

function relocLines(relocs: readonly { offset: number; type: number; symbol: string; addend: bigint }[]): string[] {
  return [...relocs].sort((a, b) => a.offset - b.offset)
    .map((r) => `${r.offset.toString(16)} ${relocTypeName('aarch64', r.type)} ${r.symbol}${r.addend === 0n ? '' : `+${r.addend}`}`);
}

/** Encodes with our encoder; label k is bound before instruction `labelsAt[k]`. */
export function encodeListing(insts: readonly A64Inst[], labelsAt: readonly number[] = []): Listing {
  const buf = new CodeBuffer<A64Fixup>(patchA64);
  insts.forEach((i, n) => {
    labelsAt.forEach((at, k) => {
      if (at === n) buf.bindLabel(k);
    });
    encodeInst(buf, i);
  });
  const { bytes, relocs } = buf.finish();
  return { words: wordsOf(bytes), relocs: relocLines(relocs) };
}

/** Assembles the printed instructions with GNU as, labels bound as in `encodeListing`. */
export function assembleListing(insts: readonly A64Inst[], labelsAt: readonly number[] = []): Listing {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-a64-as-'));
  try {
    const lines: string[] = ['\t.text'];
    printLines(insts).forEach((text, n) => {
      labelsAt.forEach((at, k) => {
        if (at === n) lines.push(`${labelName(k)}:`);
      });
      lines.push(`\t${text}`);
    });
    writeFileSync(join(dir, 'in.s'), lines.join('\n') + '\n');
    execFileSync(AS, ['-o', join(dir, 'out.o'), join(dir, 'in.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const obj = readElf(readFileSync(join(dir, 'out.o')), 'out.o');
    const text = obj.sections.find((s) => s.name === '.text')!;
    return { words: wordsOf(text.bytes.subarray(0, text.size)), relocs: relocLines(text.relocs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
