// mandelbrot.c in JavaScript: escape-time iteration counts.
import { arg } from './format.mjs';

function mandelbrot(out, w, h, maxiter) {
  let total = 0;
  for (let py = 0; py < h; py++) {
    const ci = -1.25 + (2.5 * py) / h;
    for (let px = 0; px < w; px++) {
      const cr = -2.0 + (2.5 * px) / w;
      let zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      let it = 0;
      while (it < maxiter && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        it++;
      }
      out[py * w + px] = it;
      total += it;
    }
  }
  return total;
}

const w = arg(0, 800), h = arg(1, 600), maxiter = arg(2, 1000);
const img = new Int32Array(w * h);
const total = mandelbrot(img, w, h, maxiter);
let check = 0;
for (let i = 0; i < w * h; i++) check = (Math.imul(check, 31) + img[i]) >>> 0;
console.log(`mandelbrot ${total} ${check}`);
