// perfMap: true appends `START SIZE name` lines (hex) for the loaded
// functions to /tmp/perf-<pid>.map, which perf reads to name JIT code.

import { existsSync, readFileSync } from 'node:fs';
import { compile } from '../../src/index.js';
import { perfMapLines } from '../../src/loader/perf-map.js';
import test from 'ava';
import { x64 } from './helpers.js';

test('perf map lines are START SIZE name in hex, without empty functions', (t) => {
  t.is(perfMapLines([{ address: 0x7f00001000n, size: 0x2a, name: 'f' }, { address: 1n, size: 0, name: 'empty' }]), '7f00001000 2a f\n');
});

x64('perfMap: true names every loaded function at its address and size', (t) => {
  const tag = `pm_${Math.random().toString(36).slice(2, 8)}`;
  const m = compile(`int ${tag}_a(int x) { return x * 3; } static int ${tag}_s(int x) { return x - 1; } int ${tag}_b(int x) { return ${tag}_s(x) + 2; }`, { perfMap: true, optimize: 0 });
  const path = `/tmp/perf-${process.pid}.map`;
  t.true(existsSync(path));
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.includes(tag));
  for (const name of [`${tag}_a`, `${tag}_b`]) {
    const line = lines.find((l) => l.endsWith(` ${name}`));
    t.truthy(line, name);
    const [start, size] = line!.split(' ');
    t.is(BigInt(`0x${start}`), m.symbol(name));
    t.true(Number.parseInt(size!, 16) > 0);
  }
  m.dispose();
  const quiet = compile(`int ${tag}_q(void) { return 0; }`);
  t.false(readFileSync(path, 'utf8').includes(`${tag}_q`));
  quiet.dispose();
});
