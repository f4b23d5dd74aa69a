// The shared acceptance corpus (../shared/conformance): every program built
// by the jitcc CLI, run, and its output compared. Failures are checked
// against expected-failures.txt so progress shows as a diff of that list:
// a new failure fails this test, and so does a listed test that now passes
// (remove it from the list). Skipped with the reason when ../shared is absent
// (a failure under CI).
import { testNeeding } from '../tools.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const corpus = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));
const jitcc = fileURLToPath(new URL('../../dist/cc.js', import.meta.url));
const listFile = fileURLToPath(new URL('./expected-failures.txt', import.meta.url));

function expectedFailures(section: string): Set<string> {
  const text = readFileSync(listFile, 'utf8');
  const out = new Set<string>();
  let current = '';
  for (const line of text.split('\n')) {
    const m = /^\[(\w+)\]$/.exec(line.trim());
    if (m) current = m[1]!;
    else if (line.trim() && !line.startsWith('#') && current === section) out.add(line.trim());
  }
  return out;
}

function runCorpus(args: string[]): { failed: Set<string>; summary: string } {
  const r = spawnSync('bash', [`${corpus}run.sh`, ...args], { encoding: 'utf8', env: { ...process.env, JOBS: '2' }, maxBuffer: 64 << 20 });
  const failed = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^FAIL \w+ (\S+)/.exec(line);
    if (m) failed.add(m[1]!);
  }
  const summary = r.stdout.trim().split('\n').pop() ?? '';
  return { failed, summary };
}

function compare(t: import('ava').ExecutionContext, section: string, result: { failed: Set<string>; summary: string }) {
  const expected = expectedFailures(section);
  const unexpected = [...result.failed].filter((x) => !expected.has(x)).sort();
  const fixed = [...expected].filter((x) => !result.failed.has(x)).sort();
  t.log(`${section}: ${result.summary}`);
  if (process.env.UPDATE) {
    const text = readFileSync(listFile, 'utf8');
    const re = new RegExp(`\\[${section}\\]\\n[^\\[]*`);
    writeFileSync(listFile, text.replace(re, `[${section}]\n${[...result.failed].sort().join('\n')}\n\n`));
  }
  t.deepEqual(unexpected, [], `new failures in ${section} (see run.sh output)`);
  t.deepEqual(fixed, [], `now passing in ${section}: remove them from expected-failures.txt`);
}

const corpusTest = testNeeding(existsSync(`${corpus}run.sh`) ? null : `../shared/conformance is absent (${corpus})`, { serial: true });
corpusTest('conformance corpus: every program built by jitcc and run', (t) => {
  t.timeout(20 * 60_000);
  compare(t, 'programs', runCorpus([`node ${jitcc} -o {out} {src} -lm`]));
});
corpusTest('conformance ABI pairs: jitcc on one side, gcc on the other', (t) => {
  t.timeout(10 * 60_000);
  compare(t, 'abi', runCorpus(['--abi', `node ${jitcc} -c -o {out} {src}`, 'gcc -std=c11 -c -o {out} {src}']));
});
