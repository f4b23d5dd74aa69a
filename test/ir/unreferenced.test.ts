// removeUnreferenced (src/ir/unreferenced.ts): local definitions nothing
// refers to after optimisation are dropped; roots (exported, `used`,
// constructors, alias targets) and what they name stay. End to end: a
// static function inlined into its only caller is not in the -O2 object,
// and the program still runs.
import test from 'ava';
import { parseIr } from '../../src/ir/parse.js';
import { printIr } from '../../src/ir/print.js';
import { removeUnreferenced } from '../../src/ir/unreferenced.js';
import { compile, compileToObject } from '../../src/index.js';
import { readElf } from '../../src/link/elf/read.js';

const module = `declare @puts
declare weak @maybe
global local @table align 8 size 8 { addr @viaData+0 }
global local @orphanData align 4 size 4 { i32 7 }
global export @exported align 8 size 8 { addr @table+0 }
func local @viaData() -> void {
b0:
  ret
}
func local @inlined(i32) -> i32 {
b0(%a:i32):
  %r:i32 = call @puts(i32 %a)
  ret %r
}
func local @kept() -> void used {
b0:
  ret
}
func local @ctor() -> void {
b0:
  ret
}
func local @chained() -> void {
b0:
  ret
}
func local @callsChained() -> void {
b0:
  call @chained()
  ret
}
func export @api(i32) -> i32 {
b0(%a:i32):
  ret %a
}
`;

test('unreferenced local functions and data go; roots and what they name stay', (t) => {
  const m = parseIr(module);
  m.constructors = [{ name: 'ctor', priority: null }];
  t.true(removeUnreferenced(m));
  t.deepEqual(m.functions.map((f) => f.name), ['viaData', 'kept', 'ctor', 'api']);
  t.deepEqual(m.globals.map((g) => g.name), ['table', 'exported']);
  // @puts was named only by the dropped @inlined; the weak reference is kept on purpose.
  t.deepEqual(m.externs, ['maybe']);
  t.false(removeUnreferenced(m), 'nothing more to drop');
});

test('`used` survives printing and parsing', (t) => {
  const text = printIr(parseIr(module));
  t.true(text.includes('func local @kept() -> void used {'));
  t.is(printIr(parseIr(text)), text);
});

test('a label address in kept data keeps its function', (t) => {
  const m = parseIr(`global export @targets align 8 size 8 { addr @dispatch.L1+0 }
func local @dispatch(ptr) -> i32 {
  label @dispatch.L1 b1
b0(%p:ptr):
  ijmp %p, b1
b1:
  ret 1
}
`);
  t.false(removeUnreferenced(m));
  t.deepEqual(m.functions.map((f) => f.name), ['dispatch']);
});

const source = `
static int square(int x) { return x * x; }
static int twice(int x) { return 2 * x; }
int (*hook)(int) = twice; // exported data naming a static function keeps it
__attribute__((used)) static int keepMe(int x) { return x; }
int api(int x) { return square(x) + hook(x); }
`;

function definedSymbols(object: Uint8Array): string[] {
  return readElf(object, 'unit.o').symbols.filter((s) => s.section !== null && s.kind === 'func').map((s) => s.name).sort();
}

test('a static function inlined into its only caller is not in the -O2 object; the -O1 object keeps it', (t) => {
  t.deepEqual(definedSymbols(compileToObject(source, { optimize: 2, cache: false })), ['api', 'keepMe', 'twice']);
  t.deepEqual(definedSymbols(compileToObject(source, { optimize: 1, cache: false })), ['api', 'keepMe', 'square', 'twice']);
  const mod = compile(source, { optimize: 2, cache: false });
  t.is(mod.fn('api')(5), 35);
  mod.dispose();
});
