// Loading an object built by gcc (any compiler's relocatable ELF works) and
// linking it with jitcc code in both directions; functions in the gcc object
// are bound with a C prototype.
// Run: npx tsx examples/gcc-object.ts   (needs gcc on PATH)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, loadObject } from 'jitcc';

const dir = mkdtempSync(join(tmpdir(), 'jitcc-example-'));
writeFileSync(join(dir, 'stats.c'), `
  #include <math.h>
  double jit_weight(int i);              /* defined by the jitcc module below */
  double weighted_rms(const double *a, int n) {
    double s = 0, w = 0;
    for (int i = 0; i < n; i++) { s += jit_weight(i) * a[i] * a[i]; w += jit_weight(i); }
    return sqrt(s / w);
  }
`);
execFileSync('gcc', ['-c', '-O2', '-fPIC', join(dir, 'stats.c'), '-o', join(dir, 'stats.o')]);

const weights = compile('double jit_weight(int i) { return 1.0 + i; }');
const stats = loadObject(readFileSync(join(dir, 'stats.o')), { link: [weights] });
const rms = stats.fn('weighted_rms', 'double weighted_rms(const double *a, int n)');
console.log(`weighted rms = ${(rms(new Float64Array([1, 2, 3, 4]), 4) as number).toFixed(4)}`);

// jitcc code calling into the gcc object:
const app = compile('double weighted_rms(const double *, int); double twice_rms(const double *a, int n) { return 2 * weighted_rms(a, n); }', { link: [stats] });
console.log(`twice = ${(app.fn('twice_rms')(new Float64Array([1, 2, 3, 4]), 4) as number).toFixed(4)}`);

app.dispose();
stats.dispose();
weights.dispose();
rmSync(dir, { recursive: true });
