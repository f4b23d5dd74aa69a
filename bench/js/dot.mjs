// dot.c in JavaScript: a double dot product on Float64Arrays.
import { arg, g17 } from './format.mjs';

function dot(a, b, n) {
  let s = 0.0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

const n = 10000;
const reps = arg(0, 40000);
const a = new Float64Array(n), b = new Float64Array(n);
for (let i = 0; i < n; i++) {
  a[i] = (i % 13) * 0.5;
  b[i] = (i % 7) * 0.25 - 0.5;
}
let total = 0.0;
for (let r = 0; r < reps; r++) {
  a[r % n] += 0.125;
  total += dot(a, b, n);
}
console.log(`dot ${g17(total)}`);
