// The functions of one unit compiled on worker threads
// (driver/parallel-codegen.ts): every function comes back from the threads
// (none silently compiled alone), the object is byte for byte the
// one-thread object — jump tables, constants in code, calls, thread-locals
// defined here and extern ones,
// -g line tables, -fPIC —, and a program built so runs.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildObject } from '../../src/build.js';
import { CodegenThreads } from '../../src/driver/parallel-codegen.js';
import { writeElf } from '../../src/link/elf/write.js';
import { hasGcc } from '../tools.js';

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-parallel-codegen-'));

/** 80 functions of assorted shapes (unsigned arithmetic: no undefined overflow), and a main that prints a checksum of them all. */
function program(): string {
  // tls_ext is defined in another unit (tls-def.c): its accesses need the extern's TLS facts in every thread.
  const lines = ['#include <stdio.h>', '__thread int tls_count;', 'extern __thread int tls_ext;', 'static const char *names[] = { "a", "bb", "ccc" };', 'double scale = 1.5;'];
  const n = 80;
  for (let i = 0; i < n; i++) {
    const body = [
      `  tls_count++;`,
      `  tls_ext += ${i % 5};`,
      `  switch (x % 7) {`,
      ...[0, 1, 2, 3, 4, 5].map((k) => `    case ${k}: x = x * ${i + k + 2} + ${k}; break;`),
      `    default: x -= ${i};`,
      `  }`,
      `  double d = (double)(x & 0xffff) * ${(i + 1) * 0.25} + scale;`,
      i > 0 ? `  if (x & 1) x += f${i - 1}(x / 3);` : '',
      `  return x + (unsigned long)d + sizeof(names[${i % 3}]) + (unsigned long)names[${i % 3}][0];`,
    ];
    lines.push(`${i % 4 === 0 ? 'static ' : ''}unsigned long f${i}(unsigned long x) {`, ...body, '}');
  }
  lines.push('int main(void) {', '  unsigned long sum = 0;');
  for (let i = 0; i < n; i++) lines.push(`  sum += f${i}(${i * 13 + 5});`);
  lines.push('  printf("%lu %d %d\\n", sum, tls_count, tls_ext);', '  return 0;', '}', '');
  return lines.join('\n');
}

const source = program();

test.serial('each function comes back from the threads, and the object equals the one-thread object (-O0, -O2 -g -fPIC, -O2 without a frame pointer)', (t) => {
  const old = process.env.JITCC_JOBS;
  process.env.JITCC_JOBS = '3'; // below the size the driver would share, so the threads are used only because asked
  const pool = new CodegenThreads(2);
  try {
    // -O2 without -g: functions omit the frame pointer on the threads too.
    for (const opts of [{ optimize: 0 }, { optimize: 2, debug: true, pic: true }, { optimize: 2 }]) {
      const alone = writeElf(buildObject(source, { file: 'p.c', ...opts }).output);
      let fromThreads = -1;
      let functions = -1;
      const shared = writeElf(buildObject(source, {
        file: 'p.c', ...opts,
        compileParts: (ir, target, pic, omitFramePointer) => {
          const parts = pool.compileParts(ir, target, pic, omitFramePointer);
          functions = ir.functions.length;
          fromThreads = parts?.size ?? 0;
          return parts;
        },
      }).output);
      t.true(functions > 60, `only ${functions} functions`);
      t.is(fromThreads, functions);
      t.deepEqual(Buffer.from(shared), Buffer.from(alone));
    }
  } finally {
    pool.close();
    if (old === undefined) delete process.env.JITCC_JOBS; else process.env.JITCC_JOBS = old;
  }
});

test.serial('without JITCC_JOBS a small module is compiled in this thread alone', (t) => {
  const old = process.env.JITCC_JOBS;
  delete process.env.JITCC_JOBS;
  const pool = new CodegenThreads(1);
  try {
    let parts: unknown = 'not called';
    buildObject(source, { file: 'p.c', compileParts: (ir, target, pic, omitFramePointer) => (parts = pool.compileParts(ir, target, pic, omitFramePointer)) });
    t.is(parts, null);
  } finally {
    pool.close();
    if (old !== undefined) process.env.JITCC_JOBS = old;
  }
});

if (hasGcc() || process.env.CI) {
  test.serial('jitcc with JITCC_JOBS=2 writes the same object as with 1, and the program runs', (t) => {
    t.true(existsSync(jitcc), 'dist/cc.js is missing: run `npm run build` (npm test does)');
    writeFileSync(join(dir, 'p.c'), source);
    writeFileSync(join(dir, 'tls-def.c'), '__thread int tls_ext = 7;\n');
    const run = (jobs: string, out: string) =>
      spawnSync('node', [jitcc, '-O1', '-c', 'p.c', '-o', out], { cwd: dir, encoding: 'utf8', env: { ...process.env, JITCC_JOBS: jobs, JITCC_SERVER: 'off' } });
    for (const [jobs, out] of [['1', 'one.o'], ['2', 'two.o']] as const) {
      const r = run(jobs, out);
      t.is(r.status, 0, r.stderr);
    }
    t.deepEqual(readFileSync(join(dir, 'two.o')), readFileSync(join(dir, 'one.o')));
    const link = spawnSync('gcc', ['two.o', 'tls-def.c', '-o', 'p'], { cwd: dir, encoding: 'utf8' });
    t.is(link.status, 0, link.stderr);
    const gccRef = spawnSync('gcc', ['p.c', 'tls-def.c', '-o', 'ref'], { cwd: dir, encoding: 'utf8' });
    t.is(gccRef.status, 0, gccRef.stderr);
    t.is(spawnSync(join(dir, 'p'), { encoding: 'utf8' }).stdout, spawnSync(join(dir, 'ref'), { encoding: 'utf8' }).stdout);
  });
} else {
  test.serial.skip('jitcc with JITCC_JOBS=2 writes the same object as with 1, and the program runs (skipped: gcc not found)', () => {});
}
