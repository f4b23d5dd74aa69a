// The passes keep the meaning of real C programs: each program of
// test/e2e/programs and test/frontend/lower/fixtures is lowered at -O0,
// then optimised at -O1 and -O2 with the verifier after every pass, and
// its `main` (or every parameterless function) runs in the reference
// interpreter before and after. Return value, the trace of library calls
// (printf with its arguments) and the final bytes of globals must agree.
// The lowering's own output must also round-trip through the IR text.
// Every program must compile: one the frontend cannot build fails here too.
import test from 'ava';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIrText } from '../../../src/build.js';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { optimizeModule } from '../../../src/ir/pipeline.js';
import { interpret, showValue } from '../../../src/ir/interp.js';
import type { IrModule } from '../../../src/ir/ir.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const dirs = ['test/e2e/programs', 'test/frontend/lower/fixtures'];

function run(m: IrModule, fn: string): string {
  try {
    const r = interpret(m, fn, [], { maxSteps: 2_000_000 });
    return `${showValue(r.value)} | ${r.trace.join('; ')} | ${Buffer.from(r.globals).toString('hex')}`;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

for (const dir of dirs) {
  const full = join(root, dir);
  if (!existsSync(full)) continue;
  for (const f of readdirSync(full).filter((n) => n.endsWith('.c')).sort()) {
    test(`${dir}/${f}`, (t) => {
      const text = buildIrText(readFileSync(join(full, f), 'latin1'), { optimize: 0, file: f }).output;
      const before = parseIr(text, f);
      t.is(printIr(before), text, 'lowered IR round-trips');
      t.deepEqual(verifyModule(before), []);
      const entries = before.functions.filter((fn) => fn.name === 'main' || fn.params.length === 0).map((fn) => fn.name);
      for (const level of [1, 2] as const) {
        const after = parseIr(text, f);
        optimizeModule(after, level, { verify: true });
        for (const name of entries) t.is(run(after, name), run(before, name), `-O${level} @${name}`);
      }
    });
  }
}
