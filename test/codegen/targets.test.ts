// The target list: x86_64 is there, aarch64 fails with a clear message.

import test from 'ava';
import { getTarget, targets } from '../../src/codegen/targets.js';

test('x86_64 is registered', (t) => {
  t.is(getTarget('x86_64').machine, 'x86_64');
  t.is(targets.x86_64?.name, 'x86_64');
});

test('aarch64 is not available yet and says so', (t) => {
  t.throws(() => getTarget('aarch64'), { message: /target 'aarch64' is not supported yet/ });
});
