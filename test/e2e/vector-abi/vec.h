/* Shared declarations of the vector ABI pair (callee.c / caller.c). */
typedef int v4si __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef double v2df __attribute__((vector_size(16)));
typedef int v2si __attribute__((vector_size(8)));
typedef short v2hi __attribute__((vector_size(4)));
typedef int v8si __attribute__((vector_size(32)));
struct wrap { v4si v; };
struct mixed { v2si v; int x; };

v4si add4(v4si a, v4si b);
v4sf mul4f(v4sf a, v4sf b);
v2df sub2d(v2df a, v2df b);
v2si swap2(v2si a);
v2hi neg2h(v2hi a);
v8si twice8(v8si a);
struct wrap wrapped(struct wrap w, int k);
struct mixed mixed_add(struct mixed m);
/* Nine vectors: the ninth goes on the stack, 16-byte aligned, after an int on the stack too. */
v4si sum9(int a, int b, int c, int d, int e, int f, int g, v4si x1, v4si x2, v4si x3, v4si x4, v4si x5, v4si x6, v4si x7, v4si x8, v4si x9);
double mix(double d, v4si a, float f, v2df b);
v4si vsum(int n, ...);
v4si apply(v4si (*fn)(v4si, v4si), v4si a, v4si b);
/* A 32-byte vector on the stack after one stack word: gcc aligns it to 32. */
int stack32(long a, long b, long c, long d, long e, long f, long g, v8si v);
