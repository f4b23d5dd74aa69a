// compileAsync (the build in a worker thread) and fn.async (calls on koffi's
// thread pool).

import { compile, compileAsync, CompileError, LoadError } from '../../src/index.js';
import { x64 } from './helpers.js';

x64('compileAsync builds in a worker and loads on the main thread', async (t) => {
  const m = await compileAsync(`/* ${Math.random()} */ long long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } int k = 4;`, { optimize: 2 });
  t.is(m.fn('fib')(20), 6765);
  t.is(m.global('k').value, 4);
  m.dispose();
});

x64('compileAsync reports bad C as a CompileError with diagnostics', async (t) => {
  const e = await t.throwsAsync(compileAsync('int x = ;', { file: 'bad.c' }), { instanceOf: CompileError });
  t.regex(e.message, /^bad\.c:1:9: error: /);
  t.true(e.diagnostics.length > 0);
});

x64('compileAsync refuses callbacks it cannot send to the worker', async (t) => {
  await t.throwsAsync(compileAsync('int f(void) { return 1; }', { readFile: () => null }), { instanceOf: TypeError, message: /option 'readFile' is a callback/ });
});

x64('several compileAsync calls run concurrently through the one worker', async (t) => {
  const mods = await Promise.all([1, 2, 3, 4].map((k) => compileAsync(`int f(void) { return ${k}; }`)));
  t.deepEqual(mods.map((m) => m.fn('f')()), [1, 2, 3, 4]);
  for (const m of mods) m.dispose();
});

x64('fn.async runs on the thread pool and resolves with the result', async (t) => {
  const m = compile('double sum(const double *a, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; } long long big(void) { return 1LL << 40; }');
  const data = new Float64Array(1000).fill(0.5);
  t.is(await m.fn('sum').async(data, data.length), 500);
  t.is(await m.fn('big').async(), 2 ** 40);
  const sum = m.fn('sum');
  const pending = sum.async(data, data.length);
  t.throws(() => m.dispose(), { instanceOf: LoadError, message: /async call/ });
  await pending;
  m.dispose();
  await t.throwsAsync(sum.async(data, 1), { instanceOf: LoadError, message: /disposed/ });
});
