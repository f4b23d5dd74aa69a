// Every program of the shared conformance corpus (../shared/conformance),
// run through our preprocessor, must parse without a single parser
// diagnostic. Whether it compiles and runs correctly is the conformance
// test's business; this one pins the parser. Skipped, with the reason shown,
// when the corpus is absent.

import { testNeeding } from '../../tools.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSink, formatDiagnostics, SourceMap } from '../../../src/diagnostics.js';
import { parseTranslationUnit } from '../../../src/frontend/parse/parse.js';
import { preprocess } from '../../../src/frontend/preprocess/preprocess.js';
import { conventions } from '../../../src/frontend/lower/abi/conventions.js';

const corpus = fileURLToPath(new URL('../../../../shared/conformance/', import.meta.url));

function programs(): string[] {
  const out: string[] = [];
  for (const area of readdirSync(corpus).sort()) {
    const dir = join(corpus, area);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.c')) out.push(join(dir, f));
  }
  return out;
}

{
  testNeeding(existsSync(corpus) ? null : `no corpus at ${corpus}`)('every conformance program parses without parser diagnostics', (t) => {
    const files = programs();
    const failures: string[] = [];
    for (const file of files) {
      const sources = new SourceMap();
      const ppSink = new DiagnosticSink();
      const tokens = preprocess(file, readFileSync(file, 'utf8'), {
        target: 'x86_64', convention: conventions.x86_64, defines: new Map(), undefines: [], includePaths: [], std: 'gnu11',
        readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
      }, ppSink, sources);
      // A preprocessing failure is the preprocessor's test to report, not this one.
      if (ppSink.hasErrors) continue;
      const sink = new DiagnosticSink();
      parseTranslationUnit(tokens, sink);
      if (sink.diagnostics.length > 0) failures.push(formatDiagnostics(sink.diagnostics, sources));
    }
    t.true(files.length > 50, `only ${files.length} programs found`);
    t.is(failures.join('\n'), '');
  });
}
