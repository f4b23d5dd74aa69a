// Compile a C function at run time and call it on Float64Arrays.
// Run: npx tsx examples/dot.ts
import { compile } from 'jitcc';

const mod = compile(`
  double dot(const double *a, const double *b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  }
  long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
`, { optimize: 2 });

const dot = mod.fn('dot'); // the signature comes from the C prototype
const a = new Float64Array([1, 2, 3]);
const b = new Float64Array([4, 5, 6]);
console.log(`dot([1,2,3], [4,5,6]) = ${dot(a, b, 3)}`);
console.log(`fib(30) = ${mod.fn('fib')(30)}`);
console.log(`dot is at 0x${mod.symbol('dot').toString(16)}`);
mod.dispose();
