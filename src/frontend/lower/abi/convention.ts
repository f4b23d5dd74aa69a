// The calling-convention interface: everything the frontend needs to know
// about a target's C ABI, asked of one object per target (sysv-x64.ts,
// aapcs64.ts; the list is conventions.ts) that reaches the frontend through
// FrontendOptions. No other frontend file knows which ABI it compiles for.
//
// Input: C types. Output:
//  - the C facts the ABI fixes (`target`: plain char signedness, the
//    va_list type), read by sema;
//  - how each parameter and result travels in the IR (ParamShape,
//    ReturnShape), read by function and call lowering, which turn them into
//    the IR's neutral passing annotations (ir.ts ArgAbi, RegPiece);
//  - the va_arg algorithm over the ABI's va_list, as plain IR.
// The IR keeps no ABI names: a backend reads only the annotations and
// assigns registers by its own rules.

import { pieceSize, type IrType, type Operand, type RegPiece } from '../../../ir/ir.js';
import type { CType, TargetInfo } from '../../sema/types.js';
import type { FnLowerer } from '../lower-function.js';

/** How one C parameter (or call argument) travels in the IR. */
export type ParamShape =
  /** An IR value of its own. */
  | { readonly kind: 'scalar'; readonly ty: IrType }
  /**
   * Split into register pieces ('i64', 'f32', 'f64', 'up'; one IR value
   * each, 'up' an f64) read from the value's padded copy at consecutive
   * offsets (ir.ts RegPiece). `align`: the value's alignment when above 8.
   */
  | { readonly kind: 'pieces'; readonly pieces: readonly RegPiece[]; readonly align?: number }
  /** In memory: a ptr the backend copies from into the stack argument area (IR 'byval'). */
  | { readonly kind: 'byval' }
  /** A ptr to a copy the caller makes; the callee uses that copy as the parameter's storage. */
  | { readonly kind: 'indirect' }
  /** Nothing is passed (an empty GNU struct). */
  | { readonly kind: 'empty' };

/** How a C function's result travels in the IR. */
export type ReturnShape =
  /** An IR value of its own, or nothing. */
  | { readonly kind: 'scalar'; readonly ty: IrType | 'void' }
  /** Register pieces: the function returns a ptr to the padded value (IR `regs`), a call passes a 'retbuf'. */
  | { readonly kind: 'pieces'; readonly pieces: readonly RegPiece[] }
  /**
   * Written through a hidden first ptr parameter (IR 'sret'); `isReturned`:
   * the function also returns that pointer (as SysV asks, not AAPCS64).
   */
  | { readonly kind: 'sret'; readonly isReturned: boolean };

export interface CallingConvention {
  readonly name: 'sysv-x64' | 'aapcs64';
  /** The C facts the ABI fixes, for sema and lowering. */
  readonly target: TargetInfo;
  paramShape(t: CType): ParamShape;
  returnShape(t: CType): ReturnShape;
  /** `va_arg(ap, t)`: the value (scalars) or the address of its bytes (aggregates, long double) of the next variadic argument. */
  lowerVaArg(fl: FnLowerer, ap: Operand, t: CType): Operand;
}

/** The IR type of each piece ('up' travels as an f64). */
export function pieceIrType(piece: RegPiece): IrType {
  switch (piece) {
    case 'i64': return 'i64';
    case 'f32': return 'f32';
    case 'f64': case 'up': return 'f64';
    case 'ldouble': return 'ptr';
  }
}

/** The byte offset of each piece in the value's padded copy. */
export function pieceOffsets(pieces: readonly RegPiece[]): number[] {
  let at = 0;
  return pieces.map((p) => {
    const here = at;
    at += pieceSize(p);
    return here;
  });
}

/** Bytes of the padded copy the pieces are read from or written to. */
export function piecesBytes(pieces: readonly RegPiece[]): number {
  return pieces.reduce((n, p) => n + pieceSize(p), 0);
}
