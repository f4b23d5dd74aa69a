// Shared test helpers: run the preprocessor on a string with a virtual file
// system, and compare token streams ignoring white space.

import { readFileSync } from 'node:fs';
import { DiagnosticSink, SourceMap, formatDiagnostics } from '../../../src/diagnostics.js';
import { lexPpTokens } from '../../../src/frontend/lex/lexer.js';
import { Newline } from '../../../src/frontend/lex/tokens.js';
import type { FrontendOptions } from '../../../src/frontend/options.js';
import { preprocessWithIncludes } from '../../../src/frontend/preprocess/preprocess.js';
import type { IncludeEvent } from '../../../src/frontend/preprocess/preprocessor.js';
import type { CToken } from '../../../src/frontend/lex/tokens.js';
import { conventions } from '../../../src/frontend/lower/abi/conventions.js';

export interface PpRun {
  readonly tokens: CToken[];
  /** Where #included files begin and end in `tokens` (for -E's line markers). */
  readonly includes: IncludeEvent[];
  /** Token images joined by single spaces. */
  readonly text: string;
  readonly diagnostics: string;
  readonly sink: DiagnosticSink;
}

/** Options with a virtual file system (`files`), falling back to the real one when `useDisk`. */
export function testOptions(files: Record<string, string> = {}, extra: Partial<FrontendOptions> = {}, useDisk = false): FrontendOptions {
  const target = extra.target ?? 'x86_64';
  return {
    target,
    convention: conventions[target],
    defines: new Map(),
    undefines: [],
    includePaths: [],
    std: 'gnu11',
    readFile: (path: string) => {
      if (path in files) return files[path]!;
      if (!useDisk) return null;
      try {
        return readFileSync(path, 'latin1');
      } catch {
        return null;
      }
    },
    ...extra,
  };
}

export function pp(source: string, opts: FrontendOptions = testOptions(), file = 'test.c'): PpRun {
  const sink = new DiagnosticSink();
  const sources = new SourceMap();
  sources.add(file, source);
  const { tokens, includes } = preprocessWithIncludes(file, source, opts, sink, sources);
  return { tokens, includes, text: tokens.map((t) => t.image).join(' '), diagnostics: formatDiagnostics(sink.diagnostics, sources), sink };
}

/** The images of `text` lexed on its own: the expected side of a token comparison. */
export function tokensOf(text: string): string {
  return lexPpTokens('expected', text).tokens.filter((t) => t.tokenType !== Newline).map((t) => t.image).join(' ');
}
