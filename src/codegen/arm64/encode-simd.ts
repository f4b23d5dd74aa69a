// The Advanced SIMD (NEON) part of the encoder: lane-wise arithmetic on
// 8- and 16-byte vectors, whole-register loads and stores (LD1/ST1 of one
// register), and moves between general registers and lanes.
//
// Input: an A64Inst with `arrangement` set (or a lane operand: ins/umov).
// Output: the encoded word (Arm ARM C4.1.6 "Advanced SIMD" classes):
//   three same          0 Q U 01110 size 1 Rm opcode 1 Rn Rd
//   two-register misc   0 Q U 01110 size 10000 opcode 10 Rn Rd
//   copy (DUP/INS/UMOV) 0 Q op 01110000 imm5 0 imm4 1 Rn Rd
//   LD1/ST1             0 Q 0011000 L 000000 0111 size Rn Rt (post-index: 0011001, Rm = 11111)
// Q selects 16 bytes, `size` the lane width; the logical operations work on
// bytes only (.8b/.16b), floating-point ones on .2s/.4s/.2d.

import type { Encoded } from './encode.js';
import { bad, fpr, gpr } from './encode.js';
import type { A64Inst, A64Operand, Arrangement } from './inst.js';

const ARRANGEMENTS: Record<Arrangement, { readonly q: number; readonly size: number }> = {
  '8b': { q: 0, size: 0 }, '16b': { q: 1, size: 0 }, '4h': { q: 0, size: 1 }, '8h': { q: 1, size: 1 },
  '2s': { q: 0, size: 2 }, '4s': { q: 1, size: 2 }, '1d': { q: 0, size: 3 }, '2d': { q: 1, size: 3 },
};

function layout(i: A64Inst): { q: number; size: number } {
  if (i.arrangement === undefined) return bad(i, 'vector operation without an arrangement');
  return ARRANGEMENTS[i.arrangement];
}

const word = (w: number): Encoded => ({ word: w >>> 0 });

/** Integer three-same: U, opcode; `size` from the arrangement (64-bit lanes only for add/sub). */
function threeSame(i: A64Inst, u: number, opcode: number, sizeField?: number): Encoded {
  const { q, size } = layout(i);
  const [d, n, m] = i.ops;
  if (i.arrangement === '1d') bad(i, '.1d vector arithmetic');
  return word(0x0e200400 | (q << 30) | (u << 29) | ((sizeField ?? size) << 22) | (fpr(i, m) << 16) | (opcode << 11) | (fpr(i, n) << 5) | fpr(i, d));
}

/** Bitwise three-same: bytes only; `size` encodes the operation. */
function bitwise(i: A64Inst, u: number, opSize: number): Encoded {
  if (i.arrangement !== '8b' && i.arrangement !== '16b') bad(i, 'bitwise vector operations take .8b or .16b');
  return threeSame(i, u, 0b00011, opSize);
}

/** Floating-point lanes: sz 0 for .2s/.4s, 1 for .2d; `hi` is size<1>. */
function fpSize(i: A64Inst, hi: number): number {
  const a = i.arrangement;
  if (a !== '2s' && a !== '4s' && a !== '2d') return bad(i, 'floating-point vectors take .2s, .4s or .2d');
  return (hi << 1) | (a === '2d' ? 1 : 0);
}

function twoMisc(i: A64Inst, u: number, opcode: number, sizeField: number): Encoded {
  const { q } = layout(i);
  return word(0x0e200800 | (q << 30) | (u << 29) | (sizeField << 22) | (opcode << 12) | (fpr(i, i.ops[1]) << 5) | fpr(i, i.ops[0]));
}

/** imm5 of the copy class: the lane size as the lowest set bit, the lane index above it. */
function imm5(i: A64Inst, elemSize: number, index: number): number {
  const log = { 1: 0, 2: 1, 4: 2, 8: 3 }[elemSize];
  if (log === undefined || index < 0 || index >= 16 / elemSize) return bad(i, `lane ${index} of ${elemSize}-byte elements`);
  return ((index << 1) | 1) << log;
}

function laneOf(i: A64Inst, o: A64Operand | undefined): number {
  return o?.kind === 'lane' ? o.index : bad(i, 'expected a vector lane');
}

/** LD1/ST1 of one register: [xn] or post-incremented by the register's size. */
function ld1st1(i: A64Inst, isLoad: boolean): Encoded {
  const { q, size } = layout(i);
  const m = i.ops[1];
  if (m?.kind !== 'mem' || m.index !== undefined || m.sym !== undefined || m.frame !== undefined) return bad(i, 'ld1/st1 take [xn]');
  const isPost = m.mode === 'post';
  if (isPost ? m.offset !== (q ? 16 : 8) : m.offset !== 0 || m.mode !== 'offset') bad(i, 'ld1/st1 offset must be 0, or the register size post-indexed');
  const base = isPost ? (isLoad ? 0x0cdf7000 : 0x0c9f7000) : isLoad ? 0x0c407000 : 0x0c007000;
  return word(base | (q << 30) | (size << 10) | (gpr(i, { kind: 'reg', reg: m.base }, 'sp') << 5) | fpr(i, i.ops[0]));
}

export function encodeSimd(i: A64Inst): Encoded {
  switch (i.op) {
    case 'add': return threeSame(i, 0, 0b10000);
    case 'sub': return threeSame(i, 1, 0b10000);
    case 'mul':
      if (i.arrangement === '2d') bad(i, 'no 64-bit lane multiply');
      return threeSame(i, 0, 0b10011);
    case 'and': return bitwise(i, 0, 0b00);
    case 'bic': return bitwise(i, 0, 0b01);
    case 'orr': return bitwise(i, 0, 0b10);
    case 'orn': return bitwise(i, 0, 0b11);
    case 'eor': return bitwise(i, 1, 0b00);
    case 'fadd': return threeSame(i, 0, 0b11010, fpSize(i, 0));
    case 'fsub': return threeSame(i, 0, 0b11010, fpSize(i, 1));
    case 'fmul': return threeSame(i, 1, 0b11011, fpSize(i, 0));
    case 'fdiv': return threeSame(i, 1, 0b11111, fpSize(i, 0));
    // FMLA / FMLS (vector), C7.2.115 / C7.2.119: Vd ± Vn·Vm, rounded once.
    case 'fmla': return threeSame(i, 0, 0b11001, fpSize(i, 0));
    case 'fmls': return threeSame(i, 0, 0b11001, fpSize(i, 1));
    case 'fmax': return threeSame(i, 0, 0b11110, fpSize(i, 0));
    case 'fmin': return threeSame(i, 0, 0b11110, fpSize(i, 1));
    case 'neg':
      if (i.arrangement === '1d') bad(i, '.1d neg');
      return twoMisc(i, 1, 0b01011, layout(i).size);
    case 'not':
      if (i.arrangement !== '8b' && i.arrangement !== '16b') bad(i, 'not takes .8b or .16b');
      return twoMisc(i, 1, 0b00101, 0);
    case 'fneg': return twoMisc(i, 1, 0b01111, fpSize(i, 1));
    case 'fabs': return twoMisc(i, 0, 0b01111, fpSize(i, 1));
    case 'fsqrt': return twoMisc(i, 1, 0b11111, fpSize(i, 1));
    case 'ld1': return ld1st1(i, true);
    case 'st1': return ld1st1(i, false);
    case 'dup': {
      // DUP (general), C7.2.40: every lane from a w (or, for .2d, x) register.
      const { q, size } = layout(i);
      if (i.arrangement === '1d') bad(i, 'dup to .1d');
      return word(0x0e000c00 | (q << 30) | (imm5(i, 1 << size, 0) << 16) | (gpr(i, i.ops[1], 'zr') << 5) | fpr(i, i.ops[0]));
    }
    case 'ins':
      // INS (general), C7.2.161: one lane of `size` bytes from a general register.
      return word(0x4e001c00 | (imm5(i, i.size, laneOf(i, i.ops[0])) << 16) | (gpr(i, i.ops[1], 'zr') << 5) | fpr(i, i.ops[0]));
    case 'umov':
      // UMOV, C7.2.371: one lane to a general register (x for 8-byte lanes, Q=1).
      return word(0x0e003c00 | ((i.size === 8 ? 1 : 0) << 30) | (imm5(i, i.size, laneOf(i, i.ops[1])) << 16)
        | (fpr(i, i.ops[1]) << 5) | gpr(i, i.ops[0], 'zr'));
    default:
      return bad(i, 'no vector form');
  }
}
