import test from 'ava';
import { DiagnosticSink, SourceMap, formatDiagnostics } from '../src/diagnostics.js';

test('formats a diagnostic with the source line and a caret under the range', (t) => {
  const sources = new SourceMap();
  sources.add('foo.c', 'int main() {\n  int x = cout;\n}');
  const sink = new DiagnosticSink();
  sink.error({ loc: { file: 'foo.c', line: 2, col: 11 }, length: 4 }, "use of undeclared identifier 'cout'");
  t.is(
    formatDiagnostics(sink.diagnostics, sources),
    "foo.c:2:11: error: use of undeclared identifier 'cout'\n" +
      '    2 |   int x = cout;\n' +
      '      |           ^~~~',
  );
});
