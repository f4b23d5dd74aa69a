// x86-64 relocation arithmetic (psABI §4.4.1, table 4.10) on plain byte
// arrays: each row gives the values of S, A, P, GOT, G, L and the expected
// little-endian field bytes or outcome. No native memory involved.

import test from 'ava';
import {
  R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_8, R_X86_64_DTPMOD64, R_X86_64_GOT32, R_X86_64_GOT64,
  R_X86_64_GOTOFF64, R_X86_64_GOTPC32, R_X86_64_GOTPC64, R_X86_64_GOTPCREL, R_X86_64_GOTPCREL64, R_X86_64_GOTPCRELX,
  R_X86_64_GOTPLT64, R_X86_64_PLTOFF64, R_X86_64_NONE, R_X86_64_PC16,
  R_X86_64_PC32, R_X86_64_PC64, R_X86_64_PC8, R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX, R_X86_64_SIZE32,
  R_X86_64_SIZE64, X86_64_RELOC_NAMES,
} from '../../src/link/object.js';
import { applyReloc, applyX64Reloc, fits, type RelocValues } from '../../src/link/relocs.js';

const BASE: RelocValues = {
  symbol: 0x1000n, symbolSize: 24n, addend: 0n, place: 0x2000n, gotBase: 0x3000n, gotSlot: 0x3010n, stub: 0x1800n,
};

interface Row {
  readonly type: number;
  readonly values?: Partial<RelocValues>;
  /** Expected field bytes (hex, little-endian) or an outcome kind. */
  readonly expect: string;
}

const ROWS: readonly Row[] = [
  { type: R_X86_64_NONE, expect: '' },
  { type: R_X86_64_64, values: { addend: 8n }, expect: '0810000000000000' },
  { type: R_X86_64_64, values: { symbol: 0x7fff12345678n, addend: -1n }, expect: '77563412ff7f0000' },
  { type: R_X86_64_PC64, expect: '00f0ffffffffffff' },
  { type: R_X86_64_32, values: { symbol: 0xfffffff0n, addend: 0xfn }, expect: 'ffffffff' },
  { type: R_X86_64_32, values: { symbol: 0xfffffff0n, addend: 0x10n }, expect: 'overflow' },
  { type: R_X86_64_32, values: { symbol: 0n, addend: -1n }, expect: 'overflow' },
  { type: R_X86_64_32S, values: { symbol: 0n, addend: -1n }, expect: 'ffffffff' },
  { type: R_X86_64_32S, values: { symbol: 0x80000000n }, expect: 'overflow' },
  { type: R_X86_64_16, values: { symbol: 0xffffn }, expect: 'ffff' },
  { type: R_X86_64_16, values: { symbol: 0x10000n }, expect: 'overflow' },
  { type: R_X86_64_8, values: { symbol: 0x80n }, expect: '80' },
  { type: R_X86_64_PC32, values: { addend: -4n }, expect: 'fcefffff' },
  { type: R_X86_64_PC32, values: { symbol: 0x2000n + (1n << 31n) }, expect: 'overflow' },
  { type: R_X86_64_PC32, values: { symbol: 0x2000n - (1n << 31n) }, expect: '00000080' },
  { type: R_X86_64_PC16, values: { symbol: 0x2010n }, expect: '1000' },
  { type: R_X86_64_PC8, values: { symbol: 0x2100n }, expect: 'overflow' },
  // PLT32 calls S directly when it is in reach, else the stub L.
  { type: R_X86_64_PLT32, values: { addend: -4n }, expect: 'fcefffff' },
  { type: R_X86_64_PLT32, values: { symbol: 0x7f0000000000n, addend: -4n }, expect: 'fcf7ffff' },
  { type: R_X86_64_PLT32, values: { symbol: 0x7f0000000000n, stub: null }, expect: 'overflow' },
  // GOTPCREL family: G + GOT + A - P; GOTPCRELX is not relaxed.
  { type: R_X86_64_GOTPCREL, values: { addend: -4n }, expect: '0c100000' },
  { type: R_X86_64_GOTPCRELX, values: { addend: -4n }, expect: '0c100000' },
  { type: R_X86_64_REX_GOTPCRELX, values: { addend: -4n }, expect: '0c100000' },
  { type: R_X86_64_REX_GOTPCRELX, values: { gotSlot: null }, expect: 'missing' },
  { type: R_X86_64_GOT32, expect: '10000000' },
  { type: R_X86_64_GOTOFF64, expect: '00e0ffffffffffff' },
  { type: R_X86_64_GOTOFF64, values: { gotBase: null }, expect: 'missing' },
  { type: R_X86_64_GOTPC32, values: { addend: 3n }, expect: '03100000' },
  // Large code model.
  { type: R_X86_64_GOT64, values: { addend: 2n }, expect: '1200000000000000' },
  { type: R_X86_64_GOTPLT64, expect: '1000000000000000' },
  { type: R_X86_64_GOTPCREL64, values: { addend: -8n }, expect: '0810000000000000' },
  { type: R_X86_64_GOTPC64, values: { addend: -8n }, expect: 'f80f000000000000' },
  { type: R_X86_64_PLTOFF64, expect: '00e8ffffffffffff' },
  { type: R_X86_64_PLTOFF64, values: { stub: null }, expect: '00e0ffffffffffff' },
  { type: R_X86_64_SIZE32, values: { addend: 1n }, expect: '19000000' },
  { type: R_X86_64_SIZE64, expect: '1800000000000000' },
  { type: R_X86_64_DTPMOD64, expect: 'unsupported' },
  { type: 999, expect: 'unsupported' },
];

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

for (const [i, row] of ROWS.entries()) {
  const name = X86_64_RELOC_NAMES[row.type] ?? `type ${row.type}`;
  test(`${i}: ${name} ${JSON.stringify(row.values ?? {}, (_, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))} → ${row.expect || 'nothing'}`, (t) => {
    const bytes = new Uint8Array(12).fill(0xaa);
    const outcome = applyX64Reloc(bytes, 2, row.type, { ...BASE, ...row.values });
    if (/^[0-9a-f]*$/.test(row.expect)) {
      t.deepEqual(outcome, { kind: 'ok' });
      const width = row.expect.length / 2;
      t.is(toHex(bytes.subarray(2, 2 + width)), row.expect);
      t.true(bytes.subarray(0, 2).every((b) => b === 0xaa) && bytes.subarray(2 + width).every((b) => b === 0xaa), 'only the field changes');
    } else {
      t.is(outcome.kind as string, row.expect);
      t.true(bytes.every((b) => b === 0xaa), 'nothing is written on failure');
    }
  });
}

test('a field past the end of the section is reported, not written', (t) => {
  const bytes = new Uint8Array(4);
  t.deepEqual(applyX64Reloc(bytes, 1, R_X86_64_32, BASE), { kind: 'out-of-section' });
  t.deepEqual(applyX64Reloc(bytes, -1, R_X86_64_8, BASE), { kind: 'out-of-section' });
  t.deepEqual([...bytes], [0, 0, 0, 0]);
});

test('overflow reports the value and the field', (t) => {
  const outcome = applyX64Reloc(new Uint8Array(4), 0, R_X86_64_32S, { ...BASE, symbol: 1n << 40n });
  t.deepEqual(outcome, { kind: 'overflow', value: 1n << 40n, field: 'signed 32-bit' });
});

test('applyReloc dispatches on the machine', (t) => {
  // 257 is R_AARCH64_ABS64 but no x86-64 type; 1 is R_X86_64_64 but no AArch64 type.
  t.deepEqual(applyReloc('x86_64', new Uint8Array(8), 0, 257, BASE), { kind: 'unsupported' });
  t.deepEqual(applyReloc('aarch64', new Uint8Array(8), 0, 257, BASE), { kind: 'ok' });
  t.deepEqual(applyReloc('aarch64', new Uint8Array(8), 0, 1, BASE), { kind: 'unsupported' });
});

test('fits() checks signed, unsigned and either ranges', (t) => {
  t.true(fits(-128n, 1, 'signed'));
  t.false(fits(128n, 1, 'signed'));
  t.true(fits(255n, 1, 'unsigned'));
  t.false(fits(-1n, 1, 'unsigned'));
  t.true(fits(-1n, 2, 'either'));
  t.true(fits(0xffffn, 2, 'either'));
  t.false(fits(0x10000n, 2, 'either'));
  t.true(fits(1n << 70n, 8, 'none'));
});
