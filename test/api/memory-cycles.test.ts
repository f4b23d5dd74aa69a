// Native memory over compile → call → dispose cycles with distinct sources
// (so every cycle runs the whole pipeline and binds fresh code), in four
// shapes: no call, a call, a call into C that calls a JS import, a call
// passing a JS function for a function pointer. After a warm-up, the
// process's mappings and koffi's registered callbacks return to their
// counts and RSS stays flat. This is the CI-sized version of
// `CYCLES=1000000 npx tsx bench/memory.ts` (README, "Memory").

import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../../src/index.js';
import { registeredCallbackCount } from '../../src/loader/ffi.js';
import { x64Serial } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const WARM_UP = 300;
const CYCLES = 1_200;
/** A leak of one 4 KiB page per cycle adds ~4.7 MiB over CYCLES; allocator and heap steps stay well under this once warm. */
const RSS_BOUND = 12 * 1024 * 1024;
const MAPPINGS_BOUND = 50;

function mappingCount(): number {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').filter(Boolean).length;
}

const variants: Record<string, (i: number) => void> = {
  'no call': (i) => compile(`int f(int x) { return x + ${i}; }`).dispose(),
  'a call': (i) => {
    const m = compile(`int f(int x) { return x + ${i}; }`);
    if (m.fn('f')(1) !== i + 1) throw new Error(`cycle ${i}: wrong result`);
    m.dispose();
  },
  'a call into C calling a JS import': (i) => {
    const m = compile(`int host(int); int f(int x) { return host(x) + ${i}; }`, { imports: { host: (x: number) => x * 2 } });
    if (m.fn('f')(1) !== i + 2) throw new Error(`cycle ${i}: wrong result`);
    m.dispose();
  },
  'a call passing a JS function pointer': (i) => {
    const m = compile(`int apply(int (*g)(int), int x) { return g(x) + ${i}; }`);
    if (m.fn('apply')((x: number) => x * 3, 1) !== i + 3) throw new Error(`cycle ${i}: wrong result`);
    m.dispose();
  },
};

for (const [name, cycle] of Object.entries(variants)) {
  x64Serial(`${CYCLES} distinct modules with ${name}: mappings, callbacks and RSS stay flat`, (t) => {
    t.timeout(240_000);
    for (let i = 0; i < WARM_UP; i++) cycle(i);
    gc();
    const maps = mappingCount();
    const callbacks = registeredCallbackCount();
    const rss = process.memoryUsage().rss;
    const start = Date.now();
    for (let i = WARM_UP; i < WARM_UP + CYCLES; i++) cycle(i);
    gc();
    const grown = process.memoryUsage().rss - rss;
    t.log(`${CYCLES} cycles in ${Date.now() - start} ms; RSS ${(grown / 1048576).toFixed(1)} MiB, mappings ${maps} → ${mappingCount()}, callbacks ${callbacks} → ${registeredCallbackCount()}`);
    t.is(registeredCallbackCount(), callbacks, 'every callback released');
    t.true(mappingCount() <= maps + MAPPINGS_BOUND, `mappings grew from ${maps} to ${mappingCount()}`);
    t.true(grown < RSS_BOUND, `RSS grew by ${(grown / 1048576).toFixed(1)} MiB`);
  });
}
