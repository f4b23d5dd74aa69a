// Differential tests: passes must not change what a program does. Each
// program runs in the reference interpreter before and after the passes on
// several inputs; return value, calls to external functions and the bytes
// of globals must agree. Inputs whose original run is undefined (division
// by zero, …) or does not finish within the step limit are skipped.
import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { optimizeModule, passByName, runPasses } from '../../../src/ir/pipeline.js';
import { interpret, InterpLimit, InterpUndefined, showValue, type InterpArg } from '../../../src/ir/interp.js';
import type { IrFunction, IrModule } from '../../../src/ir/ir.js';
import { randomFunction, Rng } from './random-ir.js';
import { fixtureSettings } from './fixture-settings.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const SCRATCH = '__scratch';

function outcome(m: IrModule, fn: string, args: readonly InterpArg[]): string | null {
  try {
    const r = interpret(m, fn, args, { maxSteps: 5_000 });
    return `${showValue(r.value)} | ${r.trace.join('; ')} | ${Buffer.from(r.globals).toString('hex')}`;
  } catch (e) {
    if (e instanceof InterpUndefined || e instanceof InterpLimit) return null;
    throw e;
  }
}

function inputsFor(fn: IrFunction, rng: Rng): InterpArg[][] {
  const ints = [0n, 1n, -1n, 2n, 3n, 7n, 100n, -5n, 2147483647n];
  const floats = [0, -0, 1.5, -2, NaN, Infinity, 0.1];
  const out: InterpArg[][] = [];
  for (let k = 0; k < 6; k++) {
    out.push(fn.params.map((ty) => (ty === 'ptr' ? { symbol: SCRATCH, offset: 0 } : ty === 'f32' || ty === 'f64' ? rng.pick(floats) : rng.pick(ints))));
  }
  return out;
}

function withScratch(text: string): IrModule {
  const m = parseIr(text);
  m.globals.push({ name: SCRATCH, linkage: 'local', size: 64, align: 16, isConst: false, init: null });
  return m;
}

/** Compares before/after on every function of `text`; returns how many runs were compared. */
function compare(t: { is: (a: unknown, b: unknown, msg?: string) => void; deepEqual: (a: unknown, b: unknown, msg?: string) => void }, text: string, transform: (m: IrModule) => void, seed: number): number {
  const before = withScratch(text);
  const after = withScratch(text);
  transform(after);
  t.deepEqual(verifyModule(after), [], 'output verifies');
  const rng = new Rng(seed);
  let compared = 0;
  for (const fn of before.functions) {
    for (const args of inputsFor(fn, rng)) {
      const expected = outcome(before, fn.name, args);
      if (expected === null) continue;
      t.is(outcome(after, fn.name, args), expected, `@${fn.name}(${args.map((a) => (typeof a === 'object' ? '&scratch' : showValue(a))).join(', ')}) after:\n${printIr(after)}`);
      compared++;
    }
  }
  return compared;
}

for (const f of readdirSync(dir).filter((n) => n.endsWith('.ir')).sort()) {
  test(`fixture keeps its meaning: ${f}`, (t) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const passes = /^; RUN: (.*)$/m.exec(text)![1].split(',').map((s) => passByName(s.trim()));
    compare(t, text, (m) => runPasses(m, passes, { verify: true, ...fixtureSettings(text) }), 7);
  });
}

for (const level of [1, 2] as const) {
  test(`random programs keep their meaning at -O${level}`, (t) => {
    let compared = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const text = randomFunction(seed);
      t.deepEqual(verifyModule(parseIr(text)), [], `seed ${seed} generates valid IR:\n${text}`);
      compared += compare(t, text, (m) => optimizeModule(m, level, { verify: true }), seed);
    }
    t.true(compared > 300, `only ${compared} runs were comparable`);
  });
}

for (const name of ['mem2reg', 'simplify-cfg', 'const-fold', 'dce', 'gvn', 'licm', 'sccp', 'load-elim', 'inst-combine', 'tail-recursion', 'dse', 'sra', 'loop-idiom', 'unroll']) {
  test(`random programs keep their meaning under ${name} alone (after mem2reg)`, (t) => {
    const passes = name === 'mem2reg' ? [passByName('mem2reg')] : [passByName('mem2reg'), passByName(name)];
    for (let seed = 1000; seed < 1060; seed++) compare(t, randomFunction(seed), (m) => runPasses(m, passes, { verify: true }), seed);
  });
}
