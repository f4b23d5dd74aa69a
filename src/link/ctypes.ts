// C types as the loader's FFI needs them: a neutral description of function
// prototypes and the types they mention, recorded by the frontend and carried
// forward in the IR module and the object (the loader never sees the AST).
//
// Sizes and offsets are the target ABI's (System V AMD64 / AAPCS64), already
// computed by the frontend.

export type FfiType =
  | { readonly kind: 'void' }
  | { readonly kind: 'bool' }
  /** `name` is the C spelling ('int', 'unsigned long', 'char'), used for koffi and d.ts output. */
  | { readonly kind: 'int'; readonly size: 1 | 2 | 4 | 8 | 16; readonly isSigned: boolean; readonly name: string }
  | { readonly kind: 'float'; readonly size: 4 | 8 | 16 }
  | { readonly kind: 'pointer'; readonly to: FfiType; readonly isConst: boolean }
  | { readonly kind: 'array'; readonly elem: FfiType; readonly length: number }
  | { readonly kind: 'enum'; readonly name: string; readonly size: 4; readonly values: readonly { readonly name: string; readonly value: number }[] }
  | { readonly kind: 'record'; readonly isUnion: boolean; readonly name: string; readonly size: number; readonly align: number; readonly fields: readonly FfiField[] }
  | { readonly kind: 'function'; readonly fn: FfiFunctionType };

export interface FfiField {
  readonly name: string;
  readonly offset: number;
  readonly type: FfiType;
}

export interface FfiParam {
  /** The parameter's name in the prototype, or null when unnamed. */
  readonly name: string | null;
  readonly type: FfiType;
}

export interface FfiFunctionType {
  readonly ret: FfiType;
  readonly params: readonly FfiParam[];
  readonly isVariadic: boolean;
}

/** C spelling of a type, e.g. `const double *`, for messages and prototypes. */
export function printFfiType(t: FfiType): string {
  switch (t.kind) {
    case 'void': return 'void';
    case 'bool': return '_Bool';
    case 'int': return t.name;
    case 'float': return t.size === 4 ? 'float' : t.size === 8 ? 'double' : 'long double';
    case 'pointer': {
      const inner = t.to.kind === 'function' ? `${printFfiType(t.to.fn.ret)} (*)(${printParams(t.to.fn)})` : null;
      if (inner) return inner;
      return `${t.isConst ? 'const ' : ''}${printFfiType(t.to)} *`;
    }
    case 'array': return `${printFfiType(t.elem)}[${t.length}]`;
    case 'enum': return `enum ${t.name}`;
    case 'record': return `${t.isUnion ? 'union' : 'struct'} ${t.name}`;
    case 'function': return `${printFfiType(t.fn.ret)} (${printParams(t.fn)})`;
  }
}

function printParams(fn: FfiFunctionType): string {
  const ps = fn.params.map((p) => printFfiType(p.type));
  if (fn.isVariadic) ps.push('...');
  return ps.length === 0 ? 'void' : ps.join(', ');
}

/** `double dot(const double *a, const double *b, int n)` */
export function printPrototype(name: string, fn: FfiFunctionType): string {
  const ps = fn.params.map((p) => {
    const ty = printFfiType(p.type);
    return p.name ? (ty.endsWith('*') ? `${ty}${p.name}` : `${ty} ${p.name}`) : ty;
  });
  if (fn.isVariadic) ps.push('...');
  return `${printFfiType(fn.ret)} ${name}(${ps.length === 0 ? 'void' : ps.join(', ')})`;
}
