// hash.c in JavaScript: FNV-1a + murmur finalizer over byte strings, and an
// open-addressing set counting distinct strings.
import { arg, hex8 } from './format.mjs';

function fnv1a(buf, at, len) {
  let h = 2166136261;
  for (let i = 0; i < len; i++) h = Math.imul(h ^ buf[at + i], 16777619);
  return h >>> 0;
}

function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashStrings(buf, offs, count) {
  let acc = 0;
  for (let i = 0; i < count; i++) {
    const h = fmix32(fnv1a(buf, offs[i], offs[i + 1] - offs[i]));
    acc = (Math.imul(acc ^ h, 0x9e3779b1) + i) >>> 0;
  }
  return acc;
}

function countDistinct(buf, offs, count) {
  let cap = 1;
  while (cap < 2 * count) cap <<= 1;
  const slot = new Int32Array(cap).fill(-1);
  let distinct = 0;
  for (let i = 0; i < count; i++) {
    const len = offs[i + 1] - offs[i];
    let h = fmix32(fnv1a(buf, offs[i], len)) & (cap - 1);
    for (;;) {
      const k = slot[h];
      if (k < 0) {
        slot[h] = i;
        distinct++;
        break;
      }
      if (offs[k + 1] - offs[k] === len && same(buf, offs[k], offs[i], len)) break;
      h = (h + 1) & (cap - 1);
    }
  }
  return distinct;
}

function same(buf, a, b, len) {
  for (let i = 0; i < len; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

const reps = arg(0, 60);
const count = 200000;
const offs = new Int32Array(count + 1);
const buf = new Uint8Array(count * 40);
let seed = 99;
let pos = 0;
for (let i = 0; i < count; i++) {
  offs[i] = pos;
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  let len = 4 + ((seed >>> 8) % 37);
  if (len > 8 && (seed & 3) === 0) len = 4;
  for (let k = 0; k < len; k++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    buf[pos++] = 97 + ((seed >>> 24) % 4);
  }
}
offs[count] = pos;
let h = 0;
let distinct = 0;
for (let r = 0; r < reps; r++) {
  h = (Math.imul(h, 31) + hashStrings(buf, offs, count - r)) >>> 0;
  if (r % 10 === 0) distinct += countDistinct(buf, offs, count - r);
}
console.log(`hash ${hex8(h)} ${distinct}`);
