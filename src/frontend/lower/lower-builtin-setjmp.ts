// GNU `__builtin_setjmp(buf)` / `__builtin_longjmp(buf, 1)` as IR, built on
// the C library's `_setjmp` / `longjmp`.
//
// gcc's builtins take a 5-word buffer (too small for glibc's jmp_buf, 200
// bytes on x86-64). The setjmp side keeps a real jmp_buf in a slot of its
// own frame, which lives as long as a longjmp to it is valid (until the
// function returns), and stores the slot's address in buf[0]; the longjmp
// side jumps through that word. The library restores rbx, rbp, r12–r15 and
// rsp, so the resumed function finds its frame and stack (alloca included)
// as they were at the setjmp.
//
// Input: the typed `builtinSetjmp` / `builtinLongjmp` expressions. Output:
// an i32 operand (setjmp's value) or nothing.

import type { Operand } from '../../ir/ir.js';
import { globalOperand, intOperand } from '../../ir/ir.js';
import type { TExpr } from '../sema/typed.js';
import type { FnLowerer } from './lower-function.js';
import { lowerValue } from './lower-expr.js';

/** sizeof(jmp_buf) in glibc on x86-64 and AArch64 (__jmp_buf plus the saved signal mask), generously aligned. */
const JMP_BUF_BYTES = 200;
const JMP_BUF_ALIGN = 16;

export function lowerBuiltinSetjmp(fl: FnLowerer, e: Extract<TExpr, { kind: 'builtinSetjmp' }>): Operand {
  const buf = lowerValue(fl, e.buf);
  const jmpBuf = fl.b.slot(JMP_BUF_BYTES, JMP_BUF_ALIGN, 'builtin_setjmp');
  fl.b.store('ptr', jmpBuf, buf);
  fl.module.helpers.add('_setjmp');
  return fl.b.call('i32', globalOperand('_setjmp'), [jmpBuf], ['ptr'])!;
}

export function lowerBuiltinLongjmp(fl: FnLowerer, e: Extract<TExpr, { kind: 'builtinLongjmp' }>): void {
  const buf = lowerValue(fl, e.buf);
  const jmpBuf = fl.b.load('ptr', buf);
  fl.module.helpers.add('longjmp');
  // gcc's __builtin_longjmp always makes the setjmp return 1.
  fl.b.call('void', globalOperand('longjmp'), [jmpBuf, intOperand(1)], ['ptr', 'i32']);
}
