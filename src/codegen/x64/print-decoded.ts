// Decoded x86-64 instructions (decode.ts) as text, in the Intel syntax of
// `objdump -d -M intel`: `mov    rax,QWORD PTR [rbp-0x8]`, hexadecimal
// immediates shown unsigned in the operation's width, branch targets as
// addresses with `<symbol+offset>`, RIP-relative operands with their
// target in a `#` comment.
//
// Input: a DecodedX64, and optionally a function naming addresses.
// Output: one line of text, without address or bytes (the caller adds them).

import type { DecodedMem, DecodedOperand, DecodedX64 } from './decode.js';

/** Names an address as `symbol+0x10`, or null when nothing known contains it. */
export type Symbolizer = (address: bigint) => string | null;

function hex(v: bigint): string {
  return `0x${v.toString(16)}`;
}

function signedHex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `+0x${v.toString(16)}`;
}

function printMem(m: DecodedMem): string {
  const size = m.size === null ? '' : `${m.size} PTR `;
  const seg = m.segment === null ? '' : `${m.segment}:`;
  if (m.base === null && m.index === null) {
    // An absolute address: objdump shows it with its (default ds) segment and no brackets.
    return `${size}${m.segment ?? 'ds'}:${hex(BigInt.asUintN(64, m.disp))}`;
  }
  let inner = m.base ?? '';
  if (m.index !== null) inner += `${inner === '' ? '' : '+'}${m.index}*${m.scale}`;
  // objdump shows a RIP-relative displacement unsigned (rip+0xffffffffffffffe0), others signed.
  if (m.hasDisp) inner += m.ripTarget !== null ? `+${hex(BigInt.asUintN(64, m.disp))}` : signedHex(m.disp);
  return `${size}${seg}[${inner}]`;
}

function printOperand(o: DecodedOperand, symbolize: Symbolizer | undefined): string {
  switch (o.kind) {
    case 'reg': return o.name;
    case 'imm': return o.bits === 0 ? o.value.toString() : hex(o.value);
    case 'mem': return printMem(o);
    case 'target': return printAddress(o.address, symbolize);
  }
}

/** An address as objdump shows it: `401000 <main+0x10>` when it has a name, `0x401000` when not. */
function printAddress(address: bigint, symbolize: Symbolizer | undefined): string {
  const name = symbolize?.(address);
  return name ? `${address.toString(16)} <${name}>` : hex(address);
}

/** The instruction as objdump prints it (mnemonic padded to 6 columns, operands comma-separated). */
export function printDecodedX64(inst: DecodedX64, symbolize?: Symbolizer): string {
  const head = [...inst.prefixes, inst.mnemonic].join(' ');
  const ops = inst.operands.map((o) => printOperand(o, symbolize)).join(',');
  let text = ops === '' ? head : `${head.padEnd(6)} ${ops}`;
  const rip = inst.operands.find((o): o is DecodedMem => o.kind === 'mem' && o.ripTarget !== null);
  if (rip !== undefined && rip.ripTarget !== null) {
    text += `        # ${printAddress(rip.ripTarget, symbolize)}`;
  }
  return text;
}
