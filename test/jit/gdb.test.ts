// gdb: true registers a module's code with the GDB JIT interface. In this
// process: the symbol files in __jit_debug_descriptor's list (read back and
// checked with readelf: functions at their addresses, line tables), gone
// after dispose. End to end: gdb in batch mode runs node on a child that
// loads dot.c; a breakpoint set by name before the code exists is hit,
// the backtrace goes from dot through twice into koffi and node, `next`
// steps by source line, and a breakpoint on dot.c:4 (file:line) is hit.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/index.js';
import { registeredSymbolFiles } from '../../src/jit/gdb-jit.js';
import { testNeedingTools, testOnHost } from '../tools.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/gdb-child.ts', import.meta.url));
const hostProblem = process.arch === 'x64' && process.platform === 'linux' ? null : `host is ${process.platform}/${process.arch}, not linux/x64`;
const onX64 = testOnHost(hostProblem);
const withTools = (tools: string[]) => (hostProblem === null ? testNeedingTools(tools, { serial: true }) : onX64);

const dotC = `double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}
__attribute__((noinline)) double twice(const double *a, int n) {
  double d = dot(a, a, n);
  return d * 2;
}
`;

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-gdb-'));
  writeFileSync(join(dir, 'dot.c'), dotC);
  return dir;
}

withTools(['readelf'])('the descriptor lists one symbol file per module, with its functions and lines, until dispose', (t) => {
  const before = registeredSymbolFiles().length;
  const mod = compile(dotC, { file: 'dot.c', gdb: true, cache: false });
  const files = registeredSymbolFiles();
  t.is(files.length, before + 1);
  const path = join(mkdtempSync(join(tmpdir(), 'jitcc-gdb-sym-')), 'symfile.elf');
  writeFileSync(path, files[0]!);
  const symbols = execFileSync('readelf', ['-sW', path], { encoding: 'utf8' });
  for (const name of ['dot', 'twice']) t.regex(symbols, new RegExp(`\\b0*${mod.symbol(name).toString(16)}\\s+\\d+\\s+FUNC\\s+GLOBAL\\s+DEFAULT\\s+\\d+ ${name}$`, 'm'), name);
  const lines = execFileSync('readelf', ['--debug-dump=decodedline', path], { encoding: 'utf8' });
  t.regex(lines, new RegExp(`dot\\.c\\s+4\\s+0x${(mod.symbol('dot') & ~0n).toString(16).slice(0, 6)}`), 'line rows at the real addresses');
  const headers = execFileSync('readelf', ['-SW', path], { encoding: 'utf8' });
  t.regex(headers, /\.text\s+NOBITS\s+0*[0-9a-f]+/);
  mod.dispose();
  t.is(registeredSymbolFiles().length, before, 'unregistered at dispose');
});

/** Runs the child under gdb in batch mode with the given commands; returns gdb's output. */
function gdb(dir: string, optimize: number, commands: string[]): string {
  const args = ['-batch', '-nx', '-ex', 'set breakpoint pending on', ...commands.flatMap((c) => ['-ex', c]), '--args', process.execPath, '--import', 'tsx', child, dir, String(optimize)];
  const r = spawnSync('gdb', args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return `${r.stdout}\n${r.stderr}`;
}

withTools(['gdb'])('gdb breaks in a jitted function by name, backtraces through it and steps by line', (t) => {
  const out = gdb(workDir(), 0, ['break dot', 'run', 'bt 4', 'next', 'next', 'info line *$pc', 'kill']);
  t.regex(out, /Breakpoint 1 \(dot\) pending/, 'set before the code existed');
  t.regex(out, /hit Breakpoint 1, dot \(\) at dot\.c:2/);
  t.regex(out, /^2\s+ double s = 0;$/m, 'gdb shows the source line');
  t.regex(out, /^#0\s+dot \(\) at dot\.c:2$/m);
  t.regex(out, /^#1\s+0x[0-9a-f]+ in twice \(\) at dot\.c:8$/m, 'the caller, a jitted function too');
  t.regex(out, /^#2\s+0x[0-9a-f]+ in \?\? \(\) from .*koffi\.node$/m, 'then koffi, which called it');
  t.regex(out, /^3\s+ for \(int i = 0; i < n; i\+\+\)$/m, '`next` goes to line 3');
  t.regex(out, /Line 4 of "dot\.c" starts at address 0x[0-9a-f]+ <dot\+\d+>/, 'and on to line 4');
});

withTools(['gdb'])('gdb breaks on file:line in optimised code, and the program finishes after it goes on', (t) => {
  const out = gdb(workDir(), 2, ['break dot.c:9', 'run', 'bt 1', 'continue']);
  t.regex(out, /hit Breakpoint 1(\.\d+)?, twice \(\) at dot\.c:9/);
  t.regex(out, /^result 28$/m);
  t.regex(out, /^done$/m, 'dispose unregistered the code and the process went on');
  t.regex(out, /exited normally/);
});

onX64('the gdb option is checked', (t) => {
  t.throws(() => compile('int f(void) { return 0; }', { gdb: 'yes' as never }), { instanceOf: TypeError, message: /option 'gdb'/ });
});
