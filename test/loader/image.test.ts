// Linking a module image at a pretend base address, without native memory:
// call stubs, GOT slots and relocated code for both machines, decoded back
// from the bytes.

import test from 'ava';
import { R_AARCH64_CALL26, R_X86_64_PLT32, R_X86_64_REX_GOTPCRELX, type ObjectFile } from '../../src/link/object.js';
import { linkImage } from '../../src/loader/image.js';
import { layoutModule } from '../../src/loader/layout.js';
import { buildObject, hex, section } from './objects.js';

const BASE = 0x7f1234560000n;
const PUTS = 0x7fabcdef1230n;

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
}
function i32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getInt32(at, true);
}
function u64(bytes: Uint8Array, at: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(at, true);
}

test('x86-64: a call to an external goes to a stub that jumps through its GOT slot', (t) => {
  // call puts@PLT; mov rax,[rip+puts@GOTPCREL]; ret
  const obj = buildObject({
    functions: [{ proto: 'int f(void)', code: 'e8 00 00 00 00  48 8b 05 00 00 00 00  c3', relocs: [
      { at: 1, type: R_X86_64_PLT32, symbol: 'puts' }, { at: 8, type: R_X86_64_REX_GOTPCRELX, symbol: 'puts' },
    ] }],
  });
  const layout = layoutModule(obj, 4096);
  const { bytes, definitions } = linkImage(obj, layout, BASE, new Map([['puts', PUTS]]));
  const stub = layout.stubs.get('puts')!;
  const slot = layout.gotSlots.get('puts')!;
  t.is(u64(bytes, slot), PUTS, 'the slot holds the absolute address');
  t.is(5 + i32(bytes, 1), stub, 'the call lands on the stub');
  t.deepEqual([...bytes.subarray(stub, stub + 2)], [0xff, 0x25]);
  t.is(stub + 6 + i32(bytes, stub + 2), slot, 'the stub jumps through the slot');
  t.is(12 + i32(bytes, 8), slot, 'the GOT load reads the same slot');
  t.is(definitions.get('f'), BASE);
});

test('x86-64: a call to a function in the module is direct', (t) => {
  const obj = buildObject({
    functions: [
      { proto: 'int g(void)', code: 'c3' },
      { proto: 'int f(void)', code: 'e8 00 00 00 00 c3', relocs: [{ at: 1, type: R_X86_64_PLT32, symbol: 'g' }] },
    ],
  });
  const layout = layoutModule(obj, 4096);
  const { bytes } = linkImage(obj, layout, BASE, new Map());
  t.is(layout.stubs.size, 0);
  t.is(16 + 5 + i32(bytes, 17), 0, 'f at 16 calls g at 0');
});

test('AArch64: bl to an external goes to an adrp/ldr/br stub through its GOT slot', (t) => {
  const obj: ObjectFile = {
    ...buildObject({ functions: [] }),
    machine: 'aarch64',
    sections: [section('.text', 'text', hex('00000094 c0035fd6'), [{ offset: 0, type: R_AARCH64_CALL26, symbol: 'puts', addend: 0n }], 4)],
    symbols: [
      { name: 'f', binding: 'global', kind: 'func', section: '.text', value: 0, size: 8 },
      { name: 'puts', binding: 'global', kind: 'notype', section: null, value: 0, size: 0 },
    ],
  };
  const layout = layoutModule(obj, 4096);
  const { bytes } = linkImage(obj, layout, BASE, new Map([['puts', PUTS]]));
  const stub = layout.stubs.get('puts')!;
  const slot = layout.gotSlots.get('puts')!;
  t.is(u64(bytes, slot), PUTS);
  // bl: imm26 words forward
  const bl = u32(bytes, 0);
  t.is(bl >>> 26, 0x25, 'still a BL');
  t.is((bl & 0x3ffffff) * 4, stub);
  // adrp x16: page delta from the stub's page to the slot's page
  const adrp = u32(bytes, stub);
  const pages = (((adrp >>> 5) & 0x7ffff) << 2) | ((adrp >>> 29) & 3);
  t.is((adrp & 0x9f00001f) >>> 0, 0x90000010, 'ADRP x16');
  const ldr = u32(bytes, stub + 4);
  t.is((ldr & 0xffc003ff) >>> 0, 0xf9400210, 'LDR x16, [x16, #imm]');
  t.is((Math.floor(stub / 4096) + pages) * 4096 + ((ldr >>> 10) & 0xfff) * 8, slot, 'the stub loads the slot');
  t.is(u32(bytes, stub + 8), 0xd61f0200, 'BR x16');
});
