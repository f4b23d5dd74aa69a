// Embedded data at scale (issue 11): one line of hundreds of thousands of
// byte values — the shape of `xxd -i` output and generated tables — is
// compiled, loaded and read back by C code whose checksum must match the
// generator's, and the compile time per element stays flat between 30k and
// 300k elements (a quadratic phase would grow it 10×). A 10 MB string
// literal (once an internal error: the lexer's regular expression
// overflowed the stack) compiles, loads and has its length and bytes read
// back, as a static array and as a literal in code.

import test from 'ava';
import { compile } from '../../src/index.js';
import { bestCompileMs } from '../compile-cpu.js';

const byteAt = (i: number) => (i * 7 + (i >> 9)) & 255;

/** The input: one line `static const unsigned char data[] = { … };` plus a function reading it. */
function dataSource(n: number, hex: boolean): string {
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = hex ? `0x${byteAt(i).toString(16).padStart(2, '0')}` : String(byteAt(i));
  return `static const unsigned char data[] = { ${parts.join(', ')} };\n` +
    'unsigned long size(void) { return sizeof data; }\n' +
    'unsigned long long fnv(void) {\n' +
    '  unsigned long long h = 1469598103934665603ull;\n' +
    '  for (unsigned long i = 0; i < sizeof data; i++) h = (h ^ data[i]) * 1099511628211ull;\n' +
    '  return h;\n}\n';
}

function expectedFnv(n: number): bigint {
  let h = 1469598103934665603n;
  for (let i = 0; i < n; i++) h = BigInt.asUintN(64, (h ^ BigInt(byteAt(i))) * 1099511628211n);
  return h;
}

const bestMs = (source: string, runs: number): number => bestCompileMs(source, runs, 'data.c');

for (const hex of [false, true]) {
  test.serial(`300k ${hex ? 'hex' : 'decimal'} byte values on one line: loaded data matches the generator's`, (t) => {
    const n = 300_000;
    const mod = compile(dataSource(n, hex), { optimize: 2, file: 'data.c' });
    try {
      t.is(Number(mod.fn('size')()), n);
      t.is(BigInt(mod.fn('fnv')() as bigint | number), expectedFnv(n));
    } finally {
      mod.dispose();
    }
  });
}

test.serial('compile time per element stays flat from 30k to 300k elements', (t) => {
  bestMs(dataSource(2_000, false), 2); // warm up
  const small = bestMs(dataSource(30_000, false), 3) / 30_000;
  const large = bestMs(dataSource(300_000, false), 2) / 300_000;
  const ratio = large / small;
  t.log(`${(small * 1000).toFixed(2)} µs → ${(large * 1000).toFixed(2)} µs per element, ratio ${ratio.toFixed(2)}`);
  t.true(ratio <= 3, `time per element grew ${ratio.toFixed(2)}× from 30k to 300k`);
});

test.serial('a 10 MB string literal: compiled, loaded, its length and checksum read back', (t) => {
  const n = 10 * 1024 * 1024;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 ,.;:!?-+*/ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let text = alphabet.repeat(Math.ceil(n / alphabet.length)).slice(0, n - 6);
  text += '\\x7f\\"'; // escapes at the end: 6 source chars, 2 bytes
  const source = `static const char text[] = "${text}";\n` +
    'unsigned long len(void) { unsigned long i = 0; while (text[i]) i++; return i; }\n' +
    'unsigned long long fnv(void) {\n  unsigned long long h = 1469598103934665603ull;\n' +
    '  for (const char *p = text; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;\n  return h;\n}\n' +
    `unsigned long literal_len(void) { return __builtin_strlen("${text.slice(0, 1 << 20)}"); }\n`;
  const bytes = Buffer.concat([Buffer.from(text.slice(0, -6), 'latin1'), Buffer.from([0x7f, 0x22])]);
  let h = 1469598103934665603n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 1099511628211n);
  const cpu0 = process.cpuUsage();
  const mod = compile(source, { optimize: 1, file: 'text.c' });
  const cpu = process.cpuUsage(cpu0);
  t.log(`compiled and loaded in ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU`);
  try {
    t.is(Number(mod.fn('len')()), bytes.length);
    t.is(BigInt(mod.fn('fnv')() as bigint | number), h);
    t.is(Number(mod.fn('literal_len')()), 1 << 20);
  } finally {
    mod.dispose();
  }
});
