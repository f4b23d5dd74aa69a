// Image processing in C on a Uint8ClampedArray (e.g. canvas ImageData):
// the pixels are passed in place, no copy, and C's writes are what JS sees.
// Run: npx tsx examples/image.ts
import { compile } from 'jitcc';

const mod = compile(`
  #include <stdint.h>
  /* RGBA in place: grayscale by luma (ITU-R BT.601 weights, fixed point). */
  void grayscale(uint8_t *px, int n) {
    for (int i = 0; i < n; i++, px += 4) {
      int y = (77 * px[0] + 150 * px[1] + 29 * px[2]) >> 8;
      px[0] = px[1] = px[2] = (uint8_t)y;
    }
  }
  /* 3x3 box blur of one channel-interleaved RGBA image into another. */
  void blur(const uint8_t *src, uint8_t *dst, int w, int h) {
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        for (int c = 0; c < 4; c++) {
          int sum = 0, cnt = 0;
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
              int xx = x + dx, yy = y + dy;
              if (xx >= 0 && xx < w && yy >= 0 && yy < h) { sum += src[(yy * w + xx) * 4 + c]; cnt++; }
            }
          dst[(y * w + x) * 4 + c] = (uint8_t)(sum / cnt);
        }
  }
`, { optimize: 2 });

const w = 64, h = 48;
const pixels = new Uint8ClampedArray(w * h * 4);
for (let i = 0; i < w * h; i++) pixels.set([i % 256, (i * 7) % 256, 200, 255], i * 4);

mod.fn('grayscale')(pixels, w * h);
console.log(`first pixel after grayscale: ${[...pixels.subarray(0, 4)].join(', ')}`);

const out = new Uint8ClampedArray(pixels.length);
const t0 = performance.now();
mod.fn('blur')(pixels, out, w, h);
console.log(`blurred ${w}x${h} in ${(performance.now() - t0).toFixed(2)} ms; centre pixel ${[...out.subarray(((h / 2) * w + w / 2) * 4, ((h / 2) * w + w / 2) * 4 + 4)].join(', ')}`);
mod.dispose();
