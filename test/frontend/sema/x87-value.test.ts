// The exact long double model: literal digits rounded once to the x87
// 80-bit format (bit patterns as gcc emits them in .rodata), arithmetic
// rounded once, and the nearest double of a value.
import test from 'ava';
import { x87Arith, x87CompareFinite, x87FromInteger, x87FromLiteral, x87FromNumber, x87ToNumber } from '../../../src/frontend/sema/x87-value.js';

const hex = (b: bigint) => b.toString(16).padStart(20, '0');

const LITERALS: readonly [string, string][] = [
  ['0.1L', '3ffbcccccccccccccccd'],
  ['1.0L', '3fff8000000000000000'],
  ['2.5L', '4000a000000000000000'],
  ['1.18973149535723176502e+4932L', '7ffeffffffffffffffff'], // LDBL_MAX
  ['3.36210314311209350626e-4932L', '00018000000000000000'], // LDBL_MIN
  ['3.64519953188247460253e-4951L', '00000000000000000001'], // smallest denormal
  ['1e-5000L', '00000000000000000000'],
  ['1e5000L', '7fff8000000000000000'],
  ['0x1.fffffffffffffffep+16383L', '7ffeffffffffffffffff'],
  ['0x1p-16445L', '00000000000000000001'],
  ['18446744073709551615.0L', '403effffffffffffffff'],
  ['18446744073709551615.5L', '403f8000000000000000'],
];

for (const [text, bits] of LITERALS) {
  test(`literal ${text}`, (t) => {
    t.is(hex(x87FromLiteral(text)), bits);
  });
}

test('arithmetic rounds once to 64 significand bits', (t) => {
  t.is(hex(x87Arith('div', x87FromInteger(1n), x87FromInteger(3n))), '3ffdaaaaaaaaaaaaaaab');
  t.is(hex(x87Arith('sub', x87FromLiteral('1.0L'), x87FromLiteral('1.0L'))), '00000000000000000000');
  t.is(hex(x87Arith('mul', x87FromNumber(-0), x87FromInteger(5n))), '80000000000000000000');
  t.is(x87ToNumber(x87Arith('add', x87FromNumber(Infinity), x87FromInteger(1n))), Infinity);
});

test('doubles convert exactly and back to the nearest double', (t) => {
  for (const d of [0.1, -2.5, 5e-324, 1.7976931348623157e308, 1 / 3]) t.is(x87ToNumber(x87FromNumber(d)), d);
  t.is(x87ToNumber(x87FromLiteral('0.1L')), 0.1);
  t.true(Number.isNaN(x87ToNumber(x87FromNumber(NaN))));
});

test('comparisons see the bits a double would lose', (t) => {
  t.is(x87CompareFinite(x87FromLiteral('0.1L'), x87FromNumber(0.1)), -1);
  t.is(x87CompareFinite(x87FromInteger(3n), x87FromLiteral('3.0L')), 0);
});
