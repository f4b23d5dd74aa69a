// __int128 in process: code compiled by compile() computes with 128-bit
// integers, calling libgcc's division and conversion routines (__divti3,
// __floattidf…), which the loader resolves in the Node process; a function
// whose prototype has an __int128 cannot be bound (koffi has no 128-bit
// integers) and says so, naming the function.

import { compile } from '../../src/index.js';
import { LoadError } from '../../src/loader/errors.js';
import { x64 } from './helpers.js';

const SOURCE = `
  typedef __int128 i128;
  typedef unsigned __int128 u128;
  /* (a * b * c) / d and % d, computed in 128 bits. */
  long muldiv(long a, long b, long c, long d) { return (long)((i128)a * b * c / d); }
  long mulmod(long a, long b, long c, long d) { return (long)((i128)a * b * c % d); }
  unsigned long hi(unsigned long a, unsigned long b) { return (unsigned long)(((u128)a * b) >> 64); }
  double wide(long a, int n) { return (double)((i128)a << n); }
  long back(double d, int n) { return (long)((i128)d >> n); }
  u128 shifted(u128 v, int n) { return v << n; }
`;

x64('__int128 arithmetic and libgcc calls run in process', (t) => {
  // int64: 'bigint' so every long comes back exact.
  const mod = compile(SOURCE, { optimize: 2, int64: 'bigint' });
  const [a, b, c, d] = [123456789012n, 987654321098n, 55555n, 1000000007n];
  const product = a * b * c;
  t.is(mod.fn('muldiv')(a, b, c, d), BigInt.asIntN(64, product / d));
  t.is(mod.fn('mulmod')(a, b, c, d), BigInt.asIntN(64, product % d));
  t.is(mod.fn('muldiv')(-a, b, c, d), BigInt.asIntN(64, -product / d));
  t.is(mod.fn('hi')(0xfedcba9876543210n, 0x123456789abcdef0n), (0xfedcba9876543210n * 0x123456789abcdef0n) >> 64n);
  t.is(mod.fn('wide')(3, 100), 3 * 2 ** 100);
  t.is(mod.fn('back')(2 ** 100, 90), 1024n);
  t.throws(() => mod.fn('shifted'), { instanceOf: LoadError, message: /cannot bind 'shifted'.*unsigned __int128.*no 128-bit integers/ });
  mod.dispose();
});
