// Options that shape what the frontend accepts and how it lays out types.

export interface FrontendOptions {
  /** Target whose C ABI decides type sizes, char signedness and predefined macros. */
  readonly target: 'x86_64' | 'aarch64';
  /** `-D` definitions: name -> replacement text ('1' for `-DNAME`). */
  readonly defines: ReadonlyMap<string, string>;
  /** `-U` names, applied after the defines. */
  readonly undefines: readonly string[];
  /** `-I` directories, searched in order after the including file's directory. */
  readonly includePaths: readonly string[];
  /** `-std=` value such as 'c11', 'gnu11', 'c99'. */
  readonly std: string;
  /** Reads an included file; returns null when it does not exist. Injected so the library can serve virtual files. */
  readonly readFile: (path: string) => string | null;
}
