// Diagnostics of the preprocessor: each errors/NAME.c is preprocessed (its
// folder is the virtual file system) and the formatted diagnostics must
// equal errors/NAME.err. UPDATE=1 rewrites the .err files.

import test from 'ava';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pp, testOptions } from './helpers.js';

const dir = fileURLToPath(new URL('errors/', import.meta.url));

const files: Record<string, string> = {};
for (const f of readdirSync(dir)) if (/\.[ch]$/.test(f)) files[f] = readFileSync(join(dir, f), 'latin1');

for (const f of Object.keys(files).filter((n) => n.endsWith('.c')).sort()) {
  test(`diagnostics of ${f}`, (t) => {
    const r = pp(files[f]!, testOptions(files), f);
    t.true(r.sink.diagnostics.length > 0);
    const golden = join(dir, f.replace(/\.c$/, '.err'));
    const text = r.diagnostics + '\n';
    if (process.env.UPDATE === '1' || !existsSync(golden)) writeFileSync(golden, text);
    t.is(text, readFileSync(golden, 'latin1'));
  });
}
