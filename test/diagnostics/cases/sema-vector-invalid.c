typedef int v4si __attribute__((vector_size(16)));
typedef unsigned v4usi __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef int v2si __attribute__((vector_size(8)));
int bad3 __attribute__((vector_size(12)));
struct S { int x; } bads __attribute__((vector_size(16)));
v4si a; v4usi b; v4sf f; v2si s2;
void g(long n) {
  a = b;
  a = a + f;
  a = a + s2;
  f = f % 2.0f;
  a = a + 1.5;
  a = a + n;
  a = 1;
  a = (v4si)s2;
  long x = (long)a;
  int c = a ? 1 : 2;
  a = !a;
  a = a == f;
}
