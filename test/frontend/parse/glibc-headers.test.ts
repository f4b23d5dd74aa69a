// The parser must accept real system headers: glibc's stdio.h, stdlib.h,
// string.h, math.h and friends, with zero diagnostics, both as preprocessed
// by the system gcc and by our own preprocessor. Skipped, with the reason
// shown, where gcc or the headers are absent.

import { testNeeding } from '../../tools.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { DiagnosticSink, formatDiagnostics, SourceMap } from '../../../src/diagnostics.js';
import { parseTranslationUnit } from '../../../src/frontend/parse/parse.js';
import { preprocess } from '../../../src/frontend/preprocess/preprocess.js';
import { tokenize } from './tokenize.js';
import { conventions } from '../../../src/frontend/lower/abi/conventions.js';

const headers = [
  'stdio.h', 'stdlib.h', 'string.h', 'math.h', 'stdint.h', 'ctype.h', 'errno.h', 'limits.h', 'stdarg.h',
  'stddef.h', 'time.h', 'signal.h', 'unistd.h', 'fcntl.h', 'sys/stat.h', 'pthread.h', 'setjmp.h', 'assert.h',
  'wchar.h', 'locale.h', 'stdatomic.h', 'complex.h', 'inttypes.h', 'stdbool.h', 'dirent.h', 'sys/mman.h',
];

function preprocessWithGcc(source: string): string | null {
  try {
    // -P drops line markers, which the parser does not take.
    return execFileSync('gcc', ['-E', '-P', '-std=gnu11', '-x', 'c', '-'], { input: source, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

const text = preprocessWithGcc(headers.map((h) => `#include <${h}>`).join('\n') + '\n');

{
  testNeeding(text === null ? 'gcc -E unavailable' : null)('glibc headers parse without diagnostics', (t) => {
    const sink = new DiagnosticSink();
    const unit = parseTranslationUnit(tokenize('headers.i', text!, sink), sink);
    t.is(formatDiagnostics(sink.diagnostics, null), '');
    // The headers declare hundreds of functions; an empty result would mean the test proves nothing.
    t.true(unit.decls.length > 500, `only ${unit.decls.length} declarations`);
  });
}

// stdatomic.h lives in gcc's private include directory, which our preprocessor does not search.
const glibcHeaders = headers.filter((h) => h !== 'stdatomic.h');

{
  testNeeding(existsSync('/usr/include/stdio.h') ? null : 'no /usr/include/stdio.h')('glibc headers through our preprocessor parse without diagnostics', (t) => {
    const source = glibcHeaders.map((h) => `#include <${h}>`).join('\n') + '\n';
    const ppSink = new DiagnosticSink();
    const sources = new SourceMap();
    const tokens = preprocess('headers.c', source, {
      target: 'x86_64', convention: conventions.x86_64, defines: new Map(), undefines: [], includePaths: [], std: 'gnu11',
      readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
    }, ppSink, sources);
    t.is(formatDiagnostics(ppSink.diagnostics, sources), '', 'preprocessor diagnostics');
    const sink = new DiagnosticSink();
    const unit = parseTranslationUnit(tokens, sink);
    t.is(formatDiagnostics(sink.diagnostics, sources), '');
    t.true(unit.decls.length > 500, `only ${unit.decls.length} declarations`);
  });
}
