// Variadic functions: va_start, va_arg, va_copy, va_end (C11 7.16) over the
// target's va_list (its size from TargetInfo.vaList).
//
// Input: a typed `vaBuiltin` expression. Output: IR. va_start is the IR
// `vastart` op (the backend fills the va_list: it owns the register save
// area and knows how many registers the named parameters used); va_arg is
// the calling convention's algorithm (abi/convention.ts) in plain IR;
// va_copy copies the va_list's bytes; va_end does nothing.
//
// Invariant: va_arg of an aggregate (or long double) yields the address of
// its bytes (the lowering's representation of such values).

import { unreachable } from '../../diagnostics.js';
import type { Operand } from '../../ir/ir.js';
import type { TExpr } from '../sema/typed.js';
import { lowerEffect, lowerValue } from './lower-expr.js';
import type { FnLowerer } from './lower-function.js';
import { copyBytes } from './lower-memory.js';

const UNUSED: Operand = { kind: 'int', value: 0n };

export function lowerVaBuiltin(fl: FnLowerer, e: Extract<TExpr, { kind: 'vaBuiltin' }>): Operand {
  switch (e.name) {
    case 'start': {
      const ap = lowerValue(fl, e.args[0]!);
      lowerEffect(fl, e.args[1]!);
      fl.b.emit({ op: 'vastart', result: null, ty: null, args: [ap] });
      return UNUSED;
    }
    case 'end':
      lowerEffect(fl, e.args[0]!);
      return UNUSED;
    case 'copy': {
      const dst = lowerValue(fl, e.args[0]!);
      const src = lowerValue(fl, e.args[1]!);
      copyBytes(fl, dst, src, fl.target.vaList.size);
      return UNUSED;
    }
    case 'arg':
      return fl.module.convention.lowerVaArg(fl, lowerValue(fl, e.args[0]!), e.type);
    default: return unreachable(e.name, 'va builtin');
  }
}
