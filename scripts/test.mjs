// Runs the ava suite and ends with the plain summary line CI reads:
// "N passed, M failed" (ava's own summary is not in that form), plus
// ", K skipped" when tests were skipped — each listed above the line with
// its reason, since a test that did not run must be seen (STYLE §8).
// Extra arguments are passed to ava (file globs, --match).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The `jitcc` commands the tests run share a compile server of their own, which exits
// once its socket is removed at the end (src/compile-server/server.ts).
const serverDir = mkdtempSync(join(tmpdir(), 'jitcc-test-server-'));
const env = { ...process.env, JITCC_SERVER_DIR: serverDir };
const ava = spawn('npx', ['ava', '--tap', ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'inherit'], env });
let passed = 0, failed = 0, skipped = 0, pending = '';
const skippedTitles = [];
ava.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) count(line);
});
function count(line) {
  const isSkip = /^ok \d+/.test(line) && /# SKIP/.test(line) || /^not ok \d+/.test(line) && /# TODO/.test(line);
  if (isSkip) {
    skipped++;
    skippedTitles.push(line.replace(/^(not )?ok \d+ - /, '').replace(/ # (SKIP|TODO).*$/, ''));
  } else if (/^ok \d+/.test(line)) passed++;
  else if (/^not ok \d+/.test(line)) failed++;
}
ava.on('close', (code) => {
  count(pending);
  if (code !== 0 && failed === 0) failed = 1; // ava failed outside any test (e.g. a file that does not load)
  if (skippedTitles.length > 0) console.log(`skipped:\n${skippedTitles.map((t) => `  ${t}`).join('\n')}`);
  rmSync(serverDir, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed === 0 ? 0 : 1);
});
