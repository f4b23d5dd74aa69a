// GNU vectors: comparisons (0 / -1 elements of the same-width signed
// integer type), __builtin_shuffle with one and two inputs, and
// __builtin_convertvector between integer and floating vectors.
#include <stdio.h>

typedef int v4si __attribute__((vector_size(16)));
typedef unsigned int v4usi __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef double v2df __attribute__((vector_size(16)));
typedef long long v2di __attribute__((vector_size(16)));
typedef short v8hi __attribute__((vector_size(16)));
typedef unsigned short v8hu __attribute__((vector_size(16)));
typedef signed char v4qi __attribute__((vector_size(4)));
typedef unsigned char v4qu __attribute__((vector_size(4)));

static void p4(const char *s, v4si v) { printf("%-6s %d %d %d %d\n", s, v[0], v[1], v[2], v[3]); }

int main(void) {
  v4si a = { 1, -2, 3, 4 }, b = { 1, 2, -3, 5 };
  p4("eq", a == b);
  p4("ne", a != b);
  p4("lt", a < b);
  p4("le", a <= b);
  p4("gt", a > b);
  p4("ge", a >= 3);
  v4usi ua = { 1, 0xfffffffeu, 3, 4 }, ub = { 1, 2, 0xfffffffdu, 5 };
  p4("ult", ua < ub);
  v4sf f = { 1.0f, 2.0f, 0.0f / 0.0f, -1.0f };
  p4("flt", f < (v4sf){ 2, 2, 2, 2 });
  p4("fne", f != f);
  v2df d = { 1.5, -1.5 };
  v2di dm = d > 0;
  printf("dgt %lld %lld\n", dm[0], dm[1]);
  v8hu hu = { 1, 65535, 3, 4, 5, 6, 7, 8 };
  v8hi hm = hu > 2;
  printf("hgt");
  for (int i = 0; i < 8; i++) printf(" %d", hm[i]);
  printf("\n");
  v4si sel = (a > b & a) | (~(a > b) & b);
  p4("max", sel);

  p4("shuf1", __builtin_shuffle(a, (v4si){ 3, 2, 1, 0 }));
  p4("shuf1m", __builtin_shuffle(a, (v4si){ 4, 5, -1, 10 }));
  p4("shuf2", __builtin_shuffle(a, b, (v4si){ 0, 4, 1, 7 }));
  p4("shuf2m", __builtin_shuffle(a, b, (v4si){ 9, 15, -8, 3 }));
  v4si x = a;
  x = __builtin_shuffle(x, x, (v4si){ 1, 0, 5, 4 });
  p4("self", x);
  v8hi h = { 10, 11, 12, 13, 14, 15, 16, 17 };
  v8hi hs = __builtin_shuffle(h, (v8hi){ 7, 6, 5, 4, 3, 2, 1, 0 });
  printf("hshuf");
  for (int i = 0; i < 8; i++) printf(" %d", hs[i]);
  printf("\n");
  v2df ds = __builtin_shuffle(d, (v2di){ 1, 0 });
  printf("dshuf %g %g\n", ds[0], ds[1]);

  v4sf cf = __builtin_convertvector(a, v4sf);
  printf("cvt %g %g %g %g\n", cf[0], cf[1], cf[2], cf[3]);
  v4si ci = __builtin_convertvector((v4sf){ 1.9f, -1.9f, 1e3f, -0.5f }, v4si);
  p4("cvti", ci);
  v4qi nq = __builtin_convertvector((v4si){ 127, 128, -129, 300 }, v4qi);
  printf("cvtq %d %d %d %d\n", nq[0], nq[1], nq[2], nq[3]);
  v4si wq = __builtin_convertvector((v4qu){ 255, 0, 1, 128 }, v4si);
  p4("cvtw", wq);
  return 0;
}
