// Macro expansion (C11 6.10.3): every example of 6.10.3.5 and 6.10.3.4p4
// with the standard's expected result, the C23 __VA_OPT__ examples, GNU
// `, ## __VA_ARGS__`, and the errors of `#define` and invocation.

import test from 'ava';
import { pp, testOptions, tokensOf } from './helpers.js';

/** Expands `src` and compares tokens (white space ignored) with `expected`. */
function expands(src: string, expected: string) {
  return (t: import('ava').ExecutionContext) => {
    const r = pp(src);
    t.is(r.diagnostics, '');
    t.is(r.text, tokensOf(expected));
  };
}

test('6.10.3.4p4 EXAMPLE: f(2)(9) gives 2*9*g', expands(`
#define f(a) a*g
#define g(a) f(a)
f(2)(9)
`, '2*9*g'));

test('6.10.3.5p5 EXAMPLE 3: rescanning and blue paint', expands(`
#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
`, `
f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
int i[] = { 1, 23, 4, 5, };
char c[2][6] = { "hello", "" };
`));

test('6.10.3.5p6 EXAMPLE 4: # and ## with string literals and #include of a macro', (t) => {
  const src = `
#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\\0d", "abc", '\\4') // this goes away
 == 0) str(: @\\n), s);
#include xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
`;

  const r = pp(src, testOptions({ 'vers2.h': 'included_vers2\n' }));
  t.is(r.diagnostics, '');
  t.is(r.text, tokensOf(`
printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
fputs("strncmp(\\"abc\\\\0d\\", \\"abc\\", '\\\\4') == 0" ": @\\n", s);
included_vers2
"hello";
"hello" ", world"
`));
});

test('6.10.3.5p7 EXAMPLE 5: placemarkers', expands(`
#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };
`, 'int j[] = { 123, 45, 67, 89, 10, 11, 12, };'));

test('6.10.3.5p8 EXAMPLE 6: valid redefinitions are silent', (t) => {
  const r = pp(`
#define OBJ_LIKE (1-1)
#define OBJ_LIKE /* white space */ (1-1) /* other */
#define FUNC_LIKE(a) ( a )
#define FUNC_LIKE( a )( /* note the white space */ \\
 a /* other stuff on this line
 */ )
`);
  t.is(r.diagnostics, '');
});

for (const [what, line] of [
  ['different token sequence', '#define OBJ_LIKE (0)'],
  ['different white space', '#define OBJ_LIKE (1 - 1)'],
  ['different parameter usage', '#define FUNC_LIKE(b) ( a )'],
  ['different parameter spelling', '#define FUNC_LIKE(b) ( b )'],
] as const) {
  test(`6.10.3.5p8 EXAMPLE 6: invalid redefinition, ${what}`, (t) => {
    const r = pp(`#define OBJ_LIKE (1-1)\n#define FUNC_LIKE(a) ( a )\n${line}\n`);
    t.regex(r.diagnostics, /warning: '(OBJ|FUNC)_LIKE' redefined/);
    t.regex(r.diagnostics, /note: this is the location of the previous definition/);
  });
}

test('6.10.3.5p9 EXAMPLE 7: variadic macros', expands(`
#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
`, `
fprintf(stderr, "Flag" );
fprintf(stderr, "X = %d\\n", x );
puts( "The first, second, and third items." );
((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));
`));

test('C23 6.10.5.1 __VA_OPT__ examples', expands(`
#define F(...) f(0 __VA_OPT__(,) __VA_ARGS__)
#define G(X, ...) f(0, X __VA_OPT__(,) __VA_ARGS__)
#define SDEF(sname, ...) S sname __VA_OPT__(= { __VA_ARGS__ })
#define EMP
F(a,b,c)
F()
F(EMP)
G(a,b,c)
G(a,)
G(a)
SDEF(foo);
SDEF(bar, 1, 2);
#define H2(X, Y, ...) __VA_OPT__(X ## Y,) __VA_ARGS__
H2(a, b, c, d)
#define H3(X, ...) #__VA_OPT__(X##X X##X)
H3(, 0)
#define H4(X, ...) __VA_OPT__(a X ## X) ## b
H4(, 1)
#define H5A(...) __VA_OPT__()/**/__VA_OPT__()
#define H5B(X) a ## X ## b
#define H5C(X) H5B(X)
H5C(H5A())
`, `
f(0, a, b, c)
f(0)
f(0)
f(0, a, b, c)
f(0, a)
f(0, a)
S foo;
S bar = { 1, 2 };
ab, c, d
""
a b
ab
`));

test('GNU , ## __VA_ARGS__ drops the comma only when the arguments are empty', expands(`
#define e(fmt, ...) printf(fmt, ## __VA_ARGS__)
#define n(fmt, args...) printf(fmt, ## args)
e("a");
e("b", 1, 2);
e("c",);
n("d");
n("e", x);
`, `
printf("a");
printf("b", 1, 2);
printf("c");
printf("d");
printf("e", x);
`));

test('nested function-like macros and macro names as arguments (results checked with gcc -E)', expands(`
#define ADD(a, b) ((a) + (b))
#define MUL(a, b) ((a) * (b))
#define APPLY(f, x, y) f(x, y)
#define TWICE(f, x) f(f(x, x), f(x, x))
APPLY(ADD, 1, MUL(2, 3))
TWICE(MUL, APPLY(ADD, 1, 2))
#define ID(x) x
#define CALL ID
CALL(ID)(ID(7))
`, `
((1) + (((2) * (3))))
((((((1) + (2))) * (((1) + (2))))) * (((((1) + (2))) * (((1) + (2))))))
ID(7)
`));

test('a self-referential object-like macro is not re-expanded (6.10.3.4p2)', expands(`
#define foo foo + 1
#define a b
#define b a
foo; a; b;
`, 'foo + 1; a; b;'));

test('a function-like macro name without ( is not an invocation', expands(`
#define f(x) [x]
f; f (1); int f
(2);
`, 'f; [1]; int [2];'));

test('stringizing spaces and escapes (6.10.3.2p2)', expands(`
#define s(x) #x
s(  a   +   b  ) s("a\\n" 'c') s(a
b) s(\\)
`, `"a + b" "\\"a\\\\n\\" 'c'" "a b" "\\"`));

test('pasting builds operators, numbers and identifiers; the result is rescanned', expands(`
#define cat(a, b) a ## b
#define xcat(a, b) cat(a, b)
#define ab done
cat(a, b) cat(+, +) cat(<<, =) cat(1, e10) cat(., 5) cat(L, 'x') xcat(xcat(1, 2), 3)
`, `done ++ <<= 1e10 .5 L'x' 123`));

test('pasting that does not form one token is an error', (t) => {
  const r = pp('#define cat(a, b) a ## b\ncat(a, +) cat(., .)\n');
  t.regex(r.diagnostics, /error: pasting "a" and "\+" does not give a valid preprocessing token/);
  t.regex(r.diagnostics, /error: pasting "\." and "\." does not give a valid preprocessing token/);
});

test('__COUNTER__, __LINE__, __FILE__, __BASE_FILE__ and __INCLUDE_LEVEL__', (t) => {
  const r = pp('__COUNTER__ __COUNTER__\n#define L __LINE__\nL __FILE__\n#include "inc.h"\n#line 100 "other.c"\n__LINE__ __FILE__ __INCLUDE_LEVEL__\n', testOptions({ 'inc.h': '__FILE__ __BASE_FILE__ __INCLUDE_LEVEL__\n' }));
  t.is(r.text, '0 1 3 "test.c" "inc.h" "test.c" 1 100 "other.c" 0');
});

test('tokens from a macro carry where the macro was used', (t) => {
  const r = pp('#define X 1 + \\\n  2\nint a = X;\n');
  const two = r.tokens.find((x) => x.image === '2')!;
  t.deepEqual(two.loc, { file: 'test.c', line: 2, col: 3, expandedFrom: { macro: 'X', loc: { file: 'test.c', line: 3, col: 9 } } });
  const a = r.tokens.find((x) => x.image === 'a')!;
  t.is(a.loc.expandedFrom, undefined);
});

const errorCases: [string, string, RegExp][] = [
  ['missing arguments', '#define f(a, b) a\nf(1)\n', /error: macro "f" requires 2 arguments, but only 1 given/],
  ['too many arguments', '#define f(a) a\nf(1, 2)\n', /error: macro "f" passed 2 arguments, but takes just 1/],
  ['unterminated invocation', '#define f(a) a\nf(1, (2)\n', /error: unterminated argument list invoking macro "f"/],
  ['# without parameter', '#define f(a) #b\n', /error: '#' is not followed by a macro parameter/],
  ['## at the edge', '#define f(a) ## a\n', /error: '##' cannot appear at either end of a macro expansion/],
  ['bad parameter', '#define f(a, +) a\n', /error: expected parameter name, found "\+"/],
  ['duplicate parameter', '#define f(a, a) a\n', /error: duplicate macro parameter "a"/],
  ['missing )', '#define f(a a\n', /error: expected ',' or '\)', found "a"/],
  ['defined as a name', '#define defined 1\n', /error: 'defined' cannot be used as a macro name/],
  ['no name', '#define\n', /error: no macro name given in #define directive/],
  ['number as name', '#define 3 x\n', /error: macro names must be identifiers/],
];
for (const [what, src, re] of errorCases) {
  test(`error: ${what}`, (t) => {
    t.regex(pp(src).diagnostics, re);
  });
}

