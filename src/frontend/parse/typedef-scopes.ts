// The parser's view of C's ordinary-identifier namespace (C11 6.2.1, 6.2.3):
// for each scope, which names are typedef names and which are ordinary
// identifiers. It answers one question, "is this identifier a typedef name
// here?", which is all the parser needs to resolve C's typedef ambiguity
// (the "lexer hack"). An inner ordinary declaration hides an outer typedef.
//
// Invariant: there is always at least the file scope.

export class TypedefScopes {
  private scopes: Map<string, boolean>[] = [new Map()];

  reset(): void {
    this.scopes = [new Map()];
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
    if (this.scopes.length === 1) return new Map();
    return this.scopes.pop()!;
  }

  get depth(): number {
    return this.scopes.length;
  }

  /** Unwinds to `depth` after an error skipped the code that would have popped. */
  truncate(depth: number): void {
    while (this.scopes.length > Math.max(depth, 1)) this.scopes.pop();
  }
}
