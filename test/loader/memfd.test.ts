// Code memory from a memfd mapped twice (loader/memfd-region.ts), for
// kernels that refuse PROT_EXEC on anonymous memory: forced with
// `codeMemory: 'memfd'`, and reached by the 'auto' fallback when the
// kernel refuses (simulated with JITCC_TEST_DENY_ANON_EXEC=1 in a child
// process, since this kernel allows it). Either way the module runs, its
// globals are writable, no mapping is ever writable and executable, the
// writable view is gone once loading ends, and dispose unmaps everything.

import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/index.js';

const linuxX64 = process.platform === 'linux' && process.arch === 'x64' ? test : test.skip;

interface Mapping { readonly start: bigint; readonly end: bigint; readonly perms: string; readonly name: string }

function mappings(): Mapping[] {
  return readFileSync('/proc/self/maps', 'utf8').trim().split('\n').map((line) => {
    const [range, perms, , , , ...name] = line.split(/\s+/);
    const [start, end] = range!.split('-').map((x) => BigInt(`0x${x}`));
    return { start: start!, end: end!, perms: perms!, name: name.join(' ') };
  });
}

const memfdMaps = () => mappings().filter((m) => m.name.startsWith('/memfd:jitcc-code'));

const SOURCE = `
  int counter = 5;
  const int table[4] = { 1, 2, 3, 4 };
  int bump(int by) { counter += by; return counter * table[3]; }
  int host(int);
  int calls_js(int x) { return host(x) + 1; }`;

linuxX64("codeMemory: 'memfd' runs code from a file mapping, never writable and executable", (t) => {
  const m = compile(SOURCE, { codeMemory: 'memfd', imports: { host: (x: number) => x * 10 } });
  t.is(m.fn('bump')(2), 28);
  t.is(m.global('counter').value, 7);
  m.global('counter').value = 1;
  t.is(m.fn('bump')(0), 4);
  t.is(m.fn('calls_js')(4), 41);
  const views = memfdMaps();
  t.true(views.some((v) => v.perms === 'r-xs' && m.symbol('bump') >= v.start && m.symbol('bump') < v.end), 'code runs from a shared r-x file view');
  t.true(views.some((v) => v.perms === 'rw-s'), 'data is a shared rw- view');
  // (Node's own JIT keeps rwx pages; ours never are.)
  t.false(views.some((v) => v.perms.includes('w') && v.perms.includes('x')), 'no view is writable and executable');
  // The writer view is gone: every memfd view is at the module's own addresses.
  const code = views.find((v) => v.perms === 'r-xs')!;
  t.true(views.every((v) => v.end <= code.start + 0x100000n && v.start + 0x100000n >= code.start), 'no writer view left elsewhere');
  m.dispose();
  t.is(memfdMaps().length, 0, 'dispose unmaps every view');
});

linuxX64('when the kernel refuses anonymous r-x memory, loading falls back to a memfd', (t) => {
  const script = fileURLToPath(new URL('./memfd-fallback.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
    encoding: 'utf8', env: { ...process.env, JITCC_TEST_DENY_ANON_EXEC: '1' }, timeout: 120_000,
  });
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout.trim(), 'first 28 memfd r-xs; second 42 memfd; after dispose 0');
});

test('codeMemory is checked', (t) => {
  t.throws(() => compile('int x;', { codeMemory: 'file' as never }), { instanceOf: RangeError, message: /option 'codeMemory' must be one of 'auto', 'memfd'/ });
});
