// The pass pipeline: levels, --dump-after callbacks, verification after
// each pass, analysis caching and invalidation, callee-first order.
import test from 'ava';
import { parseIr } from '../../src/ir/parse.js';
import { printIr } from '../../src/ir/print.js';
import { InternalCompilerError } from '../../src/diagnostics.js';
import { calleesFirst, LEVEL_PASSES, optimizeModule, passByName, runPasses } from '../../src/ir/pipeline.js';
import { PassContext, type FunctionPass } from '../../src/ir/pass.js';
import { PASSES } from '../../src/ir/passes/index.js';
import { buildIrText } from '../../src/build.js';

const text = `func local @leaf(i32) -> i32 {
  slot $0 size 4 align 4 ; x
b0(%a:i32):
  %p:ptr = slotaddr $0
  store i32 %a, %p
  %v:i32 = load %p
  ret %v
}

func export @root(i32) -> i32 {
b0(%a:i32):
  %r:i32 = call @leaf(i32 %a)
  ret %r
}
`;

test('-O0 changes nothing; -O1 promotes locals', (t) => {
  const m0 = parseIr(text);
  optimizeModule(m0, 0);
  t.is(printIr(m0), text);
  const m1 = parseIr(text);
  optimizeModule(m1, 1, { verify: true });
  t.false(printIr(m1).includes('slot'));
});

test('every level names only registered passes', (t) => {
  for (const level of [0, 1, 2, 3] as const) for (const name of LEVEL_PASSES[level]) t.true(PASSES.has(name), name);
  t.throws(() => passByName('no-such-pass'), { instanceOf: InternalCompilerError });
});

test('onPass sees each pass after it ran, callees first', (t) => {
  const seen: string[] = [];
  const m = parseIr(text);
  optimizeModule(m, 2, { onPass: (name, fn) => seen.push(`${fn.name}:${name}`) });
  const n = LEVEL_PASSES[2].length;
  t.is(seen.length, 2 * n);
  t.deepEqual(seen.slice(0, n), LEVEL_PASSES[2].map((p) => `leaf:${p}`));
  t.deepEqual(seen.slice(n), LEVEL_PASSES[2].map((p) => `root:${p}`));
  t.deepEqual(calleesFirst(parseIr(text)).map((f) => f.name), ['leaf', 'root']);
  t.true(printIr(m).includes('func export @root(i32) -> i32 {\nb0(%a:i32):\n  ret %a\n}'), printIr(m));
});

test('a pass that breaks the IR is caught by name when verifying', (t) => {
  const breaker: FunctionPass = {
    name: 'breaker',
    run(fn) {
      fn.blocks[0].term = { kind: 'ret', value: null };
      return true;
    },
  };
  const e = t.throws(() => runPasses(parseIr(text), [breaker], { verify: true }), { instanceOf: InternalCompilerError });
  t.regex(e!.message, /IR invalid after pass 'breaker':\n@leaf: b0: 'ret': returns no value, expected i32/);
  t.notThrows(() => runPasses(parseIr(text), [breaker], { verify: false }));
});

test('analyses are cached until a pass reports a change', (t) => {
  const m = parseIr(text);
  const ctx = new PassContext(m, m.functions[0]);
  const cfg = ctx.cfg();
  t.is(ctx.cfg(), cfg);
  const noop: FunctionPass = { name: 'noop', run: () => false };
  ctx.runPass(noop);
  t.is(ctx.cfg(), cfg, 'no change keeps the analyses');
  const live = ctx.liveness();
  const instOnly: FunctionPass = { name: 'inst-only', preservesCfg: true, run: () => true };
  ctx.runPass(instOnly);
  t.is(ctx.cfg(), cfg, 'a CFG-preserving change keeps the CFG');
  t.not(ctx.liveness(), live, '… but not liveness');
  const cfgChange: FunctionPass = { name: 'cfg-change', run: () => true };
  ctx.runPass(cfgChange);
  t.not(ctx.cfg(), cfg);
});

test('-O2 honours noinline from C and inlines the same function without it', (t) => {
  const src = (attr: string) => `${attr} static int sq(int x) { return x * x; }\nint f(int x) { return sq(x) + 1; }\n`;
  const kept = buildIrText(src('__attribute__((noinline))'), { optimize: 2 }).output;
  t.regex(kept, /call @sq\(i32/);
  t.regex(kept, /func local @sq\(i32\) -> i32 noinline \{/);
  const inlined = buildIrText(src(''), { optimize: 2 }).output;
  t.notRegex(inlined, /call @sq/);
});

test('-O3 inlines more than -O2: a self-recursive function more levels deep', (t) => {
  const src = 'int f(int n) { return n < 2 ? n : f(n - 1) + f(n - 2); }\n';
  const depth = (level: number) => (buildIrText(src, { optimize: level }).output.match(/icmp slt/g) ?? []).length;
  t.true(depth(3) > depth(2), `-O3 ${depth(3)} tests, -O2 ${depth(2)}`);
  t.true(depth(2) > 1);
});
