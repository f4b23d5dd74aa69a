// Pass fixtures, FileCheck style. Each fixtures/*.ir holds IR text plus
//   ; RUN: pass-a, pass-b        the passes to run, in order
//   ; CHECK: text                substrings the output must contain, in order
//   ; CHECK-NOT: text            must not occur between the neighbouring CHECKs
//   ; GOLDEN                     the whole output must equal fixtures/<name>.out
//                                (UPDATE=1 writes it; review the diff)
//   ; TARGET: round-instructions, no-builtins, O3, vector-128
//                                PassSettings for the run (default: -O2, builtins, no rounding instructions)
// Every output must verify.
import test from 'ava';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { passByName, runPasses } from '../../../src/ir/pipeline.js';
import { fixtureSettings } from './fixture-settings.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');

interface Check { kind: 'CHECK' | 'CHECK-NOT'; text: string }

/** In-order substring matching; returns a failure message or null. */
export function fileCheck(output: string, checks: readonly Check[]): string | null {
  let pos = 0;
  let pendingNot: string[] = [];
  for (const c of checks) {
    if (c.kind === 'CHECK-NOT') { pendingNot.push(c.text); continue; }
    const at = output.indexOf(c.text, pos);
    if (at < 0) return `CHECK not found after offset ${pos}: ${c.text}`;
    for (const n of pendingNot) if (output.slice(pos, at).includes(n)) return `CHECK-NOT matched: ${n}`;
    pendingNot = [];
    pos = at + c.text.length;
  }
  for (const n of pendingNot) if (output.slice(pos).includes(n)) return `CHECK-NOT matched: ${n}`;
  return null;
}

for (const f of readdirSync(dir).filter((n) => n.endsWith('.ir')).sort()) {
  test(f, (t) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const run = /^; RUN: (.*)$/m.exec(text);
    if (!run) return t.fail('fixture has no ; RUN: line');
    const directives = [...text.matchAll(/^; (CHECK[A-Z-]*): (.*)$/gm)];
    const unknown = directives.find((m) => m[1] !== 'CHECK' && m[1] !== 'CHECK-NOT');
    if (unknown) return t.fail(`unknown directive ${unknown[1]}`);
    const checks: Check[] = directives.map((m) => ({ kind: m[1] as Check['kind'], text: m[2] }));
    const m = parseIr(text, f);
    t.deepEqual(verifyModule(m), [], 'input verifies');
    runPasses(m, run[1].split(',').map((s) => passByName(s.trim())), { verify: true, ...fixtureSettings(text) });
    const out = printIr(m);
    t.deepEqual(verifyModule(m), [], 'output verifies');
    const golden = join(dir, f.replace(/\.ir$/, '.out'));
    // A fixture opts into whole-output comparison with a `; GOLDEN` line.
    if (/^; GOLDEN$/m.test(text)) {
      if (process.env.UPDATE === '1') writeFileSync(golden, out);
      if (!existsSync(golden)) return t.fail(`missing ${golden}: run with UPDATE=1 and review it`);
      t.is(out, readFileSync(golden, 'utf8'));
      t.is(printIr(parseIr(out, golden)), out, 'golden output round-trips');
    }
    if (checks.length === 0 && !/^; GOLDEN$/m.test(text)) return t.fail('fixture has neither CHECK lines nor ; GOLDEN');
    const failure = fileCheck(out, checks);
    t.is(failure, null, `output:\n${out}`);
  });
}
