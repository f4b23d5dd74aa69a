// The exact long double model (src/frontend/sema/long-double.ts): literal
// digits rounded once to the target's format, arithmetic rounded once, the
// nearest double of a value, and the bytes of each format as gcc emits
// them: the 80-bit patterns as x86-64 gcc puts them in .rodata, the
// binary128 ones from `aarch64-linux-gnu-gcc -S` on the same initializers.
import test from 'ava';
import {
  ldArith, ldCompareFinite, ldFromInteger, ldFromLiteral, ldFromNumber, ldToNumber, longDoubleBytes, type LdValue, type LongDoubleFormat,
} from '../../../src/frontend/sema/long-double.js';

const EXTENDED80: LongDoubleFormat = { precision: 64, hasExplicitIntegerBit: true, arithmetic: 'ir', libgccMode: 'x' };
const BINARY128: LongDoubleFormat = { precision: 113, hasExplicitIntegerBit: false, arithmetic: 'libgcc', libgccMode: 't' };

/** The value bytes as one big-endian hex number: 20 digits for the 80-bit format, 32 for binary128. */
function hex(v: LdValue, fmt: LongDoubleFormat): string {
  const bytes = longDoubleBytes(v, fmt).slice(0, fmt.hasExplicitIntegerBit ? 10 : 16);
  return [...bytes].reverse().map((b) => b.toString(16).padStart(2, '0')).join('');
}

const EXTENDED80_LITERALS: readonly [string, string][] = [
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
  ['2.5Li', '4000a000000000000000'], // GNU imaginary constants: the suffixes in either order
  ['2.5iL', '4000a000000000000000'],
];

const BINARY128_LITERALS: readonly [string, string][] = [
  ['0.1L', '3ffb999999999999999999999999999a'],
  ['1.0L', '3fff0000000000000000000000000000'],
  ['2.5L', '40004000000000000000000000000000'],
  ['1.18973149535723176508575932662800702e+4932L', '7ffeffffffffffffffffffffffffffff'], // LDBL_MAX
  ['3.36210314311209350626267781732175260e-4932L', '00010000000000000000000000000000'], // LDBL_MIN
  ['6.47517511943802511092443895822764655e-4966L', '00000000000000000000000000000001'], // smallest denormal
  ['1e-5000L', '00000000000000000000000000000000'],
  ['1e5000L', '7fff0000000000000000000000000000'],
  ['0x1.ffffffffffffffffffffffffffffp+16383L', '7ffeffffffffffffffffffffffffffff'],
  ['0x1p-16494L', '00000000000000000000000000000001'],
  ['18446744073709551615.0L', '403efffffffffffffffe000000000000'],
];

for (const [fmt, name, table] of [[EXTENDED80, '80-bit', EXTENDED80_LITERALS], [BINARY128, 'binary128', BINARY128_LITERALS]] as const) {
  for (const [text, bits] of table) {
    test(`${name} literal ${text}`, (t) => {
      t.is(hex(ldFromLiteral(text, fmt), fmt), bits);
    });
  }
}

test('arithmetic rounds once to 64 significand bits in the 80-bit format', (t) => {
  const f = EXTENDED80;
  t.is(hex(ldArith('div', ldFromInteger(1n), ldFromInteger(3n), f), f), '3ffdaaaaaaaaaaaaaaab');
  t.is(hex(ldArith('sub', ldFromLiteral('1.0L', f), ldFromLiteral('1.0L', f), f), f), '00000000000000000000');
  t.is(hex(ldArith('mul', ldFromNumber(-0), ldFromInteger(5n), f), f), '80000000000000000000');
  t.is(ldToNumber(ldArith('add', ldFromNumber(Infinity), ldFromInteger(1n), f)), Infinity);
});

test('arithmetic rounds once to 113 significand bits in binary128 (as gcc folds 1.0L/3.0L, 0.1L*3, 1e4000L/7.0L)', (t) => {
  const f = BINARY128;
  t.is(hex(ldArith('div', ldFromLiteral('1.0L', f), ldFromLiteral('3.0L', f), f), f), '3ffd5555555555555555555555555555');
  t.is(hex(ldArith('mul', ldFromLiteral('0.1L', f), ldFromInteger(3n), f), f), '3ffd3333333333333333333333333334');
  t.is(hex(ldArith('div', ldFromLiteral('1e4000L', f), ldFromLiteral('7.0L', f), f), f), '73e3df612bbffc3140ddd565bce13328');
  t.is(hex(ldArith('mul', ldFromNumber(-0), ldFromInteger(5n), f), f), '80000000000000000000000000000000');
});

test('doubles convert exactly and back to the nearest double', (t) => {
  for (const d of [0.1, -2.5, 5e-324, 1.7976931348623157e308, 1 / 3]) t.is(ldToNumber(ldFromNumber(d)), d);
  t.is(ldToNumber(ldFromLiteral('0.1L', EXTENDED80)), 0.1);
  t.is(ldToNumber(ldFromLiteral('0.1L', BINARY128)), 0.1);
  t.true(Number.isNaN(ldToNumber(ldFromNumber(NaN))));
  t.is(hex(ldFromNumber(NaN), EXTENDED80), '7fffc000000000000000');
  t.is(hex(ldFromNumber(NaN), BINARY128), '7fff8000000000000000000000000000');
});

test('comparisons see the bits a double would lose', (t) => {
  t.is(ldCompareFinite(ldFromLiteral('0.1L', EXTENDED80), ldFromNumber(0.1)), -1);
  t.is(ldCompareFinite(ldFromLiteral('0.1L', BINARY128), ldFromLiteral('0.1L', EXTENDED80)), -1);
  t.is(ldCompareFinite(ldFromInteger(3n), ldFromLiteral('3.0L', BINARY128)), 0);
});
