// Calls the loader refuses because jitcc's own code would not receive them
// as the C ABI says, so the call would pass garbage or crash.
//
// Today: structs and unions *by value*. The lowering passes an aggregate
// argument as a pointer to a caller-made copy and returns one through a
// hidden pointer (src/frontend/lower/lower-function.ts), and the x64
// backend does not yet map that onto the SysV classification (psABI §3.2.3:
// small records travel in registers, large ones in memory on the stack),
// which is what koffi — like gcc — uses. Until it does, binding such a
// function from its *recorded* signature (or importing a JS function with
// such a prototype) is a LoadError naming the function and parameter,
// rather than a crash. Code from other compilers, bound with an explicit
// prototype, follows the ABI and is not affected.
// TODO(#x64-aggregate-abi): remove once the backend classifies aggregates.

import type { FfiFunctionType } from '../link/ctypes.js';
import { printFfiType } from '../link/ctypes.js';
import { LoadError } from './errors.js';

export function checkJitccAbi(name: string, fn: FfiFunctionType, what: 'call' | 'import'): void {
  const verb = what === 'call' ? 'cannot bind' : 'cannot import';
  if (fn.ret.kind === 'record') {
    throw new LoadError(`${verb} '${name}': the return value has type '${printFfiType(fn.ret)}'; jitcc does not yet pass structs and unions by value as the SysV ABI does (return it through a pointer parameter)`);
  }
  fn.params.forEach((p, i) => {
    if (p.type.kind === 'record') {
      const param = `parameter ${i + 1}${p.name ? ` '${p.name}'` : ''}`;
      throw new LoadError(`${verb} '${name}': ${param} has type '${printFfiType(p.type)}'; jitcc does not yet pass structs and unions by value as the SysV ABI does (pass a pointer)`);
    }
  });
}
