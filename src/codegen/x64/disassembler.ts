// The x86-64 decoder behind the disassembly listings (core/disassembler.ts):
// decode.ts reads the instruction, print-decoded.ts writes it the way
// `objdump -d -M intel` does.

import type { InstructionDecoder } from '../core/disassembler.js';
import { decodeX64 } from './decode.js';
import { printDecodedX64 } from './print-decoded.js';

export const x64Decoder: InstructionDecoder = {
  machine: 'x86_64',
  decode(bytes, offset, address, nameOf) {
    const inst = decodeX64(bytes, offset, address);
    return { length: inst.length, text: printDecodedX64(inst, nameOf) };
  },
};
