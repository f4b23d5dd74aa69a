// AAPCS64 facts used by lowering: where each argument and result goes.
//
// Input: IR argument types and their passing annotations (ir.ts ArgAbi,
// RegPiece) as the frontend's calling convention (frontend/lower/abi/
// aapcs64.ts) left them.
// Output: a location per argument — a general or SIMD&FP register, a place
// in the stack argument area, or nothing — and the registers of a result.
//
// §6.8.2 (parameter passing), Linux flavour: NGRN counts x0–x7, NSRN v0–v7,
// NSAA the stack argument area. Floating-point scalars take the next v
// register; integers and pointers the next x register; a group of 'part'
// pieces (one composite) goes all in registers or all on the stack: a
// homogeneous aggregate takes one v register per member (C.2/C.3), any
// other composite ≤ 16 bytes one or two x registers, an even-numbered
// first one when it is 16-aligned (C.8, C.12/C.13). When a group does not
// fit, the remaining registers of its kind are given up (NGRN or NSRN set
// to 8) and it goes on the stack, laid out as in memory, at an offset
// aligned to max(8, its alignment) and rounded up to 8 bytes (C.4, C.16).
// An 'up' piece is the upper half of the v register of the piece before it
// (a binary128 long double or a 16-byte vector in one q register). The
// indirect result address ('sret') goes in x8, not in the argument
// registers (C.3 of §6.9). Variadic arguments travel as named ones do.

import type { ArgAbi, IrType, RegPiece } from '../../ir/ir.js';
import { isFloatType, pieceSize } from '../../ir/ir.js';
import { FLOAT_ARG_REGS, INDIRECT_RESULT_REG, INT_ARG_REGS, V0, X0 } from './regs.js';

export type ArgLoc =
  /** `isUpper`: the upper 64 bits of `preg` (a q register whose low half the previous piece filled). */
  | { readonly kind: 'reg'; readonly preg: number; readonly isUpper?: boolean }
  /** `size` bytes at this offset in the outgoing (or incoming) argument area. */
  | { readonly kind: 'stack'; readonly offset: number; readonly size: number }
  /** A value of `size` bytes copied into the argument area at `offset` (IR 'byval'). */
  | { readonly kind: 'byval'; readonly offset: number; readonly size: number }
  /** Not passed: a call's buffer for the returned pieces. */
  | { readonly kind: 'none' };

function alignTo(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export interface ArgClassification {
  readonly locs: ArgLoc[];
  /** Bytes of the stack argument area used (a multiple of 8). */
  readonly stackBytes: number;
  /** Registers the arguments took (NGRN, NSRN after the last one), for va_start. */
  readonly intRegs: number;
  readonly floatRegs: number;
}

export function classifyArgs(tys: readonly IrType[], abi?: readonly (ArgAbi | null)[]): ArgClassification {
  let ngrn = 0;
  let nsrn = 0;
  let nsaa = 0;
  // The current 'part' group: in registers or on the stack, and where its bytes start.
  let groupInRegs = true;
  let groupStack = 0;
  let groupAt = 0;
  const locs = tys.map((ty, k): ArgLoc => {
    const a = abi?.[k] ?? null;
    if (a?.kind === 'retbuf') return { kind: 'none' };
    if (a?.kind === 'sret') return { kind: 'reg', preg: INDIRECT_RESULT_REG };
    if (a?.kind === 'byval') {
      nsaa = alignTo(nsaa, Math.max(8, a.align));
      const loc: ArgLoc = { kind: 'byval', offset: nsaa, size: a.size };
      nsaa += alignTo(a.size, 8);
      return loc;
    }
    if (a?.kind === 'part') {
      if (a.index === 0) {
        const pieces = Array.from({ length: a.count }, (_, j) => abi![k + j] as Extract<ArgAbi, { kind: 'part' }>);
        const isVfp = pieces.every((_, j) => isFloatType(tys[k + j]!));
        const align = a.align ?? 8;
        if (isVfp) {
          const need = pieces.filter((p) => !p.isUpper).length;
          groupInRegs = nsrn + need <= FLOAT_ARG_REGS.length;
          if (!groupInRegs) nsrn = FLOAT_ARG_REGS.length;
        } else {
          if (align >= 16) ngrn = alignTo(ngrn, 2);
          groupInRegs = ngrn + a.count <= INT_ARG_REGS.length;
          if (!groupInRegs) ngrn = INT_ARG_REGS.length;
        }
        if (!groupInRegs) {
          const bytes = pieces.reduce((n, p, j) => n + pieceSize(pieceOf(tys[k + j]!, p.isUpper)), 0);
          nsaa = alignTo(nsaa, Math.max(8, align));
          groupStack = nsaa;
          groupAt = 0;
          nsaa += alignTo(bytes, 8);
        }
      }
      const size = pieceSize(pieceOf(ty, a.isUpper));
      if (!groupInRegs) {
        const loc: ArgLoc = { kind: 'stack', offset: groupStack + groupAt, size };
        groupAt += size;
        return loc;
      }
      if (a.isUpper) return { kind: 'reg', preg: FLOAT_ARG_REGS[nsrn - 1]!, isUpper: true };
      if (isFloatType(ty)) return { kind: 'reg', preg: FLOAT_ARG_REGS[nsrn++]! };
      return { kind: 'reg', preg: INT_ARG_REGS[ngrn++]! };
    }
    if (isFloatType(ty)) {
      if (nsrn < FLOAT_ARG_REGS.length) return { kind: 'reg', preg: FLOAT_ARG_REGS[nsrn++]! };
    } else if (ngrn < INT_ARG_REGS.length) {
      return { kind: 'reg', preg: INT_ARG_REGS[ngrn++]! };
    }
    const loc: ArgLoc = { kind: 'stack', offset: nsaa, size: ty === 'f32' ? 4 : 8 };
    nsaa += 8;
    return loc;
  });
  return { locs, stackBytes: alignTo(nsaa, 8), intRegs: ngrn, floatRegs: nsrn };
}

/** The RegPiece an IR piece value stands for. */
function pieceOf(ty: IrType, isUpper: boolean | undefined): RegPiece {
  if (isUpper) return 'up';
  return ty === 'f32' ? 'f32' : ty === 'f64' ? 'f64' : 'i64';
}

/**
 * §6.9 results: 'i64' pieces in x0 then x1, 'f32'/'f64' pieces in v0, v1…
 * (one register per homogeneous-aggregate member), an 'up' piece in the
 * upper half of the v register before it.
 */
export function returnRegs(pieces: readonly RegPiece[]): number[] {
  let ints = 0;
  let floats = 0;
  return pieces.map((c) => (c === 'i64' ? X0 + ints++ : c === 'up' ? V0 + floats - 1 : V0 + floats++));
}
