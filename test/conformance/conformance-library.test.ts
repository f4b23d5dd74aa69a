// The shared acceptance corpus again, this time through the library rather
// than an executable: each program is compiled, loaded into a Node process
// and its main called (`jitcc -run`, which is `compile` + `Module.runMain`),
// stdout compared with the .expected file. Each program runs in its own
// child process because a C program owns the process it runs in (it may
// call exit). Failures are checked against the [library] section of
// expected-failures.txt, as the CLI run checks [programs]. Skipped with the
// reason when ../shared is absent (a failure under CI).
import { testNeeding } from '../tools.js';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const corpus = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));
const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const listFile = fileURLToPath(new URL('./expected-failures.txt', import.meta.url));
const SECTION = 'library';
const RUN_TIMEOUT_MS = 30_000; // a fresh process per program; generous because CI machines are shared

function expectedFailures(): Set<string> {
  let current = '';
  const out = new Set<string>();
  for (const line of readFileSync(listFile, 'utf8').split('\n')) {
    const m = /^\[(\w+)\]$/.exec(line.trim());
    if (m) current = m[1]!;
    else if (line.trim() && !line.startsWith('#') && current === SECTION) out.add(line.trim());
  }
  return out;
}

/** AREA/NAME for every single-file program (the abi/ pairs need two compilers and stay with the CLI test). */
function programs(): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'abi')
    .flatMap((d) => readdirSync(join(corpus, d.name)).filter((f) => f.endsWith('.c')).map((f) => `${d.name}/${f.slice(0, -2)}`))
    .sort();
}

/** Runs one program with `jitcc -run`; resolves to null on success, else a one-line reason. */
function runOne(name: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jitcc, '-run', `${name}.c`], { cwd: corpus, stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('latin1').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('latin1').on('data', (s: string) => (stderr += s));
    child.on('close', (code, signal) => {
      if (signal !== null) return resolve(`killed by ${signal}`);
      if (code !== 0) return resolve(`exit ${code}: ${stderr.split('\n')[0] ?? ''}`);
      const expected = readFileSync(join(corpus, `${name}.expected`), 'latin1');
      resolve(stdout === expected ? null : 'output differs');
    });
  });
}

async function runAll(names: readonly string[], jobs: number): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      const why = await runOne(name);
      if (why !== null) failures.set(name, why);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return failures;
}

{
  testNeeding(existsSync(join(corpus, 'run.sh')) ? null : `../shared/conformance is absent (${corpus})`, { serial: true })('conformance corpus through the library: compile, load, run main in process', async (t) => {
    t.timeout(20 * 60_000);
    const names = programs();
    const failures = await runAll(names, 2);
    t.log(`${SECTION}: ${names.length - failures.size} passed, ${failures.size} failed`);
    for (const [name, why] of failures) t.log(`FAIL ${name}: ${why}`);
    const expected = expectedFailures();
    if (process.env.UPDATE) {
      const text = readFileSync(listFile, 'utf8');
      const body = `[${SECTION}]\n${[...failures.keys()].sort().join('\n')}\n\n`;
      writeFileSync(listFile, text.includes(`[${SECTION}]`) ? text.replace(new RegExp(`\\[${SECTION}\\]\\n[^\\[]*`), body) : `${text.trimEnd()}\n\n${body}`);
    }
    t.deepEqual([...failures.keys()].filter((x) => !expected.has(x)).sort(), [], 'new failures (see the log)');
    t.deepEqual([...expected].filter((x) => !failures.has(x)).sort(), [], `now passing: remove them from [${SECTION}] in expected-failures.txt`);
  });
}
