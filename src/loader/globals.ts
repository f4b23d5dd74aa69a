// Access to a loaded module's global variables from JavaScript:
// `mod.global('counter').value` reads or writes a scalar in place, and
// `mod.global('table').array` is a typed array over a C array's own memory.
//
// Input: the symbol's address, its C type (recorded by the frontend in
// `ObjectFile.globalTypes`) and whether its section is writable. Output: a
// `GlobalVariable` handle.
// Invariants: nothing is written to read-only pages (a write to a `const`
// global in .rodata throws instead of faulting); every access checks that
// the module is still loaded. A typed array from `.array` cannot be guarded:
// it must not be used after `dispose()` (its memory is unmapped then).
//
// C → JS mapping of `.value`: integers ≤ 32 bits, float, double and enums as
// numbers, 64-bit integers as number or bigint (the module's int64 option),
// _Bool as boolean, every pointer as a bigint address (null for NULL),
// structs and unions as objects with the member names, arrays as typed
// arrays (numbers) or JS arrays (records) — copies; use `.array` for a view.

import type { FfiType } from '../link/ctypes.js';
import { printFfiType } from '../link/ctypes.js';
import { LoadError } from './errors.js';
import { dataSpec, type Int64Mode, nativeBuffer, readValue, writeValue } from './ffi.js';

export interface GlobalInfo {
  readonly name: string;
  readonly address: bigint;
  readonly type: FfiType;
  readonly isWritable: boolean;
}

type TypedArray =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

type TypedArrayMaker = (buffer: ArrayBuffer, length: number) => TypedArray;

/** The typed array kind for an array element of scalar type `t`, or null for records and other aggregates. */
function typedArrayFor(t: FfiType): TypedArrayMaker | null {
  switch (t.kind) {
    case 'bool': return (b, n) => new Uint8Array(b, 0, n);
    case 'enum': return (b, n) => new Int32Array(b, 0, n);
    case 'pointer': case 'function': return (b, n) => new BigUint64Array(b, 0, n);
    case 'float':
      if (t.size === 4) return (b, n) => new Float32Array(b, 0, n);
      if (t.size === 8) return (b, n) => new Float64Array(b, 0, n);
      return null;
    case 'int':
      switch (t.size) {
        case 1: return t.isSigned ? (b, n) => new Int8Array(b, 0, n) : (b, n) => new Uint8Array(b, 0, n);
        case 2: return t.isSigned ? (b, n) => new Int16Array(b, 0, n) : (b, n) => new Uint16Array(b, 0, n);
        case 4: return t.isSigned ? (b, n) => new Int32Array(b, 0, n) : (b, n) => new Uint32Array(b, 0, n);
        case 8: return t.isSigned ? (b, n) => new BigInt64Array(b, 0, n) : (b, n) => new BigUint64Array(b, 0, n);
      }
      return null;
    case 'void': case 'array': case 'record': return null;
  }
}

/** Element type and count of a (possibly multi-dimensional) array, flattened: int[3][4] is 12 ints. */
function flatten(t: FfiType & { kind: 'array' }): { elem: FfiType; count: number } {
  let elem: FfiType = t;
  let count = 1;
  while (elem.kind === 'array') {
    count *= elem.length;
    elem = elem.elem;
  }
  return { elem, count };
}

function elementSize(t: FfiType): number {
  switch (t.kind) {
    case 'bool': return 1;
    case 'int': case 'float': case 'enum': return t.size;
    case 'pointer': case 'function': return 8;
    case 'record': return t.size;
    case 'array': return t.length * elementSize(t.elem);
    case 'void': return 0;
  }
}

export class GlobalVariable {
  /** Not for users: handles come from `LoadedModule.global`. */
  constructor(
    private readonly info: GlobalInfo,
    private readonly int64: Int64Mode,
    private readonly checkLive: (what: string) => void,
  ) {}

  get name(): string {
    return this.info.name;
  }

  /** The variable's address (for C pointer arguments or koffi). */
  get address(): bigint {
    this.checkLive(`cannot use global '${this.info.name}'`);
    return this.info.address;
  }

  /** The C spelling of its type, e.g. `int[16]`. */
  get type(): string {
    return printFfiType(this.info.type);
  }

  get value(): unknown {
    this.checkLive(`cannot read global '${this.info.name}'`);
    const v = readValue(this.info.address, dataSpec(this.info.type, this.info.name));
    if (this.info.type.kind === 'int' && this.info.type.size === 8) {
      if (this.int64 === 'auto') return v;
      return this.int64 === 'bigint' ? BigInt(v as number | bigint) : Number(v as number | bigint);
    }
    return v;
  }

  set value(v: unknown) {
    this.checkLive(`cannot write global '${this.info.name}'`);
    if (!this.info.isWritable) throw new LoadError(`cannot write global '${this.info.name}': it is read-only (const)`);
    try {
      writeValue(this.info.address, dataSpec(this.info.type, this.info.name), v);
    } catch (e) {
      if (e instanceof LoadError) throw e;
      throw new LoadError(`cannot write global '${this.info.name}' of type '${printFfiType(this.info.type)}': ${(e as Error).message}`);
    }
  }

  /**
   * A typed array over the C array itself: JS writes are seen by C and C
   * writes by JS, without copying. Multi-dimensional arrays are flattened.
   * A `const` array gives a copy (its pages are read-only, and a write
   * through a view would fault). Do not use the view after `dispose()`.
   */
  get array(): TypedArray {
    this.checkLive(`cannot view global '${this.info.name}'`);
    const t = this.info.type;
    if (t.kind !== 'array') throw new LoadError(`global '${this.info.name}' has type '${printFfiType(t)}', not an array; use .value`);
    const { elem, count } = flatten(t);
    const make = typedArrayFor(elem);
    if (make === null) throw new LoadError(`global '${this.info.name}' is an array of '${printFfiType(elem)}', which has no typed array; use .value`);
    const bytes = count * elementSize(elem);
    if (bytes === 0) throw new LoadError(`global '${this.info.name}' is an empty array`);
    const buffer = nativeBuffer(this.info.address, bytes);
    const view = make(buffer, count);
    return this.info.isWritable ? view : (view.slice() as TypedArray);
  }
}
