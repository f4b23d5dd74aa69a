// A crash in jitted C names the C function and line instead of blaming node.
// Run: npx tsx examples/crash-report.ts
// It runs itself as a child process that dereferences NULL in C, and shows
// what the child printed before it died of SIGSEGV.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compile } from 'jitcc';

if (process.argv[2] === 'child') {
  const mod = compile(`
struct point { int x, y; };
int sum(const struct point *p, int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += p[i].x + p[i].y;
  return s;
}`, { file: 'points.c', crashReports: true });
  mod.fn('sum')(null, 3); // NULL: a segmentation fault at points.c:6
} else {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), 'child'], { encoding: 'utf8' });
  process.stdout.write(child.stderr);
  console.log(`(the child died of ${child.signal})`);
}
