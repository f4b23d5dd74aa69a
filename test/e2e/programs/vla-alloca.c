/* __builtin_alloca / alloca: 16-byte aligned, distinct blocks that live until
   the function returns, in a loop, across calls with stack-passed arguments,
   with an explicit alignment, and in a recursive function. */
#include <stdio.h>
#include <string.h>
#include <alloca.h>

static long many(long a, long b, long c, long d, long e, long f, long g, long h, long i) {
  return a + b + c + d + e + f + g + h * 10 + i * 100;
}

static int depth_sum(int n) {
  if (n == 0) return 0;
  int *p = alloca(n * sizeof(int));
  for (int i = 0; i < n; i++) p[i] = n;
  int below = depth_sum(n - 1);
  int s = 0;
  for (int i = 0; i < n; i++) s += p[i];
  return s + below;
}

int main(void) {
  char *blocks[8];
  int aligned = 1;
  for (int i = 0; i < 8; i++) {
    blocks[i] = alloca(i * 5 + 1);
    memset(blocks[i], 'a' + i, i * 5 + 1);
    if ((unsigned long)blocks[i] % 16 != 0) aligned = 0;
  }
  int intact = 1;
  for (int i = 0; i < 8; i++)
    for (int k = 0; k < i * 5 + 1; k++)
      if (blocks[i][k] != 'a' + i) intact = 0;
  printf("aligned=%d intact=%d\n", aligned, intact);
  long *v = __builtin_alloca(4 * sizeof(long));
  for (int i = 0; i < 4; i++) v[i] = i + 1;
  printf("%ld\n", many(v[0], v[1], v[2], v[3], 5, 6, 7, v[1], v[2]));
  char *big = __builtin_alloca_with_align(100, 512);
  printf("align512=%d\n", (int)((unsigned long)big % 64 == 0));
  printf("recursive=%d\n", depth_sum(10));
  return 0;
}
