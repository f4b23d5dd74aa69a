/* A 1 KiB VLA in a loop body of 1e6 iterations: the stack is released each iteration (also on continue/break). */
#include <stdio.h>
#include <string.h>

int main(void) {
  long total = 0;
  for (long i = 0; i < 1000000; i++) {
    int n = 1024 + (int)(i & 7);
    char buf[n];
    memset(buf, (int)(i & 0x7f), (size_t)n);
    total += buf[n - 1];
    if (i % 3 == 0) continue;
    total += 1;
  }
  int j = 0;
  while (1) {
    char big[4096 + j];
    big[0] = (char)j;
    if (++j == 200000) break;
  }
  printf("%ld %d\n", total, j);
  return 0;
}
