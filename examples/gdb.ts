// Debug jitted C with gdb: break in it by name or file:line, backtrace, step.
// Run under gdb (the breakpoint waits until jitcc registers the code):
//   gdb -ex 'set breakpoint pending on' -ex 'break dot' -ex run --args node --import tsx examples/gdb.ts
// then `bt`, `next`, `info locals`-free stepping by source line, `continue`.
// On its own (npx tsx examples/gdb.ts) it just runs.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'jitcc';

// gdb shows source lines from the file the line table names (relative to the compilation directory).
const dir = tmpdir();
writeFileSync(join(dir, 'dot.c'), `double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}
`);
process.chdir(dir);
const mod = compile({ files: ['dot.c'] }, { gdb: true, optimize: 0 }); // gdb: true implies debug: true
console.log(mod.fn('dot')(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]), 3)); // 32
mod.dispose(); // unregisters the code from gdb before unmapping it
