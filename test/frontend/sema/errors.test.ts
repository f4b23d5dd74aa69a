// Sema diagnostics: each errors/*.c is checked and its diagnostics, formatted
// as gcc prints them, must equal errors/*.err exactly. UPDATE=1 rewrites the
// .err files (review the diff).

import test from 'ava';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSource } from './check-helpers.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'errors');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.c')).sort()) {
  test(name, (t) => {
    const source = readFileSync(join(dir, name), 'utf8');
    const result = checkSource(name, source);
    const actual = result.text + '\n';
    const errPath = join(dir, name.replace(/\.c$/, '.err'));
    if (process.env.UPDATE === '1') writeFileSync(errPath, actual);
    t.true(existsSync(errPath), `missing ${errPath} (run with UPDATE=1)`);
    t.is(actual, readFileSync(errPath, 'utf8'));
    t.true(result.text.length > 0, 'every fixture must produce a diagnostic');
  });
}
