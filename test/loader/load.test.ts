// loadObject on hand-built x86-64 objects: calls through `fn` with the value
// kinds of ffi.ts, relocations against .rodata/.data/libc, JS imports,
// dispose, error reporting and W^X. Machine code from GNU as (see objects.ts).

import test from 'ava';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import koffi from 'koffi';
import {
  R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX, R_X86_64_TPOFF32,
} from '../../src/link/object.js';
import { LoadError, RelocationError, UnresolvedSymbolError } from '../../src/loader/errors.js';
import { loadObjectFile as loadObject } from '../../src/loader/load.js';
import { buildObject, cString, section, type AsmFunction } from './objects.js';

// The machine code is x86-64: on another host these tests show as skipped, with this reason.
const x64 = process.arch === 'x64' ? test : test.skip;

// lea eax,[rdi+rsi]; ret
const add2: AsmFunction = { proto: 'int add2(int a, int b)', code: '8d 04 37 c3' };
// sub rsp,8; lea rdi,[rip+.rodata]; call strlen@PLT; add rsp,8; ret
const msglen: AsmFunction = {
  proto: 'unsigned long msglen(void)',
  code: '48 83 ec 08  48 8d 3d 00 00 00 00  e8 00 00 00 00  48 83 c4 08  c3',
  relocs: [{ at: 7, type: R_X86_64_PC32, symbol: '.rodata' }, { at: 12, type: R_X86_64_PLT32, symbol: 'strlen' }],
};
// mov rax,[rip+counter@GOTPCREL]; mov eax,[rax]; ret
const getcounter: AsmFunction = {
  proto: 'int getcounter(void)',
  code: '48 8b 05 00 00 00 00  8b 00  c3',
  relocs: [{ at: 3, type: R_X86_64_REX_GOTPCRELX, symbol: 'counter' }],
};
// mov rax,[rip+counter@GOTPCREL]; add [rax],edi; mov eax,[rax]; ret
const bump: AsmFunction = {
  proto: 'int bump(int by)',
  code: '48 8b 05 00 00 00 00  01 38  8b 00  c3',
  relocs: [{ at: 3, type: R_X86_64_REX_GOTPCRELX, symbol: 'counter' }],
};
// pxor xmm0,xmm0; test esi,esi; jle done; mov eax,esi; xor ecx,ecx;
// loop: addsd xmm0,[rdi+rcx*8]; inc rcx; cmp rcx,rax; jne loop; done: ret
const dsum: AsmFunction = {
  proto: 'double dsum(const double *a, int n)',
  code: '66 0f ef c0  85 f6  7e 11  89 f0  31 c9  f2 0f 58 04 cf  48 ff c1  48 39 c1  75 f3  c3',
};
// xor eax,eax; test esi,esi; jle done; mov edx,esi; xor ecx,ecx; loop: add eax,[rdi+rcx*4]; inc rcx; cmp rcx,rdx; jne loop; ret
const isum: AsmFunction = {
  proto: 'int isum(const int *a, int n)',
  code: '31 c0  85 f6  7e 0f  89 f2  31 c9  03 04 8f  48 ff c1  48 39 d1  75 f5  c3',
};
// test esi,esi; jle done; mov eax,esi; xor ecx,ecx; loop: mov [rdi+rcx],dl; inc rcx; cmp rcx,rax; jne loop; ret
const fill: AsmFunction = {
  proto: 'void fill(unsigned char *p, int n, int v)',
  code: '85 f6  7e 0f  89 f0  31 c9  88 14 0f  48 ff c1  48 39 c1  75 f5  c3',
};
// xor eax,eax; mov edx,1; test rdi,rdi; jle done; loop: lea rcx,[rax+rdx]; mov rax,rdx; mov rdx,rcx; dec rdi; jne loop; ret
const fib: AsmFunction = {
  proto: 'long fib(long n)',
  code: '31 c0  ba 01 00 00 00  48 85 ff  7e 0f  48 8d 0c 10  48 89 d0  48 89 ca  48 ff cf  75 f1  c3',
};
// mov rax,rdi; mov edi,esi; jmp rax
const apply: AsmFunction = { proto: 'int apply(int (*f)(int), int x)', code: '48 89 f8  89 f7  ff e0' };
// mulsd xmm0,xmm1; ret
const scale: AsmFunction = { proto: 'double scale(double x, double k)', code: 'f2 0f 59 c1  c3' };
// movabs rax,0x123456789abcdef1; ret
const big: AsmFunction = { proto: 'long big(void)', code: '48 b8 f1 de bc 9a 78 56 34 12  c3' };
// jmp host@PLT
const callhost: AsmFunction = {
  proto: 'int callhost(int x)', code: 'e9 00 00 00 00', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'host' }],
};
// lea rax,[rip+.rodata]; ret
const greet: AsmFunction = {
  proto: 'const char *greet(void)', code: '48 8d 05 00 00 00 00  c3', relocs: [{ at: 3, type: R_X86_64_PC32, symbol: '.rodata' }],
};
// mov eax,edi; shr rdi,32; add eax,edi; ret  — struct P { int x, y; } is passed in rdi (psABI §3.2.3)
const psum: AsmFunction = { proto: 'int psum(struct P p)', code: '89 f8  48 c1 ef 20  01 f8  c3' };

const MESSAGE = 'hello, loader';

function basicObject() {
  const counter = new Uint8Array(4);
  new DataView(counter.buffer).setInt32(0, 42, true);
  return buildObject({
    functions: [add2, msglen, getcounter, bump, dsum, isum, fill, fib, apply, scale, big, greet],
    rodata: cString(MESSAGE),
    data: counter,
    objects: [{ name: 'counter', section: '.data', offset: 0, size: 4 }],
  });
}

x64('calls a leaf function with int arguments', (t) => {
  const mod = loadObject(basicObject());
  t.is(mod.fn('add2')(2, 3), 5);
  t.is(mod.fn('add2')(-7, 3), -4);
  mod.dispose();
});

x64('resolves a libc call via PLT32 and a .rodata string via PC32', (t) => {
  const mod = loadObject(basicObject());
  t.is(mod.fn('msglen')(), MESSAGE.length);
  t.is(mod.fn('greet')(), MESSAGE);
  mod.dispose();
});

x64('reads and writes a .data global through REX_GOTPCRELX', (t) => {
  const mod = loadObject(basicObject());
  t.is(mod.fn('getcounter')(), 42);
  t.is(mod.fn('bump')(8), 50);
  t.is(koffi.decode(mod.symbol('counter'), 'int'), 50);
  mod.dispose();
});

x64('passes typed arrays, buffers and JS arrays as pointers', (t) => {
  const mod = loadObject(basicObject());
  t.is(mod.fn('dsum')(new Float64Array([1.5, 2.25, 3]), 3), 6.75);
  t.is(mod.fn('dsum')([1, 2, 3, 4], 4), 10);
  t.is(mod.fn('isum')(new Int32Array([10, -20, 30]), 3), 20);
  t.is(mod.fn('isum')(mod.symbol('counter'), 1), 42, 'a bigint address');
  const bytes = new Uint8Array(6);
  mod.fn('fill')(bytes.subarray(1), 4, 7);
  t.deepEqual([...bytes], [0, 7, 7, 7, 7, 0]);
  const buf = Buffer.alloc(3);
  mod.fn('fill')(buf, 3, 0x41);
  t.is(buf.toString(), 'AAA');
  const ab = new ArrayBuffer(2);
  mod.fn('fill')(ab, 2, 9);
  t.deepEqual([...new Uint8Array(ab)], [9, 9]);
  t.is(mod.fn('fill')(null, 0, 0), undefined);
  mod.dispose();
});

x64('returns doubles, and 64-bit integers as numbers while they are exact', (t) => {
  const mod = loadObject(basicObject());
  t.is(mod.fn('scale')(1.5, 4), 6);
  t.is(mod.fn('fib')(30), 832040);
  t.is(mod.fn('fib')(30n), 832040);
  t.is(mod.fn('big')(), 0x123456789abcdef1n, 'beyond 2^53: a bigint, exact');
  t.is(typeof loadObject(basicObject(), { int64: 'number' }).fn('big')(), 'number');
  mod.dispose();
});

x64("returns 64-bit integers as bigint with int64: 'bigint'", (t) => {
  const mod = loadObject(basicObject(), { int64: 'bigint' });
  t.is(mod.fn('big')(), 0x123456789abcdef1n);
  t.is(mod.fn('fib')(90), 2880067194370816120n);
  t.is(mod.fn('add2')(1, 2), 3);
  mod.dispose();
});

x64('passes JS functions and addresses as function pointers', (t) => {
  const mod = loadObject(basicObject());
  t.is(mod.fn('apply')((x: number) => x * 3, 14), 42);
  t.is(mod.fn('apply')(mod.symbol('fib'), 10), 55);
  mod.dispose();
});

x64('symbol() addresses are usable with koffi directly', (t) => {
  const mod = loadObject(basicObject());
  const add = koffi.decode(mod.symbol('add2'), koffi.proto('int', ['int', 'int'])) as (a: number, b: number) => number;
  t.is(add(20, 22), 42);
  t.is(koffi.decode(mod.symbol('counter'), 'int'), 42);
  mod.dispose();
});

x64('an explicit prototype binds functions without a recorded signature', (t) => {
  const obj = basicObject();
  obj.signatures.clear();
  const mod = loadObject(obj);
  t.throws(() => mod.fn('add2'), { instanceOf: LoadError, message: /no C prototype recorded for 'add2'/ });
  t.is(mod.fn('add2', 'int add2(int, int)')(40, 2), 42);
  t.throws(() => mod.fn('add2', 'int plus(int, int)'), { message: /declares 'plus', not 'add2'/ });
  mod.dispose();
});

x64('passes a struct by value', (t) => {
  const obj = buildObject({ functions: [psum] });
  const intT = { kind: 'int', size: 4, isSigned: true, name: 'int' } as const;
  obj.signatures.set('psum', {
    ret: intT, isVariadic: false,
    params: [{ name: 'p', type: { kind: 'record', isUnion: false, name: 'P', size: 8, align: 4, fields: [{ name: 'x', offset: 0, type: intT }, { name: 'y', offset: 4, type: intT }] } }],
  });
  const mod = loadObject(obj);
  t.is(mod.fn('psum')({ x: 40, y: 2 }), 42);
  mod.dispose();
});

x64('returns a struct by value', (t) => {
  // mov eax,edi; shl rsi,32; or rax,rsi; ret   — struct P { int x, y; } comes back in rax
  const obj = buildObject({ functions: [{ proto: 'long make(int x, int y)', code: '89 f8  48 c1 e6 20  48 09 f0  c3' }] });
  const intT = { kind: 'int', size: 4, isSigned: true, name: 'int' } as const;
  const P = { kind: 'record', isUnion: false, name: 'P', size: 8, align: 4, fields: [{ name: 'x', offset: 0, type: intT }, { name: 'y', offset: 4, type: intT }] } as const;
  obj.signatures.set('make', { ret: P, isVariadic: false, params: [{ name: 'x', type: intT }, { name: 'y', type: intT }] });
  const mod = loadObject(obj);
  t.deepEqual(mod.fn('make')(-3, 9), { x: -3, y: 9 });
  mod.dispose();
});

x64('narrow integers, _Bool and float convert at the boundary', (t) => {
  const obj = buildObject({
    functions: [
      { proto: '_Bool is_pos(int x)', code: '85 ff  0f 9f c0  c3' },           // test edi,edi; setg al; ret
      { proto: 'float fadd(float a, float b)', code: 'f3 0f 58 c1  c3' },     // addss xmm0,xmm1; ret
      { proto: 'unsigned char low(unsigned x)', code: '89 f8  c3' },          // mov eax,edi; ret
      { proto: 'short neg16(short x)', code: '89 f8  f7 d8  c3' },            // mov eax,edi; neg eax; ret
      { proto: 'unsigned long umax(void)', code: '48 c7 c0 ff ff ff ff  c3' }, // mov rax,-1; ret
    ],
  });
  const mod = loadObject(obj);
  t.is(mod.fn('is_pos')(5), true);
  t.is(mod.fn('is_pos')(-5), false);
  t.is(mod.fn('fadd')(0.5, 0.25), 0.75);
  t.is(mod.fn('fadd')(0.1, 0), Math.fround(0.1));
  t.is(mod.fn('low')(0x1234), 0x34);
  t.is(mod.fn('neg16')(5), -5);
  t.is(mod.fn('neg16')(-32768), -32768);
  // Beyond 2^53 a 64-bit result is a bigint, never a rounded number.
  t.is(mod.fn('umax')(), 2n ** 64n - 1n);
  mod.dispose();
  t.is(loadObject(obj, { int64: 'number' }).fn('umax')(), 2 ** 64, 'rounded only when numbers were asked for');
  const wide = loadObject(obj, { int64: 'bigint' });
  t.is(wide.fn('umax')(), (1n << 64n) - 1n);
  wide.dispose();
});

x64('a C type koffi cannot express is an error naming function and parameter', (t) => {
  const mod = loadObject(buildObject({ functions: [add2] }));
  t.throws(() => mod.fn('add2', 'int add2(long double x, int b)'), { instanceOf: LoadError, message: /'add2'.*parameter 1 'x'.*long double/ });
  mod.dispose();
});

x64('a struct whose layout koffi would get wrong is refused', (t) => {
  const mod = loadObject(buildObject({ functions: [psum] }));
  const intT = { kind: 'int', size: 4, isSigned: true, name: 'int' } as const;
  // struct { int x; int flags : 3; int y; } as the frontend records it: the bitfield is left out.
  const withBitfield = { kind: 'record', isUnion: false, name: 'B', size: 12, align: 4, fields: [{ name: 'x', offset: 0, type: intT }, { name: 'y', offset: 8, type: intT }] } as const;
  const flexible = { kind: 'record', isUnion: false, name: 'F', size: 4, align: 4, fields: [{ name: 'n', offset: 0, type: intT }, { name: 'data', offset: 4, type: { kind: 'array', elem: intT, length: 0 } }] } as const;
  const objB = buildObject({ functions: [psum] });
  objB.signatures.set('psum', { ret: intT, isVariadic: false, params: [{ name: 'p', type: withBitfield }] });
  t.throws(() => loadObject(objB).fn('psum'), { instanceOf: LoadError, message: /cannot bind 'psum': parameter 1 'p' has type 'struct B', whose layout .* koffi cannot reproduce/ });
  const objF = buildObject({ functions: [psum] });
  objF.signatures.set('psum', { ret: intT, isVariadic: false, params: [{ name: 'p', type: flexible }] });
  t.throws(() => loadObject(objF).fn('psum'), { instanceOf: LoadError, message: /flexible or zero-length array member/ });
  mod.dispose();
});

x64('JS imports become C functions', (t) => {
  const obj = buildObject({ functions: [callhost], declarations: ['int host(int x)'] });
  const seen: number[] = [];
  const mod = loadObject(obj, { imports: { host: (x: number) => { seen.push(x); return x + 1; } } });
  t.is(mod.fn('callhost')(41), 42);
  t.deepEqual(seen, [41]);
  mod.dispose();
});

x64('an exception in a JS import reaches the JS caller', (t) => {
  const obj = buildObject({ functions: [callhost], declarations: ['int host(int x)'] });
  const mod = loadObject(obj, { imports: { host: (x: number) => { if (x < 0) throw new Error('negative'); return x; } } });
  t.throws(() => mod.fn('callhost')(-1), { message: 'negative' });
  t.is(mod.fn('callhost')(5), 5);
  mod.dispose();
});

x64('imports given as addresses, and linked modules, resolve externals', (t) => {
  const lib = loadObject(buildObject({ functions: [{ proto: 'int host(int x)', code: '8d 47 01 c3' /* lea eax,[rdi+1]; ret */ }] }));
  const viaLink = loadObject(buildObject({ functions: [callhost] }), { link: [lib] });
  t.is(viaLink.fn('callhost')(9), 10);
  const viaAddress = loadObject(buildObject({ functions: [callhost] }), { imports: { host: lib.symbol('host') } });
  t.is(viaAddress.fn('callhost')(19), 20);
  t.throws(() => lib.dispose(), { instanceOf: LoadError, message: /link against/ });
  viaLink.dispose();
  viaAddress.dispose();
  lib.dispose();
  t.true(lib.isDisposed);
});

x64('calling after dispose throws and leaves the process healthy', (t) => {
  const mod = loadObject(basicObject());
  const add = mod.fn('add2');
  mod.dispose();
  t.true(mod.isDisposed);
  t.throws(() => add(1, 2), { instanceOf: LoadError, message: /module disposed/ });
  t.throws(() => mod.fn('add2'), { message: /module disposed/ });
  t.throws(() => mod.symbol('add2'), { message: /module disposed/ });
  t.notThrows(() => mod.dispose());
});

x64('unknown names are errors naming them', (t) => {
  const mod = loadObject(basicObject());
  t.throws(() => mod.symbol('nope'), { instanceOf: LoadError, message: /symbol 'nope' is not defined/ });
  t.throws(() => mod.fn('nope'), { instanceOf: LoadError, message: /function 'nope' is not defined/ });
  t.throws(() => mod.fn('counter'), { message: /'counter' is not defined in executable code/ });
  mod.dispose();
});

x64('every unresolved symbol is listed in one error', (t) => {
  const calls = (name: string): AsmFunction => ({
    proto: `int call_${name}(void)`, code: 'e9 00 00 00 00', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: name }],
  });
  const obj = buildObject({ functions: [calls('zz_missing_b'), calls('strlen'), calls('zz_missing_a')] });
  const err = t.throws(() => loadObject(obj), { instanceOf: UnresolvedSymbolError });
  t.deepEqual(err?.symbols, ['zz_missing_a', 'zz_missing_b']);
  t.regex(err?.message ?? '', /undefined symbols: 'zz_missing_a', 'zz_missing_b'/);
  // The process is fine afterwards.
  const mod = loadObject(basicObject());
  t.is(mod.fn('add2')(1, 1), 2);
  mod.dispose();
});

x64('an unresolved weak reference resolves to null', (t) => {
  // mov rax,[rip+maybe@GOTPCREL]; ret
  const obj = buildObject({
    functions: [{ proto: 'void *addr_of_maybe(void)', code: '48 8b 05 00 00 00 00 c3', relocs: [{ at: 3, type: R_X86_64_REX_GOTPCRELX, symbol: 'zz_maybe' }] }],
    symbols: [{ name: 'zz_maybe', binding: 'weak', kind: 'notype', section: null, value: 0, size: 0 }],
  });
  const mod = loadObject(obj);
  t.is(mod.fn('addr_of_maybe')(), null);
  mod.dispose();
});

x64('an unsupported relocation is a RelocationError naming section, offset, symbol and type', (t) => {
  const obj = buildObject({ functions: [{ proto: 'int tls(void)', code: '8b 04 25 00 00 00 00 c3', relocs: [{ at: 3, type: R_X86_64_TPOFF32, symbol: '.rodata', addend: 0n }] }], rodata: cString('x') });
  t.throws(() => loadObject(obj), { instanceOf: RelocationError, message: /unsupported relocation R_X86_64_TPOFF32 against '.rodata' at .text\+0x3/ });
});

x64('fields no placement can satisfy are a RelocationError suggesting -fPIC', (t) => {
  // mov eax,[rip+far_data] (PC32 to an import near the top of the address space);
  // mov eax,[table] (32S: the module must lie below 2 GiB)
  const obj = buildObject({
    functions: [{
      proto: 'int both(void)', code: '8b 05 00 00 00 00  8b 04 25 00 00 00 00  c3',
      relocs: [{ at: 2, type: R_X86_64_PC32, symbol: 'far_data' }, { at: 9, type: R_X86_64_32S, symbol: '.rodata', addend: 0n }],
    }],
    rodata: cString('table'),
  });
  const err = t.throws(() => loadObject(obj, { imports: { far_data: 0x7ff000000000n } }), { instanceOf: RelocationError });
  t.regex(err?.message ?? '', /relocation R_X86_64_(PC32 against 'far_data'|32S against '.rodata') at .text\+0x(2|9) out of range.*-fPIC/);
});

x64('a -fno-pic style absolute address is placed below 4 GiB', (t) => {
  // mov eax, offset .rodata (R_X86_64_32); ret
  const obj = buildObject({
    functions: [{ proto: 'const char *where(void)', code: 'b8 00 00 00 00  c3', relocs: [{ at: 1, type: R_X86_64_32, symbol: '.rodata', addend: 0n }] }],
    rodata: cString('low'),
  });
  const mod = loadObject(obj);
  t.is(mod.fn('where')(), 'low');
  t.true(mod.symbol('where') < 1n << 32n);
  mod.dispose();
});

x64('a thread-local definition is refused by name', (t) => {
  const obj = buildObject({
    functions: [add2],
    sections: [section('.tbss', 'tbss', new Uint8Array(0), [], 4, 4)],
    symbols: [{ name: 'tls_counter', binding: 'global', kind: 'tls', section: '.tbss', value: 0, size: 4 }],
  });
  t.throws(() => loadObject(obj), { instanceOf: LoadError, message: /thread-local symbol 'tls_counter' is not supported/ });
});

x64('.init_array constructors run after protection', (t) => {
  // mov rax,[rip+counter@GOTPCREL]; mov dword [rax],7; ret     (constructor)
  const ctor: AsmFunction = {
    proto: 'void ctor(void)', code: '48 8b 05 00 00 00 00  c7 00 07 00 00 00  c3', binding: 'local',
    relocs: [{ at: 3, type: R_X86_64_REX_GOTPCRELX, symbol: 'counter' }],
  };
  const obj = buildObject({
    functions: [getcounter, ctor],
    data: new Uint8Array(4),
    objects: [{ name: 'counter', section: '.data', offset: 0, size: 4 }],
    sections: [section('.init_array', 'init_array', new Uint8Array(8), [{ offset: 0, type: R_X86_64_64, symbol: 'ctor', addend: 0n }], 8)],
  });
  const mod = loadObject(obj);
  t.is(mod.fn('getcounter')(), 7);
  mod.dispose();
});

x64('a throwing constructor fails the load and unmaps the module', (t) => {
  // jmp on_init@PLT     (a constructor that calls back into JS, which throws)
  const ctor: AsmFunction = { proto: 'void ctor(void)', code: 'e9 00 00 00 00', binding: 'local', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'on_init' }] };
  const obj = buildObject({
    functions: [add2, ctor],
    declarations: ['void on_init(void)'],
    sections: [section('.init_array', 'init_array', new Uint8Array(8), [{ offset: 0, type: R_X86_64_64, symbol: 'ctor', addend: 0n }], 8)],
  });
  let calls = 0;
  const before = koffi.stats().callbacks;
  const onInit = () => { calls++; throw new Error('init failed'); };
  t.throws(() => loadObject(obj, { imports: { on_init: onInit } }), { message: 'init failed' });
  t.is(calls, 1);
  t.is(koffi.stats().callbacks, before, 'the import callback was released');
});

x64('.fini_array destructors run at dispose', (t) => {
  // jmp on_fini@PLT     (a destructor that calls back into JS)
  const dtor: AsmFunction = { proto: 'void dtor(void)', code: 'e9 00 00 00 00', binding: 'local', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'on_fini' }] };
  const obj = buildObject({
    functions: [add2, dtor],
    declarations: ['void on_fini(void)'],
    sections: [section('.fini_array', 'fini_array', new Uint8Array(8), [{ offset: 0, type: R_X86_64_64, symbol: 'dtor', addend: 0n }], 8)],
  });
  let finished = 0;
  const mod = loadObject(obj, { imports: { on_fini: () => { finished++; } } });
  t.is(finished, 0);
  mod.dispose();
  t.is(finished, 1);
});

x64('COMMON symbols get zeroed storage', (t) => {
  const obj = buildObject({
    functions: [bump],
    symbols: [{ name: 'counter', binding: 'global', kind: 'object', section: null, value: 0, size: 4, commonAlign: 4 }],
  });
  const mod = loadObject(obj);
  t.is(mod.fn('bump')(5), 5);
  t.is(mod.fn('bump')(5), 10);
  mod.dispose();
});

x64('a large .bss is mapped zeroed without being copied', (t) => {
  const size = 256 * 1024 * 1024;
  const obj = buildObject({ functions: [bump], bssSize: size, objects: [{ name: 'counter', section: '.bss', offset: size - 4, size: 4 }] });
  const mod = loadObject(obj);
  t.is(mod.fn('bump')(3), 3);
  t.is(mod.fn('bump')(4), 7);
  mod.dispose();
});

x64('callbacks registered for imports are released when loading fails', (t) => {
  const before = koffi.stats().callbacks;
  const obj = buildObject({
    functions: [callhost, { proto: 'int other(void)', code: 'e9 00 00 00 00', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'zz_not_anywhere' }] }],
    declarations: ['int host(int x)'],
  });
  t.throws(() => loadObject(obj, { imports: { host: (x: number) => x } }), { instanceOf: UnresolvedSymbolError });
  t.is(koffi.stats().callbacks, before);
  t.throws(() => loadObject(obj, { imports: { host: 'oops' as unknown as bigint } }), { instanceOf: LoadError, message: /import 'host' must be a bigint address or a function/ });
  t.throws(() => loadObject(buildObject({ functions: [callhost] }), { imports: { host: () => 1 } }), { message: /cannot import JavaScript function 'host': the object records no C prototype/ });
});

x64('a module dropped without dispose is unmapped by the garbage collector', async (t) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const load = (): bigint => {
    const mod = loadObject(basicObject());
    t.is(mod.fn('add2')(1, 2), 3);
    return mod.symbol('add2');
  };
  const addr = load();
  t.is(mappingsOf(addr, addr + 1n).length, 1);
  for (let i = 0; i < 20 && mappingsOf(addr, addr + 1n).length > 0; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  t.is(mappingsOf(addr, addr + 1n).length, 0);
});

/** The module's mappings in /proc/self/maps: [start, end, perms]. */
function mappingsOf(start: bigint, end: bigint): { perms: string }[] {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').filter(Boolean).flatMap((line) => {
    const [range, perms] = line.split(' ');
    const [lo, hi] = range!.split('-').map((h) => BigInt('0x' + h));
    return lo! < end && hi! > start ? [{ perms: perms! }] : [];
  });
}

x64('W^X: no page of a loaded module is writable and executable', (t) => {
  const obj = basicObject();
  const mod = loadObject(obj);
  const addrs = mod.symbolNames().map((n) => mod.symbol(n));
  const lo = addrs.reduce((a, b) => (a < b ? a : b));
  const hi = addrs.reduce((a, b) => (a > b ? a : b)) + 4096n;
  const maps = mappingsOf(lo, hi);
  t.true(maps.length >= 3, JSON.stringify(maps));
  t.false(maps.some((m) => m.perms.includes('w') && m.perms.includes('x')), JSON.stringify(maps));
  t.true(maps.some((m) => m.perms.startsWith('r-x')));
  t.true(maps.some((m) => m.perms.startsWith('r--')));
  t.true(maps.some((m) => m.perms.startsWith('rw-')));
  mod.dispose();
  t.is(mappingsOf(lo, hi).length, 0);
});

x64('variadic libc functions are callable through a linked stub', (t) => {
  // A module whose only content is a call to snprintf: jmp snprintf@PLT
  const obj = buildObject({
    functions: [{ proto: 'int fmt(char *buf, unsigned long n, const char *f, ...)', code: 'e9 00 00 00 00', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'snprintf' }] }],
  });
  const mod = loadObject(obj);
  const buf = Buffer.alloc(32);
  const n = mod.fn('fmt')(buf, 32, '%d-%s', 'int', 42, 'const char *', 'ok');
  t.is(n, 5);
  t.is(buf.toString('latin1', 0, 5), '42-ok');
  mod.dispose();
});
