// GNU vectors: sizeof/_Alignof/offsetof as gcc lays them out, brace
// initialization (missing elements zero), subscripts as lvalues, copies,
// same-size casts between vectors and to and from integers, unions,
// static initialization, vectors in structs and arrays, pointers to elements.
#include <stdio.h>
#include <stddef.h>
#include <string.h>

typedef int v4si __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef short v4hi __attribute__((vector_size(8)));
typedef int v2si __attribute__((vector_size(8)));
typedef unsigned char v4qu __attribute__((vector_size(4)));
typedef char v32qi __attribute__((vector_size(32)));
typedef int __attribute__((vector_size(16))) v4si_b;
int v4si_decl __attribute__((vector_size(16)));

struct s { char c; v4si v; short tail; };
struct t { char c; v32qi v; };
struct u { char c; v4hi v; };

static v4si global = { 1, 2, 3 };
static const v4sf cglobal = { 0.5f, 1.5f };
static v4si garray[2] = { { 1, 2, 3, 4 }, { 5 } };
static struct s gs = { 'x', { 9, 8, 7, 6 }, 5 };

static v4si make(int x) { v4si r = { x, x + 1, x + 2, x + 3 }; return r; }

int main(void) {
  printf("sizes %zu %zu %zu %zu %zu %zu\n", sizeof(v4si), sizeof(v4hi), sizeof(v4qu), sizeof(v32qi), sizeof(v4si_b), sizeof v4si_decl);
  printf("aligns %zu %zu %zu %zu\n", _Alignof(v4si), _Alignof(v4hi), _Alignof(v4qu), _Alignof(v32qi));
  printf("struct %zu %zu %zu %zu | %zu %zu | %zu %zu\n", sizeof(struct s), _Alignof(struct s), offsetof(struct s, v), offsetof(struct s, tail),
         sizeof(struct t), offsetof(struct t, v), sizeof(struct u), offsetof(struct u, v));

  printf("global %d %d %d %d\n", global[0], global[1], global[2], global[3]);
  printf("cglobal %g %g %g %g\n", cglobal[0], cglobal[1], cglobal[2], cglobal[3]);
  printf("garray %d %d %d\n", garray[0][3], garray[1][0], garray[1][3]);
  printf("gs %c %d %d\n", gs.c, gs.v[1], gs.tail);

  v4si a = { 5, 6 };
  a[2] = 42;
  a[3]++;
  a[0] += 100;
  int *p = &a[1];
  *p = -6;
  printf("local %d %d %d %d\n", a[0], a[1], a[2], a[3]);
  int i = 3;
  printf("index %d %d\n", a[i], make(10)[i - 1]);

  v4si b = a;
  b[0] = 0;
  printf("copy %d %d\n", a[0], b[0]);

  v4sf f = (v4sf)(v4si){ 0x3f800000, 0x40000000, 0, (int)0xbf800000 };
  printf("bits %g %g %g %g\n", f[0], f[1], f[2], f[3]);
  v4si back = (v4si)f;
  printf("back %x %x\n", back[0], back[3]);
  long long ll = (long long)(v2si){ 1, -1 };
  printf("toll %llx\n", (unsigned long long)ll);
  v2si fromll = (v2si)0x0000000500000007LL;
  printf("fromll %d %d\n", fromll[0], fromll[1]);
  v4hi hh = (v4hi)(v2si){ 0x00020001, 0x00040003 };
  printf("hh %d %d %d %d\n", hh[0], hh[1], hh[2], hh[3]);
  unsigned int word = (unsigned int)(v4qu){ 1, 2, 3, 4 };
  printf("word %08x\n", word);

  union { v4si v; int i[4]; float f[4]; } un;
  un.v = make(7);
  printf("union %d %d %d %d\n", un.i[0], un.i[1], un.i[2], un.i[3]);

  struct s ls = { 'a', { 1, 2, 3, 4 }, 9 };
  ls.v *= 3;
  ls.v[0] = -1;
  struct s copy = ls;
  printf("struct %d %d %d %d %d\n", copy.v[0], copy.v[1], copy.v[2], copy.v[3], copy.tail);

  v4si arr[3] = { make(0), make(10), { 1 } };
  arr[1] += arr[0];
  printf("arr %d %d %d\n", arr[1][3], arr[2][0], arr[2][1]);

  v4si *vp = &arr[1];
  (*vp)[2] = 77;
  printf("ptr %d %d\n", arr[1][2], vp[0][0]);

  v4si zeroed = {};
  memcpy(&zeroed, &a, 8);
  printf("memcpy %d %d %d %d\n", zeroed[0], zeroed[1], zeroed[2], zeroed[3]);
  v4si c = a[0] > 10 ? make(1) : make(2);
  printf("cond %d\n", c[0]);
  return 0;
}
