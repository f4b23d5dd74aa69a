// sieve.c in JavaScript: sieve of Eratosthenes over a Uint8Array.
import { arg } from './format.mjs';

function sieve(flags, n) {
  if (n < 2) return 0;
  for (let i = 0; i < n; i++) flags[i] = 1;
  flags[0] = flags[1] = 0;
  for (let i = 2; i * i < n; i++) if (flags[i]) for (let j = i * i; j < n; j += i) flags[j] = 0;
  let count = 0;
  for (let i = 0; i < n; i++) count += flags[i];
  return count;
}

const n = arg(0, 10000000), reps = arg(1, 16);
const flags = new Uint8Array(n);
let total = 0;
for (let r = 0; r < reps; r++) total += sieve(flags, n - r);
console.log(`sieve ${total}`);
