// `mod.disassemble()`: the code in memory, decoded by our decoder, must read
// as objdump reads the same bytes (dumped from memory and given to
// `objdump -b binary` at the same address), with the source lines of the
// module's line table above each run of instructions — for our own -g code
// (DWARF 4) and for gcc -g objects (DWARF 5). Errors name what is wrong.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, LoadError, loadObject } from '../../src/index.js';
import { readNative } from '../../src/loader/ffi.js';
import { testNeedingTools, testOnHost } from '../tools.js';

const onX64 = testOnHost(process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`);
const withObjdump = process.arch === 'x64' ? testNeedingTools(['objdump']) : onX64;
const withGcc = process.arch === 'x64' ? testNeedingTools(['gcc', 'objdump']) : onX64;
const work = mkdtempSync(join(tmpdir(), 'jitcc-disasm-'));

const dotC = `double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}
int pick(int k) {
  switch (k) { case 0: return 10; case 1: return 21; case 2: return 32; case 3: return 43; case 4: return 54; default: return -1; }
}
int scale = 3;
int rand(void);
int scaled(int x) { return pick(x) * scale + rand(); }
`;

/** objdump's text per address for `size` bytes of memory at `address`. */
function objdumpMemory(address: bigint, size: number): Map<string, string> {
  const file = join(work, `mem-${address.toString(16)}.bin`);
  writeFileSync(file, readNative(address, size));
  const out = execFileSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', '--no-show-raw-insn', `--adjust-vma=0x${address.toString(16)}`, file], { encoding: 'utf8' });
  const byAddress = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^\s+([0-9a-f]+):\t(.*)$/.exec(line);
    if (m) byAddress.set(m[1]!, m[2]!.replace(/\s+/g, ' ').replace(/ # .*$/, '').replace(/ <[^>]*>/, '').trim());
  }
  return byAddress;
}

/** Our listing's instructions by address (data lines and source lines left out), text normalised as objdumpMemory's. */
function instructionsOf(listing: string): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const m = /^\s+([0-9a-f]+):\t(?:[0-9a-f]{2} )+\s*\t(.*)$/.exec(line);
    if (m && !m[2]!.startsWith('.')) byAddress.set(m[1]!, m[2]!.replace(/\s+/g, ' ').replace(/ # .*$/, '').replace(/ <[^>]*>/, '').replace(/^(call|j[a-z]+) ([0-9a-f]+)$/, '$1 0x$2').trim());
  }
  return byAddress;
}

withObjdump('disassemble(name) lists the function as objdump reads its bytes in memory, with its source lines', (t) => {
  const mod = compile(dotC, { file: 'dot.c', debug: true, optimize: 2, cache: false });
  const listing = mod.disassemble('dot');
  t.regex(listing, /^dot:\n/);
  t.regex(listing, /^dot\.c:4$/m, 'the loop body has its line');
  const address = mod.symbol('dot');
  const ours = instructionsOf(listing);
  t.true(ours.size > 5);
  const theirs = objdumpMemory(address, 64);
  for (const [at, text] of ours) t.is(text, theirs.get(at) ?? '(no instruction here)', `at ${at}`);
  mod.dispose();
});

withObjdump('the whole module: every function, jump tables as data, calls and globals named', (t) => {
  const mod = compile(dotC, { file: 'dot.c', debug: true, optimize: 2, cache: false });
  const listing = mod.disassemble();
  for (const name of ['dot', 'pick', 'scaled']) t.regex(listing, new RegExp(`^${name}:$`, 'm'));
  t.regex(listing, /\.long 0x[0-9a-f]+$/m, 'the switch table is shown as data');
  t.regex(listing, /call\s+[0-9a-f]+ <rand(@plt)?>/, 'a call to libc names it');
  t.regex(listing, /# [0-9a-f]+ <scale>/, 'a RIP-relative load names the global');
  t.notRegex(mod.disassemble('scaled', { bytes: false, lines: false }), /dot\.c|\t[0-9a-f]{2} /);
  mod.dispose();
});

onX64('a module without debug information lists code without source lines', (t) => {
  const mod = compile('int twice(int x) { return x * 2; }', { cache: false });
  const listing = mod.disassemble('twice');
  t.notRegex(listing, /input\.c/);
  t.regex(listing, /\tret$/m);
  mod.dispose();
});

withGcc('a gcc -g object (DWARF 5 line table) disassembles with its lines', (t) => {
  const src = join(work, 'g.c');
  writeFileSync(src, 'int sq(int x) {\n  int y = x * x;\n  return y + 1;\n}\n');
  const obj = join(work, 'g.o');
  execFileSync('gcc', ['-g', '-O0', '-c', src, '-o', obj]);
  const mod = loadObject(new Uint8Array(readFileSync(obj)));
  const listing = mod.disassemble('sq');
  t.regex(listing, /g\.c:2$/m);
  t.regex(listing, /g\.c:3$/m);
  t.regex(listing, /imul/);
  mod.dispose();
});

onX64('bad names and options are errors naming what is wrong', (t) => {
  const mod = compile('int g = 1; int f(void) { return g; }', { cache: false });
  t.is(t.throws(() => mod.disassemble('nope'), { instanceOf: LoadError }).message, "function 'nope' is not defined in this module");
  t.is(t.throws(() => mod.disassemble('g'), { instanceOf: LoadError }).message, "'g' is not a function in this module's code");
  t.throws(() => mod.disassemble('f', { colour: true } as never), { instanceOf: TypeError, message: /unknown option 'colour'/ });
  t.throws(() => mod.disassemble(42 as never), { instanceOf: TypeError });
  mod.dispose();
  t.throws(() => mod.disassemble('f'), { instanceOf: LoadError, message: /module disposed/ });
});
