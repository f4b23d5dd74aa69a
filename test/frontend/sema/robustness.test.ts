// Bad input must never crash sema or lowering: programs from the fixtures
// are mutated (identifiers swapped, operators and casts inserted, types
// replaced) with a fixed seed, and every mutant must either be diagnosed or
// lower to IR that passes the verifier. Any other exception is a bug.

import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TooManyErrors } from '../../../src/diagnostics.js';
import { lowerTranslationUnit } from '../../../src/frontend/lower/lower.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { checkSource, testOptions } from './check-helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const dirs = [join(here, 'errors'), join(here, '../lower/fixtures'), join(here, '../../e2e/programs')];
const sources = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.c')).map((f) => readFileSync(join(d, f), 'utf8')));

const INSERTS = ['*', '&', '[0]', '.x', '->y', '()', '(1)', ' + 1.5', ' = 0', '++', ' ? 0 : (void)0', ', 1', '[1][2]', '.a.b', ' / 0', ' << 70'];
const TYPES = ['int', 'double', 'char *', 'struct s', 'void', 'float', 'long long', 'unsigned', '_Bool', 'struct q { int a : 3; }', 'int[2]'];

function mutate(text: string, rand: () => number): string {
  let out = text;
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) {
    const idents = [...out.matchAll(/\b[A-Za-z_]\w*\b/g)];
    if (idents.length === 0) break;
    const m = idents[Math.floor(rand() * idents.length)]!;
    const at = m.index! + m[0].length;
    const r = rand();
    if (r < 0.35) out = out.slice(0, m.index!) + idents[Math.floor(rand() * idents.length)]![0] + out.slice(at);
    else if (r < 0.7) out = out.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + out.slice(at);
    else out = out.slice(0, m.index!) + '(' + TYPES[Math.floor(rand() * TYPES.length)] + ')' + out.slice(m.index!);
  }
  return out;
}

test('mutated programs are diagnosed or lowered, never crash', (t) => {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let lowered = 0;
  let diagnosed = 0;
  for (let i = 0; i < 1500; i++) {
    const text = mutate(sources[Math.floor(rand() * sources.length)]!, rand);
    try {
      const r = checkSource(`mutant${i}.c`, text);
      if (r.hasErrors || !r.unit) {
        diagnosed++;
        continue;
      }
      const m = lowerTranslationUnit(r.unit, testOptions());
      t.deepEqual(verifyModule(m), [], `mutant ${i}:\n${text}`);
      lowered++;
    } catch (e) {
      if (e instanceof TooManyErrors) continue;
      t.fail(`mutant ${i} crashed: ${(e as Error).stack}\n--- source ---\n${text}`);
      return;
    }
  }
  t.log(`${lowered} lowered, ${diagnosed} diagnosed`);
  t.true(lowered > 0 && diagnosed > 0);
});
