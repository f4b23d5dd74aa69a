// The boundary of the public API: every misuse is a TypeError or RangeError
// naming the function and the option or parameter, before any work starts
// (src/validate.ts); call arguments are checked before koffi converts them
// (src/loader/call-guard.ts); nothing changes silently — 64-bit results
// beyond 2^53 come back exact, errno is readable after a call.

import test from 'ava';
import {
  buildIrText, compile, compileAsync, compileToObject, emitDts, InternalCompilerError, loadObject,
} from '../../src/index.js';
import { x64 } from './helpers.js';

const ADD = 'int add(int a, int b) { return a + b; }';

test('compile: the source must be a string or { files, sources }', (t) => {
  for (const bad of [null, undefined, 42, ['int x;'], { file: 'a.c' }, { sources: 'int x;' }, { files: [1] }, { sources: { 'a.c': 3 } }]) {
    const e = t.throws(() => compile(bad as never), { instanceOf: TypeError });
    t.regex(e!.message, /^compile: source/);
  }
});

test('options must be an object of known keys, each with a valid value', (t) => {
  t.throws(() => compile(ADD, null as never), { instanceOf: TypeError, message: 'compile: options must be an object, got null' });
  t.throws(() => compile(ADD, 'O2' as never), { instanceOf: TypeError, message: /^compile: options must be an object/ });
  t.throws(() => compile(ADD, { optimise: 2 } as never), { instanceOf: TypeError, message: "compile: unknown option 'optimise' (did you mean 'optimize'?)" });
  t.throws(() => compile(ADD, { frobnicate: true } as never), { instanceOf: TypeError, message: "compile: unknown option 'frobnicate'" });
  t.throws(() => compile(ADD, { link: [123] } as never), { instanceOf: TypeError, message: "compile: option 'link'[0] must be a module returned by compile or loadObject, got 123" });
  t.throws(() => compile(ADD, { link: 'm' } as never), { instanceOf: TypeError, message: /option 'link' must be an array of modules/ });
  t.throws(() => compile(ADD, { imports: { f: 'x' } } as never), { instanceOf: TypeError, message: /option 'imports'\.f must be a bigint address or a function/ });
  t.throws(() => compile(ADD, { defines: { 'not a name': 1 } }), { instanceOf: RangeError, message: /is not a macro name/ });
  t.throws(() => compile(ADD, { defines: { N: null } } as never), { instanceOf: TypeError, message: /option 'defines'\.N must be a string, number or boolean/ });
  t.throws(() => compile(ADD, { includePaths: 'inc' } as never), { instanceOf: TypeError, message: /option 'includePaths' must be an array of directories/ });
  t.throws(() => compile(ADD, { int64: 'BigInt' } as never), { instanceOf: RangeError, message: /option 'int64' must be one of 'auto', 'number', 'bigint', got "BigInt" \(did you mean 'bigint'\?\)/ });
  t.throws(() => compile(ADD, { debug: 1 } as never), { instanceOf: TypeError, message: "compile: option 'debug' must be true or false, got 1" });
  // undefined counts as absent, as for TypeScript's optional properties.
  t.notThrows(() => compileToObject(ADD, { optimize: undefined, std: undefined }));
});

test("optimize: 'x' is the user's mistake, not an internal compiler error; 99 is out of range", (t) => {
  const e = t.throws(() => compile(ADD, { optimize: 'x' } as never));
  t.false(e instanceof InternalCompilerError);
  t.true(e instanceof TypeError);
  t.is(e!.message, `compile: option 'optimize' must be an integer, got "x"`);
  t.throws(() => compile(ADD, { optimize: 99 }), { instanceOf: RangeError, message: "compile: option 'optimize' must be an integer from 0 to 3, got 99" });
  t.throws(() => compile(ADD, { optimize: 1.5 }), { instanceOf: RangeError });
  t.throws(() => compile(ADD, { optimize: -1 }), { instanceOf: RangeError });
});

test("std: names gcc does not know are rejected, with gcc's suggestion", (t) => {
  t.throws(() => compile(ADD, { std: 'c99x' }), { instanceOf: RangeError, message: /option 'std' must be one of .*, got "c99x" \(did you mean 'c99'\?\)/ });
  t.notThrows(() => compileToObject(ADD, { std: 'iso9899:1999' }));
  t.throws(() => compile(ADD, { target: 'riscv' as never }), { instanceOf: RangeError, message: /option 'target' must be one of 'x86_64', 'aarch64'/ });
});

test('loadObject: the bytes must be a Uint8Array, the options load options', (t) => {
  t.throws(() => loadObject(null as never), { instanceOf: TypeError, message: 'loadObject: bytes must be a Uint8Array or Buffer holding an ELF object, got null' });
  t.throws(() => loadObject('str' as never), { instanceOf: TypeError, message: /loadObject: bytes must be .*, got "str"/ });
  t.throws(() => loadObject(new ArrayBuffer(8) as never), { instanceOf: TypeError });
  const bytes = compileToObject(ADD);
  // A build option means nothing to the loader.
  t.throws(() => loadObject(bytes, { optimize: 2 } as never), { instanceOf: TypeError, message: "loadObject: unknown option 'optimize'" });
});

test('the other entry points check their inputs the same way', async (t) => {
  t.throws(() => compileToObject(null as never), { instanceOf: TypeError, message: /^compileToObject: source/ });
  t.throws(() => compileToObject(ADD, { link: [] } as never), { instanceOf: TypeError, message: "compileToObject: unknown option 'link'" });
  t.throws(() => emitDts(ADD, { int64: 'x' } as never), { instanceOf: RangeError, message: /^emitDts: option 'int64'/ });
  t.throws(() => buildIrText(7 as never), { instanceOf: TypeError, message: 'buildIrText: text must be a C source string, got 7' });
  await t.throwsAsync(compileAsync(null as never), { instanceOf: TypeError, message: /^compileAsync: source/ });
  await t.throwsAsync(compileAsync(ADD, { optimize: 9 }), { instanceOf: RangeError, message: /^compileAsync: option 'optimize'/ });
});

x64('module methods check their parameters', (t) => {
  const m = compile('int add(int a, int b) { return a + b; } int g;');
  t.throws(() => m.fn(42 as never), { instanceOf: TypeError, message: 'fn: name must be a non-empty string, got number' });
  t.throws(() => m.fn('add', 7 as never), { instanceOf: TypeError, message: /^fn: prototype must be/ });
  t.throws(() => m.symbol(undefined as never), { instanceOf: TypeError, message: /^symbol: name/ });
  t.throws(() => m.global('g', 'int' as never), { instanceOf: TypeError, message: /^global: type must be an FfiType/ });
  t.throws(() => m.runMain('x' as never), { instanceOf: TypeError, message: /^runMain: args must be an array of strings/ });
  m.dispose();
});

x64('call arguments: count, integer range, NaN and non-integers throw, naming the parameter', async (t) => {
  const m = compile(`${ADD}
    unsigned u(unsigned x) { return x; }
    signed char sc(signed char c) { return c; }
    long long ll(long long v) { return v; }
    unsigned long long ull(unsigned long long v) { return v; }
    enum E { A, B }; int en(enum E e) { return e; }
    double d(double x) { return x; }`);
  const add = m.fn('add');
  t.is(add(2, 3), 5);
  t.throws(() => add(2, 3, 4), { instanceOf: TypeError, message: 'add: expected 2 arguments, got 3' });
  t.throws(() => add(2), { instanceOf: TypeError, message: 'add: expected 2 arguments, got 1' });
  t.throws(() => add(2 ** 40, 1), { instanceOf: RangeError, message: "add: argument 1 'a' (int) must be an integer from -2147483648 to 2147483647, got 1099511627776" });
  t.throws(() => add(NaN, 1), { instanceOf: RangeError, message: /argument 1 'a' \(int\) .*, got NaN/ });
  t.throws(() => add(1, 1.5), { instanceOf: RangeError, message: /argument 2 'b'/ });
  t.throws(() => add(1, '2'), { instanceOf: TypeError, message: `add: argument 2 'b' (int) must be an integer (a number or a bigint), got "2"` });
  t.throws(() => add(2n ** 31n, 0), { instanceOf: RangeError });
  t.is(add(3n, 4), 7, 'a bigint that fits is fine');
  t.is(m.fn('u')(4294967295), 4294967295);
  t.throws(() => m.fn('u')(-1), { instanceOf: RangeError, message: /from 0 to 4294967295, got -1/ });
  t.throws(() => m.fn('sc')(300), { instanceOf: RangeError, message: /from -128 to 127/ });
  t.is(m.fn('ll')(-(2n ** 63n)), -(2n ** 63n));
  t.throws(() => m.fn('ll')(2n ** 63n), { instanceOf: RangeError });
  t.is(m.fn('ull')(2n ** 64n - 1n), 2n ** 64n - 1n);
  t.throws(() => m.fn('ull')(-1n), { instanceOf: RangeError });
  t.throws(() => m.fn('en')(1.5), { instanceOf: RangeError });
  t.true(Number.isNaN(m.fn('d')(NaN)), 'NaN is a fine double');
  // The async path checks the same things.
  await t.throwsAsync(add.async(1), { instanceOf: TypeError });
  t.is(await add.async(1, 2), 3);
  m.dispose();
});

x64('checkArgs: false leaves the arguments to koffi, for speed', (t) => {
  const m = compile(ADD, { checkArgs: false });
  t.is(m.fn('add')(2 ** 32 + 5, 1), 6, 'koffi wraps the value, as C would');
  m.dispose();
});

x64('64-bit results beyond 2^53 come back exact, unless numbers were asked for', (t) => {
  const src = 'unsigned long long big(void) { return 18446744073709551615ull; } long long small(void) { return -5; } long long edge(void) { return 9007199254740993LL; }';
  const m = compile(src);
  t.is(m.fn('big')(), 18446744073709551615n);
  t.is(m.fn('small')(), -5);
  t.is(m.fn('edge')(), 9007199254740993n);
  m.dispose();
  const asNumbers = compile(src, { int64: 'number' });
  t.is(asNumbers.fn('big')(), 18446744073709551615);
  asNumbers.dispose();
  const asBigints = compile(src, { int64: 'bigint' });
  t.is(asBigints.fn('small')(), -5n);
  asBigints.dispose();
});

x64('errno set by a C function is readable right after the call', (t) => {
  const m = compile(`
    #include <errno.h>
    #include <stdio.h>
    #include <stdlib.h>
    long parse(const char *s) { return strtol(s, 0, 10); }
    int opens(const char *path) { FILE *f = fopen(path, "r"); if (!f) return -1; fclose(f); return 0; }
    void set(int e) { errno = e; }`, { errno: true });
  t.is(m.fn('parse')('99999999999999999999999'), 9223372036854775807n);
  t.is(m.errno, 34, 'ERANGE');
  t.is(m.fn('parse')('12'), 12);
  t.is(m.errno, 0, 'cleared before each call');
  t.is(m.fn('opens')('/nonexistent/file'), -1);
  t.is(m.errno, 2, 'ENOENT');
  m.fn('set')(77);
  // Other JS work, even a call elsewhere, does not change the recorded value.
  JSON.parse(JSON.stringify({ a: [1, 2, 3] }));
  t.is(m.errno, 77);
  m.dispose();
  const plain = compile(ADD);
  t.throws(() => plain.errno, { message: /only for modules loaded with the option \{ errno: true \}/ });
  plain.dispose();
});
