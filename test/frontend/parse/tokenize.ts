// Test helper: source text to the token list the parser expects (no
// Newline tokens), using the project's lexer. Preprocessing directives are
// not handled here; parser fixtures contain none (gcc -E line markers are
// dropped for the glibc header test).

import type { DiagnosticSink } from '../../../src/diagnostics.js';
import { lexFile } from '../../../src/frontend/lex/lexer.js';
import { Newline, type CToken } from '../../../src/frontend/lex/tokens.js';

export function tokenize(file: string, text: string, sink: DiagnosticSink): CToken[] {
  return lexFile(file, text, sink).filter((t) => t.tokenType !== Newline);
}
