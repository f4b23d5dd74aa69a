// The instruction decoders, one per machine, for disassembly listings
// (the counterpart of targets.ts for reading code instead of writing it).

import type { Machine } from '../link/object.js';
import type { InstructionDecoder } from './core/disassembler.js';
import { a64Decoder } from './arm64/disassembler.js';
import { x64Decoder } from './x64/disassembler.js';

const decoders: Partial<Record<Machine, InstructionDecoder>> = {
  x86_64: x64Decoder,
  aarch64: a64Decoder,
};

/** The decoder for `machine`, or null when jitcc cannot decode its code yet. */
export function decoderFor(machine: Machine): InstructionDecoder | null {
  return decoders[machine] ?? null;
}
