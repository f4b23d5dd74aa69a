// The loader's error classes: what `loadObject`, `LoadedModule.fn` and
// friends throw when an object cannot be placed in memory or bound.
//
// These are user-facing failures of a well-formed request (a symbol that no
// library defines, a relocation the loader does not implement, a C type the
// FFI cannot express), so they are ordinary Errors with messages naming the
// offending thing, not InternalCompilerErrors. Bugs in the loader itself
// still go through `assert` from diagnostics.ts.

/** Base class of every error the loader throws on purpose. */
export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadError';
  }
}

/**
 * Some referenced symbols were found neither in the object, nor in the linked
 * modules, nor in `imports`, nor in the process (libc, libm, libdl). All of
 * them are listed at once, sorted, so one run shows every missing name.
 */
export class UnresolvedSymbolError extends LoadError {
  readonly symbols: string[];
  constructor(symbols: readonly string[]) {
    const sorted = [...symbols].sort();
    const quoted = sorted.map((s) => `'${s}'`).join(', ');
    super(`undefined ${sorted.length === 1 ? 'symbol' : 'symbols'}: ${quoted}`);
    this.name = 'UnresolvedSymbolError';
    this.symbols = sorted;
  }
}

/** A relocation of an unsupported type, or whose value does not fit its field. */
export class RelocationError extends LoadError {
  constructor(message: string) {
    super(message);
    this.name = 'RelocationError';
  }
}
