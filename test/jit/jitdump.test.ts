// jitdump: true / '<dir>' writes perf's jit-<pid>.dump: checked with our own
// reader (header, a debug-info record before each code-load record, the
// code bytes as they are in memory, source lines from the module's line
// table) in a child process, and — where perf may sample this process —
// end to end: `perf record -k 1`, `perf inject --jit`, then `perf report`
// names the jitted function and `perf annotate` shows its source lines.

import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/index.js';
import { debugEntriesFor, encodeCodeLoad, encodeDebugInfo, encodeFileHeader, JITDUMP_MAGIC } from '../../src/jit/jitdump.js';
import { readJitdump } from '../../src/jit/jitdump-read.js';
import { hasTool, testOnHost } from '../tools.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/jitdump-child.ts', import.meta.url));
const onX64 = testOnHost(process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`);

interface ChildReport {
  readonly pid: number;
  readonly functions: Record<string, { address: string; code: string }>;
}

function runChild(dir: string, ms = 0, wrap: string[] = []): ChildReport {
  const cmd = [...wrap, process.execPath, '--import', 'tsx', child, dir, String(ms)];
  const out = execFileSync(cmd[0]!, cmd.slice(1), { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildReport;
}

test('records round-trip through the reader', (t) => {
  const header = encodeFileHeader('x86_64', 42, 1000n);
  t.is(new DataView(header.buffer).getUint32(0, true), JITDUMP_MAGIC);
  const debug = encodeDebugInfo(0x1000n, [{ address: 0x1000n, line: 3, file: 'a.c' }, { address: 0x1008n, line: 4, file: 'a.c' }], 1001n);
  const load = encodeCodeLoad({ pid: 42, tid: 43, address: 0x1000n, code: new Uint8Array([0x90, 0xc3]), index: 1n, name: 'f' }, 1002n);
  const bytes = new Uint8Array([...header, ...debug, ...load]);
  const d = readJitdump(bytes);
  t.deepEqual(d.header, { version: 1, machine: 62, pid: 42, timestamp: 1000n, flags: 0n });
  t.deepEqual(d.records.map((r) => r.kind), ['debug', 'load']);
  const l = d.records[1]!;
  if (l.kind !== 'load') return t.fail();
  t.is(l.name, 'f');
  t.deepEqual([...l.code], [0x90, 0xc3]);
  t.throws(() => readJitdump(bytes.subarray(0, bytes.length - 1)), { message: /does not fit|truncated/ });
  t.throws(() => readJitdump(new Uint8Array(40)), { message: /bad magic/ });
});

test('debug entries cover the function and end at its end', (t) => {
  const f = { name: 'f', address: 0x100n, size: 0x20, isGlobal: true };
  const row = (address: bigint, line: number, isEndSequence = false) => ({ address, file: 'f.c', line, column: 0, isStmt: true, isEndSequence });
  const entries = debugEntriesFor(f, [row(0x100n, 1), row(0x104n, 1), row(0x108n, 2), row(0x118n, 1), row(0x120n, 1, true), row(0x200n, 9)]);
  t.deepEqual(entries.map((e) => [Number(e.address - 0x100n), e.line]), [[0, 1], [8, 2], [0x18, 1], [0x20, 1]]);
});

onX64('a child process writes jit-<pid>.dump: a debug record, then the code as loaded, per function', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-jitdump-'));
  const report = runChild(dir);
  const d = readJitdump(new Uint8Array(readFileSync(join(dir, `jit-${report.pid}.dump`))));
  t.is(d.header.pid, report.pid);
  t.is(d.header.machine, 62);
  const loads = d.records.filter((r) => r.kind === 'load');
  t.true(['dot', 'twice'].every((n) => loads.some((r) => r.kind === 'load' && r.name === n)), 'a load record per function');
  for (const [name, f] of Object.entries(report.functions)) {
    const i = d.records.findIndex((r) => r.kind === 'load' && r.name === name);
    const load = d.records[i]!;
    if (load.kind !== 'load') return t.fail();
    t.is(load.address.toString(16), f.address, name);
    t.is(Buffer.from(load.code.subarray(0, f.code.length / 2)).toString('hex'), f.code, `${name}: the bytes in memory`);
    const debug = d.records[i - 1]!;
    t.is(debug.kind, 'debug', `${name}: its line table comes first`);
    if (debug.kind !== 'debug') return;
    t.is(debug.address, load.address);
    t.true(debug.entries.every((e) => e.file === 'dot.c' && e.address >= load.address && e.address <= load.address + BigInt(load.code.length)));
  }
  const dotDebug = d.records.find((r, i) => r.kind === 'debug' && (d.records[i + 1] as { name?: string }).name === 'dot');
  t.true(dotDebug?.kind === 'debug' && dotDebug.entries.some((e) => e.line === 4), 'the loop body (line 4) is in dot\'s table');
  t.is(d.records[d.records.length - 1]!.kind, 'close', 'the file is closed at exit');
  const timestamps = d.records.map((r) => r.timestamp);
  t.deepEqual([...timestamps].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), timestamps, 'timestamps never go back');
});

onX64('the jitdump option is checked', (t) => {
  t.throws(() => compile('int f(void) { return 0; }', { jitdump: 3 as never }), { instanceOf: TypeError, message: /option 'jitdump'.*a boolean or a directory path/ });
  t.throws(() => compile('int f(void) { return 0; }', { jitdump: '' }), { instanceOf: TypeError });
});

/** Why perf cannot sample a child here, or null when it can. */
function perfUnavailable(): string | null {
  if (process.arch !== 'x64' || process.platform !== 'linux') return `host is ${process.platform}/${process.arch}`;
  if (!hasTool('perf')) return 'perf not installed';
  const probe = spawnSync('perf', ['record', '-k', '1', '-e', 'cpu-clock', '-o', '/dev/null', 'true'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `perf cannot record here: ${(probe.stderr || '').trim().split('\n')[0]}`;
}

testOnHost(perfUnavailable())('perf record -k 1 + perf inject --jit: perf report names dot, perf annotate shows its lines', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-perf-'));
  const data = join(dir, 'perf.data');
  const report = runChild(dir, 1500, ['perf', 'record', '-k', '1', '-e', 'cpu-clock', '-q', '-o', data]);
  const injected = join(dir, 'perf.jit.data');
  execFileSync('perf', ['inject', '--jit', '-i', data, '-o', injected], { cwd: dir, stdio: 'ignore' });
  t.true(readdirSync(dir).some((f) => f === `jitted-${report.pid}-1.so` || /^jitted-\d+-\d+\.so$/.test(f)), 'perf inject wrote an ELF per function');
  const perfReport = execFileSync('perf', ['report', '-i', injected, '--stdio', '--sort', 'sym'], { cwd: dir, encoding: 'utf8' });
  t.regex(perfReport, /\[\.\] dot\s*$/m);
  const annotate = execFileSync('perf', ['annotate', '-i', injected, '--stdio', '-l', 'dot'], { cwd: dir, encoding: 'utf8' });
  t.regex(annotate, /dot\.c:4/);
});
