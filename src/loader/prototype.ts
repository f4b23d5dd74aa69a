// Parses the C prototype strings users give `LoadedModule.fn(name, proto)`
// for objects without recorded signatures (e.g. built by gcc), into the same
// `FfiFunctionType` the frontend records, so there is one binding path.
//
// Input: one declaration such as `double dot(const double *a, const double *b, int n)`
// or `void each(int (*cb)(int), void *ctx)`. Output: its name and type.
// Invariants: only what a prototype needs is accepted: type specifiers of
// C11 §6.7.2 and the <stdint.h>/<stddef.h> typedef names, qualifiers
// (ignored except `const` on pointees), pointers, array parameters (adjusted
// to pointers, §6.7.6.3p7), function-pointer parameters and `...`.
// `struct`/`union` tags are opaque (usable behind a pointer only). Anything
// else is a LoadError quoting the prototype. Sizes are the LP64 ones of the
// System V AMD64 psABI §3.1.2 (also AAPCS64's LP64).

import type { FfiFunctionType, FfiParam, FfiType } from '../link/ctypes.js';
import { LoadError } from './errors.js';

export interface ParsedPrototype {
  readonly name: string;
  readonly fn: FfiFunctionType;
}

const TYPEDEF_INTS: Record<string, { size: 1 | 2 | 4 | 8; isSigned: boolean }> = {
  int8_t: { size: 1, isSigned: true }, uint8_t: { size: 1, isSigned: false },
  int16_t: { size: 2, isSigned: true }, uint16_t: { size: 2, isSigned: false },
  int32_t: { size: 4, isSigned: true }, uint32_t: { size: 4, isSigned: false },
  int64_t: { size: 8, isSigned: true }, uint64_t: { size: 8, isSigned: false },
  intptr_t: { size: 8, isSigned: true }, uintptr_t: { size: 8, isSigned: false },
  size_t: { size: 8, isSigned: false }, ssize_t: { size: 8, isSigned: true },
  ptrdiff_t: { size: 8, isSigned: true }, off_t: { size: 8, isSigned: true },
  intmax_t: { size: 8, isSigned: true }, uintmax_t: { size: 8, isSigned: false },
};

const SPECIFIER_WORDS = new Set(['void', '_Bool', 'bool', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned']);
const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict', '_Atomic']);

export function parsePrototype(text: string): ParsedPrototype {
  return new PrototypeParser(text).parseTop();
}

class PrototypeParser {
  private readonly tokens: string[];
  private pos = 0;

  constructor(private readonly text: string) {
    this.tokens = text.match(/\.\.\.|[A-Za-z_]\w*|\d+|\S/g) ?? [];
  }

  parseTop(): ParsedPrototype {
    const ret = this.specifiers();
    const decl = this.declarator(ret, true);
    if (this.peek() === ';') this.pos++;
    if (this.pos < this.tokens.length) this.fail(`unexpected '${this.peek()}'`);
    if (decl.name === null) this.fail('expected a function name');
    if (decl.type.kind !== 'function') this.fail(`'${decl.name}' is not declared as a function`);
    return { name: decl.name, fn: decl.type.fn };
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private expect(tok: string): void {
    const saw = this.peek();
    if (saw !== tok) this.fail(`expected '${tok}', saw ${saw === undefined ? 'end of text' : `'${saw}'`}`);
    this.pos++;
  }

  private fail(message: string): never {
    throw new LoadError(`invalid prototype '${this.text}': ${message}`);
  }

  /** declaration-specifiers (C11 §6.7): qualifiers and one combination of type specifiers. */
  private specifiers(): Specified {
    const words: string[] = [];
    let isConst = false;
    let named: FfiType | null = null;
    for (;;) {
      const tok = this.peek();
      if (tok === undefined) break;
      if (QUALIFIERS.has(tok)) {
        if (tok === 'const') isConst = true;
        this.pos++;
      } else if (SPECIFIER_WORDS.has(tok)) {
        words.push(tok);
        this.pos++;
      } else if ((tok === 'struct' || tok === 'union') && named === null && words.length === 0) {
        this.pos++;
        const tag = this.peek() ?? '';
        if (!/^[A-Za-z_]\w*$/.test(tag)) this.fail(`expected a tag after '${tok}'`);
        this.pos++;
        named = { kind: 'record', isUnion: tok === 'union', name: tag, size: 0, align: 1, fields: [] };
      } else if (tok in TYPEDEF_INTS && named === null && words.length === 0) {
        this.pos++;
        const t = TYPEDEF_INTS[tok]!;
        named = { kind: 'int', size: t.size, isSigned: t.isSigned, name: tok };
      } else break;
    }
    return { type: named ?? this.combine(words), isConst };
  }

  /** Maps a multiset of specifier words to a type (the combinations of C11 §6.7.2p2). */
  private combine(words: string[]): FfiType {
    if (words.length === 0) this.fail(`expected a type, saw ${this.peek() === undefined ? 'end of text' : `'${this.peek()}'`}`);
    const count = (w: string) => words.filter((x) => x === w).length;
    const longs = count('long');
    const isUnsigned = count('unsigned') > 0;
    const isSigned = count('signed') > 0;
    const core = words.filter((w) => w !== 'signed' && w !== 'unsigned' && w !== 'long' && w !== 'int');
    if (isUnsigned && isSigned) this.fail("both 'signed' and 'unsigned'");
    if (core.length > 1 || count('int') > 1 || longs > 2) this.fail(`invalid type '${words.join(' ')}'`);
    const sign = isUnsigned ? 'unsigned ' : '';
    const int = (size: 1 | 2 | 4 | 8, name: string, signedByDefault = true): FfiType =>
      ({ kind: 'int', size, isSigned: isUnsigned ? false : isSigned || signedByDefault, name: `${sign}${name}` });
    switch (core[0]) {
      case undefined:
        if (longs === 2) return int(8, 'long long');
        if (longs === 1) return int(8, 'long');
        return int(4, 'int');
      case 'char':
        if (longs > 0 || count('int') > 0) this.fail(`invalid type '${words.join(' ')}'`);
        // Plain char is signed on x86-64 (psABI §3.1.2) and unsigned on AArch64 (AAPCS64 §10.1.3);
        // prototypes describe functions of the host the loader runs on.
        return int(1, isSigned ? 'signed char' : 'char', process.arch !== 'arm64');
      case 'short':
        if (longs > 0) this.fail(`invalid type '${words.join(' ')}'`);
        return int(2, 'short');
      case 'void': case '_Bool': case 'bool': case 'float': case 'double': {
        const only = longs === 0 && count('int') === 0 && !isSigned && !isUnsigned;
        if (core[0] === 'double' && longs === 1 && count('int') === 0 && !isSigned && !isUnsigned) return { kind: 'float', size: 16 };
        if (!only) this.fail(`invalid type '${words.join(' ')}'`);
        if (core[0] === 'void') return { kind: 'void' };
        if (core[0] === 'float') return { kind: 'float', size: 4 };
        if (core[0] === 'double') return { kind: 'float', size: 8 };
        return { kind: 'bool' };
      }
      default:
        return this.fail(`invalid type '${words.join(' ')}'`);
    }
  }

  /**
   * declarator / abstract-declarator (C11 §6.7.6), restricted to:
   *   '*' qualifiers* declarator
   *   name? suffix*                       suffix: '(' params ')' | '[' num? ']'
   *   '(' '*' name? ')' '(' params ')'    a function pointer
   */
  private declarator(base: Specified, isTop: boolean): { name: string | null; type: FfiType } {
    let type = base.type;
    // `const` applies to what is left of it; it reaches FfiType as the pointer's isConst.
    let isPointeeConst = base.isConst;
    while (this.peek() === '*') {
      this.pos++;
      type = { kind: 'pointer', to: type, isConst: isPointeeConst };
      isPointeeConst = false;
      while (this.peek() !== undefined && QUALIFIERS.has(this.peek()!)) {
        if (this.peek() === 'const') isPointeeConst = true;
        this.pos++;
      }
    }
    if (this.peek() === '(' && this.tokens[this.pos + 1] === '*') {
      this.pos += 2;
      const name = this.optionalName();
      this.expect(')');
      this.expect('(');
      const fn = this.params(type);
      if (isTop) this.fail('a function pointer is not a function; name the function itself');
      return { name, type: { kind: 'pointer', to: { kind: 'function', fn }, isConst: false } };
    }
    const name = this.optionalName();
    if (this.peek() === '(') {
      this.pos++;
      return { name, type: { kind: 'function', fn: this.params(type) } };
    }
    while (this.peek() === '[') {
      this.pos++;
      if (this.peek() !== undefined && /^\d+$/.test(this.peek()!)) this.pos++;
      this.expect(']');
      type = { kind: 'pointer', to: type, isConst: isPointeeConst };
    }
    return { name, type };
  }

  private optionalName(): string | null {
    const tok = this.peek();
    if (tok !== undefined && /^[A-Za-z_]\w*$/.test(tok) && !QUALIFIERS.has(tok) && !SPECIFIER_WORDS.has(tok)) {
      this.pos++;
      return tok;
    }
    return null;
  }

  /** parameter-type-list (C11 §6.7.6.3); the '(' is already consumed. */
  private params(ret: FfiType): FfiFunctionType {
    const params: FfiParam[] = [];
    let isVariadic = false;
    if (this.peek() === 'void' && this.tokens[this.pos + 1] === ')') this.pos++;
    else if (this.peek() !== ')') {
      for (;;) {
        if (this.peek() === '...') {
          if (params.length === 0) this.fail("'...' needs a named parameter before it");
          this.pos++;
          isVariadic = true;
          break;
        }
        const base = this.specifiers();
        const decl = this.declarator(base, false);
        // A function-typed parameter is adjusted to a pointer to function (C11 §6.7.6.3p8).
        const type: FfiType = decl.type.kind === 'function' ? { kind: 'pointer', to: decl.type, isConst: false } : decl.type;
        if (type.kind === 'void') this.fail("a parameter cannot have type 'void'");
        params.push({ name: decl.name, type });
        if (this.peek() !== ',') break;
        this.pos++;
      }
    }
    this.expect(')');
    return { ret, params, isVariadic };
  }
}

/** A parsed declaration-specifiers: the type and whether it was qualified `const`. */
interface Specified {
  readonly type: FfiType;
  readonly isConst: boolean;
}
