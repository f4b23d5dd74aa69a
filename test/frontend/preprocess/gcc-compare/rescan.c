/* Rescanning corner cases: macros that expand to function-like macro names,
   arguments that contain commas in parentheses, deferred expansion. */
#define EMPTY()
#define DEFER(id) id EMPTY()
#define OBSTRUCT(...) __VA_ARGS__ DEFER(EMPTY)()
#define EXPAND(...) __VA_ARGS__
#define A() 123
DEFER(A)()
EXPAND(DEFER(A)())
#define CAT(a, ...) PRIMITIVE_CAT(a, __VA_ARGS__)
#define PRIMITIVE_CAT(a, ...) a ## __VA_ARGS__
#define IIF(c) PRIMITIVE_CAT(IIF_, c)
#define IIF_0(t, ...) __VA_ARGS__
#define IIF_1(t, ...) t
IIF(1)(true, false) IIF(0)(true, false)
#define COMPL(b) PRIMITIVE_CAT(COMPL_, b)
#define COMPL_0 1
#define COMPL_1 0
COMPL(COMPL(1))
#define CHECK_N(x, n, ...) n
#define CHECK(...) CHECK_N(__VA_ARGS__, 0,)
#define PROBE(x) x, 1,
#define IS_PAREN(x) CHECK(IS_PAREN_PROBE x)
#define IS_PAREN_PROBE(...) PROBE(~)
IS_PAREN(()) IS_PAREN(xxx)
#define f(x, y) <x|y>
#define g f
#define comma ,
g((a, b), c) f(comma, comma) f(,)
#define h() H
h() h( ) h(
)
#define AA BB
#define BB AA
AA BB
#define str(x) #x
#define xstr(x) str(x)
xstr(__LINE__) str(__LINE__) xstr(AA) str( "a\n" '\'' )
#define LPAREN (
#define RPAREN )
#define F(x, y) x + y
#define ELLIP_FUNC(...) __VA_ARGS__
ELLIP_FUNC(F, LPAREN, 'a', 'b', RPAREN);
