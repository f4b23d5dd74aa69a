// Look at the machine code jitcc generated, from memory, with source lines.
// Run: npx tsx examples/disassemble.ts
import { compile } from 'jitcc';

const mod = compile(`
double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}
`, { optimize: 2, debug: true, file: 'dot.c' }); // debug: the line table behind "dot.c:5"

console.log(mod.disassemble('dot'));
// Without bytes and lines, e.g. to diff two optimisation levels:
console.log(mod.disassemble('dot', { bytes: false, lines: false }));
mod.dispose();
