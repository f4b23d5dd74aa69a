// Loop unrolling end to end (src/ir/passes/unroll.ts): C loops with
// constant trip counts, compiled at -O2 by compile(), give the results of
// -O0 and of a JS model; loops whose count becomes constant only when
// mod.specialize() binds a parameter are unrolled in the specialized code
// (no branch is left in it) and compute what the generic code does.

import { compile } from '../../src/index.js';
import { testOnHost } from '../tools.js';

const onX64 = testOnHost(process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`);

const source = `
/* A 3x3 filter at (x, y) of a w-wide image: two nested constant loops. */
float filter3(const float *in, int w, const float *k) {
  float s = 0;
  for (int ky = 0; ky < 3; ky++)
    for (int kx = 0; kx < 3; kx++)
      s += in[ky * w + kx] * k[ky * 3 + kx];
  return s;
}
/* The bitwise CRC step: 8 trips with a branch in the body. */
unsigned crc8steps(unsigned c) {
  for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  return c;
}
/* A counting-down loop whose counter is used after it, and an unsigned char counter that wraps. */
int down(int *out) {
  int i;
  for (i = 10; i > 1; i -= 3) out[i] = i;
  return i;
}
int wraps(void) {
  int n = 0;
  for (unsigned char c = 250; c != 4; c++) n += c;
  return n;
}
/* 64 trips: unrolled by 4. */
long sum64(const long *a) {
  long s = 0;
  for (int i = 0; i < 64; i++) s += a[i] * (i + 1);
  return s;
}
/* Refused: a break leaves from the body. */
int find(const int *a, int v) {
  int i;
  for (i = 0; i < 16; i++) if (a[i] == v) break;
  return i;
}
/* The size is a parameter: specialization makes the count constant. */
float dot(const float *a, const float *b, int n) {
  float s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}
`;

const jsCrc = (c: number): number => {
  for (let k = 0; k < 8; k++) c = c & 1 ? (0xedb88320 ^ (c >>> 1)) >>> 0 : c >>> 1;
  return c;
};

/** Whether a disassembly (`addr:\tmnemonic operands` lines) has a jump to an earlier address: a loop. */
function hasBackwardJump(text: string): boolean {
  return text.split('\n').some((line) => {
    const m = /^\s*([0-9a-f]+):\s+j[a-z]+\s+([0-9a-f]+)\b/.exec(line);
    return m !== null && BigInt(`0x${m[2]}`) <= BigInt(`0x${m[1]}`);
  });
}

onX64('constant-count loops at -O2 compute what -O0 and JS compute', (t) => {
  const o2 = compile(source, { optimize: 2, cache: false });
  const o0 = compile(source, { optimize: 0, cache: false });
  const image = new Float32Array(64).map((_, i) => (i % 11) * 0.5 - 2);
  const k = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.is(o2.fn('filter3')(image, 8, k), o0.fn('filter3')(image, 8, k));
  for (const c of [0, 1, 0xdeadbeef, 0xffffffff, 12345]) t.is(o2.fn('crc8steps')(c), jsCrc(c), `crc8steps(${c})`);
  const out = new Int32Array(16);
  t.is(o2.fn('down')(out), 1);
  t.deepEqual([...out], [0, 0, 0, 0, 4, 0, 0, 7, 0, 0, 10, 0, 0, 0, 0, 0]);
  t.is(o2.fn('wraps')(), 250 + 251 + 252 + 253 + 254 + 255 + 0 + 1 + 2 + 3);
  const longs = new BigInt64Array(64).map((_, i) => BigInt(i * 3 - 50));
  const expected = longs.reduce((s, v, i) => s + v * BigInt(i + 1), 0n);
  t.is(BigInt(o2.fn('sum64')(longs) as number | bigint), expected);
  const ints = new Int32Array(16).map((_, i) => i * 2);
  for (const v of [0, 6, 30, 31]) t.is(o2.fn('find')(ints, v), o0.fn('find')(ints, v), `find ${v}`);
  // Fully unrolled: no branch left in the two nested 3-trip loops, no loop left in the CRC steps.
  t.notRegex(o2.disassemble('filter3', { bytes: false }), /\bj[a-z]+\b/);
  t.false(hasBackwardJump(o2.disassemble('crc8steps', { bytes: false })));
  t.true(hasBackwardJump(o2.disassemble('find', { bytes: false })), 'the loop with a break stays a loop');
  t.true(hasBackwardJump(o2.disassemble('sum64', { bytes: false })), 'the 64-trip loop stays a loop');
  o2.dispose();
  o0.dispose();
});

onX64('a loop whose count a specialization binds is unrolled in the specialized code', (t) => {
  const mod = compile(source, { optimize: 2, cache: false });
  const a = new Float32Array(16).map((_, i) => i * 0.25 - 1);
  const b = new Float32Array(16).map((_, i) => 3 - i * 0.5);
  const dot = mod.fn('dot');
  for (const n of [0, 1, 3, 4, 8, 16]) {
    const spec = mod.specialize('dot', { n });
    t.is(spec(a, b), dot(a, b, n), `n=${n}`);
  }
  t.true(hasBackwardJump(mod.disassemble('dot', { bytes: false })), 'the generic code loops');
  t.notRegex(mod.disassemble('dot.spec.4', { bytes: false }), /\bj[a-z]+\b/, 'the n=4 code does not');
  mod.dispose();
});
