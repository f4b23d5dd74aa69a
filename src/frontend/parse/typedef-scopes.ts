// The parser's view of C's ordinary-identifier namespace (C11 6.2.1, 6.2.3):
// for each scope, which names are typedef names and which are ordinary
// identifiers. It answers one question, "is this identifier a typedef name
// here?", which is all the parser needs to resolve C's typedef ambiguity
// (the "lexer hack"). An inner ordinary declaration hides an outer typedef.
//
// Below the file scope sits a scope of GNU builtin type names (`_Float128`
// and friends, which gcc knows without a declaration and glibc headers use);
// a user declaration of the same name hides it like any other.
//
// Invariant: there are always the builtin scope and the file scope.

/**
 * GNU builtin type names, as the C keywords with the same representation on
 * x86-64 and AArch64 Linux: floating types, and gcc's typedefs of __int128.
 */
export const builtinTypeNames: ReadonlyMap<string, readonly ('float' | 'double' | 'long' | 'unsigned' | '__int128')[]> = new Map([
  ['_Float32', ['float']],
  ['_Float64', ['double']],
  ['_Float32x', ['double']],
  // TODO(parser#1): _Float128 is IEEE binary128, not x86-64's long double; glibc uses it only in
  // prototypes of *f128 functions, which a program must not call until sema supports the type.
  ['_Float64x', ['long', 'double']],
  ['_Float128', ['long', 'double']],
  ['__float128', ['long', 'double']],
  ['__int128_t', ['__int128']],
  ['__uint128_t', ['unsigned', '__int128']],
] as [string, ('float' | 'double' | 'long' | 'unsigned' | '__int128')[]][]);

const builtinScope: ReadonlyMap<string, boolean> = new Map([...builtinTypeNames.keys()].map((n) => [n, true]));

export class TypedefScopes {
  private scopes: Map<string, boolean>[] = [new Map(builtinScope), new Map()];

  reset(): void {
    this.scopes = [new Map(builtinScope), new Map()];
  }

  /** Is `name` a GNU builtin type here (not hidden by a user declaration)? */
  isBuiltinType(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 1; i--) {
      if (this.scopes[i]!.has(name)) return false;
    }
    return builtinScope.has(name);
  }

  isTypedefName(name: string): boolean {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const found = this.scopes[i]!.get(name);
      if (found !== undefined) return found;
    }
    return false;
  }

  /** Declares `name` in the innermost scope, as a typedef name or as an ordinary identifier. */
  declare(name: string, isTypedef: boolean): void {
    this.scopes[this.scopes.length - 1]!.set(name, isTypedef);
  }

  /** Opens a scope; `initial` carries names declared earlier, e.g. a function's parameters into its body. */
  push(initial?: ReadonlyMap<string, boolean>): void {
    this.scopes.push(new Map(initial));
  }

  /** Closes the innermost scope and returns what it declared. */
  pop(): Map<string, boolean> {
    if (this.scopes.length <= 2) return new Map();
    return this.scopes.pop()!;
  }

  get depth(): number {
    return this.scopes.length;
  }

  /** Unwinds to `depth` after an error skipped the code that would have popped. */
  truncate(depth: number): void {
    while (this.scopes.length > Math.max(depth, 2)) this.scopes.pop();
  }
}
