// Placement windows and free-gap search, on synthetic /proc/self/maps text.

import test from 'ava';
import { R_X86_64_32, R_X86_64_32S, R_X86_64_PC32, R_X86_64_PLT32 } from '../../src/link/object.js';
import { layoutModule } from '../../src/loader/layout.js';
import { findFreeBase, parseMappings, requiredWindow } from '../../src/loader/placement.js';
import { buildObject, cString } from './objects.js';
import { inst, memSym, reg, sym } from '../../src/codegen/arm64/inst.js';
import { X0 } from '../../src/codegen/arm64/regs.js';
import { buildA64Object } from '../codegen/arm64/hand-object.js';
import { sampleA64Object } from '../codegen/arm64/sample-a64.js';

const PAGE = 4096;
const GIB = 1n << 30n;

const MAPS = [
  '00400000-00500000 r-xp 00000000 08:01 1 /usr/bin/node',
  '40000000-40010000 rw-p 00000000 00:00 0',
  '7f0000000000-7f0000200000 r-xp 00000000 08:01 2 /usr/lib/libc.so.6',
  '7ffff0000000-7ffff0021000 rw-p 00000000 00:00 0 [stack]',
  '',
].join('\n');

test('parseMappings reads the ranges in address order', (t) => {
  const maps = parseMappings(MAPS.split('\n').reverse().join('\n'));
  t.deepEqual(maps.map((m) => m.start.toString(16)), ['400000', '40000000', '7f0000000000', '7ffff0000000']);
  t.is(maps[1]!.end, 0x40010000n);
});

test('objects without 32-bit data fields need no placement', (t) => {
  const obj = buildObject({ functions: [{ proto: 'int f(void)', code: 'e8 00 00 00 00 c3', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'puts' }] }] });
  t.is(requiredWindow(obj, layoutModule(obj, PAGE), new Map([['puts', 0x7f0000001000n]])), null);
});

test('a PC32 to external data asks for a window around the target', (t) => {
  const obj = buildObject({ functions: [{ proto: 'int f(void)', code: '8b 05 00 00 00 00 c3', relocs: [{ at: 2, type: R_X86_64_PC32, symbol: 'stdout' }] }] });
  const target = 0x7f0000100000n;
  const w = requiredWindow(obj, layoutModule(obj, PAGE), new Map([['stdout', target]]));
  t.deepEqual(w, { lo: target - 4n - 2n * GIB + 1n, hi: target - 4n + 2n * GIB });
  const base = findFreeBase(parseMappings(MAPS), PAGE, w!, PAGE);
  t.not(base, null);
  t.true(base! >= w!.lo && base! + BigInt(PAGE) <= w!.hi);
  t.true(base! + BigInt(PAGE) <= 0x7f0000000000n - BigInt(PAGE) || base! >= 0x7f0000200000n + BigInt(PAGE), 'leaves a guard page to libc');
});

test('absolute 32-bit fields ask for the low 2 or 4 GiB', (t) => {
  const mk = (type: number) => buildObject({
    functions: [{ proto: 'int f(void)', code: 'b8 00 00 00 00 c3', relocs: [{ at: 1, type, symbol: '.rodata', addend: 0n }] }],
    rodata: cString('x'),
  });
  const w32s = requiredWindow(mk(R_X86_64_32S), layoutModule(mk(R_X86_64_32S), PAGE), new Map());
  const w32 = requiredWindow(mk(R_X86_64_32), layoutModule(mk(R_X86_64_32), PAGE), new Map());
  t.is(w32s?.hi, 2n * GIB);
  t.is(w32?.hi, 4n * GIB);
  const base = findFreeBase(parseMappings(MAPS), 2 * PAGE, w32s!, PAGE);
  t.not(base, null);
  t.true(base! + 2n * BigInt(PAGE) <= 2n * GIB);
  // Not inside node's text or the mapping at 1 GiB.
  for (const m of parseMappings(MAPS)) t.false(base! < m.end && base! + 2n * BigInt(PAGE) > m.start);
});

test('no base is found when the window is full or empty', (t) => {
  const full = parseMappings('100000-80000000 rw-p 0 0:0 0\n');
  t.is(findFreeBase(full, PAGE, { lo: 0n, hi: 2n * GIB }, PAGE), null);
  t.is(findFreeBase(parseMappings(MAPS), PAGE, { lo: 5n * GIB, hi: 5n * GIB }, PAGE), null);
  t.is(findFreeBase([], PAGE, { lo: 0n, hi: 2n * GIB }, PAGE), null, 'no /proc: no placement');
});

test('among free gaps the one nearest the middle of the window wins', (t) => {
  const maps = parseMappings(['10000000-20000000 rw-p 0 0:0 0', '30000000-40000000 rw-p 0 0:0 0', ''].join('\n'));
  const base = findFreeBase(maps, PAGE, { lo: 0x10000000n, hi: 0x40000000n }, PAGE);
  // The image's middle sits at the window's middle, rounded down to a page.
  t.is(base, 0x27fff000n);
});

test('AArch64: an ADRP to external data asks for ±4 GiB around it; GOT accesses and calls for nothing', (t) => {
  const obj = buildA64Object([{ name: 'stdout_of', insts: [
    inst('adrp', 8, [reg(X0), sym('stdout')]),
    inst('ldr', 8, [reg(X0), memSym(X0, sym('stdout', 'lo12'))]),
    inst('ret', 8, []),
  ] }]);
  const target = 0xfff000001000n; // AArch64 Linux maps libraries just below 2^48
  const w = requiredWindow(obj, layoutModule(obj, PAGE), new Map([['stdout', target]]));
  t.deepEqual(w, { lo: target - (4n * GIB - 4096n) + 1n, hi: target + 4n * GIB - 4096n });
  const sample = sampleA64Object({ withTls: false });
  t.is(requiredWindow(sample, layoutModule(sample, PAGE), new Map([['c_double', target], ['c_global', target]])), null);
});
