/* abs, labs and llabs are built-in functions to gcc even at -O0: a call
   with the standard prototype is computed inline, so a program's own later
   definition is not what runs (torture 20021127-1); an argument with side
   effects is evaluated once. */
#include <stdio.h>
#include <stdlib.h>

long long big = -5000000000LL;
static int calls;
static int next(void) { return -(++calls); }

int main(void) {
  int i = -7;
  long l = -8;
  printf("%d %ld %lld\n", abs(i), labs(l), llabs(big));
  int n = abs(next());
  printf("%d %d\n", n, calls);
  printf("%d\n", abs(-2147483647));
  return 0;
}
