// Loading and disposing many tiny modules leaks neither mappings nor much
// memory: every region is unmapped, every callback slot released, and the
// koffi prototypes are interned (koffi never frees a type).

import test from 'ava';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { R_X86_64_PLT32 } from '../../src/link/object.js';
import { loadObjectFile as loadObject } from '../../src/loader/load.js';
import { buildObject } from './objects.js';

const x64 = process.arch === 'x64' ? test : test.skip;

const MODULES = 2000;
/**
 * Allowed RSS growth for 2,000 load/dispose cycles after a warm-up of as
 * many. Measured here: 0–17 MiB (malloc arenas and V8 grow in steps, then
 * plateau). The bound catches gross leaks (JS objects, koffi types or
 * callbacks per module); leaked mappings are caught exactly by the mapping
 * count, since each module is one mapping split into 2–3 protections.
 */
const RSS_BOUND = 48 * 1024 * 1024;
/** Mapping count growth allowed for heap growth elsewhere in the process (leaking every module would add ≥ 2,000). */
const MAPPINGS_BOUND = 100;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function mappingCount(): number {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').filter(Boolean).length;
}

function once(i: number): void {
  // lea eax,[rdi+rsi]; ret  and  jmp host@PLT (a JS import: one koffi callback per module)
  const obj = buildObject({
    functions: [
      { proto: 'int add(int a, int b)', code: '8d 04 37 c3' },
      { proto: 'int callhost(int x)', code: 'e9 00 00 00 00', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'host' }] },
    ],
    data: new Uint8Array(16),
    declarations: ['int host(int x)'],
  });
  const mod = loadObject(obj, { imports: { host: (x: number) => x + i } });
  if (mod.fn('add')(i, 1) !== i + 1 || mod.fn('callhost')(1) !== i + 1) throw new Error(`module ${i} computed a wrong result`);
  mod.dispose();
}

x64(`load and dispose ${MODULES} modules: mappings grow by under ${MAPPINGS_BOUND}, RSS by under ${RSS_BOUND >> 20} MiB`, (t) => {
  for (let i = 0; i < MODULES; i++) once(i); // warm up koffi, V8 and the allocator
  gc();
  const maps = mappingCount();
  const rss = process.memoryUsage().rss;
  for (let i = 0; i < MODULES; i++) once(i);
  gc();
  const grown = process.memoryUsage().rss - rss;
  t.log(`RSS grew by ${(grown / 1024 / 1024).toFixed(1)} MiB; mappings ${maps} → ${mappingCount()}`);
  t.true(mappingCount() <= maps + MAPPINGS_BOUND, `mappings grew from ${maps} to ${mappingCount()}`);
  t.true(grown < RSS_BOUND, `RSS grew by ${grown} bytes`);
});
