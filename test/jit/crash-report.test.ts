// crashReports: true, in child processes: a fault in jitted code prints the
// function, file and line from the module's line table with the faulting
// address, and the process then dies of the same signal as without the
// option; faults outside jitted code (a SIGSEGV sent with kill, a
// WebAssembly out-of-bounds access, which V8's own handler turns into a
// RuntimeError) go to the handler installed before, untouched; a disposed
// module's functions are no longer reported.

import test from 'ava';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeTable } from '../../src/jit/crash-report.js';
import { testOnHost } from '../tools.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url));
const onLinuxX64 = testOnHost(process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`);

function run(what: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, what], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { signal: r.signal, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

onLinuxX64('a segmentation fault in jitted code names the function and line, then the process dies of SIGSEGV', (t) => {
  const r = run('segv');
  t.regex(r.stderr, /^jitcc: segmentation fault in store\(\) at crash\.c:3 \(address 0x10, pc 0x[0-9a-f]+, store\+0x[0-9a-f]+\)$/m);
  t.is(r.signal, 'SIGSEGV');
  t.notRegex(r.stdout, /survived/);
});

onLinuxX64('every registered module is in the table', (t) => {
  const r = run('other');
  t.regex(r.stderr, /^jitcc: segmentation fault in other_store\(\) at other\.c:2 \(address 0x20,/m);
  t.is(r.signal, 'SIGSEGV');
});

onLinuxX64('a division by zero is a floating-point exception at its line, and the process dies of SIGFPE', (t) => {
  const r = run('fpe');
  t.regex(r.stderr, /^jitcc: floating-point exception in divide\(\) at crash\.c:7 /m);
  t.is(r.signal, 'SIGFPE');
});

onLinuxX64('ud2 is an illegal instruction at its line, and the process dies of SIGILL', (t) => {
  const r = run('ill');
  t.regex(r.stderr, /^jitcc: illegal instruction in trap\(\) at crash\.c:10 /m);
  t.is(r.signal, 'SIGILL');
});

onLinuxX64('a SIGSEGV that is not a fault in jitted code goes to the previous handler: no report, the same death', (t) => {
  const r = run('kill');
  t.notRegex(r.stderr, /jitcc:/);
  t.is(r.signal, 'SIGSEGV');
});

onLinuxX64('V8\'s WebAssembly trap handler still turns out-of-bounds accesses into RuntimeErrors', (t) => {
  const r = run('wasm');
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /^caught RuntimeError: memory access out of bounds$/m);
  t.regex(r.stdout, /^store 42$/m);
  t.regex(r.stdout, /^survived$/m);
  t.notRegex(r.stderr, /jitcc:/);
});

onLinuxX64('after dispose a module\'s functions are gone from the table; code loaded without the option is not reported', (t) => {
  const r = run('disposed');
  t.notRegex(r.stderr, /jitcc:/);
  t.is(r.signal, 'SIGSEGV');
});

test('the table: functions sorted by start, line rows and strings behind them, pointers absolute', (t) => {
  const base = 0x10000n;
  const bytes = encodeTable([
    { start: 0x2000n, end: 0x2010n, name: 'g', lines: [] },
    { start: 0x1000n, end: 0x1020n, name: 'f', lines: [{ address: 0x1000n, file: 'f.c', line: 1 }, { address: 0x1008n, file: 'f.c', line: 2 }] },
  ], base);
  const view = new DataView(bytes.buffer);
  t.is(view.getBigUint64(0, true), 2n);
  t.is(view.getBigUint64(8, true), 0x1000n, 'f first');
  t.is(view.getBigUint64(8 + 32, true), 2n, 'with two rows');
  t.is(view.getBigUint64(48, true), 0x2000n);
  const nameAt = Number(view.getBigUint64(8 + 16, true) - base);
  t.is(new TextDecoder().decode(bytes.subarray(nameAt, nameAt + 2)), 'f\0');
  const rowAt = Number(view.getBigUint64(8 + 24, true) - base);
  t.is(view.getBigUint64(rowAt + 24 + 16, true), 2n, 'the second row is line 2');
});
