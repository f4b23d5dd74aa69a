/* The caller side of the vector ABI pair: prints every result. */
#include <stdio.h>
#include "vec.h"

static void p4(const char *s, v4si v) { printf("%s %d %d %d %d\n", s, v[0], v[1], v[2], v[3]); }
static v4si sub4(v4si a, v4si b) { return a - b; }

int main(void) {
  v4si a = { 1, 2, 3, 4 }, b = { 10, 20, 30, 40 };
  p4("add4", add4(a, b));
  v4sf f = mul4f((v4sf){ 1.5f, 2, 3, 4 }, (v4sf){ 2, 2, 2, 0.5f });
  printf("mul4f %g %g %g %g\n", f[0], f[1], f[2], f[3]);
  v2df d = sub2d((v2df){ 5.5, 1 }, (v2df){ 0.25, 3 });
  printf("sub2d %g %g\n", d[0], d[1]);
  v2si s = swap2((v2si){ 7, -8 });
  printf("swap2 %d %d\n", s[0], s[1]);
  v2hi h = neg2h((v2hi){ 300, -5 });
  printf("neg2h %d %d\n", h[0], h[1]);
  v8si e = twice8((v8si){ 1, 2, 3, 4, 5, 6, 7, 8 });
  printf("twice8 %d %d %d %d %d %d %d %d\n", e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7]);
  struct wrap w = wrapped((struct wrap){ { 1, -2, 3, -4 } }, 3);
  p4("wrapped", w.v);
  struct mixed m = mixed_add((struct mixed){ { 10, 4 }, 5 });
  printf("mixed %d %d %d\n", m.v[0], m.v[1], m.x);
  p4("sum9", sum9(1, 2, 3, 4, 5, 6, 7, a, a, a, a, a, a, a, a, b));
  printf("mix %g\n", mix(0.5, a, 0.25f, (v2df){ 3, 4 }));
  p4("vsum", vsum(3, a, b, (v4si){ 100, 200, 300, 400 }));
  p4("apply", apply(sub4, b, a));
  printf("stack32 %d\n", stack32(1, 2, 3, 4, 5, 6, 7, (v8si){ 5, 6, 7, 8, 9, 10, 11, 12 }));
  return 0;
}
