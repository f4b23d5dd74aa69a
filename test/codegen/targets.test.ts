// The target list: both targets are registered, and the host decides the default.

import test from 'ava';
import { getTarget, targets } from '../../src/codegen/targets.js';
import { hostTarget } from '../../src/codegen/host-target.js';

test('x86_64 and aarch64 are registered', (t) => {
  t.is(getTarget('x86_64').machine, 'x86_64');
  t.is(targets.x86_64?.name, 'x86_64');
  t.is(getTarget('aarch64').machine, 'aarch64');
  t.is(targets.aarch64?.name, 'aarch64');
});

test('the default target is the host: aarch64 on arm64, x86_64 elsewhere', (t) => {
  t.is(hostTarget('arm64'), 'aarch64');
  t.is(hostTarget('x64'), 'x86_64');
});
