/* A backward goto out of a VLA block releases its memory: 300000 rounds of an 8 KiB VLA fit in the stack. */
#include <stdio.h>
int main(void) {
  long i = 0, t = 0;
again: {
    char big[8192 + (i & 3)];
    big[0] = (char)i; t += big[0] & 1;
    if (++i < 300000) goto again;
  }
  printf("%ld\n", t);
  return 0;
}
