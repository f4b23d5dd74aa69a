// The per-OS facts of the loader's native layer (platform.ts), as data: the
// glibc constants on both Linux architectures, the instruction-cache routine
// each needs, and the macOS arm64 path (MAP_JIT, libSystem, sys_icache_invalidate),
// which cannot run here but must at least say what it will do.

import test from 'ava';
import { instructionCacheRoutine } from '../../src/loader/ffi.js';
import { platformFor } from '../../src/loader/platform.js';
import { LoadError } from '../../src/loader/errors.js';

test('Linux: glibc constants, no MAP_JIT, cache maintenance only on arm64', (t) => {
  const x64 = platformFor('linux', 'x64');
  const arm64 = platformFor('linux', 'arm64');
  for (const p of [x64, arm64]) {
    t.is(p.libc, 'libc.so.6');
    t.is(p.mapAnonymous, 0x20);
    t.is(p.mapJit, null);
    t.is(p.rtldDefault, null);
    t.is(p.scPageSize, 30);
  }
  t.deepEqual(x64.cacheFlush, { kind: 'none' });
  t.deepEqual(arm64.cacheFlush, { kind: 'range', symbol: '__clear_cache', libraries: ['libgcc_s.so.1'] });
});

test('macOS arm64: MAP_JIT code memory, libSystem, RTLD_DEFAULT = -2, sys_icache_invalidate', (t) => {
  const mac = platformFor('darwin', 'arm64');
  t.is(mac.mapJit, 0x800);
  t.is(mac.mapAnonymous, 0x1000);
  t.is(mac.mapFixedNoreplace, null);
  t.is(mac.rtldDefault, (1n << 64n) - 2n);
  t.is(mac.scPageSize, 29);
  t.is(mac.libc, '/usr/lib/libSystem.B.dylib');
  t.deepEqual(mac.cacheFlush, { kind: 'length', symbol: 'sys_icache_invalidate', libraries: [] });
});

test('other systems are refused by name', (t) => {
  t.throws(() => platformFor('win32', 'x64'), { instanceOf: LoadError, message: /does not support win32 on x64/ });
  t.throws(() => platformFor('darwin', 'x64'), { instanceOf: LoadError, message: /darwin on x64/ });
});

test('this host needs the cache routine its architecture calls for', (t) => {
  t.is(instructionCacheRoutine(), process.arch === 'arm64' ? '__clear_cache' : null);
});
