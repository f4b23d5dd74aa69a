// The leak test of the API: compile, call and dispose 10,000 modules; the
// process's mappings and RSS stay flat. compile() goes through the cache
// (one source, so after the first build every compile is a cache hit plus a
// full load: mapping, relocation, protection, binding, JS import callback,
// dispose); a cold compile of 10,000 distinct sources would not fit the
// test's time budget and is not where the native resources are.

import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../../src/index.js';
import { x64 } from './helpers.js';

const MODULES = 10_000;
const WARM_UP = 2_000;
/** Allowed RSS growth over 10,000 modules (malloc arenas and V8 grow in steps, then plateau); a leak of one page per module would be 40 MiB. */
const RSS_BOUND = 32 * 1024 * 1024;
const MAPPINGS_BOUND = 100;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function mappingCount(): number {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').filter(Boolean).length;
}

const SOURCE = 'int table[64]; int host(int); int add(int a, int b) { table[a & 63] = b; return a + b + host(0); }';

function once(i: number): void {
  const mod = compile(SOURCE, { imports: { host: () => 1 } });
  if (mod.fn('add')(i, 1) !== i + 2) throw new Error(`module ${i} computed a wrong result`);
  mod.dispose();
}

x64(`compile, call and dispose ${MODULES} modules: mappings and RSS stay flat`, (t) => {
  t.timeout(120_000);
  for (let i = 0; i < WARM_UP; i++) once(i);
  gc();
  const maps = mappingCount();
  const rss = process.memoryUsage().rss;
  const start = Date.now();
  for (let i = 0; i < MODULES; i++) once(i);
  gc();
  const grown = process.memoryUsage().rss - rss;
  t.log(`${MODULES} modules in ${Date.now() - start} ms; RSS grew by ${(grown / 1024 / 1024).toFixed(1)} MiB; mappings ${maps} → ${mappingCount()}`);
  t.true(mappingCount() <= maps + MAPPINGS_BOUND, `mappings grew from ${maps} to ${mappingCount()}`);
  t.true(grown < RSS_BOUND, `RSS grew by ${grown} bytes`);
});
