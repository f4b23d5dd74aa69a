#!/usr/bin/env node
// The `jitcc` command's entry point (dist/cc.js). A compile-only command
// line goes to the user's compile server, which keeps the compiler loaded
// and warm (compile-server/); anything else, or any trouble reaching the
// server, runs the driver (cc.ts) in this process. Both give the same
// output files, the same bytes on stdout and stderr and the same exit status.
//
// JITCC_SERVER=off always compiles in this process; JITCC_SERVER=require
// fails instead of falling back (tests use both). This file stays small:
// the fast path must not load the compiler.

import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { compileOnServer, isServable, ServerUnavailable } from './compile-server/client.js';
import { serverPaths } from './compile-server/runtime-dir.js';

async function launch(argv: string[]): Promise<number> {
  const mode = process.env.JITCC_SERVER ?? 'auto';
  // From the TypeScript sources (tsx) there are no bundles for a server to run.
  const isBuilt = !import.meta.url.endsWith('.ts');
  if (mode !== 'off' && isBuilt && isServable(argv)) {
    const serverScript = fileURLToPath(new URL('./cc-server.js', import.meta.url));
    const workerScript = fileURLToPath(new URL('./cc-worker.js', import.meta.url));
    const paths = serverPaths(workerScript);
    if (paths === null && mode === 'require') throw new ServerUnavailable('no private runtime directory for the compile server');
    const code = paths === null ? null : await compileOnServer(argv, paths, serverScript, workerScript, mode === 'require');
    if (code !== null) return code;
  }
  // A compile in this one-shot process: V8 optimises the compiler's hot
  // functions while it runs, on background threads whose CPU time is the
  // command's too. With V8's default inlining budget that was a third of the
  // CPU time of compiling sqlite3.c (perf: TurboFan's graph reducers); a
  // smaller budget makes each optimisation far cheaper for code only a few
  // percent slower: ~20% less CPU on sqlite3.c at -O0 (bench/throughput.ts).
  // The compile server, which lives on and is optimised once, keeps the default.
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  const { main } = await import('./cc.js');
  return main(argv);
}

launch(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (!(e instanceof ServerUnavailable)) throw e;
    process.stderr.write(`jitcc: error: JITCC_SERVER=require: ${e.message}\n`);
    process.exitCode = 1;
  },
);
