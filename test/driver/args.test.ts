// The driver's reading of gcc's command line (driver/args.ts) and its make
// rules (driver/depfile.ts), without running anything.
import test from 'ava';
import { parseArgs, quoteForMake, UsageError } from '../../src/driver/args.js';
import { formatMakeRule } from '../../src/driver/depfile.js';

test('inputs take their language from -x until -x none, else from the suffix', (t) => {
  const a = parseArgs(['-c', 'a.c', 'b.i', '-x', 'c', 'c.txt', '-', '-x', 'none', 'd.o', 'e.S']);
  t.deepEqual(a.inputs.map((i) => `${i.path}:${i.lang}`), ['a.c:c', 'b.i:cpp-output', 'c.txt:c', '-:c', 'e.S:assembler-with-cpp']);
  t.deepEqual(a.linkArgs, ['d.o']);
  t.throws(() => parseArgs(['-c', '-']), { instanceOf: UsageError, message: /-E or -x required/ });
  t.throws(() => parseArgs(['-x', 'fortran', 'a.f']), { instanceOf: UsageError, message: /language fortran not recognized/ });
});

test('preprocessor, dependency and code-generation flags, attached or separate', (t) => {
  const a = parseArgs(['-c', '-Iinc', '-I', 'inc2', '-isystem', 'sys', '-iquote', 'q', '-idirafter', 'late', '-include', 'cfg.h',
    '-DX', '-DY=2', '-UZ', '-MMD', '-MFdeps.d', '-MT', 't.o', '-MQ', '$x', '-MP', '-fPIC', '-fvisibility=hidden', '-pthread',
    '-Wp,-DW=1,-MD,wp.d', '-Xlinker', '--as-needed', '-ansi', 'a.c']);
  t.deepEqual([a.includePaths, a.systemIncludePaths, a.quoteIncludePaths, a.afterIncludePaths, a.forcedIncludes],
    [['inc', 'inc2'], ['sys'], ['q'], ['late'], ['cfg.h']]);
  t.deepEqual(a.defines, { X: '1', Y: '2', _REENTRANT: '1', W: '1' });
  t.deepEqual(a.undefines, ['Z']);
  t.deepEqual(a.deps, { onlyRule: false, alongside: true, skipSystem: false, file: 'wp.d', targets: ['t.o', '$$x'], phony: true });
  t.is(a.pic, 'pic');
  t.is(a.visibility, 'hidden');
  t.is(a.std, 'c90');
  t.deepEqual(a.linkArgs, ['-pthread', '-Xlinker', '--as-needed']);
  t.deepEqual(a.notes, []);
});

test('-M and -MM imply -E; information flags become queries', (t) => {
  t.is(parseArgs(['-MM', 'a.c']).mode, 'preprocess');
  t.deepEqual(parseArgs(['-dumpmachine']).query, { kind: 'dumpmachine' });
  t.deepEqual(parseArgs(['-print-prog-name=ld']).query, { kind: 'print', flag: '-print-prog-name=ld' });
  t.deepEqual(parseArgs(['-v']).query, { kind: 'banner' });
  t.is(parseArgs(['-v', '-c', 'a.c']).query, null);
});

test('unknown flags are notes, unsupported ones say so, no-op ones are silent', (t) => {
  const a = parseArgs(['-c', '-fbogus-flag', '-mno-red-zone', '-funroll-loops', '-fno-tree-vectorize', '-mtune=generic', '-Wl,-z,now', 'a.c']);
  t.deepEqual(a.notes, ["unknown option '-fbogus-flag' ignored", "'-mno-red-zone' is not supported; ignored"]);
  t.deepEqual(a.linkArgs, ['-Wl,-z,now']);
});

test('make rules: quoting, continuation lines, -MP phony targets, -MM leaves system headers out', (t) => {
  t.is(quoteForMake('a b$c#d'), 'a\\ b$$c\\#d');
  const deps = [
    { path: '/usr/include/stdio.h', isSystem: true },
    { path: 'include/a long header name.h', isSystem: false },
    { path: 'include/another-rather-long-header-name-to-wrap.h', isSystem: false },
  ];
  t.is(formatMakeRule(['obj/main.o'], 'src/main.c', deps, { skipSystem: false, phony: false }),
    'obj/main.o: src/main.c /usr/include/stdio.h include/a\\ long\\ header\\ name.h \\\n include/another-rather-long-header-name-to-wrap.h\n');
  t.is(formatMakeRule(['m.o'], 'm.c', deps, { skipSystem: true, phony: true }),
    'm.o: m.c include/a\\ long\\ header\\ name.h \\\n include/another-rather-long-header-name-to-wrap.h\n' +
    'include/a\\ long\\ header\\ name.h:\ninclude/another-rather-long-header-name-to-wrap.h:\n');
});
