// C prototypes for the loader's FFI (src/link/ctypes.ts), recorded for every
// function with external linkage so JavaScript can call it without
// restating the prototype.
//
// Input: sema's function types. Output: FfiFunctionType trees.
// Invariant: the result is a finite tree: a struct reached again through a
// pointer while it is being described is described without its fields
// (an opaque struct), which is all a pointer parameter needs.

import type { FfiFunctionType, FfiType } from '../../link/ctypes.js';
import { intSize, intSpelling, isSignedInt, Q_CONST, sizeOf, type CType, type TargetInfo } from '../sema/types.js';

export function ffiFunctionType(t: Extract<CType, { kind: 'function' }>, target: TargetInfo): FfiFunctionType {
  return new FfiDescriber(target).fn(t);
}

/** The C type of an object with external linkage (for `Module.global` and `--emit-dts`). */
export function ffiObjectType(t: CType, target: TargetInfo): FfiType {
  return new FfiDescriber(target).type(t);
}

class FfiDescriber {
  private readonly describing = new Set<number>();
  constructor(private readonly target: TargetInfo) {}

  fn(t: Extract<CType, { kind: 'function' }>): FfiFunctionType {
    return {
      ret: this.type(t.ret),
      params: t.params.map((p) => ({ name: p.name, type: this.type(p.type) })),
      isVariadic: t.isVariadic,
    };
  }

  type(t: CType): FfiType {
    switch (t.kind) {
      case 'void': case 'error': return { kind: 'void' };
      case 'int': {
        if (t.name === 'bool') return { kind: 'bool' };
        const size = intSize(t.name) as 1 | 2 | 4 | 8;
        return { kind: 'int', size, isSigned: isSignedInt(t.name, this.target), name: intSpelling(t.name) };
      }
      case 'enum':
        return {
          kind: 'enum', name: t.info.tag ?? '', size: 4,
          values: t.info.values.map((v) => ({ name: v.name, value: Number(v.value) })),
        };
      case 'float': return { kind: 'float', size: sizeOf(t) as 4 | 8 | 16 };
      case 'pointer': return { kind: 'pointer', to: this.type(t.to), isConst: (t.to.quals & Q_CONST) !== 0 };
      case 'array': return { kind: 'array', elem: this.type(t.elem), length: t.length ?? 0 };
      // A GNU vector has the memory image of its element array.
      case 'vector': return { kind: 'array', elem: this.type(t.elem), length: t.length };
      case 'function': return { kind: 'function', fn: this.fn(t) };
      case 'record': {
        const info = t.info;
        const base = { kind: 'record' as const, isUnion: info.isUnion, name: info.tag ?? '', size: info.size, align: info.align };
        if (this.describing.has(info.id) || info.members === null) return { ...base, fields: [] };
        this.describing.add(info.id);
        const fields = info.members
          .filter((m) => m.name !== null && m.bitWidth === null)
          .map((m) => ({ name: m.name!, offset: m.offset, type: this.type(m.type) }));
        this.describing.delete(info.id);
        return { ...base, fields };
      }
    }
  }
}

