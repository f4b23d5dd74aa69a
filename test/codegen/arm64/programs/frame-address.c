/* __builtin_frame_address(0) read in blocks other than the entry (x29 must
   not be tracked as a value live across blocks; torture 20030323-1). */
#include <stdio.h>

static char *outer;

__attribute__((noinline)) int inner(int k) {
  char *p;
  switch (k) {
  case 0: p = __builtin_frame_address(0); break;
  case 1: p = (char *)__builtin_frame_address(0) + 1; break;
  case 2: p = (char *)__builtin_frame_address(0) + 2; break;
  case 3: p = (char *)__builtin_frame_address(0) + 3; break;
  default: p = 0; break;
  }
  if (p == 0) return -1;
  /* inner's frame lies below main's; its own frame address is the same in every case. */
  return (p < outer) * 10 + (int)(p - (char *)__builtin_frame_address(0));
}

int main(void) {
  outer = __builtin_frame_address(0);
  for (int k = 0; k < 5; k++) printf("%d: %d\n", k, inner(k));
  return 0;
}
