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
// there, and gcc includes it implicitly), then the file. The state after
// that prelude is kept and reused by later translation units with the same
// options (see `Prelude`).

import type { DiagnosticSink, SourceMap } from '../../diagnostics.js';
import type { CToken } from '../lex/tokens.js';
import type { FrontendOptions } from '../options.js';
import { printMacroDefinition } from './macro.js';
import { commandLineMacroText, predefinedMacroText } from './predefined.js';
import type { FoundFile } from './include-search.js';
import { Preprocessor, type IncludeEvent, type PreprocessorState } from './preprocessor.js';

export { printPreprocessed } from './print.js';

/**
 * The state after the prelude (built-in, command-line, stdc-predef.h), by
 * the text of the first two; valid while stdc-predef.h is found at the same
 * place with the same text. Running the prelude means defining some 400
 * macros, which costs more than compiling a small function does.
 */
interface Prelude {
  readonly predefs: FoundFile | null;
  readonly state: PreprocessorState;
}

/**
 * By the built-in text, then the command-line text: the built-in text is
 * one string per target and -std (predefined.ts keeps it), whose hash V8
 * computes once, where a key joining the two texts would be a new 11 KB
 * string to flatten and hash on every compile.
 */
const preludes = new Map<string, Map<string, Prelude>>();

/** A few option sets at a time (-D values are part of the key); the oldest goes first. */
const preludeLimit = 16;

function sameFile(a: FoundFile | null, b: FoundFile | null): boolean {
  return a === null || b === null ? a === b : a.path === b.path && a.dirIndex === b.dirIndex && a.text === b.text;
}

function startPreprocessor(opts: FrontendOptions, sink: DiagnosticSink, sources: SourceMap): Preprocessor {
  const pp = new Preprocessor(opts, sink, sources);
  // Preprocessed input (.i) had its macros expanded already: it gets none, so nothing expands twice.
  if (opts.isPreprocessed) return pp;
  const builtin = predefinedMacroText(opts);
  const commandLine = commandLineMacroText(opts);
  // Looked up and read on every start, through the options' readFile like any header: an edited
  // stdc-predef.h is seen, and the compile cache records it among the files a build read.
  const libcPredefs = pp.search.find('stdc-predef.h', false, '<command-line>', false, -1);
  // gcc's -M lists stdc-predef.h as a system header the translation unit read.
  if (libcPredefs !== null) pp.noteInclude(libcPredefs, '<command-line>', false);
  const cached = preludes.get(builtin)?.get(commandLine);
  const files = [{ path: '<built-in>', text: builtin }, { path: '<command-line>', text: commandLine }, ...(libcPredefs ? [libcPredefs] : [])];
  if (cached !== undefined && sameFile(cached.predefs, libcPredefs)) {
    pp.restoreState(cached.state, files);
    return pp;
  }
  const diagnosticsBefore = sink.diagnostics.length;
  pp.run('<built-in>', builtin);
  pp.run('<command-line>', commandLine);
  if (libcPredefs !== null) pp.run(libcPredefs.path, libcPredefs.text, libcPredefs.dirIndex);
  // A prelude that warned (a -D redefining a built-in) is run every time, so the warning is too.
  const state = sink.diagnostics.length === diagnosticsBefore ? pp.saveState() : null;
  if (state !== null) {
    let byCommandLine = preludes.get(builtin);
    if (byCommandLine === undefined) preludes.set(builtin, (byCommandLine = new Map()));
    byCommandLine.delete(commandLine);
    if (byCommandLine.size >= preludeLimit) byCommandLine.delete(byCommandLine.keys().next().value!);
    byCommandLine.set(commandLine, { predefs: libcPredefs, state });
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
