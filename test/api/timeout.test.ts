// `timeoutMs` and `signal` stop a compile: a TimeoutError or AbortError
// (named as the platform's), soon after the
// time is up — the checkpoints (deadline.ts) come every few thousand
// tokens, statement, function and pass — and nothing is left behind: the
// next compile works, compileAsync's worker is reused or replaced.

import test from 'ava';
import { AbortError, compile, compileAsync, compileToObject, TimeoutError } from '../../src/index.js';
import { x64 } from './helpers.js';

/** A source whose preprocessing alone takes many seconds: 2^26 tokens from a doubling chain. */
const SLOW = (() => {
  let src = '#define a0 x\n';
  for (let i = 1; i <= 26; i++) src += `#define a${i} a${i - 1} a${i - 1}\n`;
  return `${src}int a26;\n`;
})();
const UNLIMITED = { expansionTokens: 2 ** 40 };

/** Many small functions: each is a checkpoint in sema, lowering, the passes and codegen. */
const MANY_FUNCTIONS = Array.from({ length: 3000 }, (_, i) => `int f${i}(int x) { for (int j = 0; j < x; j++) x ^= j * ${i}; return x; }`).join('\n');

function isStop(e: unknown, name: 'TimeoutError' | 'AbortError'): boolean {
  return e instanceof (name === 'TimeoutError' ? TimeoutError : AbortError) && (e as Error).name === name;
}

test('timeoutMs stops a long preprocessing soon after the time is up', (t) => {
  const start = Date.now();
  const e = t.throws(() => compileToObject(SLOW, { timeoutMs: 200, limits: UNLIMITED }));
  const took = Date.now() - start;
  t.true(isStop(e, 'TimeoutError'), String(e));
  t.is(e!.message, 'the compile took more than 200 ms (timeoutMs)');
  t.true(took < 3000, `stopped after ${took} ms`);
  t.is(compileToObject('int ok;').length > 0, true, 'the next compile works');
});

test('timeoutMs stops the backend between functions', (t) => {
  const start = Date.now();
  const e = t.throws(() => compileToObject(MANY_FUNCTIONS, { timeoutMs: 300, optimize: 2, cache: false }));
  t.true(isStop(e, 'TimeoutError'), String(e));
  t.true(Date.now() - start < 5000, `stopped after ${Date.now() - start} ms`);
});

test('an aborted signal stops the compile; the cause is the reason', (t) => {
  const controller = new AbortController();
  controller.abort(new Error('user gave up'));
  const e = t.throws(() => compile('int f(void) { return 1; }', { signal: controller.signal }));
  t.true(isStop(e, 'AbortError'), String(e));
  t.is((e as Error & { cause?: Error }).cause?.message, 'user gave up');
  // Aborted while running: a readFile callback can fire it in the middle of a synchronous compile.
  const mid = new AbortController();
  const during = t.throws(() => compileToObject(`#include "x.h"\n${SLOW}`, {
    signal: mid.signal, limits: UNLIMITED, readFile: () => { mid.abort(); return ''; },
  }));
  t.true(isStop(during, 'AbortError'), String(during));
});

x64('compileAsync: abort and timeout reject at once, and the worker serves the next request', async (t) => {
  const controller = new AbortController();
  const start = Date.now();
  const slow = compileAsync(SLOW, { signal: controller.signal, limits: UNLIMITED });
  setTimeout(() => controller.abort(), 100);
  const e = await t.throwsAsync(slow);
  t.true(isStop(e, 'AbortError'), String(e));
  t.true(Date.now() - start < 2000, `rejected after ${Date.now() - start} ms`);
  const timed = await t.throwsAsync(compileAsync(SLOW, { timeoutMs: 150, limits: UNLIMITED }));
  t.true(isStop(timed, 'TimeoutError'), String(timed));
  const m = await compileAsync('int seven(void) { return 7; }');
  t.is(m.fn('seven')(), 7);
  m.dispose();
  await t.throwsAsync(compileAsync('int x;', { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('the options are checked', (t) => {
  t.throws(() => compile('int x;', { timeoutMs: -1 }), { instanceOf: RangeError, message: /option 'timeoutMs' must be an integer/ });
  t.throws(() => compile('int x;', { signal: {} as AbortSignal }), { instanceOf: TypeError, message: /option 'signal' must be an AbortSignal/ });
});
