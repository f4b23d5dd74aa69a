/* alloca without <alloca.h> (gcc treats it as the builtin) and
   __sync_synchronize, a full memory barrier. */
#include <stdio.h>
#include <string.h>

static int sum_squares(int n) {
  int *squares = alloca(n * sizeof(int));
  for (int i = 0; i < n; i++) squares[i] = i * i;
  __sync_synchronize();
  int s = 0;
  for (int i = 0; i < n; i++) s += squares[i];
  return s;
}

int main(void) {
  char *buf = __builtin_alloca(32);
  strcpy(buf, "stack");
  printf("%s %d %d\n", buf, sum_squares(10), sum_squares(100));
  return 0;
}
