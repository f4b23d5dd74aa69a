// The AArch64 target: the description the core's pipeline (core/pipeline.ts)
// runs — IR module → ELF relocatable object, or → GNU assembler text.
//
// Per function: lower.ts (instruction selection on core/lowering.ts) →
// core/regalloc.ts over a64InstInfo and a64Registers → core/emit.ts with
// emit.ts's rules (frame.ts, jumps, legalize.ts) → encode.ts or print.ts.
// Relocations (AAELF64 §5.7): calls R_AARCH64_CALL26, module-defined
// addresses ADR_PREL_PG_HI21 + ADD_ABS_LO12_NC, external ones through the
// GOT (ADR_GOT_PAGE + LD64_GOT_LO12_NC), `DataItem.addr` ABS64. Conditional
// branches (b.cond, cbz, cbnz; ±1 MiB) start short and relax to the
// inverted branch over a `b` (±128 MiB) when their label is out of reach;
// constant-pool loads (ldr literal) and `adr` (jump tables, label
// addresses), also ±1 MiB, relax to `adr` + `add #H, lsl #12` (±16 MiB,
// encode.ts), the load then reading through x16. Beyond 16 MiB inside one
// function: an internal error naming the distance.

import { R_AARCH64_ABS32, R_AARCH64_ABS64, R_AARCH64_CALL26, R_AARCH64_JUMP26 } from '../../link/object.js';
import { CodeBuffer } from '../core/code-buffer.js';
import { defineTarget } from '../core/pipeline.js';
import type { TargetDescription } from '../core/target.js';
import { a64EmitRules } from './emit.js';
import type { A64Fixup } from './encode.js';
import { encodeInst, padWithNops, patchA64, RELAXABLE } from './encode.js';
import type { FrameLayout } from './frame.js';
import type { A64Inst } from './inst.js';
import { a64InstInfo } from './inst.js';
import { lowerFunction } from './lower.js';
import { printFinalFunction, printMirInst } from './print.js';
import { a64Registers } from './regs.js';

export const arm64: TargetDescription<A64Inst, A64Fixup, FrameLayout> = {
  name: 'aarch64',
  machine: 'aarch64',
  instInfo: a64InstInfo,
  registers: a64Registers,
  lower: lowerFunction,
  emit: a64EmitRules,
  encoder: {
    absReloc64: R_AARCH64_ABS64,
    absReloc32: R_AARCH64_ABS32,
    symbolRelocs: new Set([R_AARCH64_CALL26, R_AARCH64_JUMP26]),
    functionAlign: 4,
    newBuffer: () => new CodeBuffer<A64Fixup>(patchA64),
    pad: padWithNops,
    encodeInst,
    encodeTableEntry: (buf, table, target) => {
      buf.addFixup('table32', target, table);
      buf.int(0, 4);
    },
    relaxation: {
      labelOf: (i) => {
        const t = i.ops[i.ops.length - 1];
        return RELAXABLE.has(i.op) && t?.kind === 'label' ? t.label : null;
      },
      withForm: (i, isLong) => (i.isLong === isLong ? i : { ...i, isLong }),
      // imm19 counts words from the instruction itself: −1 MiB … 1 MiB − 4 (adr's imm21 bytes: the same range).
      reaches: (offset, _size, target) => target - offset >= -(1 << 20) && target - offset < 1 << 20,
    },
  },
  printer: {
    printMirInst,
    header: ['\t.arch armv8-a', '\t.text'],
    typePrefix: '%',
    printFunction: printFinalFunction,
  },
};

export const arm64Target = defineTarget(arm64);
