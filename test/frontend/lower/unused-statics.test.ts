// Definitions nothing needs are not in the object (issue 9): static
// functions, C99 inline definitions and static objects that no needed code
// or data refers to are checked by sema but never lowered, optimised or
// emitted. Checked on the object's symbol table as `readelf -s` prints it,
// and by running the program, at -O0 and -O2.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileToObject } from '../../../src/index.js';
import { hasTool } from '../../tools.js';

const source = `
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
static int never_called(void) { return 1; }
static int only_from_unused(void) { return 2; }
static int unused_caller(void) { return only_from_unused(); }
static int counter = 5;                          /* referenced by a static that is reached */
static int dead_counter = 6;                     /* referenced only by an unreferenced function */
static int bump(void) { return ++counter; }
static int bump_dead(void) { return ++dead_counter; }
static int from_table(void) { return 40; }
static int (*const table[])(void) = { from_table };  /* reached through data */
static const char unused_text[] = "never";
inline int inline_definition(int x) { return x + 1; }  /* C99: no external definition */
static void __attribute__((used)) kept_by_attribute(void) {}
static int only_returned[2] = { 3, 4 };          /* named only by a return: ret @only_returned */
static int *give(void) { return only_returned; }
static int pick_a = 1, pick_b = 2;               /* named only as block arguments (c ? &a : &b) */
static int *pick(int c) { return c ? &pick_a : &pick_b; }
int entry(void) { return bump() + table[0]() + (int)strlen("abc") + give()[1] + *pick(0); }
int main(void) { printf("%d\\n", entry()); return 0; }
`;

const missing = ['readelf', 'gcc'].filter((t) => !hasTool(t));
const dir = mkdtempSync(join(tmpdir(), 'jitcc-unused-'));

for (const optimize of [0, 2]) {
  const title = `only reachable definitions are emitted (-O${optimize})`;
  if (missing.length > 0) {
    if (process.env.CI) test(title, (t) => t.fail(`${missing.join(', ')} missing on a CI machine`));
    else test.skip(`${title} (${missing.join(', ')} not installed)`, () => {});
    continue;
  }
  test(title, (t) => {
    const obj = join(dir, `unused-O${optimize}.o`);
    writeFileSync(obj, compileToObject(source, { file: 'unused.c', optimize }));
    const symtab = execFileSync('readelf', ['-sW', obj], { encoding: 'utf8' });
    const defined = new Set(symtab.split('\n').map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 8 && f[6] !== 'UND' && (f[3] === 'FUNC' || f[3] === 'OBJECT')).map((f) => f[7]));
    for (const name of ['never_called', 'only_from_unused', 'unused_caller', 'bump_dead', 'dead_counter', 'unused_text', 'inline_definition',
      '__bswap_16', '__bswap_32', '__bswap_64', '__uint16_identity', '__uint32_identity', '__uint64_identity']) {
      t.false(defined.has(name), `${name} is not in the object`);
    }
    for (const name of ['entry', 'main', 'kept_by_attribute']) t.true(defined.has(name), `${name} is in the object`);
    // At -O2 the inliner may fold reached statics into entry; at -O0 they are all there.
    if (optimize === 0) for (const name of ['bump', 'counter', 'from_table', 'table', 'give', 'only_returned', 'pick', 'pick_a', 'pick_b']) t.true(defined.has(name), `${name} is in the object`);
    const exe = join(dir, `unused-O${optimize}`);
    execFileSync('gcc', ['-o', exe, obj]);
    t.is(execFileSync(exe, { encoding: 'utf8' }), '55\n');
  });
}
