/* Errors in #define (C11 6.10.3): each line is reported and skipped. */
#define
#define 3 x
#define defined 1
#define F(a, +) a
#define G(a, a) a
#define H(a a
#define I(a, b
#define J(...) x
#define K(a...) a
#define L(... b) b
#define M(__VA_ARGS__) x
#define N(a) #b
#define O(a) ## a
#define P(a) a ##
#define Q __VA_ARGS__
#define R(x) __VA_OPT__(x)
#define S(...) __VA_OPT__ x
#define T(...) __VA_OPT__(x
#define U+1
#define V 1
#define V 2
#define __FILE__ "f"
S(1) T(1)
