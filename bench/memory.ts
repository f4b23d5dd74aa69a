// Native memory over many compile → call → dispose cycles: the RSS curve.
//
//   npx tsx bench/memory.ts                          # 200,000 cycles of each variant
//   CYCLES=1000000 npx tsx --expose-gc bench/memory.ts call   # the million-cycle run
//
// Every cycle compiles a distinct source (a different constant, so the
// compile cache never hits and every cycle runs the whole pipeline),
// optionally calls the function, and disposes the module. Variants
// (choose with arguments; default all):
//   load      compile + dispose, no call
//   call      compile + fn('f')(i) + dispose
//   callback  compile with a JS import the C code calls + fn('f')(i) + dispose
//   pointer   compile + fn('apply')(jsFunction, i): a transient callback per call
// RSS (MiB) is printed every CYCLES/20 cycles after a GC; the last line of
// each variant compares the final RSS with the RSS at 10% of the run (the
// issue's criterion: within 10% of the value at 100k of 1M).

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CYCLES = Number(process.env.CYCLES ?? 200_000);
const STEP = Math.max(1, Math.floor(CYCLES / 20));

type Variant = 'load' | 'call' | 'callback' | 'pointer';

function cycle(variant: Variant, i: number): void {
  switch (variant) {
    case 'load': {
      compile(`int f(int x) { return x + ${i}; }`).dispose();
      return;
    }
    case 'call': {
      const m = compile(`int f(int x) { return x + ${i}; }`);
      if (m.fn('f')(1) !== i + 1) throw new Error(`cycle ${i}: wrong result`);
      m.dispose();
      return;
    }
    case 'callback': {
      const m = compile(`int host(int); int f(int x) { return host(x) + ${i}; }`, { imports: { host: (x: number) => x * 2 } });
      if (m.fn('f')(1) !== i + 2) throw new Error(`cycle ${i}: wrong result`);
      m.dispose();
      return;
    }
    case 'pointer': {
      const m = compile(`int apply(int (*g)(int), int x) { return g(x) + ${i}; }`);
      if (m.fn('apply')((x: number) => x * 3, 1) !== i + 3) throw new Error(`cycle ${i}: wrong result`);
      m.dispose();
      return;
    }
  }
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function run(variant: Variant): void {
  console.log(`== ${variant}: ${CYCLES} cycles`);
  const start = Date.now();
  let atTenth = 0;
  for (let i = 1; i <= CYCLES; i++) {
    cycle(variant, i);
    if (i % STEP === 0) {
      gc();
      const rss = process.memoryUsage().rss;
      if (i === STEP * 2) atTenth = rss;
      console.log(`${variant} ${i} cycles  rss ${mib(rss)} MiB  heap ${mib(process.memoryUsage().heapUsed)} MiB  ${((Date.now() - start) / 1000).toFixed(0)} s`);
    }
  }
  gc();
  const final = process.memoryUsage().rss;
  const change = atTenth > 0 ? ((final - atTenth) / atTenth) * 100 : 0;
  console.log(`${variant}: RSS ${mib(atTenth)} MiB at ${STEP * 2} cycles, ${mib(final)} MiB at ${CYCLES} (${change >= 0 ? '+' : ''}${change.toFixed(1)}%)`);
}

const chosen = process.argv.slice(2) as Variant[];
for (const v of chosen.length > 0 ? chosen : (['load', 'call', 'callback', 'pointer'] as const)) run(v);
