// fib.c in JavaScript: naive doubly recursive Fibonacci on int32.
import { arg } from './format.mjs';

function fib(n) {
  return n < 2 ? n : (fib(n - 1) + fib(n - 2)) | 0;
}

const n = arg(0, 40);
console.log(`fib(${n}) ${fib(n)}`);
