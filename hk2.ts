import { frontendOptions } from './src/build.js';
import { DiagnosticSink, SourceMap } from './src/diagnostics.js';
import { Preprocessor } from './src/frontend/preprocess/preprocessor.js';
import { predefinedMacroText, commandLineMacroText } from './src/frontend/preprocess/predefined.js';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const opts = frontendOptions({ includePaths: [f.replace(/\/[^/]*$/, '')] });
  const pp = new Preprocessor(opts, new DiagnosticSink(100000), new SourceMap());
  pp.run('<built-in>', predefinedMacroText(opts));
  const t0 = performance.now();
  const toks = pp.run(f, readFileSync(f, 'latin1'));
  console.log(f, 'out', toks.length, 'expanded', (pp as any).expandedTokens, 'included bytes', pp.includedBytes, ((performance.now()-t0)/1000).toFixed(1)+'s', (process.memoryUsage().rss/1048576).toFixed(0), 'MiB');
}
