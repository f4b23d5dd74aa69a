// Bad input never crashes: mutated IR text either parses or throws
// IrParseError (never a TypeError or a hang), the verifier never throws on
// what the parser accepts, and the passes run cleanly on whatever verifies.
import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IrParseError, parseIr } from '../../src/ir/parse.js';
import { verifyModule } from '../../src/ir/verify.js';
import { optimizeModule } from '../../src/ir/pipeline.js';
import { Rng } from './passes/random-ir.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const sources = ['fixtures/roundtrip', 'passes/fixtures', 'fixtures/verify'].flatMap((d) =>
  readdirSync(join(here, d)).filter((f) => f.endsWith('.ir')).map((f) => readFileSync(join(here, d, f), 'utf8')),
);

const PIECES = ['%', '@', '$', '(', ')', ',', ':', '=', '{', '}', '"', '\\', '-', '0x', '9999999999999999999999', ' b0', 'i32', 'ptr', '...', '\n', ';', 'ret', 'jmp b1', 'nan', '1e999', '-inf'];

function mutate(text: string, rng: Rng): string {
  let t = text;
  const n = 1 + rng.below(4);
  for (let k = 0; k < n; k++) {
    const at = rng.below(t.length + 1);
    switch (rng.below(3)) {
      case 0: t = t.slice(0, at) + t.slice(at + 1 + rng.below(8)); break;
      case 1: t = t.slice(0, at) + rng.pick(PIECES) + t.slice(at); break;
      default: {
        const from = rng.below(t.length + 1);
        t = t.slice(0, at) + t.slice(from, from + rng.below(20)) + t.slice(at);
      }
    }
  }
  return t;
}

test('mutated IR text parses or fails with IrParseError; verifier and passes never throw', (t) => {
  const rng = new Rng(12345);
  let parsed = 0, rejected = 0, optimised = 0;
  for (let k = 0; k < 3000; k++) {
    const text = mutate(rng.pick(sources), rng);
    let m;
    try {
      m = parseIr(text, 'fuzz.ir');
      parsed++;
    } catch (e) {
      if (!(e instanceof IrParseError)) return t.fail(`parser threw ${String(e)} on:\n${text}`);
      rejected++;
      continue;
    }
    let errors: string[];
    try {
      errors = verifyModule(m);
    } catch (e) {
      return t.fail(`verifier threw ${String(e)} on:\n${text}`);
    }
    if (errors.length > 0) continue;
    try {
      optimizeModule(m, 2, { verify: true });
      optimised++;
    } catch (e) {
      return t.fail(`-O2 threw ${String(e)} on:\n${text}`);
    }
  }
  t.log(`${parsed} parsed, ${rejected} rejected, ${optimised} verified and optimised`);
  t.true(parsed > 100 && rejected > 100 && optimised > 50);
});
