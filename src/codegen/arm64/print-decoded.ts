// Decoded A64 instructions (decode.ts) as text, the way
// `aarch64-linux-gnu-objdump -d` prints them: the mnemonic, a tab, the
// operands separated by ", "; an address as `4008d4 <main+0x14>` when it
// has a name, as `0x4008d4` when not.
//
// Input: a DecodedA64, and optionally a function naming addresses.
// Output: one line of text, without address or bytes (the caller adds them).

import type { AddressNamer } from '../core/disassembler.js';
import type { DecodedA64, DecodedA64Operand } from './decode.js';

function printOperand(o: DecodedA64Operand, nameOf: AddressNamer | undefined): string {
  switch (o.kind) {
    case 'text': return o.text;
    case 'target': {
      const name = nameOf?.(o.address);
      return name ? `${o.address.toString(16)} <${name}>` : `0x${o.address.toString(16)}`;
    }
  }
}

export function printDecodedA64(inst: DecodedA64, nameOf?: AddressNamer): string {
  if (inst.operands.length === 0) return inst.mnemonic;
  // objdump puts a comment after a tab, not after a comma.
  const ops = inst.operands.filter((o) => !(o.kind === 'text' && o.text.startsWith('//')));
  const comments = inst.operands.filter((o) => o.kind === 'text' && o.text.startsWith('//'));
  const text = `${inst.mnemonic}\t${ops.map((o) => printOperand(o, nameOf)).join(', ')}`;
  return comments.length === 0 ? text : `${text}\t${comments.map((o) => printOperand(o, nameOf)).join(' ')}`;
}
