// TypeScript declarations for a compiled module (`jitcc --emit-dts`,
// `emitDts()`, `mod.dts`): the external functions and globals it defines,
// typed as the loader's bindings (ffi.ts, globals.ts) accept and return them.
//
// Input: the object's recorded C prototypes and global types and the names
// it defines. Output: the text of a .d.ts file declaring
//   - an interface per struct/union that crosses the boundary by value or
//     by pointer (members as JS sees them), a number alias per enum;
//   - `CFunctions`: one method per defined external function;
//   - `CGlobals`: the `.value` type of each defined external global;
// and `JitccModule`, the module type narrowed to them, so
// `compile(src) as JitccModule` gives typed `fn('add')` and `global('n')`.
// Output is deterministic (names sorted), so it can be committed.

import type { FfiFunctionType, FfiType } from '../link/ctypes.js';
import type { ObjectFile } from '../link/object.js';
import type { Int64Mode } from './ffi.js';
import { printFfiType, printPrototype } from '../link/ctypes.js';

export interface DtsInput {
  readonly signatures: ReadonlyMap<string, FfiFunctionType>;
  readonly globalTypes: ReadonlyMap<string, FfiType>;
  /** Names the module defines with external linkage; declarations of other functions (e.g. libc's) are left out. */
  readonly defined: ReadonlySet<string>;
  readonly int64?: Int64Mode;
  /** For the header comment. */
  readonly source?: string;
}

const POINTER_ARG = 'ArrayBufferView | ArrayBuffer | bigint | null';

class DtsWriter {
  /** Interfaces for records, by TS name; enums by name. */
  readonly records = new Map<string, string>();
  readonly enums = new Map<string, string>();

  constructor(private readonly int64: Int64Mode) {}

  private int64Type(isParam: boolean): string {
    return isParam || this.int64 === 'auto' ? 'number | bigint' : this.int64;
  }

  recordName(t: FfiType & { kind: 'record' }): string {
    const base = t.name === '' ? `Anon${t.isUnion ? 'Union' : 'Struct'}${t.size}` : t.name.replace(/\W/g, '_');
    const name = base.charAt(0).toUpperCase() + base.slice(1);
    if (!this.records.has(name) && t.fields.length > 0) {
      this.records.set(name, ''); // placeholder first: cuts recursion through pointers
      const members = t.fields.map((f) => `  ${f.name}: ${this.fieldType(f.type)};`);
      this.records.set(name, `/** ${printFfiType(t)} (${t.size} bytes) */\nexport interface ${name} {\n${members.join('\n')}\n}\n`);
    }
    return name;
  }

  private fieldType(t: FfiType): string {
    if (t.kind === 'pointer' || t.kind === 'function') return 'bigint | null';
    if (t.kind === 'array') return this.arrayType(t);
    return this.value(t, false);
  }

  private arrayType(t: FfiType & { kind: 'array' }): string {
    const typed = typedArrayName(t.elem);
    return typed ?? `${this.fieldType(t.elem)}[]`;
  }

  enumName(t: FfiType & { kind: 'enum' }): string {
    if (t.name === '') return 'number';
    const name = t.name.replace(/\W/g, '_');
    const values = t.values.map((v) => `${v.name} = ${v.value}`).join(', ');
    this.enums.set(name, `/** enum ${t.name} { ${values} } */\nexport type ${name} = number;\n`);
    return name;
  }

  /** The TS type of a value of C type `t` as a parameter (what JS may pass) or a result (what JS gets). */
  value(t: FfiType, isParam: boolean): string {
    switch (t.kind) {
      case 'void': return 'void';
      case 'bool': return isParam ? 'boolean | number' : 'boolean';
      case 'int': return t.size === 8 || t.size === 16 ? this.int64Type(isParam) : 'number';
      case 'float': return 'number';
      case 'enum': return this.enumName(t);
      case 'record': return this.recordName(t);
      case 'array': return isParam ? this.pointer({ kind: 'pointer', to: t.elem, isConst: false }, true) : this.arrayType(t);
      case 'function': return isParam ? `${this.callback(t.fn)} | bigint` : 'bigint';
      case 'pointer': return this.pointer(t, isParam);
    }
  }

  private pointer(t: FfiType & { kind: 'pointer' }, isParam: boolean): string {
    const to = t.to;
    if (to.kind === 'int' && to.size === 1 && t.isConst && to.name === 'char') return isParam ? `string | ${POINTER_ARG}` : 'string | null';
    if (!isParam) return 'bigint | null';
    if (to.kind === 'function') return `${this.callback(to.fn)} | bigint | null`;
    if (to.kind === 'record' && to.fields.length > 0) return `${this.recordName(to)} | ${POINTER_ARG}`;
    const typed = typedArrayName(to);
    return typed ? `${typed} | number[] | ${POINTER_ARG}` : POINTER_ARG;
  }

  private callback(fn: FfiFunctionType): string {
    const params = fn.params.map((p, i) => `${safeName(p.name, i)}: ${this.value(p.type, false)}`);
    return `((${params.join(', ')}) => ${this.value(fn.ret, true)})`;
  }

  method(name: string, fn: FfiFunctionType): string {
    const params = fn.params.map((p, i) => `${safeName(p.name, i)}: ${this.value(p.type, true)}`);
    if (fn.isVariadic) params.push('...varargs: unknown[]');
    return `  /** ${printPrototype(name, fn)} */\n  ${name}(${params.join(', ')}): ${this.value(fn.ret, false)};`;
  }
}

const RESERVED = new Set(['arguments', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'interface', 'package', 'private', 'protected', 'public']);

function safeName(name: string | null, i: number): string {
  if (name === null || name === '') return `arg${i + 1}`;
  return RESERVED.has(name) ? `${name}_` : name;
}

function typedArrayName(t: FfiType): string | null {
  switch (t.kind) {
    case 'bool': return 'Uint8Array';
    case 'enum': return 'Int32Array';
    case 'float': return t.size === 4 ? 'Float32Array' : t.size === 8 ? 'Float64Array' : null;
    case 'int':
      switch (t.size) {
        case 1: return t.isSigned ? 'Int8Array' : 'Uint8Array';
        case 2: return t.isSigned ? 'Int16Array' : 'Uint16Array';
        case 4: return t.isSigned ? 'Int32Array' : 'Uint32Array';
        case 8: return t.isSigned ? 'BigInt64Array' : 'BigUint64Array';
      }
      return null;
    case 'pointer': return 'BigUint64Array';
    case 'array': return typedArrayName(t.elem);
    case 'void': case 'record': case 'function': return null;
  }
}

export function generateDts(input: DtsInput): string {
  const w = new DtsWriter(input.int64 ?? 'auto');
  const functions = [...input.signatures.entries()].filter(([n]) => input.defined.has(n)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const globals = [...input.globalTypes.entries()].filter(([n]) => input.defined.has(n)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const methods = functions.map(([name, fn]) => w.method(name, fn));
  const globalLines = globals.map(([name, t]) => `  /** ${printFfiType(t)} */\n  ${name}: ${w.value(t, false)};`);
  const out: string[] = [
    `// TypeScript declarations for ${input.source ?? 'a jitcc module'}, generated by jitcc. Do not edit.`,
    `import type { GlobalVariable, Module } from 'jitcc';`,
    '',
  ];
  for (const text of [...w.enums.values()]) out.push(text);
  for (const text of [...w.records.values()]) out.push(text);
  out.push(`/** The module's external functions, as \`fn(name)\` returns them. */`);
  out.push(`export interface CFunctions {\n${methods.join('\n')}\n}\n`);
  out.push(`/** The \`.value\` type of each external global (\`.array\` views arrays as typed arrays). */`);
  out.push(`export interface CGlobals {\n${globalLines.join('\n')}\n}\n`);
  out.push(
    '/** `compile(source) as JitccModule` types `fn` and `global` by name. */',
    "export interface JitccModule extends Omit<Module, 'fn' | 'global'> {",
    '  fn<K extends keyof CFunctions>(name: K): CFunctions[K];',
    '  global<K extends keyof CGlobals>(name: K): GlobalVariable & { value: CGlobals[K] };',
    '}',
    '',
  );
  return out.join('\n');
}

/** The d.ts text for the external functions and globals an object defines (the CLI and `emitDts` start from the object). */
export function objectDts(object: ObjectFile, source?: string, int64?: Int64Mode): string {
  const defined = new Set(object.symbols.filter((s) => s.binding !== 'local' && s.section !== null).map((s) => s.name));
  return generateDts({ signatures: object.signatures, globalTypes: object.globalTypes ?? new Map(), defined, int64, source });
}
