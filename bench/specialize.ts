// Specialization (mod.specialize): kernels whose sizes are only known at
// run time, compiled generically and then specialized on the sizes, against
// gcc -O2's generic code and gcc -O2 with the sizes as compile-time
// constants (what an ahead-of-time compiler could do if it knew them).
// Every variant is called the same way, through koffi from JS.
//
//   npx tsx bench/specialize.ts        (ROUNDS=… to change the rounds)
//
// Kernels: a 2D convolution of a 512×512 float image with a 3×3 and a 5×5
// filter (size and image width bound), a matrix multiply with n = 64
// and 128 bound, and a requantization (x / q and x % q over 64k ints) with
// the step q bound — divisions by a constant become multiplies. Reported:
// the best round's time per call, and ratios to jitcc's generic code.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, loadObject } from '../src/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 7);

const source = `
#ifndef KS
#define KS ks
#endif
#ifndef W
#define W w
#endif
#ifndef N
#define N n
#endif
#ifndef Q
#define Q q
#endif
void conv2d(const float *in, float *out, int w, int h, const float *k, int ks) {
  for (int y = 0; y + KS <= h; y++)
    for (int x = 0; x + KS <= W; x++) {
      float s = 0;
      for (int ky = 0; ky < KS; ky++)
        for (int kx = 0; kx < KS; kx++)
          s += in[(y + ky) * W + x + kx] * k[ky * KS + kx];
      out[y * W + x] = s;
    }
}
void matmul(const double *a, const double *b, double *c, int n) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      double s = 0;
      for (int k = 0; k < N; k++) s += a[i * N + k] * b[k * N + j];
      c[i * N + j] = s;
    }
}
/* Fixed-point rescaling: a division and a remainder by a step known only at run time. */
long requantize(const int *in, int *out, int n, int q) {
  long spill = 0;
  for (int i = 0; i < n; i++) {
    out[i] = in[i] / Q;
    spill += in[i] % Q;
  }
  return spill;
}
`;

type Fn = (...args: unknown[]) => unknown;

function bestMs(run: () => void, calls: number): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6 / calls);
  }
  return best;
}

const dir = mkdtempSync(join(tmpdir(), 'jitcc-bench-spec-'));
writeFileSync(join(dir, 'k.c'), source);
function gcc(defines: string[]): ReturnType<typeof loadObject> {
  const out = join(dir, `k${defines.join('').replace(/\W/g, '')}.o`);
  execFileSync('gcc', ['-O2', '-fPIC', '-c', ...defines.map((d) => `-D${d}`), join(dir, 'k.c'), '-o', out]);
  return loadObject(new Uint8Array(readFileSync(out)));
}
const convSig = 'void conv2d(const float *in, float *out, int w, int h, const float *k, int ks)';
const mmSig = 'void matmul(const double *a, const double *b, double *c, int n)';
const rqSig = 'long requantize(const int *in, int *out, int n, int q)';

const mod = compile(source, { optimize: 2, file: 'k.c' });
const gccGeneric = gcc([]);
const rows: string[][] = [];

const W = 512, H = 512;
const image = new Float32Array(W * H).map((_, i) => (i % 17) * 0.25);
const out = new Float32Array(W * H);
for (const ks of [3, 5]) {
  const filter = new Float32Array(ks * ks).fill(1 / (ks * ks));
  const generic = mod.fn('conv2d') as Fn;
  const specialized = mod.specialize('conv2d', { ks, w: W }) as Fn;
  const gccConst = gcc([`KS=${ks}`, `W=${W}`]);
  const variants: [string, () => void][] = [
    ['jitcc -O2 generic', () => generic(image, out, W, H, filter, ks)],
    ['jitcc -O2 specialized', () => specialized(image, out, H, filter)],
    ['gcc -O2 generic', () => (gccGeneric.fn('conv2d', convSig) as Fn)(image, out, W, H, filter, ks)],
    ['gcc -O2 constants', () => (gccConst.fn('conv2d', convSig) as Fn)(image, out, W, H, filter, ks)],
  ];
  const times = variants.map(([, run]) => bestMs(run, 5));
  variants.forEach(([name], i) => rows.push([`conv2d ${ks}x${ks} 512x512`, name, times[i]!.toFixed(3), (times[0]! / times[i]!).toFixed(2)]));
  gccConst.dispose();
}

for (const n of [64, 128]) {
  const a = new Float64Array(n * n).map((_, i) => (i % 7) - 3);
  const b = new Float64Array(n * n).map((_, i) => (i % 5) - 2);
  const c = new Float64Array(n * n);
  const generic = mod.fn('matmul') as Fn;
  const specialized = mod.specialize('matmul', { n }) as Fn;
  const gccConst = gcc([`N=${n}`]);
  const variants: [string, () => void][] = [
    ['jitcc -O2 generic', () => generic(a, b, c, n)],
    ['jitcc -O2 specialized', () => specialized(a, b, c)],
    ['gcc -O2 generic', () => (gccGeneric.fn('matmul', mmSig) as Fn)(a, b, c, n)],
    ['gcc -O2 constants', () => (gccConst.fn('matmul', mmSig) as Fn)(a, b, c, n)],
  ];
  const times = variants.map(([, run]) => bestMs(run, n === 64 ? 50 : 10));
  variants.forEach(([name], i) => rows.push([`matmul n=${n}`, name, times[i]!.toFixed(3), (times[0]! / times[i]!).toFixed(2)]));
  gccConst.dispose();
}

{
  const n = 1 << 16;
  const input = new Int32Array(n).map((_, i) => ((i * 7919) % 200_001) - 100_000);
  const output = new Int32Array(n);
  for (const q of [10, 255]) {
    const generic = mod.fn('requantize') as Fn;
    const specialized = mod.specialize('requantize', { q }) as Fn;
    const gccConst = gcc([`Q=${q}`]);
    if (specialized(input, output, n) !== generic(input, output, n, q)) throw new Error('requantize: the specialized result differs');
    const variants: [string, () => void][] = [
      ['jitcc -O2 generic', () => generic(input, output, n, q)],
      ['jitcc -O2 specialized', () => specialized(input, output, n)],
      ['gcc -O2 generic', () => (gccGeneric.fn('requantize', rqSig) as Fn)(input, output, n, q)],
      ['gcc -O2 constants', () => (gccConst.fn('requantize', rqSig) as Fn)(input, output, n, q)],
    ];
    const times = variants.map(([, run]) => bestMs(run, 50));
    variants.forEach(([name], i) => rows.push([`requantize q=${q} 64k`, name, times[i]!.toFixed(3), (times[0]! / times[i]!).toFixed(2)]));
    gccConst.dispose();
  }
}

console.log(`best of ${ROUNDS} rounds, ms per call; speed-up = jitcc generic time / this time`);
console.log(['kernel'.padEnd(22), 'variant'.padEnd(24), 'ms'.padStart(9), 'speed-up'.padStart(9)].join(' '));
for (const r of rows) console.log([r[0]!.padEnd(22), r[1]!.padEnd(24), r[2]!.padStart(9), r[3]!.padStart(9)].join(' '));
mod.dispose();
gccGeneric.dispose();
