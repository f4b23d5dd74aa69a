// A random C program generator for what csmith never produces: designated
// and nested initializers (in every style that means the same value),
// bit-fields in structs and unions, long double, _Complex, variable length
// arrays, variadic calls passing structs. Each program prints every value
// it builds (floating ones in hex, exactly) and is free of undefined and
// unspecified behaviour, so gcc and jitcc must print the same text
// (progen.test.ts, scripts/progen.ts).
//
// The generator first builds a value for each variable — a tree of
// literals — and then writes an initializer for it in a randomly chosen
// style: positional, designated in shuffled runs (`[3] = a, b, [0] = c`),
// nested designators (`.p.y = 1`, `[1][2] = x, y` continuing inside the
// subobject), brace elision. Whatever the style, the value is the tree, so
// the printed expectation does not depend on it. Unions keep one active
// member, the only one read.

import { prng } from './mutate.js';

type Scalar = 'char' | 'signed char' | 'unsigned char' | 'short' | 'unsigned short' | 'int' | 'unsigned' | 'long'
  | 'unsigned long long' | '_Bool' | 'float' | 'double' | 'long double' | '_Complex double' | '_Complex float' | '_Complex long double';

type Ty =
  | { readonly kind: 'scalar'; readonly name: Scalar }
  | { readonly kind: 'bitfield'; readonly isSigned: boolean; readonly width: number }
  | { readonly kind: 'array'; readonly elem: Ty; readonly length: number }
  | { readonly kind: 'record'; readonly tag: string; readonly isUnion: boolean; readonly members: readonly { name: string; ty: Ty }[] };

/** A value: the literal text of a scalar, or children (union: the active member and its value). */
type Value =
  | { readonly kind: 'leaf'; readonly text: string; readonly isZero: boolean }
  | { readonly kind: 'list'; readonly items: readonly Value[] }
  | { readonly kind: 'union'; readonly member: number; readonly value: Value };

const INTEGER_RANGES: Partial<Record<Scalar, [number, number]>> = {
  'char': [0, 127], 'signed char': [-128, 127], 'unsigned char': [0, 255], 'short': [-32768, 32767], 'unsigned short': [0, 65535],
  'int': [-2147483648, 2147483647], 'unsigned': [0, 4294967295], 'long': [-(2 ** 53), 2 ** 53], 'unsigned long long': [0, 2 ** 53], '_Bool': [0, 1],
};

class Generator {
  private readonly out: string[] = [];
  private records: Extract<Ty, { kind: 'record' }>[] = [];

  constructor(private readonly random: () => number) {}

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  // ---- types

  private scalarType(): Ty {
    return { kind: 'scalar', name: this.pick(Object.keys(INTEGER_RANGES).concat(['float', 'double', 'long double', 'long double', '_Complex double', '_Complex float', '_Complex long double']) as Scalar[]) };
  }

  private memberType(depth: number, inUnion: boolean): Ty {
    const r = this.random();
    if (r < 0.3) return { kind: 'bitfield', isSigned: this.chance(0.4), width: this.int(1, inUnion ? 31 : 20) };
    if (r < 0.45 && depth < 2) return { kind: 'array', elem: this.chance(0.5) ? this.scalarType() : { kind: 'array', elem: this.scalarType(), length: this.int(1, 3) }, length: this.int(1, 4) };
    if (r < 0.6 && depth < 2 && this.records.length > 0) return this.pick(this.records);
    return this.scalarType();
  }

  private defineRecord(isUnion: boolean): Extract<Ty, { kind: 'record' }> {
    const tag = `${isUnion ? 'U' : 'S'}${this.records.length}`;
    const n = this.int(isUnion ? 2 : 1, isUnion ? 4 : 6);
    const members = Array.from({ length: n }, (_, i) => ({ name: `m${i}`, ty: this.memberType(1, isUnion) }));
    const body = members.map((m) => `  ${this.declare(m.ty, m.name)};`);
    // An unnamed bit-field between members: skipped by positional initializers.
    if (!isUnion && this.chance(0.3)) body.splice(this.int(0, body.length), 0, `  unsigned : ${this.int(0, 5)};`);
    this.out.push(`${isUnion ? 'union' : 'struct'} ${tag} {\n${body.join('\n')}\n};`);
    const rec = { kind: 'record', tag, isUnion, members } as const;
    this.records.push(rec);
    return rec;
  }

  private typeName(t: Ty): string {
    switch (t.kind) {
      case 'scalar': return t.name;
      case 'bitfield': return t.isSigned ? 'int' : 'unsigned';
      case 'record': return `${t.isUnion ? 'union' : 'struct'} ${t.tag}`;
      case 'array': return this.typeName(t.elem);
    }
  }

  private declare(t: Ty, name: string): string {
    if (t.kind === 'bitfield') return `${t.isSigned ? 'signed int' : 'unsigned int'} ${name} : ${t.width}`;
    let dims = '';
    let e: Ty = t;
    while (e.kind === 'array') {
      dims += `[${e.length}]`;
      e = e.elem;
    }
    return `${this.typeName(e)} ${name}${dims}`;
  }

  // ---- values

  private value(t: Ty): Value {
    switch (t.kind) {
      case 'bitfield': {
        const v = this.chance(0.2) ? 0 : t.isSigned ? this.int(-(2 ** (t.width - 1)), 2 ** (t.width - 1) - 1) : this.int(0, 2 ** t.width - 1);
        return { kind: 'leaf', text: String(v), isZero: v === 0 };
      }
      case 'scalar': return this.scalarValue(t.name);
      case 'array': return { kind: 'list', items: Array.from({ length: t.length }, () => (this.chance(0.15) ? zero(t.elem) : this.value(t.elem))) };
      case 'record':
        if (t.isUnion) {
          const member = this.int(0, t.members.length - 1);
          return { kind: 'union', member, value: this.value(t.members[member]!.ty) };
        }
        return { kind: 'list', items: t.members.map((m) => (this.chance(0.15) ? zero(m.ty) : this.value(m.ty))) };
    }
  }

  private scalarValue(name: Scalar): Value {
    if (this.chance(0.1)) return { kind: 'leaf', text: '0', isZero: true };
    const range = INTEGER_RANGES[name];
    if (range !== undefined) {
      const v = this.int(range[0], range[1]);
      const text = name === 'unsigned long long' ? `${v}ULL` : name === 'unsigned' ? `${v}U` : name === 'long' ? `${v}L` : v === -2147483648 ? '(-2147483647 - 1)' : String(v);
      return { kind: 'leaf', text, isZero: v === 0 };
    }
    const num = () => `${this.pick(['', '-'])}${this.int(0, 99999)}.${this.int(0, 999)}e${this.int(-30, 30)}`;
    switch (name) {
      case 'float': return { kind: 'leaf', text: `${num()}f`, isZero: false };
      case 'double': return { kind: 'leaf', text: num(), isZero: false };
      case 'long double': return { kind: 'leaf', text: `${num()}L`, isZero: false };
      case '_Complex float': return { kind: 'leaf', text: `(${num()}f + ${num().replace(/^-/, '')}fi)`, isZero: false };
      case '_Complex double': return { kind: 'leaf', text: `(${num()} + ${num().replace(/^-/, '')}i)`, isZero: false };
      default: return { kind: 'leaf', text: `(${num()}L + ${num().replace(/^-/, '')}Li)`, isZero: false };
    }
  }

  // ---- initializers: one value, many spellings

  /** An initializer for `v` of type `t` (braced for aggregates). */
  private init(t: Ty, v: Value): string {
    if (v.kind === 'leaf') return v.text;
    if (v.kind === 'union') {
      const m = (t as Extract<Ty, { kind: 'record' }>).members[v.member]!;
      return v.member === 0 && this.chance(0.5) ? `{ ${this.init(m.ty, v.value)} }` : `{ .${m.name} = ${this.init(m.ty, v.value)} }`;
    }
    return `{ ${this.items(t, v).join(', ')} }`;
  }

  /** The children of a list value as initializer items, in shuffled designated runs or positionally. */
  private items(t: Ty, v: Extract<Value, { kind: 'list' }>): string[] {
    const children = v.items.map((item, i) => ({ i, item, ty: childType(t, i), designator: designatorOf(t, i) }));
    const present = children.filter((c) => !isAllZero(c.item));
    if (present.length === 0) return ['0'];
    // Runs of consecutive children; a run starts with a designator (or none when it starts at 0).
    const runs: (typeof present)[] = [];
    for (const c of present) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[last.length - 1]!.i === c.i - 1 && this.chance(0.7)) last.push(c);
      else runs.push([c]);
    }
    for (let i = runs.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [runs[i], runs[j]] = [runs[j]!, runs[i]!];
    }
    const out: string[] = [];
    for (const run of runs) {
      run.forEach((c, k) => {
        const designate = k === 0 && (c.i !== 0 || out.length > 0 || this.chance(0.5));
        const prefix = designate ? `${c.designator} = ` : '';
        // A nested designator for a lone aggregate child: `[2].m1 = x` or `[1][0] = a, b` instead of `[2] = { … }`.
        if (designate && run.length === 1 && c.item.kind === 'list' && this.chance(0.4)) {
          out.push(...this.nested(c.designator, c.ty, c.item));
        } else {
          out.push(prefix + this.init(c.ty, c.item));
        }
      });
    }
    return out;
  }

  /** `d` followed by designators into the aggregate `v`: each present child once, runs continuing positionally inside it. */
  private nested(d: string, t: Ty, v: Extract<Value, { kind: 'list' }>): string[] {
    const out: string[] = [];
    let previous = -2;
    v.items.forEach((item, i) => {
      if (isAllZero(item)) return;
      const ty = childType(t, i);
      const text = this.init(ty, item);
      // After `d[i] = x`, a plain `y` initializes d[i+1]: the case gcc and C11 6.7.9p17 agree on.
      out.push(previous === i - 1 && out.length > 0 ? text : `${d}${designatorOf(t, i)} = ${text}`);
      previous = i;
    });
    return out.length > 0 ? out : [`${d} = ${this.init(t, v)}`];
  }

  // ---- printing

  /** printf statements for every leaf of `v`, reached through `path`. */
  private prints(t: Ty, v: Value, path: string, into: string[]): void {
    if (v.kind === 'union') {
      const m = (t as Extract<Ty, { kind: 'record' }>).members[v.member]!;
      this.prints(m.ty, v.value, `${path}.${m.name}`, into);
      return;
    }
    if (v.kind === 'list') {
      v.items.forEach((item, i) => this.prints(childType(t, i), item, `${path}${accessOf(t, i)}`, into));
      return;
    }
    into.push(printLeaf(t, path));
  }

  // ---- the program

  generate(): string {
    this.out.push('#include <stdio.h>', '#include <stdarg.h>', '#include <string.h>', '');
    const nRecords = this.int(2, 5);
    for (let i = 0; i < nRecords; i++) this.defineRecord(this.chance(0.35));
    const vars: { name: string; ty: Ty; value: Value; isStatic: boolean }[] = [];
    const nVars = this.int(3, 7);
    for (let i = 0; i < nVars; i++) {
      const base: Ty = this.chance(0.7) ? this.pick(this.records) : this.scalarType();
      const ty: Ty = this.chance(0.4) ? { kind: 'array', elem: this.chance(0.3) ? { kind: 'array', elem: base, length: this.int(1, 3) } : base, length: this.int(1, 4) } : base;
      vars.push({ name: `v${i}`, ty, value: this.value(ty), isStatic: this.chance(0.5) });
    }
    for (const v of vars.filter((x) => x.isStatic)) this.out.push(`static ${this.declare(v.ty, v.name)} = ${this.init(v.ty, v.value)};`);
    this.out.push(...this.variadic(), ...this.vla(), ...this.arithmetic());
    this.out.push('', 'int main(void) {');
    for (const v of vars.filter((x) => !x.isStatic)) this.out.push(`  ${this.declare(v.ty, v.name)} = ${this.init(v.ty, v.value)};`);
    for (const v of vars) {
      const lines: string[] = [];
      this.prints(v.ty, v.value, v.name, lines);
      this.out.push(...lines.map((l) => `  ${l}`));
    }
    this.out.push('  run_variadic();', '  run_vla();', '  run_arithmetic();', '  return 0;', '}', '');
    return this.out.join('\n');
  }

  /** A variadic function reading structs, long double and _Complex through va_arg, and calls of it. */
  private variadic(): string[] {
    const records = this.records.filter((r) => !r.isUnion);
    const rec = records.length > 0 ? this.pick(records) : null;
    const lines = ['static void take(int n, ...) {', '  va_list ap;', '  va_start(ap, n);', '  for (int k = 0; k < n; k++) {', '    switch (va_arg(ap, int)) {'];
    const printsOf = (t: Ty, v: string) => { const out: string[] = []; this.prints(t, this.fullValue(t), v, out); return out; };
    lines.push(`    case 0: { long double x = va_arg(ap, long double); printf("va ld %La\\n", x); break; }`);
    lines.push(`    case 1: { _Complex double z = va_arg(ap, _Complex double); printf("va cd %a %a\\n", __real__ z, __imag__ z); break; }`);
    lines.push(`    case 2: { double d = va_arg(ap, double); printf("va d %a\\n", d); break; }`);
    if (rec !== null) {
      // A struct by value: print the members of the one that was passed (its value is fixed below).
      lines.push(`    case 3: { struct ${rec.tag} s = va_arg(ap, struct ${rec.tag}); ${printsOf(rec, 's').join(' ')} break; }`);
    }
    lines.push('    }', '  }', '  va_end(ap);', '}');
    const calls: string[] = [];
    const arg = (): string => {
      const k = this.int(0, rec === null ? 2 : 3);
      // Cast: a bare 0 would pass an int where va_arg reads a floating type.
      if (k === 0) return `0, (long double)${(this.scalarValue('long double') as { text: string }).text}`;
      if (k === 1) return `1, (_Complex double)${(this.scalarValue('_Complex double') as { text: string }).text}`;
      if (k === 2) return `2, (double)${(this.scalarValue('double') as { text: string }).text}`;
      return `3, fixed_${rec!.tag}`;
    };
    for (let i = 0; i < 3; i++) {
      const n = this.int(1, 5);
      calls.push(`  take(${n}, ${Array.from({ length: n }, arg).join(', ')});`);
    }
    const fixed = rec === null ? [] : [`static struct ${rec.tag} fixed_${rec.tag} = ${this.init(rec, this.fixedValue(rec))};`];
    return [...fixed, ...lines, 'static void run_variadic(void) {', ...calls, '}'];
  }

  private fixedValueCache = new Map<Ty, Value>();

  /** One value per record type, shared by the variadic call and its printing. */
  private fixedValue(t: Ty): Value {
    let v = this.fixedValueCache.get(t);
    if (v === undefined) {
      v = this.value(t);
      this.fixedValueCache.set(t, v);
    }
    return v;
  }

  private fullValue(t: Ty): Value {
    return this.fixedValue(t);
  }

  /** VLAs: a 2-D array sized at run time, filled, summed through a VLA parameter, its sizeof printed. */
  private vla(): string[] {
    const n = this.int(1, 6), m = this.int(1, 6), seed = this.int(1, 1000);
    const elem = this.pick(['unsigned', 'long double', 'unsigned char', 'double']);
    return [
      `static long double sum_vla(int n, int m, ${elem} a[n][m]) {`,
      '  long double s = 0;',
      '  for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) s += a[i][j] * (i + 1);',
      '  return s;',
      '}',
      'static void run_vla(void) {',
      `  volatile int n = ${n}, m = ${m};`,
      `  ${elem} a[n][m];`,
      `  for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) a[i][j] = (${elem})((i * ${seed} + j * 7) % 251);`,
      '  printf("vla %zu %La\\n", sizeof a, sum_vla(n, m, a));',
      '  typedef int row[m];',
      '  row *rows = (row *)__builtin_alloca(sizeof(row) * n);',
      '  for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) rows[i][j] = i - j;',
      '  printf("vla rows %zu %d\\n", sizeof(row), rows[n - 1][m - 1]);',
      '}',
    ];
  }

  /** long double and _Complex arithmetic, through calls that pass and return them by value. */
  private arithmetic(): string[] {
    const ld = () => (this.scalarValue('long double') as { text: string }).text;
    const cd = () => (this.scalarValue('_Complex double') as { text: string }).text;
    const cl = () => (this.scalarValue('_Complex long double') as { text: string }).text;
    return [
      'static long double ld_mix(long double a, long double b) { return a * b - a / (b == 0 ? 1 : b) + (a - b); }',
      'static _Complex double cd_mix(_Complex double a, _Complex double b) { return a * b + a / (b == 0 ? 1 : b); }',
      'static _Complex long double cl_mix(_Complex long double a, _Complex long double b) { return a * b - b; }',
      'static void run_arithmetic(void) {',
      `  long double x = ld_mix(${ld()}, ${ld()});`,
      '  printf("ld %La\\n", x);',
      `  _Complex double z = cd_mix(${cd()}, ${cd()});`,
      '  printf("cd %a %a\\n", __real__ z, __imag__ z);',
      `  _Complex long double w = cl_mix(${cl()}, ${cl()});`,
      '  printf("cl %La %La\\n", __real__ w, __imag__ w);',
      `  printf("conv %lld %a\\n", (long long)(${ld()} / 1e20L), (double)(${ld()}));`,
      '}',
    ];
  }
}

function zero(t: Ty): Value {
  if (t.kind === 'bitfield' || t.kind === 'scalar') return { kind: 'leaf', text: '0', isZero: true };
  if (t.kind === 'array') return { kind: 'list', items: Array.from({ length: t.length }, () => zero(t.elem)) };
  if (t.isUnion) return { kind: 'union', member: 0, value: zero(t.members[0]!.ty) };
  return { kind: 'list', items: t.members.map((m) => zero(m.ty)) };
}

function isAllZero(v: Value): boolean {
  if (v.kind === 'leaf') return v.isZero;
  // A union other than its first member is not what zero-initialization gives.
  if (v.kind === 'union') return v.member === 0 && isAllZero(v.value);
  return v.items.every(isAllZero);
}

function childType(t: Ty, i: number): Ty {
  if (t.kind === 'array') return t.elem;
  if (t.kind === 'record') return t.members[i]!.ty;
  throw new Error('no children');
}

function designatorOf(t: Ty, i: number): string {
  return t.kind === 'array' ? `[${i}]` : `.${(t as Extract<Ty, { kind: 'record' }>).members[i]!.name}`;
}

const accessOf = designatorOf;

function printLeaf(t: Ty, path: string): string {
  if (t.kind === 'bitfield') return `printf("${path} %lld\\n", (long long)${path});`;
  const name = (t as Extract<Ty, { kind: 'scalar' }>).name;
  switch (name) {
    case 'float': case 'double': return `printf("${path} %a\\n", (double)${path});`;
    case 'long double': return `printf("${path} %La\\n", ${path});`;
    case '_Complex float': case '_Complex double': return `printf("${path} %a %a\\n", (double)__real__ ${path}, (double)__imag__ ${path});`;
    case '_Complex long double': return `printf("${path} %La %La\\n", __real__ ${path}, __imag__ ${path});`;
    case 'unsigned long long': return `printf("${path} %llu\\n", ${path});`;
    default: return `printf("${path} %lld\\n", (long long)${path});`;
  }
}

/** The program for `seed`. */
export function generateProgram(seed: number): string {
  return new Generator(prng(seed)).generate();
}
