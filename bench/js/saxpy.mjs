// saxpy.c in JavaScript: y += alpha * x on Float64Arrays.
import { arg, g17 } from './format.mjs';

function saxpy(alpha, x, y, n) {
  for (let i = 0; i < n; i++) y[i] += alpha * x[i];
}

const n = 10000;
const reps = arg(0, 150000);
const x = new Float64Array(n), y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  x[i] = (i % 9) - 4.0;
  y[i] = (i % 5) * 0.5;
}
for (let r = 0; r < reps; r++) saxpy(((r % 3) - 1) * 0.25, x, y, n);
let s = 0.0;
for (let i = 0; i < n; i++) s += y[i] * ((i % 3) + 1);
console.log(`saxpy ${g17(s)}`);
