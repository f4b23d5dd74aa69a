// Verifier tests: every fixture under fixtures/verify lists the exact
// messages expected (`; ERROR: …` lines, in order); every well-formed
// fixture (round trip and pass fixtures) verifies clean.
import test from 'ava';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIr } from '../../src/ir/parse.js';
import { verifyModule } from '../../src/ir/verify.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = (dir: string) => (existsSync(join(here, dir)) ? readdirSync(join(here, dir)).filter((f) => f.endsWith('.ir')).sort() : []);

for (const f of fixtures('fixtures/verify')) {
  test(`rejects ${f}`, (t) => {
    const text = readFileSync(join(here, 'fixtures/verify', f), 'utf8');
    const expected = [...text.matchAll(/^; ERROR: (.*)$/gm)].map((m) => m[1]);
    t.true(expected.length > 0, 'fixture lists its expected errors');
    t.deepEqual(verifyModule(parseIr(text, f)), expected);
  });
}

for (const f of fixtures('fixtures/roundtrip')) {
  test(`accepts fixtures/roundtrip/${f}`, (t) => {
    t.deepEqual(verifyModule(parseIr(readFileSync(join(here, 'fixtures/roundtrip', f), 'utf8'), f)), []);
  });
}
