// Options that shape what the frontend accepts and how it lays out types.

import type { CallingConvention } from './lower/abi/convention.js';

export interface FrontendOptions {
  /** Target whose predefined macros and system include directories apply. */
  readonly target: 'x86_64' | 'aarch64';
  /** The target's C ABI (lower/abi/conventions.ts): char signedness, va_list, how values cross calls. */
  readonly convention: CallingConvention;
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
  /** Reads an included file; returns null when it does not exist. Injected so the library can serve virtual files. */
  readonly readFile: (path: string) => string | null;
}

/**
 * The `-std=` names gcc accepts (gcc manual, "Options Controlling C
 * Dialect"); the API and the CLI reject anything else, as gcc does.
 */
export const STD_NAMES: readonly string[] = [
  'c89', 'c90', 'c99', 'c9x', 'c11', 'c1x', 'c17', 'c18', 'c2x', 'c23',
  'gnu89', 'gnu90', 'gnu99', 'gnu9x', 'gnu11', 'gnu1x', 'gnu17', 'gnu18', 'gnu2x', 'gnu23',
  'iso9899:1990', 'iso9899:199409', 'iso9899:1999', 'iso9899:199x', 'iso9899:2011', 'iso9899:2017', 'iso9899:2018', 'ansi',
];
