// AArch64 relocation arithmetic checked against GNU ld: aarch64/relocs.s is
// assembled, linked at fixed addresses, and our relocated bytes must equal
// the linked file's, field for field. Pure arithmetic, so it runs on any
// host that has the aarch64 binutils (Debian: binutils-aarch64-linux-gnu);
// skipped with the reason shown otherwise. GOT forms and the call-stub
// fallback, which ld would relax or veneer differently, have hand tables.

import test from 'ava';
import { testNeeding } from '../tools.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf } from '../../src/link/elf/read.js';
import { relocTypeName } from '../../src/link/elf/reloc-names.js';
import {
  R_AARCH64_ADR_GOT_PAGE, R_AARCH64_CALL26, R_AARCH64_GOT_LD_PREL19, R_AARCH64_LD64_GOT_LO12_NC,
  R_AARCH64_LDST64_ABS_LO12_NC, R_AARCH64_MOVW_UABS_G1, R_AARCH64_TSTBR14,
} from '../../src/link/object.js';
import { applyReloc, relocIsCall, relocUsesGotSlot, type RelocValues } from '../../src/link/relocs.js';

const here = fileURLToPath(new URL('./aarch64/', import.meta.url));
const AS = 'aarch64-linux-gnu-as';
const LD = 'aarch64-linux-gnu-ld';
const OBJCOPY = 'aarch64-linux-gnu-objcopy';
const NM = 'aarch64-linux-gnu-nm';

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = [AS, LD, OBJCOPY, NM].filter((t) => !hasTool(t));
const withBinutils = testNeeding(missing.length === 0 ? null : `${missing.join(', ')} not found`);

/** Addresses given to ld; each loaded section is found through a symbol at its start. */
const LINK_FLAGS = ['-Ttext=0x400000', '-Tdata=0x404000', '--defsym=external=0x401000', '--defsym=far=0x123456789abc', '--defsym=small=0x1234', '-e', 'start'];
const SECTION_ANCHORS: Record<string, string> = { '.text': 'start', '.text.other': 'helper', '.data': 'table' };
/** Output sections the input sections were merged into, with their link addresses. */
const OUTPUT_SECTIONS: Record<string, bigint> = { '.text': 0x400000n, '.data': 0x404000n };

withBinutils('every relocation in relocs.s matches GNU ld', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-a64-'));
  try {
    execFileSync(AS, [join(here, 'relocs.s'), '-o', join(dir, 'r.o')]);
    execFileSync(LD, [...LINK_FLAGS, join(dir, 'r.o'), '-o', join(dir, 'r.out')], { stdio: 'ignore' });
    const addresses = new Map<string, bigint>();
    for (const line of execFileSync(NM, [join(dir, 'r.out')], { encoding: 'utf8' }).split('\n')) {
      const [addr, , name] = line.trim().split(/\s+/);
      if (addr && name) addresses.set(name, BigInt('0x' + addr));
    }
    const linked = new Map<string, { addr: bigint; bytes: Uint8Array }>();
    for (const [name, addr] of Object.entries(OUTPUT_SECTIONS)) {
      const out = join(dir, `${name.slice(1)}.bin`);
      execFileSync(OBJCOPY, ['-O', 'binary', `--only-section=${name}`, join(dir, 'r.out'), out]);
      linked.set(name, { addr, bytes: readFileSync(out) });
    }
    const obj = readElf(readFileSync(join(dir, 'r.o')), 'r.o');
    const sectionAddr = (name: string): bigint => addresses.get(SECTION_ANCHORS[name]!)!;
    let checked = 0;
    for (const sec of obj.sections) {
      if (sec.relocs.length === 0 || !(sec.name in SECTION_ANCHORS)) continue;
      const base = sectionAddr(sec.name);
      const bytes = sec.bytes.slice();
      for (const r of sec.relocs) {
        const sym = obj.symbols.find((s) => s.name === r.symbol)!;
        const S = sym.section === null ? addresses.get(r.symbol)! : sectionAddr(sym.section) + BigInt(sym.value);
        const values: RelocValues = { symbol: S, symbolSize: BigInt(sym.size), addend: r.addend, place: base + BigInt(r.offset), gotBase: null, gotSlot: null, stub: null };
        const outcome = applyReloc('aarch64', bytes, r.offset, r.type, values);
        t.deepEqual(outcome, { kind: 'ok' }, `${relocTypeName('aarch64', r.type)} at ${sec.name}+${r.offset}`);
        const out = [...linked.values()].find((o) => base >= o.addr && base < o.addr + BigInt(o.bytes.length))!;
        const at = Number(base - out.addr) + r.offset;
        const width = r.type === 257 || r.type === 260 ? 8 : r.type === 259 || r.type === 262 ? 2 : 4;
        t.deepEqual([...bytes.subarray(r.offset, r.offset + width)], [...out.bytes.subarray(at, at + width)], `${relocTypeName('aarch64', r.type)} at ${sec.name}+0x${r.offset.toString(16)}`);
        checked++;
      }
    }
    t.is(checked, 28, 'every relocation of relocs.s was compared');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const BASE: RelocValues = { symbol: 0x10000n, symbolSize: 0n, addend: 0n, place: 0x20000n, gotBase: 0x30000n, gotSlot: 0x30018n, stub: 0x21000n };

/** JS bitwise operators give int32; instruction words are compared as uint32. */
function u32(x: number): number {
  return x >>> 0;
}

function word(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
}

/** Applies one relocation to a single instruction word; the patched word (unsigned), or the outcome kind. */
function apply(type: number, instruction: number, values: Partial<RelocValues> = {}): number | string {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, instruction, true);
  const outcome = applyReloc('aarch64', bytes, 0, type, { ...BASE, ...values });
  return outcome.kind === 'ok' ? word(bytes) : outcome.kind;
}

test('GOT relocations address the symbol\'s slot', (t) => {
  // adrp x0, slot: Page(0x30018) - Page(0x20000) = 0x10 pages → immhi = 4, immlo = 0
  t.is(apply(R_AARCH64_ADR_GOT_PAGE, 0x90000000), u32(0x90000000 | (4 << 5)));
  // ldr x0, [x0, #lo12(slot)]: 0x018 / 8 = 3
  t.is(apply(R_AARCH64_LD64_GOT_LO12_NC, 0xf9400000), u32(0xf9400000 | (3 << 10)));
  // ldr x0, slot (literal): (0x30018 - 0x20000) / 4 = 0x4006
  t.is(apply(R_AARCH64_GOT_LD_PREL19, 0x58000000), u32(0x58000000 | (0x4006 << 5)));
  t.is(apply(R_AARCH64_ADR_GOT_PAGE, 0x90000000, { gotSlot: null }), 'missing');
  t.is(apply(R_AARCH64_LD64_GOT_LO12_NC, 0xf9400000, { addend: 8n }), 'unsupported');
  t.true(relocUsesGotSlot('aarch64', R_AARCH64_ADR_GOT_PAGE) && relocIsCall('aarch64', R_AARCH64_CALL26));
});

test('a call beyond ±128 MiB goes through the stub, or overflows without one', (t) => {
  const far = 0x20000n + (1n << 28n);
  // bl: (0x21000 - 0x20000) / 4 = 0x400
  t.is(apply(R_AARCH64_CALL26, 0x94000000, { symbol: far }), u32(0x94000000 | 0x400));
  t.is(apply(R_AARCH64_CALL26, 0x94000000, { symbol: far, stub: null }), 'overflow');
  // Backwards in range: (0x10000 - 0x20000) / 4 = -0x4000 as 26 bits
  t.is(apply(R_AARCH64_CALL26, 0x94000000), u32(0x94000000 | (0x4000000 - 0x4000)));
});

test('range, alignment and scaling checks', (t) => {
  t.is(apply(R_AARCH64_TSTBR14, 0x36000000, { symbol: 0x20000n + (1n << 15n) }), 'overflow');
  t.is(apply(R_AARCH64_TSTBR14, 0x36000000, { symbol: 0x20002n }), 'overflow', 'not word aligned');
  t.is(apply(R_AARCH64_LDST64_ABS_LO12_NC, 0xf9400000, { symbol: 0x10004n }), 'overflow', 'misaligned for an 8-byte load');
  t.is(apply(R_AARCH64_MOVW_UABS_G1, 0xd2a00000, { symbol: 1n << 32n }), 'overflow');
  t.is(apply(R_AARCH64_MOVW_UABS_G1, 0xd2a00000, { symbol: 0x12345678n }), u32(0xd2a00000 | (0x1234 << 5)));
  t.is(apply(999, 0), 'unsupported');
  t.deepEqual(applyReloc('aarch64', new Uint8Array(2), 0, R_AARCH64_CALL26, BASE), { kind: 'out-of-section' });
});
