// Module layout without native memory: segments, alignment, GOT slots, call
// stubs, COMMON storage and constructor order, compared as printLayout text.

import test from 'ava';
import { R_X86_64_64, R_X86_64_GOTOFF64, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX } from '../../src/link/object.js';
import { LoadError } from '../../src/loader/errors.js';
import { layoutModule, printLayout } from '../../src/loader/layout.js';
import { buildObject, cString, section } from './objects.js';

const PAGE = 4096;

test('text, rodata with GOT, and data get separate page-aligned segments', (t) => {
  const obj = buildObject({
    functions: [
      { proto: 'int f(void)', code: 'e8 00 00 00 00 48 8b 05 00 00 00 00 c3', relocs: [
        { at: 1, type: R_X86_64_PLT32, symbol: 'strlen' },
        { at: 8, type: R_X86_64_REX_GOTPCRELX, symbol: 'counter' },
      ] },
      { proto: 'int g(void)', code: 'e8 00 00 00 00 e8 00 00 00 00 c3', relocs: [
        { at: 1, type: R_X86_64_PLT32, symbol: 'f' },        // defined here: a direct call, no stub
        { at: 6, type: R_X86_64_PLT32, symbol: 'memcpy' },
      ] },
    ],
    rodata: cString('abc'),
    data: new Uint8Array(4),
    bssSize: 100,
    objects: [{ name: 'counter', section: '.data', offset: 0, size: 4 }],
    symbols: [{ name: 'buf', binding: 'global', kind: 'object', section: null, value: 0, size: 64, commonAlign: 32 }],
  });
  t.is(printLayout(obj, layoutModule(obj, PAGE)), [
    'segment text r-x 0x0-0x1000',
    '  0x0     .text  size 0x20 align 16',
    '  0x20    stub \'strlen\' -> slot 0x1008',
    '  0x28    stub \'memcpy\' -> slot 0x1018',
    'segment rodata r-- 0x1000-0x2000',
    '  0x1000  .rodata  size 0x4 align 8',
    '  0x1008  got',
    '  0x1008  slot \'strlen\'',
    '  0x1010  slot \'counter\'',
    '  0x1018  slot \'memcpy\'',
    'segment data rw- 0x2000-0x3000',
    '  0x2000  .data  size 0x4 align 8',
    '  0x2008  .bss  size 0x64 align 8',
    '  0x2080  common \'buf\'  size 0x40 align 32',
    '',
  ].join('\n'));
});

test('empty segments are left out and an object with nothing to load has size 0', (t) => {
  const onlyText = buildObject({ functions: [{ proto: 'int f(void)', code: 'c3' }] });
  const layout = layoutModule(onlyText, PAGE);
  t.deepEqual(layout.segments.map((s) => s.name), ['text']);
  t.is(layout.size, PAGE);
  t.is(layout.gotOffset, null);
  const empty = { ...onlyText, sections: [], symbols: [] };
  t.is(layoutModule(empty, PAGE).size, 0);
});

test('a GOTOFF64 relocation gets a GOT even without slots', (t) => {
  const obj = buildObject({
    functions: [{ proto: 'long f(void)', code: '48 b8 00 00 00 00 00 00 00 00 c3', relocs: [{ at: 2, type: R_X86_64_GOTOFF64, symbol: '.rodata', addend: 0n }] }],
    rodata: cString('x'),
  });
  const layout = layoutModule(obj, PAGE);
  t.not(layout.gotOffset, null);
  t.is(layout.gotSlots.size, 0);
});

test('sections keep their alignment and a larger page size is honoured', (t) => {
  const obj = buildObject({
    functions: [{ proto: 'int f(void)', code: 'c3' }],
    sections: [
      section('.rodata.a', 'rodata', new Uint8Array(3), [], 1),
      section('.rodata.cst32', 'rodata', new Uint8Array(32), [], 32),
    ],
  });
  const layout = layoutModule(obj, 16384);
  t.is(layout.sectionOffsets[1], 16384);
  t.is(layout.sectionOffsets[2], 16384 + 32);
  t.is(layout.size, 2 * 16384);
});

test('init_array sections run in priority order, the plain one last', (t) => {
  const ptr = (symbol: string) => [{ offset: 0, type: R_X86_64_64, symbol, addend: 0n }];
  const obj = buildObject({
    functions: [{ proto: 'void a(void)', code: 'c3' }, { proto: 'void b(void)', code: 'c3' }, { proto: 'void c(void)', code: 'c3' }],
    sections: [
      section('.init_array', 'init_array', new Uint8Array(8), ptr('a'), 8),
      section('.init_array.00200', 'init_array', new Uint8Array(8), ptr('b'), 8),
      section('.init_array.00101', 'init_array', new Uint8Array(8), ptr('c'), 8),
      section('.fini_array', 'fini_array', new Uint8Array(8), ptr('a'), 8),
    ],
  });
  t.regex(printLayout(obj, layoutModule(obj, PAGE)), /init order: \.init_array\.00101, \.init_array\.00200, \.init_array\nfini order: \.fini_array\n$/);
});

test('non-allocated sections are not loaded and their relocations need nothing', (t) => {
  const obj = buildObject({
    functions: [{ proto: 'int f(void)', code: 'c3' }],
    sections: [section('.debug_info', 'other', new Uint8Array(8), [{ offset: 0, type: R_X86_64_PLT32, symbol: 'nowhere', addend: 0n }], 1)],
  });
  const layout = layoutModule(obj, PAGE);
  t.is(layout.sectionOffsets[1], null);
  t.is(layout.stubs.size, 0);
});

test('thread-local sections are refused, naming a symbol in them', (t) => {
  const obj = buildObject({
    functions: [{ proto: 'int f(void)', code: 'c3' }],
    sections: [section('.tdata', 'tdata', new Uint8Array(4), [], 4)],
    symbols: [{ name: 'per_thread', binding: 'global', kind: 'tls', section: '.tdata', value: 0, size: 4 }],
  });
  t.throws(() => layoutModule(obj, PAGE), { instanceOf: LoadError, message: "thread-local symbol 'per_thread' is not supported by the loader yet" });
});

test('an alignment above the page size is an error', (t) => {
  const obj = buildObject({ functions: [], sections: [section('.data.big', 'data', new Uint8Array(8), [], 8192)] });
  t.throws(() => layoutModule(obj, PAGE), { instanceOf: LoadError, message: /alignment 8192 exceeds the page size 4096/ });
});

test('PC32 relocations do not create stubs or slots', (t) => {
  const obj = buildObject({
    functions: [{ proto: 'int f(void)', code: '8b 05 00 00 00 00 c3', relocs: [{ at: 2, type: R_X86_64_PC32, symbol: 'stdout' }] }],
  });
  const layout = layoutModule(obj, PAGE);
  t.is(layout.stubs.size, 0);
  t.is(layout.gotSlots.size, 0);
});
