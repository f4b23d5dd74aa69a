// C prototypes for the loader's FFI (src/link/ctypes.ts), recorded for every
// function with external linkage so JavaScript can call it without
// restating the prototype.
//
// Input: sema's function types. Output: FfiFunctionType trees.
// Invariant: the result is a finite tree whose size is bounded by the
// by-value nesting of the types it mentions, never by the pointer graph: a
// pointer inside a record's members is described with an opaque pointee (a
// record without fields), which is all the loader uses there (a pointer
// member binds as `void *`, and `.d.ts` types it as an address). Describing
// the pointer graph instead made `.jitcc.sigs` grow exponentially with the
// program's struct graph (16 MB for Lua, out of memory for SQLite). A
// record's description is computed once per module and shared.

import type { FfiFunctionType, FfiType } from '../../link/ctypes.js';
import { intSize, intSpelling, isSignedInt, Q_CONST, sizeOf, type CType, type TargetInfo } from '../sema/types.js';

/** Describes the C types of one module; records are described once and shared. */
export class FfiDescriber {
  private readonly records = new Map<number, FfiType>();
  constructor(private readonly target: TargetInfo) {}

  fn(t: Extract<CType, { kind: 'function' }>, isShallow = false): FfiFunctionType {
    return {
      ret: this.type(t.ret, isShallow),
      params: t.params.map((p) => ({ name: p.name, type: this.type(p.type, isShallow) })),
      isVariadic: t.isVariadic,
    };
  }

  /** `isShallow`: records are described without their fields (pointees inside records). */
  type(t: CType, isShallow = false): FfiType {
    switch (t.kind) {
      case 'void': case 'error': return { kind: 'void' };
      case 'int': {
        if (t.name === 'bool') return { kind: 'bool' };
        const size = intSize(t.name) as 1 | 2 | 4 | 8 | 16;
        return { kind: 'int', size, isSigned: isSignedInt(t.name, this.target), name: intSpelling(t.name) };
      }
      case 'enum':
        return {
          kind: 'enum', name: t.info.tag ?? '', size: 4,
          values: t.info.values.map((v) => ({ name: v.name, value: Number(v.value) })),
        };
      case 'float': return { kind: 'float', size: sizeOf(t) as 4 | 8 | 16 };
      case 'pointer': return { kind: 'pointer', to: this.type(t.to, isShallow), isConst: (t.to.quals & Q_CONST) !== 0 };
      case 'array': return { kind: 'array', elem: this.type(t.elem, isShallow), length: t.length ?? 0 };
      // A GNU vector has the memory image of its element array.
      case 'vector': return { kind: 'array', elem: this.type(t.elem, isShallow), length: t.length };
      case 'function': return { kind: 'function', fn: this.fn(t, isShallow) };
      case 'record': return isShallow ? this.opaqueRecord(t) : this.record(t);
    }
  }

  private opaqueRecord(t: Extract<CType, { kind: 'record' }>): FfiType {
    const info = t.info;
    return { kind: 'record', isUnion: info.isUnion, name: info.tag ?? '', size: info.size, align: info.align, fields: [] };
  }

  private record(t: Extract<CType, { kind: 'record' }>): FfiType {
    const info = t.info;
    if (info.members === null) return this.opaqueRecord(t);
    const known = this.records.get(info.id);
    if (known !== undefined) return known;
    const fields = info.members
      .filter((m) => m.name !== null && m.bitWidth === null)
      .map((m) => ({ name: m.name!, offset: m.offset, type: this.member(m.type) }));
    const described: FfiType = { kind: 'record', isUnion: info.isUnion, name: info.tag ?? '', size: info.size, align: info.align, fields };
    this.records.set(info.id, described);
    return described;
  }

  /** A member's type: by-value parts in full, anything behind a pointer opaque. */
  private member(t: CType): FfiType {
    if (t.kind === 'array' || t.kind === 'vector') return { kind: 'array', elem: this.member(t.elem), length: t.length ?? 0 };
    if (t.kind === 'pointer' || t.kind === 'function') return this.type(t, true);
    return this.type(t);
  }
}
