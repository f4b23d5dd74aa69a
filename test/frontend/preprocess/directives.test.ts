// Directives: conditional inclusion (6.10.1) with intmax_t/uintmax_t
// arithmetic, source file inclusion with the search order (6.10.2) through
// a virtual file system, #line, #error/#warning, pragmas and the
// predefined macros (6.10.8).

import test from 'ava';
import { pp, testOptions, tokensOf } from './helpers.js';

function ifTrue(expr: string, extra = '') {
  return pp(`${extra}\n#if ${expr}\nyes\n#else\nno\n#endif\n`);
}

const trueExpressions = [
  '1', '0u - 1 == 18446744073709551615u', '0u - 1 > 0', '-1 < 0', '-1 > 0u', '7 / 2 == 3', '-7 % 3 == -1',
  '1 << 10 == 1024', "'A' == 65", "'\\377' < 0", "'\\n' == 10", "'ab' == 24930", '0x7FFFFFFFFFFFFFFF > 0',
  '-0x7FFFFFFFFFFFFFFF - 1 < 0', '0xFFFFFFFFFFFFFFFF == -1', '1 ? 2 : 0', '(2 || 1 / 0)', '!(0 && 1 / 0)',
  'defined FOO && defined(FOO)', '!defined BAR', 'UNKNOWN == 0', 'FOO == 2 && ADD(1, 2) == 3', '~0 == -1',
  '(1, 2) == 2', '010 == 8', '0b101 == 5', '1LL + 2ull == 3', 'sizeof == 0', '-1 >> 1 == -1', '(0 ? 1u : -1) > 0',
  '__has_include(<vh.h>) && !__has_include("missing.h")', 'defined __has_include', '__has_attribute(noreturn) && __has_attribute(__packed__) && __has_attribute(gnu::aligned)',
  '!__has_attribute(cleanup) && !__has_attribute(mode) && !__has_attribute(clang::noreturn)',
  '__has_builtin(__builtin_expect) && __has_builtin(__builtin_mul_overflow) && !__has_builtin(__builtin_ia32_pause)',
  '__has_feature(c_static_assert) && !__has_feature(c_atomic) && __has_extension(gnu_asm) && !__has_c_attribute(nodiscard)',
  '__has_include_next(<vh.h>) && !__has_include_next("missing.h") && defined __has_builtin',
];
for (const e of trueExpressions) {
  test(`#if ${e}`, (t) => {
    const r = pp(`#define FOO 2\n#define ADD(a, b) a + b\n#if ${e}\nyes\n#else\nno\n#endif\n`, testOptions({ '/inc/vh.h': '' }, { includePaths: ['/inc'] }));
    t.is(r.diagnostics, '');
    t.is(r.text, 'yes');
  });
}

const badExpressions: [string, RegExp][] = [
  ['1 / 0', /error: division by zero in #if/],
  ['1.0', /error: floating constant in preprocessor expression/],
  ['', /error: #if with no expression/],
  ['1 +', /error: #if with no expression/],
  ['(1', /error: missing '\)' in expression/],
  ['1 2', /error: missing binary operator before token "2"/],
  ['defined', /error: operator "defined" requires an identifier/],
  ['"s"', /error: token ""s"" is not valid in preprocessor expressions/],
  ['F(1)', /error: missing binary operator before token "\("/],
  ['1 = 1', /error: token "=" is not valid in preprocessor expressions/],
];
for (const [e, re] of badExpressions) {
  test(`#if ${e || '(empty)'} is an error and the group is skipped`, (t) => {
    const r = ifTrue(e);
    t.regex(r.diagnostics, re);
    t.is(r.text, 'no');
  });
}

test('#elif, #else, nesting, #ifdef/#ifndef, #elifdef', (t) => {
  const r = pp(`
#define A
#if 0
  bad
# if 1
  bad
# else
  bad
# endif
#elif defined A
  one
# ifdef B
  bad
# elif 1
  two
# endif
#else
  bad
#endif
#ifndef B
  three
#endif
#ifdef B
#elifdef A
  four
#endif
#if 0
  don't care about ' or " here
#error not reached
#bogus directive
#endif
`);
  t.is(r.diagnostics, '');
  t.is(r.text, 'one two three four');
});

test('conditional errors: unterminated, stray #else/#endif/#elif, #else after #else', (t) => {
  t.regex(pp('#if 1\nx\n').diagnostics, /test.c:1:2: error: unterminated #if/);
  t.regex(pp('#ifdef X\n').diagnostics, /test.c:1:2: error: unterminated #ifdef/);
  t.regex(pp('#endif\n').diagnostics, /error: #endif without #if/);
  t.regex(pp('#else\n').diagnostics, /error: #else without #if/);
  t.regex(pp('#elif 1\n').diagnostics, /error: #elif without #if/);
  t.regex(pp('#if 1\n#else\n#else\n#endif\n').diagnostics, /error: #else after #else/);
  t.regex(pp('#if 1\n#else\n#elif 1\n#endif\n').diagnostics, /error: #elif after #else/);
  t.regex(pp('#ifdef\n#endif\n').diagnostics, /error: no macro name given in #ifdef directive/);
  t.regex(pp('#ifdef 3\n#endif\n').diagnostics, /error: macro names must be identifiers/);
});

test('an error in one directive does not stop the file', (t) => {
  const r = pp('#if 1 +\n#endif\n#foo\n#define\nok\n');
  t.is(r.sink.errorCount, 3);
  t.is(r.text, 'ok');
});

test('#include search order: quote dir, -I, then system; <> skips the quote dir', (t) => {
  const files = {
    'src/main.c': '#include "a.h"\n#include <a.h>\n#include "sub/b.h"\n',
    'src/a.h': 'quote_dir_a',
    '/one/a.h': 'first_I_a',
    '/two/a.h': 'second_I_a',
    'src/sub/b.h': '#include "c.h"\n',
    'src/sub/c.h': 'c_next_to_b',
  };
  const opts = testOptions(files, { includePaths: ['/one', '/two'] });
  const r = pp(files['src/main.c'], opts, 'src/main.c');
  t.is(r.diagnostics, '');
  t.is(r.text, 'quote_dir_a first_I_a c_next_to_b');
});

test('#include_next continues after the directory the current file came from', (t) => {
  const files = {
    '/one/x.h': 'one_x\n#include_next <x.h>\n',
    '/two/x.h': 'two_x\n#include_next <x.h>\n',
    '/three/x.h': 'three_x\n',
  };
  const r = pp('#include <x.h>\n', testOptions(files, { includePaths: ['/one', '/two', '/three'] }));
  t.is(r.diagnostics, '');
  t.is(r.text, 'one_x two_x three_x');
});

test('#pragma once and include guards stop repeated inclusion', (t) => {
  let reads = 0;
  const files: Record<string, string> = {
    'once.h': '#pragma once\nonce_body\n',
    'guard.h': '/* c */\n#ifndef GUARD_H\n#define GUARD_H\nguard_body\n#endif\n\n',
    'guard2.h': '#if !defined(G2)\n#define G2\nguard2_body\n#endif\n',
    'noguard.h': '#ifndef NG\nng\n#endif\nafter\n',
  };
  const base = testOptions(files);
  const opts = { ...base, readFile: (p: string) => { reads++; return base.readFile(p); } };
  const r = pp('#include "once.h"\n#include "once.h"\n#include "guard.h"\n#include "guard.h"\n#include "guard2.h"\n#include "guard2.h"\n#include "noguard.h"\n#include "noguard.h"\n', opts);
  t.is(r.diagnostics, '');
  t.is(r.text, 'once_body guard_body guard2_body ng after ng after');
  t.true(reads < 20);
});

test('#include errors', (t) => {
  t.regex(pp('#include "nope.h"\n').diagnostics, /test.c:1:10: error: 'nope.h' file not found/);
  t.regex(pp('#include\n').diagnostics, /error: #include expects "FILENAME" or <FILENAME>/);
  t.regex(pp('#include <a.h\n').diagnostics, /error: #include expects "FILENAME" or <FILENAME>/);
  t.regex(pp('#include "self.c"\n', testOptions({ 'self.c': '#include "self.c"\n' })).diagnostics, /error: #include nested depth 200 exceeds maximum of 200/);
});

test('#include with a macro operand and an unterminated #if inside an included file', (t) => {
  const r = pp('#define H "h.h"\n#include H\nafter\n', testOptions({ 'h.h': 'in_h\n#if 1\n' }));
  t.regex(r.diagnostics, /h.h:2:2: error: unterminated #if/);
  t.is(r.text, 'in_h after');
});

test('#line changes the presumed line and file', (t) => {
  const r = pp('#line 42\n__LINE__\n#line 7 "x.c"\n\n__LINE__ __FILE__\n#line x\n');
  t.is(r.text, '42 8 "x.c"');
  t.regex(r.diagnostics, /error: "x" after #line is not a positive integer/);
  t.is(r.tokens[1]!.loc.file, 'x.c');
  t.is(r.tokens[1]!.loc.line, 8);
});

test('#error, #warning, #pragma, _Pragma, null directive, unknown directive', (t) => {
  const r = pp('#\n#error stop  here\n#warning careful\n#pragma weird stuff\n#pragma GCC system_header\nx _Pragma("once") y\n#frobnicate\n');
  t.regex(r.diagnostics, /test.c:2:2: error: #error stop here/);
  t.regex(r.diagnostics, /test.c:3:2: warning: #warning careful/);
  t.regex(r.diagnostics, /test.c:7:2: error: invalid preprocessing directive #frobnicate/);
  t.is(r.sink.errorCount, 2);
  t.is(r.text, 'x y');
});

test('#pragma push_macro / pop_macro', (t) => {
  const r = pp('#define X 1\n#pragma push_macro("X")\n#undef X\n#define X 2\nX\n#pragma pop_macro("X")\nX\n');
  t.is(r.text, '2 1');
});

test('predefined macros for x86-64', (t) => {
  const r = pp('__STDC__ __STDC_VERSION__ __STDC_HOSTED__ __x86_64__ __LP64__ __SIZEOF_LONG__ __CHAR_BIT__ __GNUC__ __SIZE_TYPE__ __INT64_TYPE__ __BYTE_ORDER__ __INT_MAX__ __aarch64__ __CHAR_UNSIGNED__ __STRICT_ANSI__');
  t.is(r.text, tokensOf('1 201112L 1 1 1 8 8 4 long unsigned int long int 1234 0x7fffffff __aarch64__ __CHAR_UNSIGNED__ __STRICT_ANSI__'));
});

test('predefined macros for aarch64 and -std=c99', (t) => {
  const r = pp("__aarch64__ __ARM_ARCH __CHAR_UNSIGNED__ __x86_64__ __STDC_VERSION__ __STRICT_ANSI__ __WCHAR_TYPE__\n#if '\\377' > 0\nunsigned_char\n#endif\n", testOptions({}, { target: 'aarch64', std: 'c99' }));
  t.is(r.text, tokensOf("1 8 1 __x86_64__ 199901L 1 unsigned int unsigned_char"));
});

test('-D and -U apply after the predefined macros', (t) => {
  const r = pp('A B F(3) __x86_64__ C', testOptions({}, { defines: new Map([['A', '1'], ['B', 'x y'], ['F(v)', 'v*v'], ['C', '']]), undefines: ['__x86_64__'] }));
  t.is(r.text, '1 x y 3 * 3 __x86_64__');
});

test('__DATE__ and __TIME__ have the standard shapes (6.10.8.1)', (t) => {
  const r = pp('__DATE__ __TIME__');
  t.regex(r.tokens[0]!.image, /^"[A-Z][a-z]{2} [ 1-3][0-9] [0-9]{4}"$/);
  t.regex(r.tokens[1]!.image, /^"[0-9]{2}:[0-9]{2}:[0-9]{2}"$/);
});

test('conditional directives inside macro arguments are run (a GNU extension glibc code relies on)', (t) => {
  const r = pp('#define F(a, b) [a|b]\nF(1,\n#ifdef NOPE\n2\n#else\n3\n#endif\n)\n');
  t.is(r.text, '[ 1 | 3 ]');
});

test('a function-like macro name and its ( on different lines', (t) => {
  const r = pp('#define F(a) <a>\nF\n\n(x)\n');
  t.is(r.text, '< x >');
});

test('#pragma once recognizes one file under different path spellings', (t) => {
  const files = { 'a.h': '#pragma once\nbody\n', 'sub/x.h': '#include "../a.h"\n' };
  const r = pp('#include "a.h"\n#include "./a.h"\n#include "sub/x.h"\n', testOptions(files));
  t.is(r.diagnostics, '');
  t.is(r.text, 'body');
});
