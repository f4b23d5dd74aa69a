/* A store through a pointer that may point into either of two locals
   (a select, or a block parameter after a loop) changes whichever it points
   to: redundant-load elimination must not forward the old value of the
   other one (found by the conformance corpus, control/ternary_nested). */
#include <stdio.h>

static int pick(int k) { return k; }

int main(void) {
  int a = 5, b = 7;
  int *m = a < b ? &a : &b;
  *m += 100;
  printf("%d %d\n", a, b);

  int c = 1, d = 2, e = 3;
  int *p = &c;
  for (int i = 0; i < pick(2); i++) p = i == 0 ? &d : &e;
  *p = 40;
  printf("%d %d %d\n", c, d, e);

  int x = 10, y = 20;
  int *q = pick(1) ? &y : &x;
  *q = *q * 2;
  printf("%d %d\n", x, y);
  return 0;
}
