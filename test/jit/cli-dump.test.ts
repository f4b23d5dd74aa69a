// `jitcc --dump=asm` and `--dump=mir` as a subprocess (dist/cc.js, which
// loads the disassembler from dist/jit-features.js on demand): the listing
// reads as `objdump -dr -M intel` reads the object `jitcc -c` writes, and
// the machine IR is the one `printMir` gives, with the register allocation.

import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testNeedingTools } from '../tools.js';

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-cli-dump-'));
const src = join(dir, 'k.c');
writeFileSync(src, `int puts(const char *);
static int sq(int x) { return x * x; }
int kernel(int n) { int s = 0; for (int i = 0; i < n; i++) s += sq(i) ^ i; puts("done"); return s; }
double half(double x) { return x / 2.0; }
`);

function jit(...args: string[]) {
  return spawnSync('node', [jitcc, ...args], { cwd: dir, encoding: 'utf8' });
}

test.before(() => {
  if (!existsSync(jitcc)) throw new Error('dist/cc.js is missing: run `npm run build` (npm test does)');
});

/** Instruction lines (address → text) and relocation lines of a listing, whitespace collapsed. */
function parseListing(text: string): { insts: Map<string, string>; relocs: string[] } {
  const insts = new Map<string, string>();
  const relocs: string[] = [];
  for (const line of text.split('\n')) {
    const inst = /^\s+([0-9a-f]+):\t(?:[0-9a-f]{2} |[0-9a-f]{8} )+\s*\t(.*)$/.exec(line);
    if (inst && !inst[2]!.startsWith('.long')) insts.set(inst[1]!, inst[2]!.replace(/\s+/g, ' ').trim());
    const reloc = /^\s+([0-9a-f]+): (R_\w+)\s+(\S+)$/.exec(line);
    if (reloc) relocs.push(`${reloc[1]} ${reloc[2]} ${reloc[3]}`);
  }
  return { insts, relocs };
}

testNeedingTools(['objdump'])('--dump=asm lists the object as objdump -dr reads it', (t) => {
  const dump = jit('--dump=asm', '-O2', 'k.c');
  t.is(dump.status, 0, dump.stderr);
  t.regex(dump.stdout, /^0000000000000000 <[a-z]+>:$/m);
  const compiled = jit('-c', '-O2', 'k.c', '-o', 'k.o');
  t.is(compiled.status, 0, compiled.stderr);
  const reference = spawnSync('objdump', ['-dr', '-M', 'intel', 'k.o'], { cwd: dir, encoding: 'utf8' });
  const ours = parseListing(dump.stdout);
  const theirs = parseListing(reference.stdout);
  t.true(ours.insts.size > 10);
  for (const [at, text] of ours.insts) t.is(text, theirs.insts.get(at) ?? '(no instruction here)', `at ${at}`);
  t.deepEqual(ours.relocs, theirs.relocs);
  t.true(ours.relocs.some((r) => /R_X86_64_PLT32 puts-0x4/.test(r)));
});

testNeedingTools(['aarch64-linux-gnu-objdump'])('--target=aarch64 --dump=asm lists the A64 object as aarch64-linux-gnu-objdump -dr reads it', (t) => {
  const dump = jit('--target=aarch64', '--dump=asm', '-O2', 'k.c');
  t.is(dump.status, 0, dump.stderr);
  const compiled = jit('--target=aarch64', '-c', '-O2', 'k.c', '-o', 'k-a64.o');
  t.is(compiled.status, 0, compiled.stderr);
  const reference = spawnSync('aarch64-linux-gnu-objdump', ['-dr', 'k-a64.o'], { cwd: dir, encoding: 'utf8' });
  // objdump's `// b.any`-style alias notes and the data words among the code are not ours to print, and
  // where a relocation applies it shows the relocation's symbol as the target (it is in the reloc line).
  const relocated = new Set(parseListing(reference.stdout).relocs.map((r) => r.split(' ')[0]!));
  const strip = (m: Map<string, string>) => new Map([...m].filter(([, v]) => !v.startsWith('.word'))
    .map(([k, v]) => [k, relocated.has(k) ? v.replace(/ [0-9a-f]+ <[^>]*>$/, '') : v.replace(/\s*\/\/.*$/, '')]));
  const ours = strip(parseListing(dump.stdout).insts);
  const theirs = strip(parseListing(reference.stdout).insts);
  t.true(ours.size > 10);
  for (const [at, text] of ours) t.is(text, theirs.get(at) ?? '(no instruction here)', `at ${at}`);
  t.deepEqual(parseListing(dump.stdout).relocs, parseListing(reference.stdout).relocs);
  t.regex(dump.stdout, /R_AARCH64_CALL26\s+puts/);
});

test('--dump=mir prints each function\'s machine IR with vregs and the register each got', (t) => {
  const dump = jit('--dump=mir', '-O1', 'k.c');
  t.is(dump.status, 0, dump.stderr);
  t.regex(dump.stdout, /^mfunc kernel \{$/m);
  t.regex(dump.stdout, /^mfunc half \{$/m);
  t.regex(dump.stdout, /%v\d+:(r[a-z0-9]+|e[a-z]+|xmm\d+)/);
  t.regex(dump.stdout, /^\.L\d+:/m);
});

test('an unknown --dump stage lists the known ones', (t) => {
  const r = jit('--dump=bytes', 'k.c');
  t.not(r.status, 0);
  t.regex(r.stderr, /unknown --dump stage 'bytes' \(known: ir, mir, asm, object\)/);
});
