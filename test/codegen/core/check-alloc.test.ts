// The register allocator against the independent checker: every IR fixture
// of the x64 tests is lowered and allocated, and checkAllocation must find
// nothing wrong. A deliberately broken allocation must be caught, so the
// checker itself can fail.

import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAllocation } from '../../../src/codegen/core/check-alloc.js';
import type { Allocation } from '../../../src/codegen/core/mach.js';
import { allocateRegisters } from '../../../src/codegen/core/regalloc.js';
import { x64InstInfo } from '../../../src/codegen/x64/inst.js';
import { lowerFunction } from '../../../src/codegen/x64/lower.js';
import { x64Registers } from '../../../src/codegen/x64/regs.js';
import { moduleFacts } from '../../../src/codegen/x64/target.js';
import { parseIr } from '../../../src/ir/parse.js';

const fixtureDirs = ['../x64/fixtures/run/', '../x64/fixtures/asm/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));

const facts = moduleFacts;

for (const dir of fixtureDirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ir')).sort()) {
    test(`allocation of ${file} passes the checker`, (t) => {
      const m = parseIr(readFileSync(join(dir, file), 'utf8'), file);
      const problems = m.functions.flatMap((fn) => {
        const lowered = lowerFunction(fn, facts(m));
        const alloc = allocateRegisters(lowered.mf, x64InstInfo, x64Registers);
        return checkAllocation(lowered.mf, x64InstInfo, alloc, x64Registers);
      });
      t.deepEqual(problems, []);
    });
  }
}

test('the checker catches two live values sharing a register', (t) => {
  const m = parseIr(`
func export @f(i64, i64) -> i64 {
b0(%a:i64, %b:i64):
  %c:i64 = mul %a, %b
  %d:i64 = add %c, %a
  ret %d
}`);
  const lowered = lowerFunction(m.functions[0]!, facts(m));
  const good = allocateRegisters(lowered.mf, x64InstInfo, x64Registers);
  t.deepEqual(checkAllocation(lowered.mf, x64InstInfo, good, x64Registers), []);
  // Put every vreg into rax: %a is overwritten before its second use.
  const bad: Allocation = { ...good, assignments: new Map([...good.assignments].map(([v, list]) => [v, list.map((a) => ({ ...a, preg: 0 }))])) };
  t.true(checkAllocation(lowered.mf, x64InstInfo, bad, x64Registers).length > 0);
});
