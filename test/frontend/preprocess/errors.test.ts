// Diagnostics of the preprocessor: each errors/NAME.c is preprocessed (its
// folder is the virtual file system) and the formatted diagnostics must
// equal errors/NAME.err. UPDATE=1 rewrites the .err files.

import test from 'ava';
import { checkGolden } from '../../tools.js';
import { readdirSync, readFileSync } from 'node:fs';
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
    checkGolden(t, golden, text, 'latin1');
  });
}
