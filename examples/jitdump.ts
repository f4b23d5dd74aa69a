// Profile jitted C with perf: jitdump files let `perf annotate` show source lines.
//   perf record -k 1 -o perf.data node --import tsx examples/jitdump.ts
//   perf inject --jit -i perf.data -o perf.jit.data
//   perf report -i perf.jit.data          # samples in "dot", not in anonymous memory
//   perf annotate -i perf.jit.data -l dot # per instruction and per line of dot.c
// (-k 1: the monotonic clock jitdump timestamps use.) Alone it just runs.
import { tmpdir } from 'node:os';
import { compile } from 'jitcc';

const mod = compile(`
double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}`, { file: 'dot.c', optimize: 2, jitdump: tmpdir() }); // writes <tmpdir>/jit-<pid>.dump (true: the current directory)

const dot = mod.fn('dot');
const a = new Float64Array(100_000).fill(1.5);
const b = new Float64Array(100_000).fill(2);
let sum = 0;
for (let i = 0; i < 2_000; i++) sum += dot(a, b, a.length) as number;
console.log(sum, `${tmpdir()}/jit-${process.pid}.dump`);
