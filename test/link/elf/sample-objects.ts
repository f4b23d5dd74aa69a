// Hand-built ObjectFiles for the ELF tests, the way the x86-64 backend will
// produce them. Machine code bytes come from GNU as:
//   as s.s -o s.o && objdump -dr s.o   (Intel syntax source shown per line)

import type { FfiType } from '../../../src/link/ctypes.js';
import {
  emptyObject, R_X86_64_64, R_X86_64_DTPOFF32, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_TPOFF32, type ObjectFile,
  type Section,
} from '../../../src/link/object.js';

const int: FfiType = { kind: 'int', size: 4, isSigned: true, name: 'int' };
const text = [
  // add(int a, int b)
  0x8d, 0x04, 0x37, //             0: lea eax,[rdi+rsi]
  0xc3, //                         3: ret
  // greet(void): puts(msg)
  0x48, 0x83, 0xec, 0x08, //       4: sub rsp,8
  0x48, 0x8d, 0x3d, 0, 0, 0, 0, // 8: lea rdi,[rip+msg]      PC32 msg-4 at 0xb
  0xe8, 0, 0, 0, 0, //             f: call puts@PLT          PLT32 puts-4 at 0x10
  0x48, 0x83, 0xc4, 0x08, //      14: add rsp,8
  0xc3, //                        18: ret
  // get_counter(void)
  0x8b, 0x05, 0, 0, 0, 0, //      19: mov eax,[rip+counter]  PC32 counter-4 at 0x1b
  0xc3, //                        1f: ret
  // read_table(long i): *table[i]
  0x48, 0x8d, 0x05, 0, 0, 0, 0, //20: lea rax,[rip+table]    PC32 table-4 at 0x23
  0x48, 0x8b, 0x04, 0xf8, //      27: mov rax,[rax+rdi*8]
  0x8b, 0x00, //                  2b: mov eax,[rax]
  0xc3, //                        2d: ret
  // bss_get(void): ++scratch
  0xff, 0x05, 0, 0, 0, 0, //      2e: inc dword ptr [rip+scratch]  PC32 scratch-4 at 0x30
  0x8b, 0x05, 0, 0, 0, 0, //      34: mov eax,[rip+scratch]        PC32 scratch-4 at 0x36
  0xc3, //                        3a: ret
];

function section(name: string, kind: Section['kind'], align: number, bytes: number[], relocs: Section['relocs'] = []): Section {
  return { name, kind, align, bytes: new Uint8Array(bytes), size: bytes.length, relocs };
}

/**
 * Functions `add`, `greet` (calls puts through PLT32), `get_counter` (a
 * static int 7 in .data), `read_table` (a global table of two pointers, to
 * the static `counter` and to the external `ext_value`, R_X86_64_64) and
 * `bss_get` (increments a static in .bss); a COMMON `shared_common`.
 * Section symbols are included, so the object is in canonical form.
 */
export function sampleObject(): ObjectFile {
  const obj = emptyObject('x86_64');
  const msg = [...new TextEncoder().encode('hello from jitcc'), 0];
  obj.sections.push(
    section('.text', 'text', 16, text, [
      { offset: 0x0b, type: R_X86_64_PC32, symbol: 'msg', addend: -4n },
      { offset: 0x10, type: R_X86_64_PLT32, symbol: 'puts', addend: -4n },
      { offset: 0x1b, type: R_X86_64_PC32, symbol: 'counter', addend: -4n },
      { offset: 0x23, type: R_X86_64_PC32, symbol: 'table', addend: -4n },
      { offset: 0x30, type: R_X86_64_PC32, symbol: 'scratch', addend: -4n },
      { offset: 0x36, type: R_X86_64_PC32, symbol: 'scratch', addend: -4n },
    ]),
    section('.data', 'data', 8, [7, 0, 0, 0, 0, 0, 0, 0, ...new Array(16).fill(0)], [
      { offset: 8, type: R_X86_64_64, symbol: 'counter', addend: 0n },
      { offset: 16, type: R_X86_64_64, symbol: 'ext_value', addend: 0n },
    ]),
    { name: '.bss', kind: 'bss', align: 4, bytes: new Uint8Array(0), size: 64, relocs: [] },
    section('.rodata', 'rodata', 1, msg),
    section('.note.GNU-stack', 'other', 1, []),
  );
  const sectionSym = (name: string) => ({ name, binding: 'local' as const, kind: 'section' as const, section: name, value: 0, size: 0 });
  obj.symbols.push(
    { name: 'sample.c', binding: 'local', kind: 'file', section: null, value: 0, size: 0 },
    sectionSym('.text'), sectionSym('.data'), sectionSym('.bss'), sectionSym('.rodata'),
    { name: 'counter', binding: 'local', kind: 'object', section: '.data', value: 0, size: 4 },
    { name: 'scratch', binding: 'local', kind: 'object', section: '.bss', value: 0, size: 4 },
    { name: 'msg', binding: 'local', kind: 'object', section: '.rodata', value: 0, size: msg.length },
    { name: 'add', binding: 'global', kind: 'func', section: '.text', value: 0, size: 4 },
    { name: 'greet', binding: 'global', kind: 'func', section: '.text', value: 4, size: 0x15 },
    { name: 'get_counter', binding: 'global', kind: 'func', section: '.text', value: 0x19, size: 7 },
    { name: 'read_table', binding: 'global', kind: 'func', section: '.text', value: 0x20, size: 0xe, visibility: 'default' },
    { name: 'bss_get', binding: 'global', kind: 'func', section: '.text', value: 0x2e, size: 0xd },
    { name: 'table', binding: 'global', kind: 'object', section: '.data', value: 8, size: 16 },
    { name: 'shared_common', binding: 'global', kind: 'object', section: null, commonAlign: 4, value: 0, size: 4 },
    { name: 'puts', binding: 'global', kind: 'notype', section: null, value: 0, size: 0 },
    { name: 'ext_value', binding: 'global', kind: 'notype', section: null, value: 0, size: 0 },
  );
  obj.signatures.set('add', { ret: int, params: [{ name: 'a', type: int }, { name: 'b', type: int }], isVariadic: false });
  obj.signatures.set('greet', { ret: { kind: 'void' }, params: [], isVariadic: false });
  obj.signatures.set('read_table', { ret: int, params: [{ name: 'i', type: { kind: 'int', size: 8, isSigned: true, name: 'long' } }], isVariadic: false });
  return obj;
}

/** The C program linked with `sampleObject()` by the gcc test, and what it prints. */
export const SAMPLE_MAIN_C = `
#include <stdio.h>
int add(int, int);
void greet(void);
int get_counter(void);
int read_table(long);
int bss_get(void);
extern int shared_common;
int ext_value = 42;
int main(void) {
  greet();
  shared_common = 5;
  bss_get();
  printf("%d %d %d %d %d %d\\n", add(2, 3), get_counter(), read_table(0), read_table(1), bss_get(), shared_common);
  return 0;
}
`;
export const SAMPLE_MAIN_OUTPUT = 'hello from jitcc\n5 7 7 42 2 5\n';

/** A relocatable object as a test fixture: `isCanonical` says whether normalizeObject leaves it as it is. */
export interface SampleObject {
  readonly name: string;
  readonly obj: ObjectFile;
  readonly isCanonical: boolean;
}

export function sampleObjects(): SampleObject[] {
  return [
    { name: 'add-only', obj: addOnlyObject(), isCanonical: false },
    { name: 'sample', obj: sampleObject(), isCanonical: true },
    { name: 'tls-arrays-flags', obj: tlsArraysFlagsObject(), isCanonical: true },
    { name: 'implied-symbols', obj: impliedSymbolsObject(), isCanonical: false },
    { name: 'aarch64', obj: aarch64Object(), isCanonical: true },
    { name: 'empty', obj: emptyObject('x86_64'), isCanonical: true },
  ];
}

/** Just `add` as the brief's raw bytes, without section symbols (the writer adds `.text`'s). */
function addOnlyObject(): ObjectFile {
  const obj = emptyObject('x86_64');
  obj.sections.push(section('.text', 'text', 16, [0x8d, 0x04, 0x37, 0xc3]));
  obj.symbols.push({ name: 'add', binding: 'global', kind: 'func', section: '.text', value: 0, size: 4 });
  obj.signatures.set('add', { ret: int, params: [{ name: null, type: int }, { name: null, type: int }], isVariadic: false });
  return obj;
}

/**
 * TLS sections, .init_array/.fini_array, weak/hidden/protected symbols and
 * sections whose ELF flags differ from their kind's defaults (SHF_MERGE
 * constants and strings with an entry size).
 */
function tlsArraysFlagsObject(): ObjectFile {
  const obj = emptyObject('x86_64');
  obj.sections.push(
    section('.text', 'text', 16, [
      0x64, 0x8b, 0x04, 0x25, 0, 0, 0, 0, // 0: mov eax,fs:[tls_a@tpoff]   TPOFF32 at 4
      0xc3, //                               8: ret
      0xc3, //                               9: ctor: ret
    ], [
      { offset: 4, type: R_X86_64_TPOFF32, symbol: 'tls_a', addend: 0n },
      { offset: 4, type: R_X86_64_DTPOFF32, symbol: 'tls_b', addend: 8n },
    ]),
    section('.tdata', 'tdata', 4, [1, 0, 0, 0]),
    { name: '.tbss', kind: 'tbss', align: 8, bytes: new Uint8Array(0), size: 16, relocs: [] },
    section('.init_array', 'init_array', 8, [0, 0, 0, 0, 0, 0, 0, 0], [{ offset: 0, type: R_X86_64_64, symbol: 'ctor', addend: 0n }]),
    section('.fini_array', 'fini_array', 8, [0, 0, 0, 0, 0, 0, 0, 0], [{ offset: 0, type: R_X86_64_64, symbol: '.text', addend: 9n }]),
    { ...section('.rodata.cst8', 'rodata', 8, [0, 0, 0, 0, 0, 0, 0xf8, 0x3f]), elfFlags: 0x12n, entsize: 8 },
    { ...section('.rodata.str1.1', 'rodata', 1, [0x68, 0x69, 0]), elfFlags: 0x32n, entsize: 1 },
    { ...section('.comment', 'other', 1, [0x6a, 0x69, 0x74, 0x63, 0x63, 0]), elfFlags: 0x30n, entsize: 1 },
    section('.note.GNU-stack', 'other', 1, []),
  );
  const sectionSym = (name: string) => ({ name, binding: 'local' as const, kind: 'section' as const, section: name, value: 0, size: 0 });
  obj.symbols.push(
    sectionSym('.text'), sectionSym('.tdata'), sectionSym('.tbss'), sectionSym('.init_array'), sectionSym('.fini_array'),
    sectionSym('.rodata.cst8'), sectionSym('.rodata.str1.1'),
    { name: 'ctor', binding: 'local', kind: 'func', section: '.text', value: 9, size: 1 },
    { name: 'get_tls', binding: 'global', kind: 'func', section: '.text', value: 0, size: 9, visibility: 'hidden' },
    { name: 'tls_a', binding: 'global', kind: 'tls', section: '.tdata', value: 0, size: 4 },
    { name: 'tls_b', binding: 'weak', kind: 'tls', section: '.tbss', value: 8, size: 8, visibility: 'protected' },
    { name: 'maybe', binding: 'weak', kind: 'notype', section: null, value: 0, size: 0 },
    { name: 'one_and_half', binding: 'global', kind: 'object', section: '.rodata.cst8', value: 0, size: 8, visibility: 'internal' },
  );
  return obj;
}

/**
 * Relocations naming a section and an external function that have no
 * symbols, and a global listed before a local: the writer supplies the
 * section symbol and an undefined `memcpy`, and puts locals first.
 */
function impliedSymbolsObject(): ObjectFile {
  const obj = emptyObject('x86_64');
  obj.sections.push(
    section('.text', 'text', 16, [
      0x48, 0x8d, 0x3d, 0, 0, 0, 0, // 0: lea rdi,[rip+.rodata+1]   PC32 .rodata-3 at 3
      0xe9, 0, 0, 0, 0, //            7: jmp memcpy@PLT             PLT32 memcpy-4 at 8
    ], [
      { offset: 3, type: R_X86_64_PC32, symbol: '.rodata', addend: -3n },
      { offset: 8, type: R_X86_64_PLT32, symbol: 'memcpy', addend: -4n },
    ]),
    section('.rodata', 'rodata', 1, [0x2a, 0x2b]),
  );
  obj.symbols.push(
    { name: 'tail', binding: 'global', kind: 'func', section: '.text', value: 0, size: 12 },
    { name: 'helper_label', binding: 'local', kind: 'notype', section: '.text', value: 7, size: 0 },
  );
  return obj;
}

/** AArch64: `add w0, w0, w1; ret` and a `bl puts` (R_AARCH64_CALL26 = 283, ELF for AArch64 §5.7.8). */
function aarch64Object(): ObjectFile {
  const obj = emptyObject('aarch64');
  obj.sections.push(
    section('.text', 'text', 4, [
      0x00, 0x00, 0x01, 0x0b, // 0: add w0, w0, w1
      0xc0, 0x03, 0x5f, 0xd6, // 4: ret
      0x00, 0x00, 0x00, 0x94, // 8: bl puts     CALL26 puts
    ], [{ offset: 8, type: 283, symbol: 'puts', addend: 0n }]),
  );
  obj.symbols.push(
    { name: '.text', binding: 'local', kind: 'section', section: '.text', value: 0, size: 0 },
    { name: 'add', binding: 'global', kind: 'func', section: '.text', value: 0, size: 8 },
    { name: 'call_puts', binding: 'global', kind: 'func', section: '.text', value: 8, size: 4 },
    { name: 'puts', binding: 'global', kind: 'notype', section: null, value: 0, size: 0 },
  );
  return obj;
}
