// matmul.c in JavaScript: C = A * B in i-k-j order on Float64Arrays.
import { arg, g17 } from './format.mjs';

function matmul(a, b, c, n) {
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let j = 0; j < n; j++) c[ci + j] = 0.0;
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
    }
  }
}

const n = arg(0, 600), reps = arg(1, 4);
const nn = n * n;
const a = new Float64Array(nn), b = new Float64Array(nn), c = new Float64Array(nn);
for (let i = 0; i < nn; i++) {
  a[i] = ((i * 7) % 11) - 5.0;
  b[i] = ((i * 3) % 5) * 0.5 - 0.75;
}
let s = 0.0;
for (let r = 0; r < reps; r++) {
  a[(r * (n + 1)) % nn] += 1.0;
  matmul(a, b, c, n);
  for (let i = 0; i < nn; i += 7) s += c[i] * ((i % 5) + 1);
}
console.log(`matmul ${g17(s)}`);
