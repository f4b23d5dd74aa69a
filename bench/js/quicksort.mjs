// quicksort.c in JavaScript: median of three, Hoare partition, insertion
// sort below 17 elements, on an Int32Array (a sub-array is a base index).
import { arg } from './format.mjs';

function insertionSort(a, base, n) {
  for (let i = 1; i < n; i++) {
    const v = a[base + i];
    let j = i - 1;
    while (j >= 0 && a[base + j] > v) {
      a[base + j + 1] = a[base + j];
      j--;
    }
    a[base + j + 1] = v;
  }
}

function quicksort(a, base, n) {
  while (n > 16) {
    const x = a[base], y = a[base + (n >> 1)], z = a[base + n - 1];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = -1, j = n;
    for (;;) {
      do i++; while (a[base + i] < pivot);
      do j--; while (a[base + j] > pivot);
      if (i >= j) break;
      const t = a[base + i]; a[base + i] = a[base + j]; a[base + j] = t;
    }
    if (j + 1 < n - j - 1) {
      quicksort(a, base, j + 1);
      base += j + 1;
      n -= j + 1;
    } else {
      quicksort(a, base + j + 1, n - j - 1);
      n = j + 1;
    }
  }
  insertionSort(a, base, n);
}

const n = arg(0, 1000000), reps = arg(1, 6);
const a = new Int32Array(n);
let seed = 12345, check = 0;
for (let r = 0; r < reps; r++) {
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    a[i] = (seed >>> 4) - (1 << 27);
  }
  quicksort(a, 0, n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && a[i - 1] > a[i]) {
      console.log('quicksort NOT SORTED');
      process.exit(1);
    }
    check = (Math.imul(check, 31) + a[i]) >>> 0;
  }
}
console.log(`quicksort ${check}`);
