// The `.jitcc.sigs` section: `ObjectFile.signatures` (C prototypes for the
// loader's FFI) stored in a non-allocated section, so an object written to
// disk and read back still knows its functions' C types. Linkers copy such
// sections to the output untouched (they are not SHF_ALLOC) and never load
// them.
//
// Format: UTF-8 JSON Lines, one `[name, FfiFunctionType]` pair per line in
// the map's insertion order (so a round trip keeps the order), FfiType
// objects exactly as in ctypes.ts. One pair per line, rather than one JSON
// array, keeps the section valid when `ld -r` concatenates the sections of
// several objects. The reader validates the shape field by field, because
// the bytes come from a file and may be corrupt.
// The C types of global objects (`ObjectFile.globalTypes`) share the section
// as `[name, null, FfiType]` triples after the pairs; decodeSignatures skips
// them and decodeGlobalTypes reads only them.

import type { FfiField, FfiFunctionType, FfiParam, FfiType } from '../ctypes.js';

export function encodeSignatures(sigs: ReadonlyMap<string, FfiFunctionType>, globalTypes?: ReadonlyMap<string, FfiType>): Uint8Array {
  const lines = [...sigs.entries()].map((entry) => JSON.stringify(entry) + '\n');
  for (const [name, type] of globalTypes ?? []) lines.push(JSON.stringify([name, null, type]) + '\n');
  return new TextEncoder().encode(lines.join(''));
}

/** Decodes the section; returns an error message (no file name) for anything malformed. */
export function decodeSignatures(bytes: Uint8Array): Map<string, FfiFunctionType> | string {
  const out = new Map<string, FfiFunctionType>();
  const lines = new TextDecoder().decode(bytes).split('\n');
  let i = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return `signature ${i} in '.jitcc.sigs' is not valid JSON`;
    }
    if (isGlobalTypeEntry(entry)) continue;
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      return `signature ${i} in '.jitcc.sigs' is not a [name, type] pair`;
    }
    const fn = checkFunction(entry[1], 0);
    if (fn === null) return `signature ${i} ('${entry[0]}') in '.jitcc.sigs' has a malformed type`;
    out.set(entry[0], fn);
    i++;
  }
  return out;
}

function isGlobalTypeEntry(entry: unknown): entry is [string, null, unknown] {
  return Array.isArray(entry) && entry.length === 3 && typeof entry[0] === 'string' && entry[1] === null;
}

/** Decodes the global-object triples of the section (see the header); an error message for anything malformed. */
export function decodeGlobalTypes(bytes: Uint8Array): Map<string, FfiType> | string {
  const out = new Map<string, FfiType>();
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return "a line of '.jitcc.sigs' is not valid JSON";
    }
    if (!isGlobalTypeEntry(entry)) continue;
    const type = checkType(entry[2], 0);
    if (type === null) return `the type of global '${entry[0]}' in '.jitcc.sigs' is malformed`;
    out.set(entry[0], type);
  }
  return out;
}

/** Nesting beyond this is corrupt (and would risk a stack overflow on hostile input). */
const MAX_DEPTH = 64;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function checkFunction(v: unknown, depth: number): FfiFunctionType | null {
  if (!isObject(v) || depth > MAX_DEPTH || typeof v.isVariadic !== 'boolean' || !Array.isArray(v.params)) return null;
  const ret = checkType(v.ret, depth + 1);
  if (ret === null) return null;
  const params: FfiParam[] = [];
  for (const p of v.params as unknown[]) {
    if (!isObject(p) || !(p.name === null || typeof p.name === 'string')) return null;
    const type = checkType(p.type, depth + 1);
    if (type === null) return null;
    params.push({ name: p.name, type });
  }
  return { ret, params, isVariadic: v.isVariadic };
}

function checkType(v: unknown, depth: number): FfiType | null {
  if (!isObject(v) || depth > MAX_DEPTH) return null;
  switch (v.kind) {
    case 'void':
      return { kind: 'void' };
    case 'bool':
      return { kind: 'bool' };
    case 'int': {
      const { size, isSigned, name } = v;
      if (!(size === 1 || size === 2 || size === 4 || size === 8 || size === 16) || typeof isSigned !== 'boolean' || typeof name !== 'string') return null;
      return { kind: 'int', size, isSigned, name };
    }
    case 'float': {
      const { size } = v;
      if (!(size === 4 || size === 8 || size === 16)) return null;
      return { kind: 'float', size };
    }
    case 'pointer': {
      const to = checkType(v.to, depth + 1);
      if (to === null || typeof v.isConst !== 'boolean') return null;
      return { kind: 'pointer', to, isConst: v.isConst };
    }
    case 'array': {
      const elem = checkType(v.elem, depth + 1);
      if (elem === null || !isCount(v.length)) return null;
      return { kind: 'array', elem, length: v.length };
    }
    case 'enum':
      return checkEnum(v);
    case 'record':
      return checkRecord(v, depth);
    case 'function': {
      const fn = checkFunction(v.fn, depth + 1);
      return fn === null ? null : { kind: 'function', fn };
    }
    default:
      return null;
  }
}

function checkEnum(v: Json): FfiType | null {
  if (typeof v.name !== 'string' || v.size !== 4 || !Array.isArray(v.values)) return null;
  const values: { name: string; value: number }[] = [];
  for (const e of v.values as unknown[]) {
    if (!isObject(e) || typeof e.name !== 'string' || typeof e.value !== 'number' || !Number.isSafeInteger(e.value)) return null;
    values.push({ name: e.name, value: e.value });
  }
  return { kind: 'enum', name: v.name, size: 4, values };
}

function checkRecord(v: Json, depth: number): FfiType | null {
  const { isUnion, name, size, align } = v;
  if (typeof isUnion !== 'boolean' || typeof name !== 'string' || !isCount(size) || !isCount(align) || !Array.isArray(v.fields)) return null;
  const fields: FfiField[] = [];
  for (const f of v.fields as unknown[]) {
    if (!isObject(f) || typeof f.name !== 'string' || !isCount(f.offset)) return null;
    const type = checkType(f.type, depth + 1);
    if (type === null) return null;
    fields.push({ name: f.name, offset: f.offset, type });
  }
  return { kind: 'record', isUnion, name, size, align, fields };
}
