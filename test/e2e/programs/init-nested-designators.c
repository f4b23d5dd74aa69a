// Positional initializers after a nested designator continue inside the
// designated subobject (C11 6.7.9p17, p20): `[1][1] = 5, 6` puts 6 at [1][2],
// then [2][0]… Static and automatic storage, arrays of arrays, of structs,
// three levels, member chains, anonymous members and GNU ranges.
#include <stdio.h>

struct P { int x, y, z; };
struct Q { int a; struct P p; int b; };
struct A { int k; struct { int m, n; }; int tail; };

int g2[3][3] = { [1][1] = 5, 6, 7, 8 };
int g3[2][2][2] = { [0][1][0] = 1, 2, 3 };
struct P gp[2][2] = { [0][1].y = 1, 2, 3, 4 };
struct Q gq = { .p.y = 10, 11, 12 };
struct A ga = { .m = 20, 21, 22 };
int gr[3][3] = { [0 ... 1][1] = 9, 8, [2][0] = 7, 6 };
int g1[3][3] = { [0 ... 1] = 1, 2 };
struct { int x, y; } gs[3] = { [0 ... 1] = 1, 2 };
int gm[2][3] = { [0][2] = 1, { 2, 3 } };
// A member sharing a bit-field's storage unit, designated after it, keeps the bit-field.
struct B { unsigned short a; unsigned b : 2; long c; };
struct B gb = { .b = 2, .a = 42420 };

static void show(const char *name, const int *p, int n) {
  printf("%s:", name);
  for (int i = 0; i < n; i++) printf(" %d", p[i]);
  printf("\n");
}

int main(void) {
  int l2[3][3] = { [1][1] = 5, 6, 7, 8 };
  int l3[2][2][2] = { [0][1][0] = 1, 2, 3 };
  struct P lp[2][2] = { [0][1].y = 1, 2, 3, 4 };
  struct Q lq = { .p.y = 10, 11, 12 };
  struct A la = { .m = 20, 21, 22 };
  int lm[2][3] = { [0][2] = 1, { 2, 3 } };
  int unknown[][2] = { [2][0] = 1, 2, 3 };
  show("g2", &g2[0][0], 9);
  show("l2", &l2[0][0], 9);
  show("g3", &g3[0][0][0], 8);
  show("l3", &l3[0][0][0], 8);
  show("gp", &gp[0][0].x, 12);
  show("lp", &lp[0][0].x, 12);
  printf("gq: %d %d %d %d %d\n", gq.a, gq.p.x, gq.p.y, gq.p.z, gq.b);
  printf("lq: %d %d %d %d %d\n", lq.a, lq.p.x, lq.p.y, lq.p.z, lq.b);
  printf("ga: %d %d %d %d\n", ga.k, ga.m, ga.n, ga.tail);
  printf("la: %d %d %d %d\n", la.k, la.m, la.n, la.tail);
  show("gr", &gr[0][0], 9);
  show("g1", &g1[0][0], 9);
  printf("gs: %d %d %d %d %d %d\n", gs[0].x, gs[0].y, gs[1].x, gs[1].y, gs[2].x, gs[2].y);
  show("gm", &gm[0][0], 6);
  show("lm", &lm[0][0], 6);
  printf("unknown: %zu\n", sizeof unknown / sizeof unknown[0]);
  show("unknown", &unknown[0][0], 8);
  struct B lb = { .b = 3, .a = 7, .c = 9 };
  printf("gb: %u %u %ld lb: %u %u %ld\n", gb.a, gb.b, gb.c, lb.a, lb.b, lb.c);
  return 0;
}
