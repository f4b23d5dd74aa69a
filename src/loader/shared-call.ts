// Synchronous bindings of C functions that own no native memory.
//
// koffi.decode makes one JS function per C function address, and with it
// about 3 KB of native memory (a copy of the prototype's FunctionInfo with
// its parameter and execution-plan arrays, a second function for `.async`,
// their N-API finalizer records, an `info` object). That memory is freed
// only when V8 collects the JS function, at a major GC; V8 does not count
// it, so a process with a small JS heap collects rarely and compile → call
// → dispose cycles grew RSS by ~4 KB each (issue 11) although nothing was
// kept for good.
//
// So on x86-64 Linux a bound function calls one shared stub instead,
// through one koffi function per C prototype (interned, like the koffi
// types). The stub jumps to the address held in a process-wide slot, which
// the bound function writes just before the call:
//
//     mov r11, imm64 (the slot's address)     ; r11: caller-saved, never an argument
//     jmp [r11]
//
// The jump leaves every argument register, the stack and %al (the vector
// register count of a variadic call) as koffi set them, so the target runs
// as if called directly; its return goes straight back to koffi.
//
// Why one slot suffices: it is read by the stub's jump, at the start of
// the native call, and between the write and that read only koffi's
// argument conversion runs, on the JavaScript thread. For numbers, bigints,
// booleans, strings, typed arrays, ArrayBuffers and null that conversion
// runs no JavaScript, so no other binding can write the slot in between. A
// JS array or object passed for a pointer could (its getters run while
// koffi copies it), so such a call, and every call of a function taking a
// struct or union by value, goes through the function's own koffi binding,
// made on first need. A call from C into a JS callback and back into C
// happens after the jump, so it may reuse the slot. Other threads never
// call through the slot: `f.async` has its own binding, and worker threads
// have their own copy of this module's state.
//
// Elsewhere (other architectures) every binding is koffi's own.

import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import { bindFunction, functionTypeKey, nativeBuffer } from './ffi.js';
import { MemoryRegion } from './memory.js';

type Callable = (...args: unknown[]) => unknown;

interface Stub {
  readonly address: bigint;
  /** The slot as two 32-bit halves (low, high): plain number stores on the call path. */
  readonly target: Int32Array;
  /** koffi's function for the stub, one per prototype. */
  readonly byPrototype: Map<string, Callable>;
}

let stub: Stub | null | undefined;

function sharedStub(): Stub | null {
  if (stub !== undefined) return stub;
  if (process.arch !== 'x64' || process.platform !== 'linux') return (stub = null);
  const slot = new MemoryRegion(8);
  slot.finish();
  const code = new MemoryRegion(16);
  const bytes = new Uint8Array(13);
  bytes.set([0x49, 0xbb], 0); // mov r11, imm64
  new DataView(bytes.buffer).setBigUint64(2, slot.address, true);
  bytes.set([0x41, 0xff, 0x23], 10); // jmp [r11]
  code.write(0, bytes);
  code.protect(0, code.size, 'rx');
  code.finish();
  stub = { address: code.address, target: new Int32Array(nativeBuffer(slot.address, 8)), byPrototype: new Map() };
  return stub;
}

/** How a parameter's argument reaches koffi: a plain value, a pointer (JS runs only for arrays and objects), or a record. */
type ParamKind = 'value' | 'pointer' | 'record';

function paramKind(t: FfiType): ParamKind {
  switch (t.kind) {
    case 'record': return 'record';
    case 'pointer': case 'array': case 'function': return 'pointer';
    default: return 'value';
  }
}

/** Arguments for which koffi's conversion to a pointer runs no JavaScript. */
function isInertPointer(v: unknown): boolean {
  return v === null || typeof v === 'bigint' || typeof v === 'string' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
}

/**
 * A JS function calling the C function at `address` of type `fn`
 * synchronously, like ffi.ts's `bindFunction`, but through the shared stub
 * where it can (see above), so that it owns no native memory.
 */
export function bindSync(address: bigint, name: string, fn: FfiFunctionType): Callable {
  const s = sharedStub();
  const kinds = fn.params.map((p) => paramKind(p.type));
  if (s === null || fn.isVariadic || kinds.includes('record')) return bindFunction(address, name, fn);
  const key = functionTypeKey(fn);
  let shared = s.byPrototype.get(key);
  if (shared === undefined) {
    shared = bindFunction(s.address, name, fn);
    s.byPrototype.set(key, shared);
  }
  const call = shared;
  const target = s.target;
  const lo = Number(address & 0xffffffffn) | 0;
  const hi = Number(address >> 32n) | 0;
  let own: Callable | null = null;
  const viaOwn = (args: unknown[]): unknown => (own ??= bindFunction(address, name, fn))(...args);
  // Fixed arities for the common counts (a rest parameter costs a quarter more per call); a
  // different argument count goes to koffi as it is, which rejects too few and ignores extras.
  const [p0, p1, p2, p3] = kinds.map((k) => k === 'pointer');
  const inert = (v: unknown, isPointer: boolean | undefined): boolean => !isPointer || isInertPointer(v);
  switch (kinds.length) {
    case 0: return function () {
      target[0] = lo; target[1] = hi;
      return arguments.length === 0 ? call() : call(...arguments);
    };
    case 1: return function (a: unknown) {
      if (!inert(a, p0)) return viaOwn([...arguments]);
      target[0] = lo; target[1] = hi;
      return arguments.length === 1 ? call(a) : call(...arguments);
    };
    case 2: return function (a: unknown, b: unknown) {
      if (!inert(a, p0) || !inert(b, p1)) return viaOwn([...arguments]);
      target[0] = lo; target[1] = hi;
      return arguments.length === 2 ? call(a, b) : call(...arguments);
    };
    case 3: return function (a: unknown, b: unknown, c: unknown) {
      if (!inert(a, p0) || !inert(b, p1) || !inert(c, p2)) return viaOwn([...arguments]);
      target[0] = lo; target[1] = hi;
      return arguments.length === 3 ? call(a, b, c) : call(...arguments);
    };
    case 4: return function (a: unknown, b: unknown, c: unknown, d: unknown) {
      if (!inert(a, p0) || !inert(b, p1) || !inert(c, p2) || !inert(d, p3)) return viaOwn([...arguments]);
      target[0] = lo; target[1] = hi;
      return arguments.length === 4 ? call(a, b, c, d) : call(...arguments);
    };
  }
  const isPointer = kinds.map((k) => k === 'pointer');
  return (...args: unknown[]): unknown => {
    for (let i = 0; i < isPointer.length; i++) if (isPointer[i] && !isInertPointer(args[i])) return viaOwn(args);
    target[0] = lo; target[1] = hi;
    return call(...args);
  };
}
