// The printer and the encoder agree with GNU as on a large generated set:
// every instruction generate.ts produces is printed, assembled by
// `aarch64-linux-gnu-as`, and the words and relocations compared with what
// our encoder gives for the same instruction.

import test from 'ava';
import { encodeListing, assembleListing, printLines } from './assemble.js';
import { AS, crossTest } from './cross-tools.js';
import { generateInstructions, labelPositions } from './generate.js';

const insts = generateInstructions(1, 12);
const labelsAt = labelPositions(insts.length);

test('the generated set is large and covers every op', (t) => {
  t.true(insts.length > 2000, `${insts.length} instructions`);
  t.true(new Set(insts.map((i) => i.op)).size > 120);
});

crossTest([AS], 'printer → GNU as gives the bytes and relocations of our encoder', (t) => {
  const ours = encodeListing(insts, labelsAt);
  const theirs = assembleListing(insts, labelsAt);
  t.is(ours.words.length, insts.length);
  const lines = printLines(insts);
  const wrong = insts.flatMap((_, n) => (ours.words[n] === theirs.words[n] ? [] : [`${lines[n]}: ours ${ours.words[n]}, as ${theirs.words[n]}`]));
  t.deepEqual(wrong.slice(0, 40), [], `${wrong.length} of ${insts.length} differ`);
  t.deepEqual(ours.relocs, theirs.relocs);
});
