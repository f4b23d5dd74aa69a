// The preprocessor's limits (frontend/options.ts, PreprocessLimits): each
// is an error naming the limit and how to raise it, preprocessing stops
// there (no hang, no unbounded memory), and only regular files are ever
// read for #include — a FIFO, a device or a directory never blocks.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, CompileError, compileToObject } from '../../../src/index.js';
import { frontendOptions } from '../../../src/build.js';
import { DEFAULT_LIMITS, type PreprocessLimits } from '../../../src/frontend/options.js';
import { pp, testOptions } from './helpers.js';

const limited = (limits: Partial<PreprocessLimits>, files: Record<string, string> = {}) =>
  testOptions(files, { limits: { ...DEFAULT_LIMITS, ...limits } });

function doublingChain(levels: number): string {
  let src = '#define a0 x\n';
  for (let i = 1; i <= levels; i++) src += `#define a${i} a${i - 1} a${i - 1}\n`;
  return `${src}int a${levels};\n`;
}

test('the limits are on by default', (t) => {
  t.deepEqual(frontendOptions({}).limits, DEFAULT_LIMITS);
  t.deepEqual(frontendOptions({ limits: { includeDepth: 7 } }).limits, { ...DEFAULT_LIMITS, includeDepth: 7 });
  for (const v of Object.values(DEFAULT_LIMITS)) t.true(Number.isSafeInteger(v) && v > 0);
});

test('a doubling macro chain stops at the expansion limit with one error', (t) => {
  const start = Date.now();
  const r = pp(doublingChain(30), limited({ expansionTokens: 100_000 }));
  t.is(r.sink.errorCount, 1);
  t.regex(r.diagnostics, /test\.c:32:5: error: macro expansion produced more than 100000 tokens \(-fmax-macro-expansion=N raises the limit\)/);
  t.true(r.tokens.length <= 100_000);
  t.true(Date.now() - start < 20_000, 'stopped early');
  // Under the limit the same chain expands in full.
  t.is(pp(doublingChain(10), limited({ expansionTokens: 100_000 })).tokens.length, 1024 + 2);
});

test('at the default limits, a 30-level doubling chain stops at the per-use limit, early and small', (t) => {
  const cpu0 = process.cpuUsage();
  const heap0 = process.memoryUsage().heapUsed;
  const r = pp(doublingChain(30), testOptions());
  const cpu = process.cpuUsage(cpu0);
  t.log(`${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, heap grew ${((process.memoryUsage().heapUsed - heap0) / 2 ** 20).toFixed(0)} MB`);
  t.is(r.sink.errorCount, 1);
  t.regex(r.diagnostics, /test\.c:32:5: error: this macro use expanded to more than 500000 tokens \(-fmax-macro-expansion-per-use=N raises the limit\)/);
  // Half the counted tokens are the chain's own names (a29 a29 …); the rest reached the output.
  t.true(r.tokens.length <= DEFAULT_LIMITS.expansionTokensPerUse / 2 + 2);
});

test('many moderate macro uses are bounded by the total, not the per-use limit', (t) => {
  // One use counts 16,382 tokens (the chain's names and 2^12 leaves of two tokens); 100 uses, 1.6M in all.
  const src = doublingChain(12).replace(/int a12;\n$/, Array.from({ length: 100 }, (_, i) => `int v${i}[] = { a12 };\n`).join('')).replace('#define a0 x', '#define a0 1,');
  const r = pp(src, testOptions());
  t.is(r.sink.errorCount, 0);
  t.is(r.tokens.length, 100 * (2 * 4096 + 8));
  const perUse = pp(src, limited({ expansionTokensPerUse: 5_000 }));
  t.regex(perUse.diagnostics, /test\.c:14:14: error: this macro use expanded to more than 5000 tokens/);
  const total = pp(src, limited({ expansionTokens: 500_000 }));
  t.regex(total.diagnostics, /error: macro expansion produced more than 500000 tokens/);
});

test('#include nesting deeper than includeDepth is an error', (t) => {
  const files = { 'self.h': '#include "self.h"\nint x;\n' };
  const r = pp('#include "self.h"\n', limited({ includeDepth: 10 }, files));
  t.regex(r.diagnostics, /error: #include nested depth 10 exceeds maximum of 10 \(use -fmax-include-depth=DEPTH to increase the maximum\)/);
  // gcc's default depth, 200, is the default.
  t.regex(pp('#include "self.h"\n', testOptions(files)).diagnostics, /exceeds maximum of 200/);
});

test('the total size of included files is bounded', (t) => {
  const files = { 'big.h': `int a[] = { ${'1, '.repeat(2000)} };\n` };
  const many = Array.from({ length: 30 }, () => '#include "big.h"').join('\n');
  const r = pp(`${many}\n`, limited({ includeBytes: 50_000 }, files));
  t.is(r.sink.errorCount, 1);
  t.regex(r.diagnostics, /error: the files included by this translation unit exceed 50000 bytes \(-fmax-include-bytes=N raises the limit\)/);
});

test('a source larger than sourceBytes is refused, main file or included', (t) => {
  const main = pp('int x;\n'.repeat(100), limited({ sourceBytes: 500 }));
  t.regex(main.diagnostics, /test\.c:1:1: error: file is 700 bytes, more than the source size limit of 500 bytes/);
  const included = pp('#include "h.h"\n', limited({ sourceBytes: 500 }, { 'h.h': 'int y;\n'.repeat(100) }));
  t.regex(included.diagnostics, /error: cannot include 'h\.h': file is 700 bytes, more than the source size limit of 500 bytes/);
});

test('only regular files are included: devices and FIFOs are errors, never a hang', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-limits-'));
  const fifo = join(dir, 'pipe.h');
  execFileSync('mkfifo', [fifo]);
  for (const path of ['/dev/zero', '/dev/stdin', '/dev/null', '/dev/urandom', fifo]) {
    const e = t.throws(() => compileToObject(`#include "${path}"\nint x;\n`), { instanceOf: CompileError });
    t.regex(e!.message, new RegExp(`error: cannot include '${path}': not a regular file`));
  }
  // A directory is "not found", as gcc says.
  t.throws(() => compileToObject(`#include "${dir}"\n`), { instanceOf: CompileError, message: /file not found/ });
  // A file over the size limit is refused before it is read.
  writeFileSync(join(dir, 'large.h'), 'int z;\n'.repeat(1000));
  t.throws(() => compileToObject(`#include "${dir}/large.h"\n`, { limits: { sourceBytes: 1000 } }), {
    instanceOf: CompileError, message: /cannot include '.*large\.h': file is 7000 bytes, more than the source size limit of 1000 bytes/,
  });
});

test('limits are options of compile, checked like the others', (t) => {
  const e = t.throws(() => compile(doublingChain(30), { limits: { expansionTokens: 50_000 } }), { instanceOf: CompileError });
  t.regex(e!.message, /macro expansion produced more than 50000 tokens/);
  t.throws(() => compile('int x;', { limits: { expansionToken: 5 } as never }), { instanceOf: TypeError, message: "compile: option 'limits': unknown limit 'expansionToken' (did you mean 'expansionTokens'?)" });
  t.throws(() => compile('int x;', { limits: { includeDepth: 0 } }), { instanceOf: RangeError, message: /option 'limits'\.includeDepth must be an integer from 1/ });
});
