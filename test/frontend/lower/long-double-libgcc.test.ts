// binary128 long double lowered to libgcc calls (src/frontend/lower/
// long-double-libgcc.ts), run before there is an ARM64 backend: C compiled
// for AArch64 to IR runs in the IR interpreter, whose host functions play
// libgcc's soft-float routines (from the exact model in sema/long-double.ts,
// with libgcc's return conventions); the same C built by
// aarch64-linux-gnu-gcc runs under qemu with the real libgcc. Each case
// hashes the bytes of its results, and the two hashes must agree — so the
// lowering called the right routine, with the right operands, and read the
// result the right way (comparisons' signs, unsigned conversions, NaN).
//
// The values stay below 2^16000: the interpreter carries each half of a
// binary128 argument as a JS double, and a half whose bits form a double
// NaN (the high word of a value near the top of the range, infinity or NaN)
// may not keep its bits in JS arrays.

import test from 'ava';
import { interpret, type HostFunction, type InterpValue } from '../../../src/ir/interp.js';
import {
  ldArith, ldCompareFinite, ldFromInteger, ldFromNumber, ldFromRational, ldToNumber, ldToRational, longDoubleBytes,
  type LdValue, type LongDoubleFormat,
} from '../../../src/frontend/sema/long-double.js';
import { lowerSource, testOptions } from '../sema/check-helpers.js';
import { crossTest, keyedLines, runAarch64 } from './abi/aarch64-gcc.js';

const BINARY128: LongDoubleFormat = { precision: 113, hasExplicitIntegerBit: false, arithmetic: 'libgcc', libgccMode: 't' };

const SOURCE = `
typedef unsigned long u64;
static u64 h;
static void mix(const void *p, int n) { const unsigned char *b = p; for (int i = 0; i < n; i++) { h ^= b[i]; h *= 1099511628211ul; } }
static void start(void) { h = 14695981039346656037ul; }
static long double values[] = { 0.1L, -2.5L, 3.0L, 1e300L, -1e-300L, 7e-4940L, 123456789012345678901234567890.0L, 0.0L, -0.0L, 1.0L / 3 };
#define N (sizeof values / sizeof values[0])

u64 arith(void) {
  start();
  for (unsigned i = 0; i < N; i++)
    for (unsigned j = 0; j < N; j++) {
      long double a = values[i], b = values[j], r;
      r = a + b; mix(&r, 16);
      r = a - b; mix(&r, 16);
      r = a * b; mix(&r, 16);
      if (b != 0) { r = a / b; mix(&r, 16); }
      r = -a; mix(&r, 16);
    }
  return h;
}

u64 compare(void) {
  start();
  long double nan = __builtin_nanl("");
  for (unsigned i = 0; i <= N; i++)
    for (unsigned j = 0; j <= N; j++) {
      long double a = i < N ? values[i] : nan, b = j < N ? values[j] : nan;
      int r[7] = { a == b, a != b, a < b, a <= b, a > b, a >= b, a != a || b != b };
      mix(r, sizeof r);
      if (a) mix(&i, 4);
    }
  return h;
}

u64 convert(void) {
  start();
  long ints[] = { 0, 1, -1, 42, -123456789, 2147483647, -2147483647 - 1, 9007199254740993, -9007199254740993 };
  unsigned long uints[] = { 0, 1, 4294967295u, 18446744073709551615ul, 9223372036854775808ul, 12345678901234567891ul };
  for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    long double a = ints[i], b = (int)ints[i], c = (short)ints[i], d = (signed char)ints[i];
    mix(&a, 16); mix(&b, 16); mix(&c, 16); mix(&d, 16);
    long back = a; int narrow = b; short s = c; mix(&back, 8); mix(&narrow, 4); mix(&s, 2);
  }
  for (unsigned i = 0; i < sizeof uints / sizeof uints[0]; i++) {
    long double a = uints[i], b = (unsigned)uints[i], c = (unsigned char)uints[i], e = (unsigned short)uints[i];
    mix(&a, 16); mix(&b, 16); mix(&c, 16); mix(&e, 16);
    unsigned long back = a; unsigned narrow = b; unsigned char uc = c; mix(&back, 8); mix(&narrow, 4); mix(&uc, 1);
  }
  for (unsigned i = 0; i < N; i++) {
    long double x = values[i];
    double d = x; float f = x; _Bool z = x;
    mix(&d, 8); mix(&f, 4); mix(&z, 1);
    long double back = d, fb = f; mix(&back, 16); mix(&fb, 16);
  }
  return h;
}
`;

/** A binary128 value from its two halves as the interpreter passes them (f64 pieces). */
function fromHalves(lo: InterpValue, hi: InterpValue): LdValue {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, Number(lo), true);
  view.setFloat64(8, Number(hi), true);
  return view.getBigUint64(0, true) | (view.getBigUint64(8, true) << 64n);
}

function isNan(v: LdValue): boolean {
  return ((v >> 112n) & 0x7fffn) === 0x7fffn && (v & ((1n << 112n) - 1n)) !== 0n;
}

/** libgcc's comparison routines: -1/0/1, and `unordered` for a NaN operand. */
function comparison(unordered: number): HostFunction {
  return ([a0, a1, b0, b1]) => {
    const a = fromHalves(a0!, a1!), b = fromHalves(b0!, b1!);
    if (isNan(a) || isNan(b)) return BigInt(unordered);
    return BigInt(ldCompareFinite(a, b) ?? (ldToNumber(a) < ldToNumber(b) ? -1 : ldToNumber(a) > ldToNumber(b) ? 1 : 0));
  };
}

/** Truncation toward zero of a finite value. */
function truncate(v: LdValue): bigint {
  const r = ldToRational(v)!;
  return (r.isNegative ? -r.p : r.p) / r.q;
}

function roundToFloat(v: LdValue): number {
  const r = ldToRational(v);
  return r === null ? ldToNumber(v) : ldToNumber(ldFromRational(r.isNegative, r.p, r.q, 24));
}

const bytes = (v: LdValue): Uint8Array => longDoubleBytes(v, BINARY128);
const arith = (op: 'add' | 'sub' | 'mul' | 'div'): HostFunction => ([a0, a1, b0, b1]) => bytes(ldArith(op, fromHalves(a0!, a1!), fromHalves(b0!, b1!), BINARY128));

const LIBGCC = new Map<string, HostFunction>([
  ['__addtf3', arith('add')], ['__subtf3', arith('sub')], ['__multf3', arith('mul')], ['__divtf3', arith('div')],
  ['__eqtf2', comparison(1)], ['__netf2', comparison(1)], ['__lttf2', comparison(1)], ['__letf2', comparison(1)],
  ['__gttf2', comparison(-1)], ['__getf2', comparison(-1)],
  ['__unordtf2', ([a0, a1, b0, b1]) => (isNan(fromHalves(a0!, a1!)) || isNan(fromHalves(b0!, b1!)) ? 1n : 0n)],
  ['__extendsftf2', ([f]) => bytes(ldFromNumber(Number(f)))],
  ['__extenddftf2', ([d]) => bytes(ldFromNumber(Number(d)))],
  ['__trunctfdf2', ([a0, a1]) => ldToNumber(fromHalves(a0!, a1!))],
  ['__trunctfsf2', ([a0, a1]) => roundToFloat(fromHalves(a0!, a1!))],
  ['__floatsitf', ([i]) => bytes(ldFromInteger(BigInt.asIntN(32, BigInt(i!))))],
  ['__floatunsitf', ([i]) => bytes(ldFromInteger(BigInt.asUintN(32, BigInt(i!))))],
  ['__floatditf', ([i]) => bytes(ldFromInteger(BigInt.asIntN(64, BigInt(i!))))],
  ['__floatunditf', ([i]) => bytes(ldFromInteger(BigInt.asUintN(64, BigInt(i!))))],
  ['__fixtfsi', ([a0, a1]) => BigInt.asIntN(32, truncate(fromHalves(a0!, a1!)))],
  ['__fixunstfsi', ([a0, a1]) => BigInt.asIntN(32, truncate(fromHalves(a0!, a1!)))],
  ['__fixtfdi', ([a0, a1]) => BigInt.asIntN(64, truncate(fromHalves(a0!, a1!)))],
  ['__fixunstfdi', ([a0, a1]) => BigInt.asIntN(64, truncate(fromHalves(a0!, a1!)))],
]);

const CASES = ['arith', 'compare', 'convert'];

test('every long double operation is a libgcc call or plain IR (no ld* operation) for AArch64', (t) => {
  const m = lowerSource('ld.c', SOURCE, testOptions('aarch64'));
  const ops = new Set(m.functions.flatMap((f) => f.blocks.flatMap((b) => b.insts.map((i) => i.op))));
  t.deepEqual([...ops].filter((op) => op.startsWith('ld')), []);
  t.deepEqual(m.externs.filter((e) => e.startsWith('__')).sort(), [...LIBGCC.keys()].filter((k) => m.externs.includes(k)).sort());
});

crossTest('binary128 arithmetic, comparisons and conversions agree with aarch64-linux-gnu-gcc and libgcc', (t) => {
  const m = lowerSource('ld.c', SOURCE, testOptions('aarch64'));
  const gcc = keyedLines(runAarch64(`#include <stdio.h>\n${SOURCE}\nint main(void) {\n${CASES.map((c) => `  printf("${c} %lu\\n", ${c}());`).join('\n')}\n  return 0;\n}\n`, 0));
  for (const c of CASES) {
    const r = interpret(m, c, [], { externs: LIBGCC, maxSteps: 50_000_000 });
    t.is(BigInt.asUintN(64, r.value as bigint).toString(), gcc.get(c) ?? '(missing)', c);
  }
});
