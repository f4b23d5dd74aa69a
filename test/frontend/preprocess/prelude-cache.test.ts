// The prelude (built-in macros, -D/-U, the C library's stdc-predef.h) runs
// once per set of options and is reused by later translation units
// (preprocess.ts); these tests show that reuse changes nothing a compile can
// observe: other options get their own prelude, an edited, moved or removed
// stdc-predef.h is seen, a warning of the prelude is reported every time,
// and diagnostics that point into the prelude still quote its lines.
import test from 'ava';
import { pp, testOptions } from './helpers.js';

const predefsPath = '/usr/include/stdc-predef.h';

test('each set of -D/-U options gets its own prelude', (t) => {
  const a = pp('A B', testOptions({}, { defines: new Map([['A', '1']]) }));
  const b = pp('A B', testOptions({}, { defines: new Map([['B', '2']]) }));
  const again = pp('A B', testOptions({}, { defines: new Map([['A', '1']]) }));
  t.is(a.text, '1 B');
  t.is(b.text, 'A 2');
  t.is(again.text, '1 B');
  t.is(pp('__STDC_VERSION__', testOptions({}, { std: 'c99' })).text, '199901L');
  t.is(pp('__STDC_VERSION__', testOptions({}, { std: 'c11' })).text, '201112L');
});

test('an edited, moved or removed stdc-predef.h is seen by the next translation unit', (t) => {
  const files: Record<string, string> = { [predefsPath]: '#define PREDEF 1\n' };
  const opts = testOptions(files);
  t.is(pp('PREDEF', opts).text, '1');
  t.is(pp('PREDEF', opts).text, '1');
  files[predefsPath] = '#define PREDEF 2\n';
  t.is(pp('PREDEF', opts).text, '2');
  // Found earlier on the search path now (a -I directory comes first).
  const moved = testOptions({ ...files, '/opt/inc/stdc-predef.h': '#define PREDEF 3\n' }, { includePaths: ['/opt/inc'] });
  t.is(pp('PREDEF', moved).text, '3');
  delete files[predefsPath];
  t.is(pp('PREDEF', opts).text, 'PREDEF');
});

test('a warning from the prelude is reported by every translation unit', (t) => {
  const opts = testOptions({}, { defines: new Map([['__STDC_HOSTED__', '0']]) });
  const first = pp('__STDC_HOSTED__', opts);
  const second = pp('__STDC_HOSTED__', opts);
  t.is(first.text, '0');
  t.regex(first.diagnostics, /<command-line>:1:9: warning: '__STDC_HOSTED__' redefined/);
  t.is(second.diagnostics, first.diagnostics);
});

test('diagnostics pointing into a reused prelude still quote its lines', (t) => {
  const files = { [predefsPath]: '/* glibc */\n#define PREDEF_NOTE 1\n' };
  const runs = [1, 2].map(() => pp('#define PREDEF_NOTE 2\nPREDEF_NOTE', testOptions(files)));
  t.regex(runs[0]!.diagnostics, /stdc-predef\.h:2:9: note: this is the location of the previous definition\n +2 \| #define PREDEF_NOTE 1/);
  t.is(runs[1]!.diagnostics, runs[0]!.diagnostics);
  t.is(runs[1]!.text, '2');
});
