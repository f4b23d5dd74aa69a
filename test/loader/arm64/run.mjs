// The loader's end-to-end tests on an ARM64 Node (emulated here by
// qemu-aarch64; see ../shared/arm64/README.md), in one process because an
// emulated `node` takes seconds to start. scripts/test-arm64.sh builds the
// objects with aarch64-linux-gnu-gcc and our own encoder, then runs
//   node-arm64.sh --import scripts/arm64/koffi-hook.mjs test/loader/arm64/run.mjs OBJDIR
// Plain JavaScript with node:test: tsx and ava's workers need native x86-64
// helpers that an arm64 process cannot load; the library under test is the
// built package (dist/index.js), as users get it.
//
// OBJDIR holds <name>.O2.o and <name>.O2-fPIC.o for each C fixture here and
// for ../gcc/{sample,lib,app,uses-stdout}.c, <name>.O2-fno-pic.o of the
// last two, and sample-a64.o (our encoder's sample, with C signatures
// recorded in .jitcc.sigs). Also compile() at -O0/-O2, compileAsync, the
// compile cache (memory and disk) and disassembly, on the arm64 host.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import koffi from 'koffi';

const here = new URL('.', import.meta.url).pathname;
const objDir = process.argv[2];
if (!objDir) throw new Error('usage: run.mjs OBJDIR');
const jitcc = await import(join(here, '../../../dist/index.js'));
const { loadObject, LoadError } = jitcc;

const libc = koffi.load('libc.so.6');
const sysconf = libc.func('long sysconf(int name)');
const PAGE = Number(sysconf(30)); // _SC_PAGESIZE
const object = (name) => readFileSync(join(objDir, name));
const INT = { kind: 'int', size: 4, isSigned: true, name: 'int' };
const DOUBLE = { kind: 'float', size: 8 };
/** a64_sum_widths's result (test/codegen/arm64/sample-a64.ts, SUM_OF_WIDTHS). */
const SUM_OF_WIDTHS = 0x11n + 0x2222n + 0x33333333n + 0x4444444444444444n + 5n + 6n;

/** /proc/self/maps (qemu-user shows the guest's own mappings) as [start, end, perms]. */
function mappings() {
  return readFileSync('/proc/self/maps', 'utf8').trim().split('\n').map((line) => {
    const [range, perms] = line.split(/\s+/);
    const [lo, hi] = range.split('-').map((h) => BigInt(`0x${h}`));
    return { lo, hi, perms };
  });
}
function permsAt(address) {
  return mappings().find((m) => m.lo <= address && address < m.hi)?.perms ?? null;
}

test('the host is arm64 and the loader works with its page size', (t) => {
  assert.equal(process.arch, 'arm64');
  t.diagnostic(`sysconf(_SC_PAGESIZE) = ${PAGE}`);
  const m = loadObject(object('bindings.O2.o'));
  try {
    const text = m.symbol('add_ints');
    const data = m.symbol('g_counter');
    const map = mappings().find((x) => x.lo <= text && text < x.hi);
    assert.ok(map, 'the code is mapped');
    assert.equal(Number(map.lo) % PAGE, 0);
    assert.equal(Number(map.hi) % PAGE, 0);
    // Text and data never share a page, whatever the page size.
    assert.notEqual(BigInt(Math.floor(Number(text) / PAGE)), BigInt(Math.floor(Number(data) / PAGE)));
  } finally {
    m.dispose();
  }
});

for (const variant of ['O2', 'O2-fPIC']) {
  const load = (name, opts) => loadObject(object(`${name}.${variant}.o`), opts);

  test(`${variant}: numbers, booleans and characters`, () => {
    const m = load('bindings');
    try {
      assert.equal(m.fn('add_ints', 'int add_ints(int a, int b)')(40, 2), 42);
      assert.equal(m.fn('mul64', 'int64_t mul64(int64_t a, int64_t b)')(-3, 1 << 30), -3 * 2 ** 30);
      assert.equal(m.fn('wrap_u8', 'uint8_t wrap_u8(unsigned x)')(0x1ff), 0xff);
      assert.equal(m.fn('neg16', 'int16_t neg16(int16_t x)')(-32767), 32767);
      assert.equal(m.fn('first_char', 'char first_char(const char *s)')('\u00e9'), 0xc3, 'plain char is unsigned on AArch64');
      assert.equal(m.fn('scale_f', 'float scale_f(float x, float k)')(1.5, 4), 6);
      assert.equal(m.fn('is_even', '_Bool is_even(int x)')(10), true);
      const sum10 = m.fn('sum10', 'long sum10(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j)');
      assert.equal(sum10(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 55);
      const mix10 = m.fn('mix10', 'double mix10(double a, int b, double c, float d, double e, double f, double g, double h, double i, double j, double k, int l)');
      assert.equal(mix10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 100 + 1100 + 12);
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: 64-bit results as bigint`, () => {
    const m = load('bindings', { int64: 'bigint' });
    try {
      assert.equal(m.fn('big_unsigned', 'uint64_t big_unsigned(void)')(), 0xfedcba9876543210n);
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: strings and typed arrays`, () => {
    const m = load('bindings');
    try {
      assert.equal(m.fn('greet', 'const char *greet(const char *name)')('arm64'), 'hello, arm64');
      assert.equal(m.fn('count_char', 'size_t count_char(const char *s, char c)')('banana', 'a'.charCodeAt(0)), 3);
      const squares = new Int32Array(6);
      m.fn('fill_squares', 'void fill_squares(int *out, int n)')(squares, 6);
      assert.deepEqual([...squares], [0, 1, 4, 9, 16, 25]);
      assert.equal(m.fn('dot', 'double dot(const double *a, const double *b, int n)')(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]), 3), 32);
      const buf = Buffer.from('abc\0');
      m.fn('upcase', 'void upcase(char *s)')(buf);
      assert.equal(buf.toString('latin1', 0, 3), 'ABC');
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: structs by value and by pointer (AAPCS64 HFAs, indirect results)`, () => {
    const m = load('bindings');
    const point = { kind: 'record', isUnion: false, name: 'point', size: 8, align: 4, fields: [{ name: 'x', offset: 0, type: INT }, { name: 'y', offset: 4, type: INT }] };
    const vec3 = { kind: 'record', isUnion: false, name: 'vec3', size: 24, align: 8, fields: ['x', 'y', 'z'].map((name, i) => ({ name, offset: 8 * i, type: DOUBLE })) };
    const LONG = { kind: 'int', size: 8, isSigned: true, name: 'long' };
    const big = { kind: 'record', isUnion: false, name: 'big', size: 32, align: 8, fields: ['a', 'b', 'c', 'd'].map((name, i) => ({ name, offset: 8 * i, type: LONG })) };
    const mixed = { kind: 'record', isUnion: false, name: 'mixed', size: 12, align: 4, fields: [
      { name: 'c', offset: 0, type: { kind: 'int', size: 1, isSigned: false, name: 'char' } },
      { name: 'f', offset: 4, type: { kind: 'float', size: 4 } },
      { name: 's', offset: 8, type: { kind: 'int', size: 2, isSigned: true, name: 'short' } }] };
    const fn = (ret, params) => ({ ret, params: params.map(([name, type]) => ({ name, type })), isVariadic: false });
    try {
      assert.deepEqual(m.fn('make_point', fn(point, [['x', INT], ['y', INT]]))(3, -4), { x: 3, y: -4 });
      assert.equal(m.fn('manhattan', fn(INT, [['p', point]]))({ x: 3, y: -4 }), 7);
      const p = { x: 1, y: 2 };
      m.fn('move_point', fn({ kind: 'void' }, [['p', { kind: 'pointer', to: point, isConst: false }], ['dx', INT]]))(p, 10);
      assert.deepEqual(p, { x: 11, y: 2 });
      assert.deepEqual(m.fn('cross', fn(vec3, [['a', vec3], ['b', vec3]]))({ x: 1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 }), { x: 0, y: 0, z: 1 });
      assert.deepEqual(m.fn('big_add', fn(big, [['p', big], ['q', big]]))({ a: 1, b: 2, c: 3, d: 4 }, { a: 10, b: 20, c: 30, d: 40 }), { a: 11, b: 22, c: 33, d: 44 });
      assert.deepEqual(m.fn('mixed_next', fn(mixed, [['m', mixed]]))({ c: 65, f: 1.25, s: 7 }), { c: 66, f: 2.5, s: 6 });
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: callbacks and variadic calls`, () => {
    const m = load('bindings');
    try {
      assert.equal(m.fn('apply', 'int apply(int (*f)(int), int x)')((x) => x * 3, 2), 18);
      const area = m.fn('integrate', 'double integrate(double (*f)(double), double a, double b, int n)')((x) => x * x, 0, 3, 300);
      assert.ok(Math.abs(area - 9) < 1e-3, String(area));
      const seen = [];
      m.fn('each', 'void each(const int *a, int n, void (*cb)(int index, int value))')(new Int32Array([5, 6, 7]), 3, (i, v) => { seen.push([i, v]); });
      assert.deepEqual(seen, [[0, 5], [1, 6], [2, 7]]);
      assert.equal(m.fn('sum_ints', 'int sum_ints(int n, ...)')(3, 'int', 1, 'int', 2, 'int', 39), 42);
      assert.equal(m.fn('register_cleanup', 'int register_cleanup(void)')(), 0, 'atexit through the loader\'s wrapper');
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: globals read and written in place`, () => {
    const m = load('bindings');
    try {
      const counter = m.global('g_counter', INT);
      assert.equal(counter.value, 3);
      counter.value = 41;
      assert.equal(m.fn('bump_counter', 'int bump_counter(void)')(), 42);
      const table = m.global('g_table', { kind: 'array', elem: DOUBLE, length: 4 });
      table.array[3] = 100;
      assert.equal(m.fn('table_sum', 'double table_sum(void)')(), 1.5 + 2.5 + 3.5 + 100);
      const name = m.global('g_name', { kind: 'pointer', to: { kind: 'int', size: 1, isSigned: false, name: 'char' }, isConst: true }).value;
      assert.equal(typeof name, 'bigint');
      assert.equal(koffi.decode(name, 'char', -1), 'arm64');
      const constant = m.global('g_const', INT);
      assert.equal(constant.value, 77);
      assert.throws(() => { constant.value = 1; }, LoadError);
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: gcc's own loader sample (constructors, jump tables, libc and libm)`, () => {
    const m = load('sample');
    const call = (proto, ...args) => m.fn(proto.match(/(\w+)\(/)[1], proto)(...args);
    try {
      assert.equal(call('int get_initialized(void)'), 1234);
      assert.equal(call('int bump(int by)', 3), 801);
      assert.deepEqual([0, 1, 5, 7].map((i) => call('int lookup(int i)', i)), [1, 1, 8, 21]);
      assert.equal(call('int sum_squares(int n)', 10), 385);
      const buf = Buffer.alloc(16);
      assert.equal(call('int format(char *buf, int n, int x, const char *s)', buf, 16, 42, 'ok'), 5);
      assert.equal(buf.toString('latin1', 0, 5), '42:ok');
      assert.equal(call('double hyp(double a, double b)', 3, 4), 5);
      assert.equal(call('long fib(long n)', 20), 6765);
      assert.equal(call('const char *name(void)'), 'jitcc');
      assert.equal(call('void *get_bump(void)'), m.symbol('bump'));
      assert.deepEqual([-1, 0, 2, 7, 8].map((c) => call('int classify(int c)', c)), [-1, 10, 42, 17, -1]);
    } finally {
      m.dispose();
    }
    const io = load('uses-stdout');
    assert.equal(io.fn('stdout_fileno', 'int stdout_fileno(void)')(), 1);
    io.dispose();
  });

  test(`${variant}: a module links against another, and runMain runs a program`, () => {
    const lib = load('lib');
    const app = load('app', { link: [lib] });
    assert.equal(app.fn('use_lib', 'int use_lib(int x)')(5), 111);
    assert.equal(koffi.decode(lib.symbol('shared_counter'), 'int'), 101);
    app.dispose();
    lib.dispose();
    const prog = load('prog');
    assert.equal(prog.runMain(['ab', 'cde']), 35);
    prog.dispose();
  });

  test(`${variant}: calls on koffi's thread pool (fn.async)`, async () => {
    const m = load('sample');
    try {
      const fib = m.fn('fib', 'long fib(long n)');
      assert.deepEqual(await Promise.all([fib.async(20), fib.async(21)]), [6765, 10946]);
    } finally {
      m.dispose();
    }
  });

  test(`${variant}: thread-local storage is refused with a clear error`, () => {
    assert.throws(() => load('tls'), { name: 'LoadError', message: /thread-local symbol 'per_thread' is not supported/ });
  });
}

test('gcc -O2 -fno-pic: ADRP to libc data works once the module is placed within 4 GiB of it', () => {
  const io = loadObject(object('uses-stdout.O2-fno-pic.o'));
  assert.equal(io.fn('stdout_fileno', 'int stdout_fileno(void)')(), 1);
  io.dispose();
  const m = loadObject(object('sample.O2-fno-pic.o'));
  assert.equal(m.fn('fib', 'long fib(long n)')(20), 6765);
  assert.equal(m.fn('format', 'int format(char *buf, int n, int x, const char *s)')(Buffer.alloc(8), 8, 7, 'x'), 3);
  m.dispose();
});

test('W^X: code r-x, constants r--, data rw-, nothing writable and executable; dispose unmaps', () => {
  const m = loadObject(object('bindings.O2.o'));
  const text = m.symbol('add_ints');
  const rodata = m.symbol('g_const');
  const data = m.symbol('g_counter');
  assert.equal(permsAt(text), 'r-xp');
  // qemu-user lists read-only pages as r-x (its own page flags); hardware shows r--. Either way not writable.
  assert.equal(permsAt(rodata), process.env.JITCC_UNDER_QEMU ? 'r-xp' : 'r--p');
  assert.equal(permsAt(data), 'rw-p');
  // The module's pages from its first to its last symbol (V8's own code space is not ours to judge).
  const addrs = ['add_ints', 'greet', 'g_const', 'g_counter', 'g_table', 'g_name'].map((n) => m.symbol(n));
  const lo = addrs.reduce((a, b) => (a < b ? a : b));
  const hi = addrs.reduce((a, b) => (a > b ? a : b));
  const mine = mappings().filter((x) => x.hi > lo && x.lo <= hi);
  assert.ok(mine.length >= 2);
  assert.deepEqual(mine.filter((x) => x.perms.startsWith('rw') && x.perms[2] === 'x'), [], 'no page of the module is writable and executable');
  const addInts = m.fn('add_ints', 'int add_ints(int a, int b)');
  m.dispose();
  assert.throws(() => addInts(1, 2), /disposed/);
  assert.equal(permsAt(text), null, 'the code pages are unmapped');
});

test('our encoder\'s sample: signatures from .jitcc.sigs, JS imports, link, every relocation kind', () => {
  const side = loadObject(object('c-side.O2.o'));
  const viaLink = loadObject(object('sample-a64.o'), { link: [side] });
  const calls = [];
  const viaImports = loadObject(object('sample-a64.o'), {
    imports: { c_double: (x) => { calls.push(x); return x * 2; }, c_global: side.symbol('c_global') },
  });
  try {
    for (const m of [viaLink, viaImports]) {
      assert.equal(m.fn('a64_add3')(1, 20, 300), 321);
      assert.equal(m.fn('a64_call_twice')(5), 20);
      assert.equal(m.fn('a64_tail')(21), 42);
      assert.deepEqual([-7, 0, 8, 9].map((v) => m.fn('a64_classify')(v)), [-1, 0, 2, 1]);
      assert.equal(m.fn('a64_sum_to')(100), 5050);
      assert.equal(m.fn('a64_bump')(5), 15);
      assert.equal(m.fn('a64_counter_addr')(), m.symbol('a64_counter'));
      assert.equal(BigInt(m.fn('a64_sum_widths')()), SUM_OF_WIDTHS, 'beyond 2^53: a bigint (int64 \'auto\')');
      assert.equal(m.fn('a64_read_c_global')(), 1234);
      assert.equal(m.fn('a64_fma')(2, 3, 4), 10);
      assert.equal(m.fn('a64_to_double')(-5), -5);
      const out = new Int32Array(4);
      m.fn('a64_vadd4')(out, new Int32Array([1, 2, 3, 4]), new Int32Array([10, 20, 30, 40]));
      assert.deepEqual([...out], [11, 22, 33, 44]);
      const fptrs = koffi.decode(m.symbol('a64_fptrs'), koffi.array('uint64_t', 2));
      assert.deepEqual([...fptrs].map(BigInt), [m.symbol('a64_add3'), m.symbol('a64_ret_even')]);
      const offset = koffi.decode(m.symbol('a64_offsets'), 'int32_t');
      assert.equal(m.symbol('a64_offsets') + BigInt(offset), m.symbol('a64_counter'));
    }
    assert.deepEqual(calls, [5, 10, 21], 'C called the JS import through its recorded prototype');
    const exact = loadObject(object('sample-a64.o'), { link: [side], int64: 'bigint' });
    assert.equal(exact.fn('a64_sum_widths')(), SUM_OF_WIDTHS, 'all 64 bits: every LDSTn_ABS_LO12_NC width');
    exact.dispose();
  } finally {
    viaImports.dispose();
    viaLink.dispose();
    side.dispose();
  }
});

test('calls beyond B/BL\'s ±128 MiB go through the module\'s stubs (veneers)', () => {
  // A function of our own, placed far below wherever mmap puts modules: `lsl x0, x0, #1; ret`.
  const mmap = libc.func('void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off)');
  const mprotect = libc.func('int mprotect(void *addr, size_t len, int prot)');
  const munmap = libc.func('int munmap(void *addr, size_t len)');
  const clearCache = koffi.load('libgcc_s.so.1').func('void __clear_cache(void *, void *)');
  const far = mmap(0x10000000n, PAGE, 3, 0x22, -1, 0); // RW, MAP_PRIVATE | MAP_ANONYMOUS, hint 256 MiB
  new Uint32Array(koffi.view(far, 8)).set([0xd37ff800, 0xd65f03c0]);
  assert.equal(mprotect(far, PAGE, 5), 0); // R | X
  clearCache(far, far + 8n);
  const m = loadObject(object('sample-a64.o'), { imports: { c_double: far, c_global: 0n } });
  try {
    const distance = m.symbol('a64_call_twice') - far;
    assert.ok(distance > 1n << 28n || distance < -(1n << 28n), `the module is ${distance} bytes from the far function: not far enough to need a veneer`);
    assert.equal(m.fn('a64_call_twice')(5), 20, 'bl through a stub (CALL26)');
    assert.equal(m.fn('a64_tail')(21), 42, 'b through a stub (JUMP26)');
  } finally {
    m.dispose();
    munmap(far, PAGE);
  }
});

// compile() on an arm64 host targets AArch64 (codegen/host-target.ts): C source → our A64 backend → this loader.
const COMPILED = `
  #include <string.h>
  struct pair { int a; double b; };
  int mul_add(int a, int b, int c) { return a * b + c; }
  double dot(const double *a, const double *b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  }
  long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
  int length_of(const char *s) { return (int)strlen(s); }
  int apply_twice(int (*f)(int), int x) { return f(f(x)); }
  double pair_sum(struct pair p) { return p.a + p.b; }
  int counter = 5;
  int bump(void) { return ++counter; }
  int sum9(int a, int b, int c, int d, int e, int f, int g, int h, int i) { return a + b + c + d + e + f + g + h + i; }
`;

for (const optimize of [0, 2]) {
  test(`compile() on arm64 compiles C and calls it (-O${optimize})`, () => {
    const m = jitcc.compile(COMPILED, { optimize });
    try {
      assert.equal(m.fn('mul_add')(6, 7, 8), 50, 'integers');
      assert.equal(m.fn('dot')(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]), 3), 32, 'typed arrays and doubles');
      assert.equal(m.fn('fib')(20), 6765, 'recursion');
      assert.equal(m.fn('length_of')('hello, arm64'), 12, 'strings and a libc call');
      assert.equal(m.fn('apply_twice')((x) => x * 3, 2), 18, 'a JavaScript callback');
      assert.equal(m.fn('pair_sum')({ a: 2, b: 0.5 }), 2.5, 'a struct by value');
      assert.equal(m.fn('bump')(), 6, 'a global');
      assert.equal(m.fn('sum9')(1, 2, 3, 4, 5, 6, 7, 8, 9), 45, 'a stack argument');
    } finally {
      m.dispose();
    }
  });
}

test('compileAsync() on arm64 compiles on a worker thread and the module calls', async () => {
  const m = await jitcc.compileAsync(COMPILED, { optimize: 2 });
  try {
    assert.equal(m.fn('mul_add')(6, 7, 8), 50);
    assert.equal(m.fn('fib')(15), 610);
  } finally {
    m.dispose();
  }
});

test('the compile cache on arm64: a second compile is a memory hit, a fresh process (memory cleared) a disk hit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitcc-arm64-cache-'));
  const source = `/* ${process.pid} ${Date.now()} */ int twice(int x) { return 2 * x; }`;
  try {
    const { cacheStats, clearMemoryCache } = jitcc;
    const builds = cacheStats.builds;
    jitcc.compile(source, { cacheDir: dir }).dispose();
    assert.equal(cacheStats.builds, builds + 1, 'the first compile builds');
    const memoryHits = cacheStats.memoryHits;
    const again = jitcc.compile(source, { cacheDir: dir });
    assert.equal(cacheStats.memoryHits, memoryHits + 1, 'the second is a memory hit');
    assert.equal(again.fn('twice')(21), 42);
    again.dispose();
    clearMemoryCache();
    const diskHits = cacheStats.diskHits;
    const fromDisk = jitcc.compile(source, { cacheDir: dir });
    assert.equal(cacheStats.diskHits, diskHits + 1, 'after the memory level is cleared, a disk hit');
    assert.equal(cacheStats.builds, builds + 1, 'nothing was rebuilt');
    assert.equal(fromDisk.fn('twice')(-4), -8, 'the cached AArch64 object loads and calls');
    fromDisk.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mod.disassemble() on arm64 lists the loaded A64 code with our decoder, calls named', () => {
  const m = jitcc.compile(COMPILED, { optimize: 2 });
  try {
    const mulAdd = m.disassemble('mul_add', { bytes: false });
    assert.match(mulAdd, /^mul_add:$/m);
    assert.match(mulAdd, /\t(madd\tw0, w0, w1, w2|mul\tw0, w0, w1)$/m, mulAdd);
    assert.match(mulAdd, /\tret$/m);
    const fib = m.disassemble('fib');
    // Instruction words as objdump shows them, and the recursive call named.
    assert.match(fib, /:\t[0-9a-f]{8} +\tstp\tx29, x30, \[sp, #-\d+\]!$/m, fib);
    assert.match(fib, /\tbl\t[0-9a-f]+ <fib>$/m, fib);
    assert.doesNotMatch(fib, /\.inst/, 'every instruction decoded');
  } finally {
    m.dispose();
  }
});
