// Specialize a kernel on sizes known only at run time (PyPy-style promotion).
// Run: npx tsx examples/specialize.ts
import { compile } from 'jitcc';

const mod = compile(`
int sum_strided(const int *a, int n, int stride) {
  int s = 0;
  for (int i = 0; i < n; i++) s += a[i * stride] / stride;
  return s;
}`, { optimize: 2 });

const a = new Int32Array(4096).map((_, i) => i);
const generic = mod.fn('sum_strided');
// n and stride become constants: the loop bound is fixed, a[i * 4] is a shift, / 4 is a shift too.
const fast = mod.specialize('sum_strided', { n: 1024, stride: 4 });
console.log(generic(a, 1024, 4), fast(a)); // the same result; fast takes only the remaining parameter
console.log(mod.disassemble('sum_strided.spec.1', { bytes: false }));

// Or let the first call decide: later calls with the same n run the specialized code.
const auto = compile(`int scale(int x, int factor) { return x * factor / 3; }`, { specialize: { scale: ['factor'] } });
const scale = auto.fn('scale');
console.log(scale(30, 6), scale(30, 6), scale(30, 7)); // specializes on factor = 6; 7 runs the generic code
mod.dispose();
auto.dispose();
