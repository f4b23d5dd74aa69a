// The `.jitcc.sigs` encoding: every FfiType shape survives encode/decode,
// and malformed contents (valid JSON of the wrong shape) are rejected with
// a message instead of reaching the loader.

import test from 'ava';
import type { FfiFunctionType, FfiType } from '../../../src/link/ctypes.js';
import { decodeSignatures, encodeSignatures } from '../../../src/link/elf/sigs.js';

const int: FfiType = { kind: 'int', size: 4, isSigned: true, name: 'int' };
const uchar: FfiType = { kind: 'int', size: 1, isSigned: false, name: 'unsigned char' };
const point: FfiType = {
  kind: 'record', isUnion: false, name: 'point', size: 16, align: 8,
  fields: [{ name: 'x', offset: 0, type: { kind: 'float', size: 8 } }, { name: 'tag', offset: 8, type: { kind: 'array', elem: uchar, length: 8 } }],
};
const color: FfiType = { kind: 'enum', name: 'color', size: 4, values: [{ name: 'RED', value: 0 }, { name: 'BLUE', value: -2 }] };
const callback: FfiFunctionType = { ret: { kind: 'void' }, params: [{ name: null, type: { kind: 'pointer', to: { kind: 'void' }, isConst: false } }], isVariadic: false };

test('every kind of C type survives the round trip, in insertion order', (t) => {
  const sigs = new Map<string, FfiFunctionType>([
    ['zeta', { ret: { kind: 'bool' }, params: [], isVariadic: false }],
    ['printf_like', { ret: int, params: [{ name: 'fmt', type: { kind: 'pointer', to: { kind: 'int', size: 1, isSigned: true, name: 'char' }, isConst: true } }], isVariadic: true }],
    ['move', { ret: point, params: [{ name: 'p', type: { kind: 'pointer', to: point, isConst: false } }, { name: 'c', type: color }], isVariadic: false }],
    ['on', { ret: { kind: 'float', size: 16 }, params: [{ name: 'cb', type: { kind: 'pointer', to: { kind: 'function', fn: callback }, isConst: false } }], isVariadic: false }],
  ]);
  const back = decodeSignatures(encodeSignatures(sigs));
  t.deepEqual(back, sigs);
  t.deepEqual(typeof back === 'string' ? [] : [...back.keys()], ['zeta', 'printf_like', 'move', 'on']);
});

const malformed: [string, string, string][] = [
  ['not JSON', '["f", {', "signature 0 in '.jitcc.sigs' is not valid JSON"],
  ['not a list', '{"f": 1}', "signature 0 in '.jitcc.sigs' is not a [name, type] pair"],
  ['not a pair', '["f"]', "signature 0 in '.jitcc.sigs' is not a [name, type] pair"],
  ['second line broken', '["g", {"ret": {"kind": "void"}, "params": [], "isVariadic": false}]\n["f", 1]', "signature 1 ('f') in '.jitcc.sigs' has a malformed type"],
  ['unknown type kind', '["f", {"ret": {"kind": "quaternion"}, "params": [], "isVariadic": false}]', "signature 0 ('f') in '.jitcc.sigs' has a malformed type"],
  ['int of size 3', '["f", {"ret": {"kind": "int", "size": 3, "isSigned": true, "name": "int"}, "params": [], "isVariadic": false}]', "signature 0 ('f') in '.jitcc.sigs' has a malformed type"],
  ['negative array length', '["f", {"ret": {"kind": "void"}, "params": [{"name": null, "type": {"kind": "array", "elem": {"kind": "bool"}, "length": -1}}], "isVariadic": false}]', "signature 0 ('f') in '.jitcc.sigs' has a malformed type"],
  ['missing isVariadic', '["f", {"ret": {"kind": "void"}, "params": []}]', "signature 0 ('f') in '.jitcc.sigs' has a malformed type"],
];

for (const [title, text, message] of malformed) {
  test(`rejects ${title}`, (t) => {
    t.is(decodeSignatures(new TextEncoder().encode(text)), message);
  });
}

test('rejects nesting deep enough to threaten the stack', (t) => {
  let ty = '{"kind": "bool"}';
  for (let i = 0; i < 10000; i++) ty = `{"kind": "pointer", "isConst": false, "to": ${ty}}`;
  const text = `["f", {"ret": ${ty}, "params": [], "isVariadic": false}]`;
  t.is(decodeSignatures(new TextEncoder().encode(text)), "signature 0 ('f') in '.jitcc.sigs' has a malformed type");
});
