// JS functions as C callbacks: qsort with a JS comparator (the callback is
// valid during the call), and a JS function imported as an ordinary C
// function the module keeps calling (valid until the module is disposed).
// Run: npx tsx examples/callback.ts
import koffi from 'koffi';
import { compile } from 'jitcc';

const mod = compile(`
  #include <stdlib.h>
  struct Rec { int id; double score; };
  void sort_recs(struct Rec *r, int n, int (*cmp)(const void *, const void *)) { qsort(r, n, sizeof *r, cmp); }
  void progress(int done, int total);         /* supplied by JavaScript */
  double work(int n) {
    double s = 0;
    for (int i = 1; i <= n; i++) { s += 1.0 / i; if (i % (n / 4) == 0) progress(i, n); }
    return s;
  }
`, { imports: { progress: (done: number, total: number) => console.log(`  progress ${done}/${total}`) } });

// An array of struct Rec in a buffer: 16 bytes each (int, 4 bytes padding, double).
const scores = [3.5, 9.25, 1, 7.75];
const recs = Buffer.alloc(16 * scores.length);
scores.forEach((s, i) => { recs.writeInt32LE(i, i * 16); recs.writeDoubleLE(s, i * 16 + 8); });
mod.fn('sort_recs')(recs, scores.length, (a: bigint, b: bigint) => {
  // Arguments are C pointers (bigint addresses): read the scores through koffi.
  const sa = koffi.decode(a, 8, 'double') as number;
  const sb = koffi.decode(b, 8, 'double') as number;
  return sb - sa; // descending
});
console.log('by score:', scores.map((_, i) => `#${recs.readInt32LE(i * 16)}=${recs.readDoubleLE(i * 16 + 8)}`).join(' '));

console.log('harmonic sum:');
console.log(`  H(1000) = ${(mod.fn('work')(1000) as number).toFixed(4)}`);
mod.dispose();
