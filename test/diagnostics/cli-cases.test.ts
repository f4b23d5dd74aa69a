// The diagnostics suite: every cases/NAME.c goes through the real CLI
// (`node dist/cc.js -c NAME.c -o /dev/null`, run inside cases/ so file names
// print as users see them) and its stderr must equal cases/NAME.stderr
// byte for byte. A first line `// flags: -Wall -Werror` adds options.
// The exit status must be 1 exactly when an error was printed, else 0.
// UPDATE=1 rewrites the .stderr files (review the diff before committing).
// Uses dist/cc.js, which `npm test` builds first.
import test from 'ava';
import { checkGolden } from '../tools.js';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const casesDir = fileURLToPath(new URL('./cases', import.meta.url));

/** Options named on the case's first line (`// flags: …`), split on spaces. */
function flagsOf(source: string): string[] {
  const m = /^\/\/ flags:(.*)$/m.exec(source.split('\n', 1)[0] ?? '');
  return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

for (const name of readdirSync(casesDir).filter((f) => f.endsWith('.c')).sort()) {
  test(name, (t) => {
    const source = readFileSync(join(casesDir, name), 'utf8');
    const r = spawnSync('node', [jitcc, ...flagsOf(source), '-c', name, '-o', '/dev/null'], {
      cwd: casesDir, encoding: 'utf8', timeout: 60_000,
    });
    t.is(r.error, undefined);
    const golden = join(casesDir, name.replace(/\.c$/, '.stderr'));
    checkGolden(t, golden, r.stderr);
    const hasError = /(^|\n)[^\n]*: (error|internal compiler error): /.test(r.stderr);
    t.is(r.status, hasError ? 1 : 0, `exit status ${r.status} with stderr:\n${r.stderr}`);
  });
}
