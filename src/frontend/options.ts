// Options that shape what the frontend accepts and how it lays out types.

import type { CallingConvention } from './lower/abi/convention.js';
import type { AsmDialect } from './lower/asm-constraints.js';

export interface FrontendOptions {
  /** Target whose predefined macros and system include directories apply. */
  readonly target: 'x86_64' | 'aarch64';
  /** The target's C ABI (lower/abi/conventions.ts): char signedness, va_list, how values cross calls. */
  readonly convention: CallingConvention;
  /** The target's inline-asm constraint letters and register names; absent while the target has no assembler. */
  readonly asmDialect?: AsmDialect;
  /** `-D` definitions: name -> replacement text ('1' for `-DNAME`). */
  readonly defines: ReadonlyMap<string, string>;
  /** `-U` names, applied after the defines. */
  readonly undefines: readonly string[];
  /** `-I` directories, searched in order after the including file's directory. */
  readonly includePaths: readonly string[];
  /** `-iquote` directories: searched for "quoted" names only, after the including file's directory. */
  readonly quoteIncludePaths?: readonly string[];
  /** `-isystem` directories: after the `-I` ones; their headers are system headers (left out by -MM). */
  readonly systemIncludePaths?: readonly string[];
  /** `-idirafter` directories: after the system directories. */
  readonly afterIncludePaths?: readonly string[];
  /** `-nostdinc`: neither the bundled nor the system include directories. */
  readonly noStdInc?: boolean;
  /** `-include` files, read as if `#include "file"` opened the main file. */
  readonly forcedIncludes?: readonly string[];
  /**
   * The input is preprocessed C (`.i`, `-x cpp-output`): no predefined or
   * command-line macros, no stdc-predef.h, so identifiers that were spelled
   * out by an earlier `-E` are not expanded a second time.
   */
  readonly isPreprocessed?: boolean;
  /** Called for each file `#include` opens, first time only, with whether it is a system header (for -M…). */
  readonly onInclude?: (path: string, isSystem: boolean) => void;
  /** `-fvisibility=`: the visibility of definitions with external linkage that name none (default 'default'). */
  readonly defaultVisibility?: 'default' | 'hidden' | 'protected' | 'internal';
  /** `-std=` value such as 'c11', 'gnu11', 'c99'. */
  readonly std: string;
  /**
   * Reads an included file; returns null when it does not exist, and may
   * throw an `UnreadableInclude` (preprocess/read-file.ts) saying why an
   * existing file cannot be included. Injected so the library can serve
   * virtual files.
   */
  readonly readFile: (path: string) => string | null;
  /** Bounds on the work of one translation unit; DEFAULT_LIMITS when absent. */
  readonly limits?: PreprocessLimits;
}

/**
 * Bounds on what one translation unit may make the preprocessor do, so that
 * no input — a doubling macro chain, `#include "/dev/zero"`, a generated
 * gigabyte header — can exhaust the process. Past a limit the translation
 * unit gets an error naming it and preprocessing stops. The defaults are
 * many times what real programs need (the SQLite amalgamation, 9 MB, expands
 * 0.2M macro tokens and includes 0.8 MB; Lua's lvm.c expands 0.18M) while
 * keeping the tokens in memory well inside Node's default 4 GiB heap.
 */
export interface PreprocessLimits {
  /** `#include` nesting depth (gcc's -fmax-include-depth; default 200, as gcc). */
  readonly includeDepth: number;
  /** Bytes of all the files one translation unit includes together (default 64 MiB). */
  readonly includeBytes: number;
  /** Tokens produced by macro expansion in one translation unit (default 4,000,000). */
  readonly expansionTokens: number;
  /**
   * Tokens produced by the expansion of one macro use outside any other
   * expansion, nested expansions and arguments included (default 500,000):
   * an exponential chain (`#define a1 a0 a0` … `a30`) stops here in a
   * fraction of a second and under 100 MB, where the translation unit's
   * total would let it hold two million tokens first.
   */
  readonly expansionTokensPerUse: number;
  /** Bytes of one source file, the main file or an included one (default 32 MiB). */
  readonly sourceBytes: number;
}

export const DEFAULT_LIMITS: PreprocessLimits = {
  includeDepth: 200,
  includeBytes: 64 * 1024 * 1024,
  expansionTokens: 4_000_000,
  expansionTokensPerUse: 500_000,
  sourceBytes: 32 * 1024 * 1024,
};

/** The CLI spelling of each limit, for messages that tell how to raise it. */
export const LIMIT_FLAGS: Readonly<Record<keyof PreprocessLimits, string>> = {
  includeDepth: '-fmax-include-depth',
  includeBytes: '-fmax-include-bytes',
  expansionTokens: '-fmax-macro-expansion',
  expansionTokensPerUse: '-fmax-macro-expansion-per-use',
  sourceBytes: '-fmax-source-bytes',
};

/**
 * The `-std=` names gcc accepts (gcc manual, "Options Controlling C
 * Dialect"); the API and the CLI reject anything else, as gcc does.
 */
export const STD_NAMES: readonly string[] = [
  'c89', 'c90', 'c99', 'c9x', 'c11', 'c1x', 'c17', 'c18', 'c2x', 'c23',
  'gnu89', 'gnu90', 'gnu99', 'gnu9x', 'gnu11', 'gnu1x', 'gnu17', 'gnu18', 'gnu2x', 'gnu23',
  'iso9899:1990', 'iso9899:199409', 'iso9899:1999', 'iso9899:199x', 'iso9899:2011', 'iso9899:2017', 'iso9899:2018', 'ansi',
];
