// crc32.c in JavaScript: table-driven CRC-32 over a 1 MiB buffer.
import { arg, hex8 } from './format.mjs';

const table = new Uint32Array(256);
let ready = false;

function init() {
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (0xedb88320 ^ (c >>> 1)) >>> 0 : c >>> 1;
    table[i] = c;
  }
  ready = true;
}

function crc32(buf, n, crc) {
  if (!ready) init();
  let c = ~crc >>> 0;
  for (let i = 0; i < n; i++) c = (table[(c ^ buf[i]) & 0xff] ^ (c >>> 8)) >>> 0;
  return ~c >>> 0;
}

const reps = arg(0, 150);
const n = 1 << 20;
if (crc32(new TextEncoder().encode('123456789'), 9, 0) !== 0xcbf43926) {
  console.log('crc32 SELF-TEST FAILED');
  process.exit(1);
}
const buf = new Uint8Array(n);
let seed = 7;
for (let i = 0; i < n; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  buf[i] = (seed >>> 16) & 0xff;
}
let crc = 0;
for (let r = 0; r < reps; r++) crc = crc32(buf, n, crc);
console.log(`crc32 ${hex8(crc)}`);
