// Lowering golden tests: each fixtures/*.c is compiled to IR, which must
// pass the IR verifier, survive the text round trip (parseIr ∘ printIr) and
// equal fixtures/*.ir exactly. UPDATE=1 rewrites the .ir files.
// A `// target: aarch64` line lowers for AArch64 instead of x86-64.

import test from 'ava';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIr } from '../../../src/ir/parse.js';
import { printIr } from '../../../src/ir/print.js';
import { verifyModule } from '../../../src/ir/verify.js';
import { lowerSource, testOptions } from '../sema/check-helpers.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.c')).sort()) {
  test(name, (t) => {
    const source = readFileSync(join(dir, name), 'utf8');
    // `// target: aarch64` selects the AArch64 ABI facts (plain char unsigned).
    const target = /^\/\/ target: aarch64$/m.test(source) ? 'aarch64' : 'x86_64';
    const module = lowerSource(name, source, testOptions(target));
    t.deepEqual(verifyModule(module), []);
    const text = printIr(module);
    t.is(printIr(parseIr(text)), text, 'IR text round trip');
    const irPath = join(dir, name.replace(/\.c$/, '.ir'));
    if (process.env.UPDATE === '1') writeFileSync(irPath, text);
    t.true(existsSync(irPath), `missing ${irPath} (run with UPDATE=1)`);
    t.is(text, readFileSync(irPath, 'utf8'));
  });
}
