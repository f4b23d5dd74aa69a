// The A64 decoder behind the disassembly listings (core/disassembler.ts):
// decode.ts reads the instruction word, print-decoded.ts writes it the way
// `aarch64-linux-gnu-objdump -d` does. Every instruction is 4 bytes
// (little-endian); a trailing piece shorter than that is `(bad)`.

import type { InstructionDecoder } from '../core/disassembler.js';
import { decodeA64 } from './decode.js';
import { printDecodedA64 } from './print-decoded.js';

export const a64Decoder: InstructionDecoder = {
  machine: 'aarch64',
  showsWords: true,
  decode(bytes, offset, address, nameOf) {
    if (offset + 4 > bytes.length) return { length: bytes.length - offset, text: '(bad)' };
    const word = (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
    return { length: 4, text: printDecodedA64(decodeA64(word, address), nameOf) };
  },
};
