/* When identifiers are painted blue (C11 6.10.3.4p2): cases where the
   naive and the precise rules differ. */
#define NIL(xxx) xxx
#define G_0(arg) NIL(G_1)(arg)
#define G_1(arg) NIL(arg)
G_0(42)
#define f(a) a + f(a)
#define g f
#define h(x) x(2)
h(g) h(f)
#define AA BB
#define BB AA
#define m(x) x
m(AA) m(BB) m(m(AA))
#define x 2
#define fx(a) fx(x * (a))
#define gx fx
#define z z[0]
gx(gx(z))
#define ff(x) gg(x)
#define gg(x) x ff
ff(1)(2)(3)
#define obj obj_fn
#define obj_fn(y) obj y
obj(1)(2)
#define LP (
#define call(mac) mac LP 7)
call(m)
#define self(a) self a
self(self)(self)(1)
#define q(a) a q
q(q)(1)(2)
