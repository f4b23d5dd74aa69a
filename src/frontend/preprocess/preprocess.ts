// The preprocessor's public entry points: `preprocess` (translation phases
// 1–4 for one translation unit), `printPreprocessed` (`jitcc -E`) and
// `dumpMacros` (`jitcc -dM -E`).
//
// Input: the main file's name and text, options (target, -D/-U, -I, -std,
// readFile), a diagnostic sink and the source map that collects every file
// read. Output: tokens for the parser: directives done, macros expanded, no
// Newline tokens, adjacent string literals still separate (the parser joins
// them, 6.4.5p5 is phase 6).
//
// Order of work (as gcc): the predefined macros (`<built-in>`), then -D/-U
// (`<command-line>`), then the C library's `stdc-predef.h` when one is on
// the search path (glibc declares __STDC_IEC_559__ and __STDC_ISO_10646__
// there, and gcc includes it implicitly), then the file.

import type { DiagnosticSink, SourceMap } from '../../diagnostics.js';
import type { CToken } from '../lex/tokens.js';
import type { FrontendOptions } from '../options.js';
import { printMacroDefinition } from './macro.js';
import { commandLineMacroText, predefinedMacroText } from './predefined.js';
import { Preprocessor, type IncludeEvent } from './preprocessor.js';
import type { FoundFile } from './include-search.js';

export { printPreprocessed } from './print.js';

function startPreprocessor(opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap): Preprocessor {
  const pp = new Preprocessor(opts, sink, sources);
  // Preprocessed input (.i) had its macros expanded already: it gets none, so nothing expands twice.
  if (opts.isPreprocessed) return pp;
  pp.run('<built-in>', predefinedMacroText(opts));
  pp.run('<command-line>', commandLineMacroText(opts));
  const libcPredefs = pp.search.find('stdc-predef.h', false, '<command-line>', false, -1);
  if (libcPredefs !== null) {
    pp.noteInclude(libcPredefs, '<command-line>', false);
    pp.run(libcPredefs.path, libcPredefs.text, libcPredefs.dirIndex);
  }
  return pp;
}

/**
 * The -include files, searched as `#include "name"` from the working
 * directory (gcc); a missing one is an error located at the main file.
 */
function forcedIncludes(pp: Preprocessor, file: string, opts: FrontendOptions): FoundFile[] {
  const found: FoundFile[] = [];
  for (const name of opts.forcedIncludes ?? []) {
    const f = pp.search.find(name, true, '', false, -1);
    if (f === null) {
      pp.sink.error({ file, line: 1, col: 1 }, `'${name}' file not found (from -include)`);
      continue;
    }
    pp.noteInclude(f, '', name.startsWith('/'));
    found.push(f);
  }
  return found;
}

export function preprocess(file: string, text: string, opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap): CToken[] {
  return preprocessWithIncludes(file, text, opts, sink, sources).tokens;
}

/** `preprocess`, plus where the main file's #includes begin and end in the tokens (for -E's line markers). */
export function preprocessWithIncludes(file: string, text: string, opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap): { tokens: CToken[]; includes: IncludeEvent[] } {
  const pp = startPreprocessor(opts, sink, sources);
  pp.baseFile = file;
  const first = pp.includeEvents.length;
  const tokens = pp.run(file, text, -1, forcedIncludes(pp, file, opts));
  return { tokens, includes: pp.includeEvents.slice(first) };
}

/** `-dM -E`: every macro defined at the end of the file, one `#define` per line, sorted by name. */
export function dumpMacros(file: string, text: string, opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap): string {
  const pp = startPreprocessor(opts, sink, sources);
  pp.baseFile = file;
  pp.run(file, text, -1, forcedIncludes(pp, file, opts));
  const lines: string[] = [];
  for (const m of pp.macros.values()) {
    if (m.dynamic !== undefined) {
      // gcc lists the object-like dynamic macros too (with their current value) but not the operators.
      continue;
    }
    lines.push(printMacroDefinition(m));
  }
  return lines.sort().join('\n') + (lines.length > 0 ? '\n' : '');
}
